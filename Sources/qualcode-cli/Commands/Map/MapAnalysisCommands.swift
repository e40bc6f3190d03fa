import ArgumentParser
import Foundation
import QualCode
import WorkMapping

extension MapDisjunctureKind: KebabCaseArgument {}

extension MapCommand {
    struct Problematic: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "State the problematic, and revise it: every version is kept.",
            discussion: """
                For example:
                  qualcode map problematic add "Hvordan styrer skjemaene arbeidet?"
                  qualcode map problematic add "Hva blir usynlig?" --supersedes latest
                  qualcode map problematic list --history
                """,
            subcommands: [Add.self, List.self], defaultSubcommand: List.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a statement of the problematic, or a new version of one.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The statement.") var statement: String
            @Option(help: "The statement it replaces: its id (from `list`) or «latest».") var supersedes: String?

            func run() throws {
                let map = try project.openWorkMap()
                let earlier = try supersedes.map { try map.resolveProblematic($0) }
                let entry = try map.addProblematic(statement, supersedes: earlier)
                Output.line("\(entry.id.shortID)  \(entry.statement)\(earlier == nil ? "" : " (replaces \(earlier!.shortID))")")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The statements in force (with --history, every version).")
            @OptionGroup var project: ProjectOptions
            @Flag(help: "Every version, the replaced ones too.") var history = false
            @Flag(help: "Print the result as JSON.") var json = false

            func run() throws {
                let entries = try project.openWorkMap().problematic(history: history)
                if json { try Output.printJSON(entries); return }
                for entry in entries {
                    Output.line("\(entry.id.shortID)  \(entry.statement)  (\(entry.createdBy)\(entry.supersedes.map { ", replaces \($0.shortID)" } ?? ""))")
                }
            }
        }
    }

    struct Clause: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a clause or a target from a text (what it requires, a metric with its value).",
            discussion: """
                For example:
                  qualcode map clause add Kvalitetsveileder "Tid ute" --value 65 --unit %
                  qualcode map clause add Forskrift "§ 5" --excerpt "Inntil ett år"
                """,
            subcommands: [Add.self], defaultSubcommand: Add.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Take a clause or target from a text.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The text it is taken from.") var text: String
            @Argument(help: "A short label («Tid ute»).") var label: String
            @Option(help: "What the text says, in short or quoted.") var excerpt: String?
            @Option(help: "What a target measures.") var metric: String?
            @Option(help: "The target's value (a number).") var value: Double?
            @Option(help: "Its unit («%», «dager»).") var unit: String?
            @Option(help: "Where in the text (section, page).") var place: String?

            func run() throws {
                let map = try project.openWorkMap()
                let textID = try map.resolve(text, as: .text)
                let clause = try map.addClause(to: textID, label: label, excerpt: excerpt, metric: metric, value: value, unit: unit, place: place)
                Output.line("Added clause \(ClauseCitation(clause: clause, text: text).label)")
            }
        }
    }

    struct Disjuncture: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record where the texts and the accounts do not fit: text–practice, text–text, text–context.",
            discussion: """
                Back it with passages like a node: `map evidence add disjuncture:NAME`.

                For example:
                  qualcode map disjuncture add "Tid ute" --kind text-practice \\
                    --step Jobbsøk --clause "Kvalitetsveileder:Tid ute" \\
                    --problematic latest --note "Målet teller tid ute; …"
                  qualcode map disjuncture list
                """,
            subcommands: [Add.self, List.self], defaultSubcommand: List.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Record a disjuncture.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "A short name («Samtykke før tillit»).") var name: String
            @Option(help: "text-practice, text-text or text-context.") var kind: MapDisjunctureKind
            @Option(help: "The step it concerns.") var step: String?
            @Option(help: "A clause it sets against the accounts, as TEXT:LABEL (repeatable).") var clause: [String] = []
            @Option(help: "The statement of the problematic it bears on: its id or «latest».") var problematic: String?
            @Option(help: "What does not fit, in a sentence or two.") var note: String?

            func run() throws {
                let map = try project.openWorkMap()
                let entry = try map.addDisjuncture(name, kind: kind, step: try step.map { try map.resolve($0, as: .step) },
                                                   clauses: try clause.map { try map.resolveClause($0) },
                                                   problematic: try problematic.map { try map.resolveProblematic($0) }, note: note)
                Output.line("Added disjuncture \(entry.name) (\(entry.kind.argument))")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The disjunctures, with their clauses and evidence.")
            @OptionGroup var project: ProjectOptions
            @Flag(help: "Print the result as JSON.") var json = false

            func run() throws {
                let map = try project.openWorkMap()
                let entries = try map.disjunctures()
                if json { try Output.printJSON(entries); return }
                for entry in entries {
                    let backing = try map.evidence(of: .init(.disjuncture, entry.id))
                    Output.line("\(entry.name)  (\(entry.kind.argument); \(backing.evidence.count) passage(s) from \(backing.informants.count) informant(s))")
                    if let note = entry.note { Output.line("  \(note)") }
                    for citation in backing.clauses { Output.line("  clause  \(citation.label)") }
                }
            }
        }
    }

    struct Term: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Institutional-capture terms («kartlegging», «jobbmatch»): where they occur and whether they were unpacked.",
            discussion: """
                `scan` finds each term as a phrase in every transcript; `map status` lists the terms found and \
                not yet unpacked.

                For example:
                  qualcode map term add kartlegging --follow-up "Hva gjør du da?"
                  qualcode map term scan
                  qualcode map term unpacked kartlegging --definition "Samtaler"
                """,
            subcommands: [Add.self, Unpacked.self, Scan.self, List.self], defaultSubcommand: List.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a term to watch for.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The term.") var term: String
            @Option(name: .customLong("follow-up"), help: "The question to ask about it in the next interview.") var followUp: String?
            @Option(help: "What the informants say it means.") var definition: String?

            func run() throws {
                let entry = try project.openWorkMap().addTerm(term, followUp: followUp, definition: definition)
                Output.line("Added term \(entry.term)")
            }
        }

        struct Unpacked: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Mark a term as unpacked into the work it stands for (or, with --not, as not).")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The term.") var term: String
            @Option(help: "What the informants say it means.") var definition: String?
            @Flag(name: .customLong("not"), help: "Not unpacked after all.") var notUnpacked = false

            func run() throws {
                let map = try project.openWorkMap()
                let entry = try map.setUnpacked(try map.resolveTerm(term), !notUnpacked, definition: definition)
                Output.line("\(entry.term): \(entry.unpacked ? "unpacked" : "not unpacked")")
            }
        }

        struct Scan: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Find every term in the transcripts.")
            @OptionGroup var project: ProjectOptions
            @Option(help: "Lines to list per term.") var limit = 5
            @Flag(help: "Print the result as JSON.") var json = false

            func validate() throws {
                if limit < 0 { throw ValidationError("--limit must be 0 or more (got \(limit)).") }
            }

            func run() throws {
                let found = try project.openWorkMap().scanTerms(limit: limit)
                if json { try Output.printJSON(found); return }
                for entry in found {
                    let where_ = entry.byTranscript.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    Output.line("\(entry.term.term)  \(entry.total) line(s)\(where_.isEmpty ? "" : " — \(where_)")\(entry.term.unpacked ? "  (unpacked)" : "")")
                    for hit in entry.hits { Output.line("  \(hit.transcript) \(hit.line): \(hit.snippet)") }
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The terms, whether unpacked, and the follow-up questions.")
            @OptionGroup var project: ProjectOptions
            @Flag(help: "Print the result as JSON.") var json = false

            func run() throws {
                let terms = try project.openWorkMap().terms()
                if json { try Output.printJSON(terms); return }
                for term in terms {
                    Output.line("\(term.term)  (\(term.unpacked ? "unpacked" : "not unpacked"))")
                    if let definition = term.definition { Output.line("  means: \(definition)") }
                    if let followUp = term.followUp { Output.line("  ask: \(followUp)") }
                }
            }
        }
    }

    struct Question: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The standing questions each transcript is read with, and the answers (memos on the transcript).",
            discussion: """
                For example:
                  qualcode map question list
                  qualcode map question answer 1 siv "Henvisning, så kartlegging."
                  qualcode map question answers siv
                """,
            subcommands: [List.self, Answer.self, Answers.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The standing questions, numbered.")
            @OptionGroup var project: ProjectOptions

            func run() throws {
                for question in try project.openWorkMap().questions() { Output.line("\(question.position). \(question.text)") }
            }
        }

        struct Answer: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Answer a standing question for one transcript.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The question's number (from `list`).") var number: Int
            @Argument(help: "The transcript.") var transcript: String
            @Argument(help: "The answer.") var text: String

            func run() throws {
                let map = try project.openWorkMap()
                guard let question = try map.questions().first(where: { $0.position == number }) else {
                    throw ValidationError("no standing question \(number); `map question list` numbers them.")
                }
                let memo = try map.answer(question.id, for: try map.store.resolve.transcript(transcript), text)
                Output.line("\(memo.id.shortID)  answer to \(number) for \(transcript)")
            }
        }

        struct Answers: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "A transcript's answers, by question.")
            @OptionGroup var project: ProjectOptions
            @Argument(help: "The transcript.") var transcript: String

            func run() throws {
                let map = try project.openWorkMap()
                for (question, answers) in try map.answers(for: try map.store.resolve.transcript(transcript)) {
                    Output.line("\(question.position). \(question.text)")
                    for answer in answers { Output.line("   \(answer)") }
                    if answers.isEmpty { Output.line("   (not answered)") }
                }
            }
        }
    }
}
