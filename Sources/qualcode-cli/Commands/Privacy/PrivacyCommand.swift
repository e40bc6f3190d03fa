import ArgumentParser
import Foundation
import Privacy
import QualCode

/// `qualcode privacy …`: what in the transcripts could identify someone.
struct PrivacyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: "Find what could identify someone in the transcripts.",
        subcommands: [Scan.self, Apply.self, Dismiss.self, Restore.self, Policy.self])
}

extension PrivacyCommand {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List national identity numbers, phone numbers, e-mail addresses and the key's names and terms.",
            discussion: """
                Suggests, never changes: each finding with its number (for `privacy apply`), \
                transcript, line, kind, text and the suggested replacement. National identity numbers are found only with valid check \
                digits; names come from the pseudonym key (replaced by the pseudonym) and places and \
                employers from its dictionary, when the project has a key. Gendered pronouns (han, hun, \
                ham, henne, hans, hennes) are findings when the project writes «hen» (`privacy policy \
                hen`), or with --pronouns.

                For example:
                  qualcode privacy scan
                  qualcode privacy scan intervju-eva --kind phone-number --kind email
                  qualcode privacy scan --pronouns --json
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Flag(help: "Print JSON.") var json = false
        @Argument(help: "Transcripts to scan (all when none).") var transcripts: [String] = []
        @Option(name: .customLong("kind"), help: ArgumentHelp("Only this kind (repeat): \(KindChoice.allCases.map(\.rawValue).joined(separator: ", ")).",
                                                                valueName: "kind"))
        var kinds: [KindChoice] = []
        @Flag(help: "Also gendered pronouns, for a project that writes «hen».") var pronouns = false
        @Flag(help: "Also the findings someone dismissed (marked so).") var dismissed = false

        func run() throws {
            let store = try project.openStore()
            let privacy = Privacy(store)
            let key = try secret.key(of: privacy)
            let ids = try transcripts.map { try store.resolve.transcript($0) }
            var results = try privacy.scan(ids, key: key, pronouns: pronouns || kinds.contains(.pronoun) ? true : nil, kinds: Set(kinds.map(\.kind)))
            let hidden = results.reduce(0) { $0 + $1.findings.filter(\.dismissed).count }
            if !dismissed { for index in results.indices { results[index].findings.removeAll(where: \.dismissed) } }
            if json { return try Output.printJSON(results) }
            for result in results {
                for finding in result.findings {
                    Output.line("\(finding.id)  \(result.name):\(finding.line)  \(finding.kind.english)  «\(finding.text)» → \(finding.replacement)"
                                + (finding.dismissed ? "  (dismissed)" : ""))
                }
            }
            let total = results.reduce(0) { $0 + $1.findings.count }
            Output.line("\(total) finding(s) in \(results.filter { !$0.findings.isEmpty }.count) of \(results.count) transcript(s)."
                        + (!dismissed && hidden > 0 ? " \(hidden) dismissed not shown (--dismissed)." : ""))
            if key == nil { Output.note("No pseudonym key: names and the dictionary were not looked for (qualcode key init).") }
        }
    }
}

extension PrivacyCommand {
    enum KindChoice: String, ExpressibleByArgument, CaseIterable {
        case nationalIdentityNumber = "national-id", phoneNumber = "phone-number", email, name, place, employer, pronoun
        var kind: FindingKind {
            switch self {
            case .nationalIdentityNumber: .nationalIdentityNumber
            case .phoneNumber: .phoneNumber
            case .email: .email
            case .name: .name
            case .place: .place
            case .employer: .employer
            case .pronoun: .pronoun
            }
        }
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply findings of the scan as redactions: by number, or all of some kinds.",
            discussion: """
                Each finding's text is replaced by its suggestion in the transcript; coded passages stay \
                coded, on the replacement. The words replaced are taken out of the event log's earlier \
                entries, orphaned segments, edited quotes and the condensation's and work map's texts, \
                and out of the file's free pages, the search index and the write-ahead log; the log \
                records that a redaction was made, by whom and when (transcript.redact), not the words.

