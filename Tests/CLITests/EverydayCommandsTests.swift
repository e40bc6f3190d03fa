import Foundation
import QualCode
import Testing

/// The everyday commands: show, edit and delete a memo; delete a transcript; rename and delete a
/// participant; list and forget recorded quote exports. Each as a user runs it, with hostile input.
@Suite struct EverydayCommandsTests {
    static let interview = SyntheticInterviews.eva

    /// A project with Eva's interview (imported twice, the second time as an allowed duplicate) and Siri,
    /// who is in no transcript yet.
    func project() throws -> CLIRunner {
        let cli = try CLIRunner()
        try cli.write("intervju-eva.txt", Self.interview)
        try cli.run("init", "studie.qualcode", "--title", "Metodeveilederes erfaringer")
        try cli.run("participant", "add", "Eva", "--attr", "rolle=metodeveileder", "--attr", "tjeneste=IPS")
        try cli.run("participant", "add", "Siri", "--attr", "rolle=jobbspesialist", "--attr", "tjeneste=IPS")
        #expect(try cli.run("import", "intervju-eva.txt", "--participant", "Eva").status == 0)
        #expect(try cli.run("import", "intervju-eva.txt", "--participant", "Eva", "--allow-duplicate").status == 0)
        return cli
    }

    func projectURL(_ cli: CLIRunner) -> URL { cli.directory.appendingPathComponent("studie.qualcode") }

    func store(_ cli: CLIRunner) throws -> ProjectStore { try ProjectStore.open(at: projectURL(cli), coder: "test") }

    func events(_ cli: CLIRunner) throws -> Int { try store(cli).eventCount() }

    /// The id a command printed first on its line (`code`, `memo add`).
    func firstID(_ output: CLIRunner.Output) -> String {
        output.stdout.split(separator: " ").first { $0.count == 8 && $0.allSatisfy(\.isHexDigit) }.map(String.init) ?? ""
    }

    /// Runs a command that must fail: one line on stderr naming the problem, nothing on stdout, nothing changed.
    func refused(_ cli: CLIRunner, _ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try events(cli)
        let result = try cli.run(arguments)
        #expect(result.status != 0, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("Error: ") && result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("\u{1B}"), sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count <= 3, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try events(cli) == before, sourceLocation: sourceLocation)
    }

    /// An editor: a shell script run as `$EDITOR FILE`.
    func editor(_ cli: inout CLIRunner, _ body: String) throws {
        let script = cli.directory.appendingPathComponent("editor-\(UUID().uuidString.prefix(6)).sh")
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        cli.environment["EDITOR"] = script.path
        cli.environment["VISUAL"] = nil
    }
}

// MARK: - Memos

extension EverydayCommandsTests {
    @Test func aMemoIsListedShortShownWholeEditedAndDeleted() throws {
        var cli = try project()
        defer { cli.remove() }
        let long = "Første gjennomlesning: tillit går igjen, og «det navske» handler om skjemaer. " + String(repeating: "Mer om tid. ", count: 30)
            + "\nAndre avsnitt.\n\nSlutt."
        let added = try cli.run("memo", "add", "--on", "transcript:intervju-eva", long)
        #expect(added.status == 0, "\(added.stderr)")
        let id = firstID(added)
        #expect(id.count == 8)

        let list = try cli.run("memo", "list")
        #expect(list.stdout.contains(id) && list.stdout.contains("…") && !list.stdout.contains("Slutt."))
        #expect(list.stdout.split(separator: "\n").count == 2)  // header and one line, however long the memo
        let shown = try cli.run("memo", "show", String(id.suffix(5)))
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.hasPrefix("memo \(id) on transcript:intervju-eva, by cli-test, "))
        #expect(shown.stdout.hasSuffix(long + "\n"))

        #expect(try cli.run("memo", "edit", id, "Kortere nå.").stdout.hasPrefix("Saved memo \(id) on transcript:intervju-eva (11 characters)"))
        #expect(try cli.run("memo", "show", id, "--json").stdout.contains("\"text\" : \"Kortere nå.\""))

        // Through $EDITOR: the memo is opened in a file, and what is saved there is stored.
        try editor(&cli, "printf '\\nTredje gjennomlesning: ærlig talt.\\n' >> \"$1\"")
        #expect(try cli.run("memo", "edit", id).status == 0)
        #expect(try cli.run("memo", "show", id).stdout.hasSuffix("Kortere nå.\nTredje gjennomlesning: ærlig talt.\n\n"))
        try editor(&cli, "true")  // saved unchanged
        try refused(cli, ["memo", "edit", id], "memo \(id) is unchanged; nothing was saved.")

