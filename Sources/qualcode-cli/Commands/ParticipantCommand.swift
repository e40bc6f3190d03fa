import ArgumentParser
import Foundation
import Privacy
import QualCode

struct ParticipantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant",
        abstract: "Add, import, change, rename, delete and list participants.",
        subcommands: [List.self, Add.self, Set.self, Rename.self, Delete.self, Withdraw.self, Import.self, Attr.self],
        defaultSubcommand: List.self,
        aliases: ["participants"]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List participants with their attributes.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let participants = try project.openStore().participants()
            let attributeNames = Array(Swift.Set(participants.flatMap { $0.attributes.keys })).sorted()
            try output.emit(participants) {
                TextTable(headers: ["pseudonym", "label"] + attributeNames + ["transcripts", "segments"],
                          rows: participants.map { p in
                              [p.pseudonym, p.label ?? ""] + attributeNames.map { p.attributes[$0] ?? "" }
                                  + [String(p.transcripts), String(p.segments)]
                          })
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a participant.",
            discussion: """
                Attributes are typed by their first value: whole numbers are integers, 3.5 or 3,5 floats, \
                true/false/ja/nei booleans, YYYY-MM-DD dates, anything else text.

                For example:
                  qualcode participant add Eva --label "Informant E" \\
                    --attr rolle=metodeveileder --attr teamstørrelse=6
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The pseudonym (never a real name).") var pseudonym: String
        @Option(help: "How exports name the participant, e.g. \"Informant E\".") var label: String?
        @Option(name: .customLong("attr"), help: ArgumentHelp("An attribute, NAME=VALUE; repeatable.", valueName: "name=value"))
        var attributes: [String] = []

        func validate() throws { _ = try parseAttributes(attributes) }

        func run() throws {
            let participant = try project.openStore().addParticipant(pseudonym: pseudonym, label: label, attributes: try parseAttributes(attributes))
            Output.line("Added participant \(participant.pseudonym)")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a participant's label or attributes (an empty value removes an attribute).",
            discussion: "For example:\n  qualcode participant set Eva --attr tjeneste=IPS --attr fylke="
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The pseudonym.") var pseudonym: String
        @Option(help: "New label.") var label: String?
        @Option(name: .customLong("attr"), help: ArgumentHelp("An attribute, NAME=VALUE; repeatable.", valueName: "name=value"))
        var attributes: [String] = []

        func validate() throws { _ = try parseAttributes(attributes) }

        func run() throws {
            let values = try parseAttributes(attributes)
            let store = try project.openStore()
            try store.updateParticipant(try store.resolve.participant(pseudonym), label: label, attributes: values)
            Output.line("Updated participant \(pseudonym)")
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a participant another pseudonym; every link stays.",
            discussion: """
                Transcripts, speaker turns, the segments they said, attributes and memos keep pointing at the \
                participant, whose id does not change; listings and new exports use the new name. The \
                transcripts' text is not changed: a speaker label in it stays as imported (change it with \
                `transcript edit --find`). Pseudonyms are unique (ignoring case), at most \
                \(NameRules.maximumLength) characters, without control characters, line breaks or invisible or direction-changing characters.

                For example:
                  qualcode participant rename Eva Elin
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The pseudonym now.") var pseudonym: String
        @Argument(help: "The new pseudonym (never a real name).") var newName: String

        func run() throws {
            let store = try project.openStore()
            let renamed = try store.renameParticipant(try store.resolve.participant(pseudonym), to: newName)
            Output.line("Renamed participant \"\(pseudonym)\" to \"\(renamed.pseudonym)\"")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a participant (refused while linked to a transcript, speaking in one, or with memos, unless --force).",
            discussion: """
                Lists what depends on the participant: transcripts linked, speaker turns, the segments they \
                said, attribute values and memos. With --force the links, attribute values and memos are \
                deleted; speaker turns stay with their label but no longer name the participant, and who said \
                each segment of those transcripts is worked out again. Codings are not touched. One \
                transaction, recorded in the event log.

                For example:
                  qualcode participant delete Testperson --dry-run
                  qualcode participant delete Testperson --force
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The pseudonym.") var pseudonym: String
        @OptionGroup var deletion: DeletionOptions

        func run() throws {
            let store = try project.openStore()
            try deletion.run(try store.resolve.participant(pseudonym), preview: store.participantDeletion, delete: store.deleteParticipant)
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a participant from the study, leaving no trace of their words.",
            discussion: """
                Removes the participant's transcripts with everything anchored in them (segments, codings, \
                quotes, memos, condensation units and golden quotes, work-map evidence), their attribute \
                values and the participant, in one transaction; their entry in the pseudonym key goes too. \
                Their words are then nowhere in the project: the event log keeps that the withdrawal \
                happened, by whom and when, but its entries about them lose their words; snapshots lose \
                them; deleted content is zeroed, the search index merged, the write-ahead log truncated, \
                and merge backups beside the project are removed. The report lists what went and the quote \
                exports already made with their words (files outside the project to delete yourself). \
                In a transcript with others (a focus group), their turns (by speaker label) are replaced \
                by «[trukket]» as a redaction would, segments wholly within them go, and the others' words \
                and codings stay; a focus group with no turn of theirs is refused. --preview shows what \
                would go and changes nothing. This cannot be undone.

                For example:
                  qualcode participant withdraw Eva --preview
                  qualcode participant withdraw Eva --yes
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Argument(help: "The pseudonym.") var pseudonym: String
        @Flag(help: "Confirm: the withdrawal cannot be undone.") var yes = false
        @Flag(help: "Show what would go; change nothing.") var preview = false

        func validate() throws {
            if preview && yes { throw ValidationError("--preview changes nothing; leave out --yes.") }
            if !yes && !preview { throw ValidationError("a withdrawal cannot be undone: pass --yes to confirm (or --preview to look first).") }
        }

        func run() throws {
            let store = try project.openStore()
            let id = try store.resolve.participant(pseudonym)
            if preview {
                let report = try store.withdrawalPreview(participant: id)
                Output.line("Withdrawing \(report.participant) would remove \(Self.what(report)).")
                Self.lookAgain(report)
                if !report.exportsMade.isEmpty { Output.line("Quote exports already made with their words: \(report.exportsMade.joined(separator: ", ")).") }
                return Output.line("Nothing was changed.")
            }
            let withdrawal = try Privacy(store).withdraw(id, passphrase: try secret.passphrase())
            let report = withdrawal.report
            if withdrawal.removedFromKey { Output.line("Removed \(report.participant) from the pseudonym key.") }
            if let problem = withdrawal.keyError {
                Output.note("Warning: \(report.participant) was withdrawn, but the pseudonym key could not be changed (\(problem)); remove them with `qualcode key remove \(report.participant)`.")
            }
            Output.line("Withdrew \(report.participant): \(Self.what(report)).")
            Self.lookAgain(report)
            Output.line("\(report.eventsScrubbed) event-log entr\(report.eventsScrubbed == 1 ? "y" : "ies") about them lost their words.")
            for backup in report.backupsRemoved { Output.line("Removed the backup \(backup).") }
            if !report.exportsMade.isEmpty {
                Output.note("Quote exports made with their words, outside the project (delete them yourself): \(report.exportsMade.joined(separator: ", ")).")
            }
        }

        /// The places a module names for a person to read again (condensates that lost units).
        static func lookAgain(_ report: WithdrawalReport) {
            for dependent in report.dependents where !dependent.names.isEmpty {
                Output.line("Written from their \(dependent.kind.plural), to read again: \(dependent.names.joined(separator: ", ")).")
            }
        }

        /// The transcripts, focus-group turns and what hung on them, in one phrase.
        static func what(_ report: WithdrawalReport) -> String {
            var parts = [report.transcripts.isEmpty ? "no whole transcripts" : report.transcripts.joined(separator: ", ")]
            if !report.focusGroups.isEmpty {
                parts.append("\(report.turnsWithdrawn) turn(s) in \(report.focusGroups.joined(separator: ", "))")
            }
            return parts.joined(separator: "; ") + (report.dependents.isEmpty ? "" : " with \(Dependent.describe(report.dependents))")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or update participants from a CSV file.",
            discussion: """
                The file needs a header row. The column named pseudonym (or deltaker, participant, informant; \
                otherwise the first column) holds pseudonyms, an optional label column the display labels, and \
                every other column becomes a typed attribute. A header may give the attribute a display name \
                for tables after «=»: rolle=Rolle i tjenesten. Comma or semicolon separated; UTF-8 with or \
                without BOM, UTF-16 with BOM, or the encoding named with --encoding (a sheet saved by Excel \
                as "CSV" is often windows-1252). At most 32 MiB. Every row is checked before anything is \
                written.

                For example:
                  qualcode participant import deltakere.csv
                  qualcode participant import deltakere.csv --encoding windows-1252
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Encoding of a file without BOM (default: UTF-8).") var encoding: TextEncoding?
        @Flag(help: "Print the report as JSON.") var json = false

        func run() throws {
            let report = try project.openStore().importParticipants(csv: URL(fileURLWithPath: file), encoding: encoding?.stringEncoding)
            if json { try Output.printJSON(report); return }
            Output.line("Added \(report.added.count), updated \(report.updated.count) participant(s) from \(file)")
            for (name, type) in report.attributes.sorted(by: { $0.key < $1.key }) {
                Output.line("  attribute \(name): \(type.rawValue)" + (report.labels[name].map { ", shown as «\($0)»" } ?? ""))
            }
        }
    }
}

func parseAttributes(_ raw: [String]) throws -> [(String, String)] {
    try raw.map { item in
        guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
            throw ValidationError("--attr \"\(item)\": expected NAME=VALUE, such as rolle=metodeveileder.")
        }
        return (String(item[..<eq]), String(item[item.index(after: eq)...]))
    }
}
