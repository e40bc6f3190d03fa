import ArgumentParser
import Foundation
import Privacy
import QualCode

/// `qualcode ethics …`: approvals, consent per participant, planned deletions and the audio deletion log.
struct EthicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ethics",
        abstract: "The ethics register: approvals, consents, planned deletions and the audio deletion log.",
        discussion: """
            Without a subcommand, prints the register and warns about what is overdue or missing: audio \
            not logged deleted after its planned date, data past their deletion date, participants \
            without a recorded consent, no approval.

            For example:
              qualcode ethics approval --body Sikt --reference 123456 --date 2026-01-15
              qualcode ethics consent Eva --date 2026-02-01 --form "skriftlig samtykke"
              qualcode ethics plan --audio-by 2026-06-30 --data-by 2027-12-31
              qualcode ethics audio-deleted Eva --date 2026-03-01 \\
                --method "slettet fra opptaker"
              qualcode ethics
            """,
        subcommands: [Show.self, Approval.self, Consent.self, Plan.self, AudioDeleted.self], defaultSubcommand: Show.self)
}

extension EthicsCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the register and what is overdue.")
        @OptionGroup var project: ProjectOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let register = try Privacy(try project.openStore()).ethicsRegister()
            if json { return try Output.printJSON(register) }
            Output.line("Approvals:")
            for a in register.approvals { Output.line("  \(a.body) \(a.reference), \(a.date)\(a.note.map { " — \($0)" } ?? "")") }
            if register.approvals.isEmpty { Output.line("  none") }
            Output.line("Consents:")
            for c in register.consents { Output.line("  \(c.participant): \(c.date), \(c.form)") }
            for name in register.withoutConsent { Output.line("  \(name): none recorded") }
            Output.line("Planned deletion: audio by \(register.deleteAudioBy ?? "(not set)"), data by \(register.deleteDataBy ?? "(not set)")")
            Output.line("Audio deleted:")
            for d in register.audioDeletions {
                Output.line("  \(d.participant ?? "(withdrawn)"): \(d.date)\(d.method.map { ", \($0)" } ?? "") (\(d.recordedBy))")
            }
            if register.audioDeletions.isEmpty { Output.line("  none logged") }
            for warning in register.warnings { Output.note("Warning: \(warning)") }
        }
    }

    struct Approval: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an approval (or change its date and note).")
        @OptionGroup var project: ProjectOptions
        @Option(help: "Who approved: Sikt, REK, an ethics committee.") var body: String
        @Option(help: "The approval's reference number.") var reference: String
        @Option(help: "Its date, YYYY-MM-DD.") var date: String
        @Option(help: "A note.") var note: String?

        func run() throws {
            try Privacy(try project.openStore()).recordApproval(EthicsApproval(body: body, reference: reference, date: date, note: note))
            Output.line("Recorded the approval \(body) \(reference).")
        }
    }

    struct Consent: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a participant's consent: when, and how it was given.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The pseudonym.") var pseudonym: String
        @Option(help: "The date, YYYY-MM-DD.") var date: String
        @Option(help: "How: a signed form, by e-mail, orally on the recording.") var form: String

        func run() throws {
            let store = try project.openStore()
            try Privacy(store).recordConsent(try store.resolve.participant(pseudonym), date: date, form: form)
            Output.line("Recorded \(pseudonym)'s consent.")
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The planned deletion dates of the audio and of the data.")
        @OptionGroup var project: ProjectOptions
        @Option(help: "Delete the recordings by this date, YYYY-MM-DD.") var audioBy: String?
        @Option(help: "Delete or anonymise the data by this date, YYYY-MM-DD.") var dataBy: String?

        func validate() throws {
            if audioBy == nil && dataBy == nil { throw ValidationError("give --audio-by, --data-by or both.") }
        }

        func run() throws {
            try Privacy(try project.openStore()).planDeletion(audioBy: audioBy, dataBy: dataBy)
            Output.line("Planned deletion recorded.")
        }
    }

    struct AudioDeleted: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "audio-deleted", abstract: "Log that a participant's recording was deleted.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The pseudonym.") var pseudonym: String
        @Option(help: "The date, YYYY-MM-DD.") var date: String
        @Option(help: "How it was deleted.") var method: String?

        func run() throws {
            let store = try project.openStore()
            try Privacy(store).logAudioDeletion(try store.resolve.participant(pseudonym), date: date, method: method)
            Output.line("Logged the deletion of \(pseudonym)'s recording.")
        }
    }
}
