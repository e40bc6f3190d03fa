import ArgumentParser
import Foundation
import QualCode
import WorkMapping

extension MapCommand {
    struct Step: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add, order, merge and list the steps of the work.",
            subcommands: [Add.self, Move.self, Merge.self, List.self], defaultSubcommand: List.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a step, last or before another.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The step's name.") var name: String
            @Option(help: "The step it comes before (default: last).") var before: String?
            @Option(help: "What the step is.") var description: String?
            @Option(help: "Whose account it comes from.") var source: String?
            @Flag(name: .customLong("order-not-fixed"), help: "The work does not always come in this order.") var orderNotFixed = false

            func run() throws {
                let map = try project.openWorkMap()
                var after: WorkMapping.NodeReference?
                if let before {
                    let ahead = try map.resolve(before, as: .step)
                    let steps = try map.steps()
                    if let index = steps.firstIndex(where: { $0.id == ahead }), index > 0 { after = .init(.step, steps[index - 1].id) }
                    let step = try map.addStep(name, after: after?.id, description: description, orderNotFixed: orderNotFixed, source: source)
                    if after == nil { try map.moveStep(step.id, to: 1) }
                    Output.line("Added step \(step.name) before \(before)")
                    return
                }
                let step = try map.addStep(name, description: description, orderNotFixed: orderNotFixed, source: source)
                Output.line("Added step \(step.name) (\(step.position))")
            }
        }

        struct Move: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Move a step to another place in the order (1 is first).")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The step.") var name: String
            @Option(help: "Its new place, 1 for first.") var to: Int

            func run() throws {
                let map = try project.openWorkMap()
                try map.moveStep(try map.resolve(name, as: .step), to: to)
                Output.line("Moved \(name) to place \(to)")
            }
        }

        struct Merge: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Merge steps into the first named: actions, texts, links and evidence go with it.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The steps, the one to keep first.") var names: [String]

            func validate() throws {
                if names.count < 2 { throw ValidationError("name at least two steps, the one to keep first.") }
            }

            func run() throws {
                let map = try project.openWorkMap()
                let report = try map.mergeSteps(try names.map { try map.resolve($0, as: .step) })
                Output.line("Merged \(report.merged.joined(separator: ", ")) into \(report.step.name): \(report.actionsMoved) action(s) moved, "
                            + "\(report.actionsJoined) joined, \(report.textsMoved) text(s), \(report.linksMoved) link(s)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The steps in order.")
            @OptionGroup var project: ProjectOptions
            @Flag(help: "Print the result as JSON.") var json = false

            func run() throws {
                let steps = try project.openWorkMap().steps()
                if json { try Output.printJSON(steps); return }
                for step in steps {
                    Output.line("\(step.position). \(step.name)\(step.orderNotFixed ? " (order not fixed)" : "")"
                                + (step.mergedFrom.map { " — merged from \($0)" } ?? ""))
                }
            }
        }
    }

    struct Action: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an action within a step.", subcommands: [Add.self], defaultSubcommand: Add.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add an action within a step.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The action («Informasjonssamtale»).") var name: String
            @Option(help: "The step it belongs to.") var step: String

            func run() throws {
                let map = try project.openWorkMap()
                let action = try map.addAction(name, in: try map.resolve(step, as: .step))
                Output.line("Added action \(action.name) in \(step)")
            }
        }
    }

    struct Actor: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an actor (a role).", subcommands: [Add.self], defaultSubcommand: Add.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add an actor: a role, not a person.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The role («NAV-veileder»).") var name: String
            @Option(help: "What the role does.") var role: String?
            @Option(help: "Where it sits (NAV, helse, kommune, privat).") var institution: String?
            @Flag(help: "Works elsewhere or at another time than the standpoint's work.") var translocal = false

            func run() throws {
                let actor = try project.openWorkMap().addActor(name, role: role, institution: institution, locality: translocal ? .translocal : .local)
                Output.line("Added actor \(actor.name) (\(actor.locality.rawValue))")
            }
        }
    }

    struct Text: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add, list and attach files to the texts that coordinate the work.",
                                                        subcommands: [Add.self, List.self, Attach.self, File.self], defaultSubcommand: List.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a text: tied to one step (--step) or governing the whole process (--process).")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The text («Kartleggingsmal»).") var name: String
            @Option(help: "law, boss-text, method, quality-tool, form, plan, system or target.") var kind: MapTextKind
            @Option(help: "The step it is used in.") var step: String?
            @Flag(help: "It governs the whole process (drawn above the steps).") var process = false
            @Option(help: "Who issued it.") var issuer: String?
            @Option(help: "Its version (e.g. 2019).") var version: String?
            @Option(help: "Its date.") var date: String?
            @Option(help: "Where the copy came from («tilsendt fra kontoret», «offentlig»).") var provenance: String?
            @Option(help: "A note on the text.") var note: String?
            @Option(help: "A copy of the text to keep with it (PDF, DOCX; at most 20 MB).") var file: String?

            func validate() throws {
                if (step == nil) == !process { throw ValidationError("give exactly one of --step STEP or --process.") }
            }

            func run() throws {
                let map = try project.openWorkMap()
                let text = try map.addText(name, kind: kind, scope: process ? .process : .step, step: try step.map { try map.resolve($0, as: .step) },
                                           issuer: issuer, version: version, date: date, provenance: provenance, note: note,
                                           file: file.map { URL(fileURLWithPath: $0) })
                Output.line("Added text \(text.name) (\(text.kind.argument), \(process ? "whole process" : "step \(step ?? "")"))")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The texts, their kind, issuer and version, and the step they belong to.")
            @OptionGroup var project: ProjectOptions
            @Flag(help: "Print the result as JSON.") var json = false

            func run() throws {
                let map = try project.openWorkMap()
                let texts = try map.texts()
                if json { try Output.printJSON(texts); return }
                let steps = Dictionary(uniqueKeysWithValues: try map.steps().map { ($0.id, $0.name) })
                for text in texts {
                    let facts = [text.kind.argument, text.issuer, text.version, text.stepId.flatMap { steps[$0] }.map { "step \($0)" } ?? "whole process",
                                 text.fileName.map { "file \($0)" }].compactMap { $0 }
                    Output.line("\(text.name)  (\(facts.joined(separator: ", ")))")
                    for clause in try map.clauses(of: text.id) {
                        Output.line("  clause  \(ClauseCitation(clause: clause, text: text.name).label)")
                    }
                }
            }
        }

        struct Attach: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Keep a copy of the text itself with it (replaces one attached before).")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The text.") var name: String
            @Argument(help: "The file (at most 20 MB).") var file: String

            func run() throws {
                let map = try project.openWorkMap()
                let id = try map.resolve(name, as: .text)
                try map.attachFile(to: id, from: URL(fileURLWithPath: file))
                Output.line("Attached \((file as NSString).lastPathComponent) to \(name)")
            }
        }

        struct File: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Write out the file attached to a text.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The text.") var name: String
            @Option(name: .shortAndLong, help: "Where to write it (default: its own name, here).") var output: String?

            func run() throws {
                let map = try project.openWorkMap()
                guard let file = try map.textFile(try map.resolve(name, as: .text)) else {
                    throw ValidationError("the text \"\(name)\" has no file attached (`map text attach`).")
                }
                let path = output ?? file.name
                try ExportDestination.check(URL(fileURLWithPath: path), protecting: [try? ProjectLocator.locate(explicit: project.project)].compactMap { $0 })
                try ExportFile.write(file.data, to: URL(fileURLWithPath: path))
                Output.line("Wrote \(path) (\(file.data.count) bytes)")
            }
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link two things of the map: precedes, part-of, performs, uses, produces, governs, regulates, coordinates-with, reports-to.",
            discussion: "Name each end as kind:name — step:Henvisning, action:Informasjonssamtale, actor:NAV-veileder, text:Kartleggingsmal.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "How they are related.") var kind: MapLinkKind
        @Argument(help: "From, as kind:name.") var from: NodeArgument
        @Argument(help: "To, as kind:name.") var to: NodeArgument

        func run() throws {
            let map = try project.openWorkMap()
            try map.link(kind, from: try from.reference(in: map), to: try to.reference(in: map))
            Output.line("Linked \(from.name) \(kind.argument) \(to.name)")
        }
    }

    struct Evidence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Back a step, action, actor, text, disjuncture or link with a passage or a text's clause.",
            discussion: """
                A passage is coded with the node's code (a link's code is made with its first passage), so it \
                re-anchors when the transcript is edited and shows in `retrieve`. A clause is what a text says.

                For example:
                  qualcode map evidence add step:Henvisning siv --quote "vi får en henvisning"
                  qualcode map evidence add step:Henvisning siv --link precedes \\
                    --to "step:Bli kjent" --lines 12-13
                  qualcode map evidence cite step:Jobbsøk "Kvalitetsveileder:Tid ute"
                  qualcode map evidence list step:Henvisning
                """,
            subcommands: [Add.self, Cite.self, List.self], defaultSubcommand: List.self)

        /// `--link KIND --to NODE`: the link from the node argument, instead of the node itself.
        struct LinkOptions: ParsableArguments {
            @Option(help: "Back the link of this kind from the node…") var link: MapLinkKind?
            @Option(help: "…to this node (kind:name).") var to: NodeArgument?

            func validate() throws {
                if (link == nil) != (to == nil) { throw ValidationError("--link and --to go together.") }
            }

            /// The link named, or nil when the node itself is meant.
            func linkID(from node: NodeArgument, in map: WorkMapping) throws -> MapLink.ID? {
                guard let link, let to else { return nil }
                let from = try node.reference(in: map), end = try to.reference(in: map)
                guard let found = try map.existingLink(link, from: from, to: end) else {
                    throw MapError.linkNotFound(id: "\(node.name) \(link.argument) \(to.name)")
                }
                return found.id
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Code a passage with the node's (or link's) code, as its evidence.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The node, as kind:name (the link's start with --link).") var node: NodeArgument
            @Argument(help: "The transcript.") var transcript: String
            @OptionGroup var link: LinkOptions
            @OptionGroup var segment: SegmentSelectorOptions

            func run() throws {
                let map = try project.openWorkMap()
                let transcriptID = try map.store.resolve.transcript(transcript)
                let result: CodingResult
                var what = node.name
                if let linkID = try link.linkID(from: node, in: map) {
                    result = try map.addEvidence(to: linkID, transcript: transcriptID, try segment.selector())
                    what = try map.evidence(ofLink: linkID).name
                } else {
                    result = try map.addEvidence(to: try node.reference(in: map), transcript: transcriptID, try segment.selector())
                }
                Output.line("\(result.segment.id.shortID)  \(result.segment.transcript) line \(result.segment.lineLabel): evidence for \(what)")
            }
        }

        struct Cite: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Cite a clause of a text (`map clause add`) as evidence for a node or link.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The node, as kind:name (the link's start with --link).") var node: NodeArgument
            @Argument(help: "The clause, as TEXT:LABEL («Kvalitetsveileder:Tid ute»).") var clause: String
            @OptionGroup var link: LinkOptions

            func run() throws {
                let map = try project.openWorkMap()
                let clauseID = try map.resolveClause(clause)
                if let linkID = try link.linkID(from: node, in: map) {
                    try map.cite(clauseID, forLink: linkID)
                    Output.line("Cited \(clause) for \(try map.evidence(ofLink: linkID).name)")
                } else {
                    try map.cite(clauseID, for: try node.reference(in: map))
                    Output.line("Cited \(clause) for \(node.name)")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The passages and clauses that back a node or link, and how many informants.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The node, as kind:name (the link's start with --link).") var node: NodeArgument
            @OptionGroup var link: LinkOptions
            @Flag(help: "Print the result as JSON.") var json = false

            func run() throws {
                let map = try project.openWorkMap()
                let backing: any MapBacking = if let linkID = try link.linkID(from: node, in: map) {
                    try map.evidence(ofLink: linkID)
                } else {
                    try map.evidence(of: try node.reference(in: map))
                }
                if json { try Output.printJSON(backing); return }
                let (name, evidence, informants, orphaned, clauses) = (backing.name, backing.evidence, backing.informants, backing.orphaned,
                                                                         backing.clauses)
                Output.line("\(name): \(evidence.count) passage(s) from \(informants.count) informant(s)"
                            + (orphaned > 0 ? ", \(orphaned) whose text was removed" : "")
                            + (clauses.isEmpty ? "" : ", \(clauses.count) clause(s)"))
                for item in evidence {
                    Output.line("  \(item.segment.shortID)  \(item.transcript)  \(item.informants.joined(separator: ", "))\(item.isOrphaned ? "  (text removed)" : "")")
                }
                for citation in clauses { Output.line("  clause  \(citation.label)") }
            }
        }
    }
}
