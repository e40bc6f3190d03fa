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
        static let configuration = CommandConfiguration(abstract: "Add a text that coordinates the work.", subcommands: [Add.self], defaultSubcommand: Add.self)

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

            func validate() throws {
                if (step == nil) == !process { throw ValidationError("give exactly one of --step STEP or --process.") }
            }

            func run() throws {
                let map = try project.openWorkMap()
                let text = try map.addText(name, kind: kind, scope: process ? .process : .step, step: try step.map { try map.resolve($0, as: .step) },
                                           issuer: issuer, version: version, date: date)
                Output.line("Added text \(text.name) (\(text.kind.argument), \(process ? "whole process" : "step \(step ?? "")"))")
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
            Output.line("Linked \(from.name) \(kind.rawValue) \(to.name)")
        }
    }

    struct Evidence: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Back a step, action, actor, text or disjuncture with a passage.",
                                                        subcommands: [Add.self, List.self], defaultSubcommand: List.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Code a passage with the node's code, as its evidence.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The node, as kind:name.") var node: NodeArgument
            @Argument(help: "The transcript.") var transcript: String
            @OptionGroup var segment: SegmentSelectorOptions

            func run() throws {
                let map = try project.openWorkMap()
                let result = try map.addEvidence(to: try node.reference(in: map), transcript: try map.store.resolve.transcript(transcript),
                                                 try segment.selector())
                Output.line("\(result.segment.id.shortID)  \(result.segment.transcript) line \(result.segment.lineLabel): evidence for \(node.name)")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The passages that back a node, and how many informants they come from.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The node, as kind:name.") var node: NodeArgument
            @Flag(help: "Print the result as JSON.") var json = false

            func run() throws {
                let map = try project.openWorkMap()
                let backing = try map.evidence(of: try node.reference(in: map))
                if json { try Output.printJSON(backing); return }
                Output.line("\(backing.name): \(backing.evidence.count) passage(s) from \(backing.informants.count) informant(s)"
                            + (backing.orphaned > 0 ? ", \(backing.orphaned) whose text was removed" : ""))
                for item in backing.evidence {
                    Output.line("  \(item.segment.shortID)  \(item.transcript)  \(item.informants.joined(separator: ", "))\(item.isOrphaned ? "  (text removed)" : "")")
                }
            }
        }
    }
}