        let deleted = try cli.run("memo", "delete", id)
        #expect(deleted.stdout.hasPrefix("Deleted memo \(id) on transcript:intervju-eva"))
        #expect(try cli.run("memo").stdout == "(none)\n")
        #expect(try cli.run("log", "--last", "1").stdout.contains("memo.delete"))
    }

    @Test func aMemoChangedWhileTheEditorWasOpenIsNotOverwrittenAndTheTextIsKept() throws {
        var cli = try project()
        defer { cli.remove() }
        let id = firstID(try cli.run("memo", "add", "Prosjektnotat."))
        // While "the editor" is open, another coder edits the memo; then the user saves their own text.
        try editor(&cli, """
            QUALCODE_CODER=berit "\(CLIRunner.executable.path)" memo edit \(id) "Beritsi versjon." --project "\(projectURL(cli).path)" >/dev/null
            printf 'Min versjon.\\n' > "$1"
            """)
        let result = try cli.run("memo", "edit", id)
        #expect(result.status != 0)
        #expect(result.stderr.contains("memo \(id) was changed by someone else while the editor was open; your edit was not saved into the "
                                       + "project (that would undo their change) but kept in "))
        let kept = result.stderr.components(separatedBy: "but kept in ").last?.components(separatedBy: ". Nothing was changed.").first
        let path = String(kept ?? "")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "Min versjon.\n")
        try? FileManager.default.removeItem(atPath: path)
        #expect(try cli.run("memo", "show", id).stdout.hasSuffix("Beritsi versjon.\n"))
    }

    @Test func hostileMemoInputGetsOneLine() throws {
        var cli = try project()
        defer { cli.remove() }
        // Two memos whose ids end alike, as an ambiguous short id.
        try store(cli).pool.write { db in
            for id in ["01900000-0000-7000-8000-00000000aaaa", "01900000-0000-7000-8000-00000001aaaa"] {
                try Memo(id: UUID(uuidString: id)!, target: .project, text: "Notat \u{1B}[2J med escape", author: "anne").insert(db)
            }
        }
        try refused(cli, ["memo", "show", "aaaa"], "\"aaaa\" matches several memos: 0000aaaa, 0001aaaa; be more specific.")
        #expect(try cli.run("memo", "show", "0001aaaa").status == 0)
        try refused(cli, ["memo", "show", "ffffffff"], "no memo \"ffffffff\".")
        try refused(cli, ["memo", "delete", "\u{1B}[2J"], "no memo")
        try refused(cli, ["memo", "edit", "0000aaaa", " \n "], "memo")
        try refused(cli, ["memo", "add", ""], "memo")
        // Control characters in a memo are stored, but never reach the terminal as such.
        let list = try cli.run("memo")
        #expect(!list.stdout.contains("\u{1B}") && list.stdout.contains("\\u{1B}[2J"))
        let shown = try cli.run("memo", "show", "0000aaaa")
        #expect(!shown.stdout.contains("\u{1B}") && shown.stdout.contains("\\u{1B}[2J"))
        #expect(try cli.run("memo", "--json").stdout.contains("\\u001b[2J"))
        // A memo longer than the store takes, written in the editor: refused in one line.
        try editor(&cli, "head -c \(Memo.maximumLength + 1) /dev/zero | tr '\\0' 'x' > \"$1\"")
        try refused(cli, ["memo", "edit", "0000aaaa"], "memo: \(Memo.maximumLength + 1) characters is too long; at most \(Memo.maximumLength) are taken.")
    }

    @Test func removingTheLastCodingOfASegmentWithAMemoNeedsForce() throws {
        let cli = try project()
        defer { cli.remove() }
        let segment = firstID(try cli.run("code", "intervju-eva", "--quote", "Tillit er alt", "--code", "Tillit"))
        #expect(try cli.run("memo", "add", "--on", "segment:\(segment)", "Ironisk?").status == 0)
        try refused(cli, ["uncode", segment], "segment \(segment) would go with its last coding, but it has 1 memo; pass --force")
        let forced = try cli.run("uncode", segment, "--force")
        #expect(forced.stdout.hasPrefix("Removed Tillit from \(segment); the segment had no codings left and was removed, with 1 memo"), "\(forced.stdout)")
        #expect(try cli.run("memo").stdout == "(none)\n")
    }
}

