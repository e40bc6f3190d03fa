import ArgumentParser
import Foundation
import Privacy
import QualCode

/// `qualcode privacy …`: what in the transcripts could identify someone.
struct PrivacyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: "Find what could identify someone in the transcripts.",
        subcommands: [Scan.self])
}

extension PrivacyCommand {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List national identity numbers, phone numbers, e-mail addresses and the key's names and terms.",
            discussion: """
                Suggests, never changes: each finding with its transcript, line, kind, text and the \
                suggested replacement. National identity numbers are found only with valid check \
                digits; names come from the pseudonym key (replaced by the pseudonym) and places and \
                employers from its dictionary, when the project has a key. --pronouns adds gendered \
                pronouns (han, hun, ham, henne, hans, hennes) for a project that writes «hen».

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

        func run() throws {
            let store = try project.openStore()
            let privacy = Privacy(store)
            let key = privacy.hasKey ? try privacy.key(passphrase: try secret.passphrase()) : nil
            let ids = try transcripts.map { try store.resolve.transcript($0) }
            let results = try privacy.scan(ids, key: key, pronouns: pronouns || kinds.contains(.pronoun), kinds: Set(kinds.map(\.kind)))
            if json { return try Output.printJSON(results) }
            for result in results {
                for finding in result.findings {
                    Output.line("\(result.name):\(finding.line)  \(Self.words(finding.kind))  «\(finding.text)» → \(finding.replacement)")
                }
            }
            let total = results.reduce(0) { $0 + $1.findings.count }
            Output.line("\(total) finding(s) in \(results.filter { !$0.findings.isEmpty }.count) of \(results.count) transcript(s).")
            if key == nil { Output.note("No pseudonym key: names and the dictionary were not looked for (qualcode key init).") }
        }

        static func words(_ kind: FindingKind) -> String {
            switch kind {
            case .nationalIdentityNumber: "national identity number"
            case .phoneNumber: "phone number"
            case .email: "e-mail address"
            case .name: "name"
            case .place: "place"
            case .employer: "employer"
            case .pronoun: "gendered pronoun"
            }
        }
    }
}