                For example:
                  qualcode privacy apply 3f9a0c2b41d7 8e21f0aa93c4
                  qualcode privacy apply --all --kind phone-number --kind email
                  qualcode privacy apply --all --transcript intervju-eva
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Argument(help: "The findings' numbers, as `privacy scan` lists them.") var ids: [String] = []
        @Flag(help: "Apply every finding (of the kinds and transcripts given).") var all = false
        @Option(name: .customLong("kind"), help: ArgumentHelp("Only this kind (repeat).", valueName: "kind")) var kinds: [KindChoice] = []
        @Option(name: .customLong("transcript"), help: ArgumentHelp("Only in this transcript (repeat).", valueName: "transcript"))
        var transcripts: [String] = []
        @Flag(help: "Also gendered pronouns, for a project that writes «hen».") var pronouns = false

        func validate() throws {
            if ids.isEmpty && !all { throw ValidationError("name the findings to apply by number, or pass --all.") }
            if !ids.isEmpty && all { throw ValidationError("numbers and --all do not go together.") }
        }

        func run() throws {
            let store = try project.openStore()
            let privacy = Privacy(store)
            let key = try secret.key(of: privacy)
            let choice = RedactionChoice(transcripts: try transcripts.map { try store.resolve.transcript($0) }, kinds: Set(kinds.map(\.kind)),
                                         ids: Set(ids.map { $0.lowercased() }), pronouns: pronouns || kinds.contains(.pronoun) ? true : nil)
            let report = try privacy.apply(choice, key: key)
            for transcript in report.transcripts {
                let kinds = transcript.byKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                Output.line("\(transcript.name): \(transcript.applied) redaction(s) (\(kinds)); \(transcript.segmentsChanged) coded passage(s) now hold a replacement.")
            }
            Output.line("\(report.applied) redaction(s) applied.")
            if !report.notFound.isEmpty { Output.note("Not found (applied already, or the text changed): \(report.notFound.joined(separator: ", ")).") }
        }
    }

    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark findings as identifying no one, so --all and --safe pass them by.",
            discussion: """
                A dismissed finding stays in the text; `privacy scan --dismissed` still lists it and \
                `privacy restore` takes the decision back. A dismissal holds where the finding stands \
                (the same words on one side of it), also in an export quoting the passage; with \
                --everywhere it holds for the same words of that kind wherever they stand. The project keeps fingerprints of \
                the words, not the words; the event log records who dismissed how many.

                For example:
                  qualcode privacy dismiss 3f9a0c2b41d7
                  qualcode privacy dismiss 8e21f0aa93c4 --everywhere
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Argument(help: "The findings' numbers, as `privacy scan` lists them.") var ids: [String]
        @Flag(help: "Dismiss the same words of the same kind wherever they stand.") var everywhere = false

        func run() throws {
            let privacy = Privacy(try project.openStore())
            let key = try secret.key(of: privacy)
            let count = try privacy.dismiss(Set(ids.map { $0.lowercased() }), everywhere: everywhere, key: key)
            Output.line("\(count) finding(s) dismissed\(everywhere ? " everywhere" : "").")
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take back dismissals: the findings are findings again.",
            discussion: """
                For example:
                  qualcode privacy scan --dismissed
                  qualcode privacy restore 3f9a0c2b41d7
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Argument(help: "The dismissed findings' numbers, as `privacy scan --dismissed` lists them.") var ids: [String]

        func run() throws {
            let privacy = Privacy(try project.openStore())
            let key = try secret.key(of: privacy)
            let count = try privacy.restore(Set(ids.map { $0.lowercased() }), key: key)
            Output.line("\(count) finding(s) restored.")
        }
    }

    struct Policy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How the project writes about people: hen (gendered pronouns are findings) or as-spoken.",
            discussion: """
                For example:
                  qualcode privacy policy hen
                  qualcode privacy policy
                """)
        @OptionGroup var project: ProjectOptions
        @Argument(help: "hen or as-spoken; without it, says which it is.") var policy: PronounPolicy?

        func run() throws {
            let privacy = Privacy(try project.openStore())
            if let policy { try privacy.setPronounPolicy(policy) }
            Output.line(try privacy.pronounPolicy() == .hen
                        ? "Pronoun policy: hen — gendered pronouns are findings of the scan."
                        : "Pronoun policy: as spoken — gendered pronouns are not findings (--pronouns asks for them).")
        }
    }
}

extension PronounPolicy: ExpressibleByArgument {}