// MARK: - Transcripts

extension EverydayCommandsTests {
    @Test func aDuplicateGoesAndACodedTranscriptNeedsForce() throws {
        let cli = try project()
        defer { cli.remove() }
        let dry = try cli.run("transcript", "delete", "intervju-eva-2", "--dry-run")
        #expect(dry.stdout == """
            Deleting transcript "intervju-eva-2" also deletes 4 speaker turns
            Participants linked to it (they stay): Eva
            Nothing depends on it; it can be deleted without --force.

            """, "\(dry.stdout)")
        let deleted = try cli.run("transcript", "delete", "intervju-eva-2")
        #expect(deleted.stdout.hasPrefix("Deleted transcript \"intervju-eva-2\"; that also deleted 4 speaker turns\n"), "\(deleted.stderr)")
        #expect(try cli.run("transcripts", "--csv").stdout.split(separator: "\r\n").count == 2)

        let segment = firstID(try cli.run("code", "eva", "--quote", "Tillit er alt", "--code", "Tillit"))
        #expect(try cli.run("memo", "add", "--on", "segment:\(segment)", "Sterkt.").status == 0)
        try refused(cli, ["transcript", "delete", "eva"], """
            transcript "intervju-eva" is in use (1 coding, 1 memo); pass --force to delete it anyway, which also deletes 1 segment, 1 coding, \
            1 memo, 4 speaker turns. Nothing was deleted.
            """)
        let preview = try cli.run("transcript", "delete", "eva", "--dry-run", "--json")
        let report = try JSONSerialization.jsonObject(with: Data(preview.stdout.utf8)) as! [String: Any]
        #expect(report["wasDeleted"] as? Bool == false)
        #expect((report["dependents"] as? [[String: Any]])?.contains { ($0["kind"] as? [String: Any])?["id"] as? String == "coding" && $0["count"] as? Int == 1 } == true)
        let forced = try cli.run("transcript", "delete", "eva", "--force")
        #expect(forced.stdout.hasPrefix("Deleted transcript \"intervju-eva\"; that also deleted 1 segment, 1 coding, 1 memo, 4 speaker turns"))
        #expect(try cli.run("transcripts").stdout == "(none)\n")
        #expect(try cli.run("codes", "--csv").stdout.contains("Tillit,0,0,"))
        #expect(try cli.run("log", "--last", "1").stdout.contains("transcript.delete"))
        #expect(try cli.run("participants", "--json").stdout.contains("\"pseudonym\" : \"Eva\""))
    }

    @Test(arguments: [
        (["transcript", "delete", "ingen"], "no transcript \"ingen\""),
        (["transcript", "delete", "intervju"], "matches several transcripts: intervju-eva, intervju-eva-2"),
        (["transcript", "delete", "\u{1B}[2J"], "no transcript"),
        (["participant", "delete", "Ukjent"], "no participant \"Ukjent\""),
        (["participant", "rename", "Eva", "siri"], "a participant named \"siri\" already exists"),
        (["participant", "rename", "Eva", "  "], "a participant name cannot be empty or blank"),
        (["participant", "rename", "Eva", "Ev\u{1B}[2Ja"], "participant name \"Ev\\u{1B}[2Ja\" has control characters, line breaks or invisible"),
        (["participant", "rename", "Eva", "Eva\nSiri"], "participant name \"Eva\\u{A}Siri\" has control characters, line breaks or invisible"),
        (["participant", "rename", "Eva", String(repeating: "Ø", count: 201)], "is 201 characters long; at most 200 are allowed"),
        (["participant", "rename", "Eva", "Eva"], "participant \"Eva\" is unchanged"),
        (["participant", "add", "Tab\tulf"], "participant name \"Tab\\u{9}ulf\" has control characters, line breaks or invisible"),
        (["quote", "exports", "forget", "ffff"], "no quote export \"ffff\""),
        (["quote", "exports", "forget"], "name one export, or pass --all."),
    ])
    func hostileInputGetsOneLineAndChangesNothing(arguments: [String], message: String) throws {
        let cli = try project()
        defer { cli.remove() }
        try refused(cli, arguments, message)
    }
}

// MARK: - Participants

extension EverydayCommandsTests {
    @Test func aRenamedParticipantKeepsEveryLinkAndADeletedOneIsListedFirst() throws {
        let cli = try project()
        defer { cli.remove() }
        #expect(try cli.run("code", "intervju-eva", "--quote", "Tillit er alt", "--code", "Tillit").status == 0)
        let renamed = try cli.run("participant", "rename", "eva", "Elin")
        #expect(renamed.stdout == "Renamed participant \"eva\" to \"Elin\"\n", "\(renamed.stderr)")
        #expect(try cli.run("transcripts", "--csv").stdout.contains("intervju-eva,intervju-eva,interview,Elin,"))
        #expect(try cli.run("units", "--csv").stdout.contains("Elin"))
        #expect(try cli.run("codes", "--csv").stdout.contains("Tillit,1,1,"))
        #expect(try cli.run("log", "--last", "1").stdout.contains("participant.rename"))

        try refused(cli, ["participant", "delete", "Elin"], """
            participant "Elin" is in use (2 transcript links, 4 speaker turns); pass --force to delete it anyway, which also deletes \
            2 transcript links, 2 attribute values and detaches 4 speaker turns, 1 segment they said. Nothing was deleted.
            """)
        let dry = try cli.run("participant", "delete", "Elin", "--dry-run")
        #expect(dry.stdout.contains("Transcripts it is in (they stay): intervju-eva, intervju-eva-2"))
        #expect(dry.stdout.contains("In use (2 transcript links, 4 speaker turns): deleting it needs --force."))
        #expect(try cli.run("participant", "delete", "Elin", "--force").status == 0)
        #expect(try cli.run("codes", "--csv").stdout.contains("Tillit,1,0,"))
        #expect(try cli.run("transcripts", "--csv").stdout.contains("intervju-eva,intervju-eva,interview,,"))
        // Siri is in no transcript: she goes without --force.
        #expect(try cli.run("participant", "delete", "Siri").stdout.hasPrefix("Deleted participant \"Siri\"; that also deleted 2 attribute values"))
        #expect(try cli.run("participants").stdout == "(none)\n")
    }
}

// MARK: - Quote exports

extension EverydayCommandsTests {
    @Test func trialExportsAreListedAndForgotten() throws {
        let cli = try project()
        defer { cli.remove() }
        #expect(try cli.run("code", "intervju-eva", "--quote", "Tillit er alt", "--code", "Tillit").status == 0)
        #expect(try cli.run("quote", "exports").stdout == "(none)\n")
        let trial = try cli.run("quotes", "--code", "Tillit", "--label", "({rolle})", "-o", "prøve.docx")
        #expect(trial.status == 0, "\(trial.stderr)")
        let second = try cli.run("quotes", "--code", "Tillit", "--label", "({tjeneste})", "-o", "rapport.docx")
        #expect(second.stderr.contains("Warning: "), "\(second.stderr)")

        let list = try cli.run("quote", "exports", "--csv")
        let rows = list.stdout.split(separator: "\r\n").map(String.init)
        #expect(rows.first == "export,file,by,when,quotes,labels" && rows.count == 3)
        #expect(rows[1].contains("prøve.docx,cli-test,") && rows[1].hasSuffix(",1,(metodeveileder)"), "\(rows)")
        #expect(rows[2].contains("rapport.docx,cli-test,") && rows[2].hasSuffix(",1,(IPS)"), "\(rows)")

        let forgotten = try cli.run("quote", "exports", "forget", "prøve.docx")
        #expect(forgotten.stdout.hasPrefix("Forgot export ") && forgotten.stdout.contains("prøve.docx (1 quote(s), by cli-test)"), "\(forgotten.stdout)\(forgotten.stderr)")
        #expect(try cli.run("log", "--last", "1").stdout.contains("quote.forget"))
        let again = try cli.run("quotes", "--code", "Tillit", "--label", "({tjeneste})", "-o", "rapport-2.docx")
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")

        let id = String(try cli.run("quote", "exports").stdout.split(separator: "\n")[1].prefix(8))
        #expect(try cli.run("quote", "exports", "forget", id).status == 0)
        #expect(try cli.run("quote", "exports", "forget", "--all").stdout == "Forgot 1 export(s) with 1 recorded quote use(s)\n")
        #expect((try JSONSerialization.jsonObject(with: Data(try cli.run("quote", "exports", "--json").stdout.utf8)) as? [Any])?.isEmpty == true)
        #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("prøve.docx").path))
    }

    @Test func helpShowsTheNewCommands() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let memo = try cli.run("memo", "--help").stdout
        for sub in ["show", "edit", "delete"] { #expect(memo.contains("  \(sub) "), "\(sub)") }
        #expect(try cli.run("transcript", "delete", "--help").stdout.contains("--dry-run"))
        #expect(try cli.run("participant", "--help").stdout.contains("rename"))
        #expect(try cli.run("quote", "exports", "--help").stdout.contains("forget"))
        #expect(try cli.run("uncode", "--help").stdout.contains("--force"))
    }
}

// MARK: - Recoding

extension EverydayCommandsTests {
    @Test func recodeMovesACodingAndSaysSo() throws {
        let cli = try project()
        defer { cli.remove() }
        let segment = firstID(try cli.run("code", "intervju-eva", "--quote", "Tillit er alt", "--code", "Tillit"))
        let moved = try cli.run("recode", segment, "--from", "Tillit", "--to", "Relasjon/Tillit i team")
        #expect(moved.stdout.hasSuffix(": Tillit → Tillit i team\n"), "\(moved.stdout)")
        #expect(moved.stderr.contains("created code \"Relasjon/Tillit i team\""))
        try refused(cli, ["recode", segment, "--from", "Tillit", "--to", "Annet"], "no coding")
        try refused(cli, ["recode", segment, "--from", "Tillit i team", "--to", "Relasjon/Tillit i team"], "unchanged")
        try refused(cli, ["recode", segment, "--from", "Tillit i team", "--to", " "], "--to cannot be empty")
        #expect(try cli.run("recode", "--help").stdout.contains("--new-code"))
    }
}

// MARK: - Attributes defined first, memos filtered

extension EverydayCommandsTests {
    @Test func anAttributeIsDefinedWithItsTypeBeforeAnyValue() throws {
        let cli = try project()
        let defined = try cli.run("participant", "attr", "add", "ansiennitet", "--type", "float", "--label", "Antall år i NAV")
        #expect(defined.status == 0, "\(defined.stderr)")
        #expect(defined.stdout == "Defined attribute ansiennitet (float), shown as «Antall år i NAV»\n")
        // The first value is «6», yet the type stays float; a value that is no number is refused.
        #expect(try cli.run("participant", "set", "Eva", "--attr", "ansiennitet=6").status == 0)
        #expect(try store(cli).participants().first { $0.pseudonym == "Eva" }?.attributes["ansiennitet"] == "6.0")
        try refused(cli, ["participant", "set", "Siri", "--attr", "ansiennitet=mange"], "is not a valid float value")
        try refused(cli, ["participant", "attr", "add", "Rolle", "--type", "text"], "an attribute named \"Rolle\" already exists")
        try refused(cli, ["participant", "attr", "add", "farge\u{202E}", "--type", "text"], "direction-changing")
        #expect(try cli.run("participant", "attr", "add", "farge", "--type", "colour").status != 0)
        let listed = try cli.run("participant", "attr", "list").stdout.split(separator: "\n").filter { $0.hasPrefix("ansiennitet") }
        #expect(listed.count == 1 && listed[0].contains("float") && listed[0].contains("Antall år i NAV"))
    }

    @Test func memosAreListedByKindAndByWords() throws {
        let cli = try project()
        #expect(try cli.run("memo", "add", "Tillit går igjen hos alle.").status == 0)
        #expect(try cli.run("memo", "add", "--on", "participant:Siri", "Siri får det til.").status == 0)
        #expect(try cli.run("memo", "add", "--on", "transcript:intervju-eva", "FÅR mye ros.").status == 0)
        let byKind = try cli.run("memo", "list", "--kind", "participant", "--json")
        #expect(byKind.status == 0)
        let kinds = try JSONDecoder().decode([[String: AnyCodable]].self, from: Data(byKind.stdout.utf8))
        #expect(kinds.count == 1 && kinds.first?["on"]?.string == "participant:Siri")
        let byWords = try cli.run("memo", "list", "--containing", "får", "--csv")
        #expect(byWords.stdout.contains("Siri får det til.") && byWords.stdout.contains("FÅR mye ros.") && !byWords.stdout.contains("Tillit"))
        #expect(try cli.run("memo", "list", "--containing", "far").stdout.contains("far") == false)
        #expect(try cli.run("memo", "list", "--kind", "note").status != 0)
    }
}

/// Just enough JSON to read one string field of a listing.
private struct AnyCodable: Decodable {
    let string: String?
    init(from decoder: Decoder) throws { string = try? decoder.singleValueContainer().decode(String.self) }
}
