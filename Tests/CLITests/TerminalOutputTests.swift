import Foundation
import QualCode
import Testing

/// What the command line prints for a person is safe on a terminal: stored text with an escape sequence,
/// a bell or a line separator in it is shown escaped in every listing, while `--json` and CSV keep it
/// exact. Also: line numbers of a participant sheet, an editor that gives up, and a code name typed
/// almost like an existing one.
@Suite struct TerminalOutputTests {
    /// What a hostile (or merely pasted) text holds: clear the screen, a line separator, a bell.
    static let hostile = "Tillit\u{1B}[2J her\u{2028}og\u{7} der"

    /// A project where every kind of free text holds ``hostile``: the transcript, a participant's label
    /// and attribute value, a code's definition, a memo (names themselves are refused by the name rules).
    func project() throws -> (CLIRunner, segment: String, memo: String) {
        let cli = try CLIRunner()
        try cli.write("intervju-eva.txt", "Intervjuer: Hva betyr mest?\n\nEva: \(Self.hostile) i hverdagen.\n")
        for arguments in [["init", "studie.qualcode"],
                          ["participant", "add", "Eva", "--label", "Informant \(Self.hostile)", "--attr", "rolle=\(Self.hostile)"],
                          ["import", "intervju-eva.txt", "--participant", "Eva"],
                          ["codes", "add", "Tillit", "--definition", Self.hostile]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let coded = try cli.run("code", "eva", "--lines", "2", "--code", "Tillit")
        #expect(coded.status == 0, "\(coded.stderr)")
        let segment = String(coded.stdout.prefix(8))
        let memo = try cli.run("memo", "add", "--on", "transcript:intervju-eva", Self.hostile)
        #expect(memo.status == 0, "\(memo.stderr)")
        return (cli, segment, String(memo.stdout.split(separator: " ")[2]))
    }

    static func isRaw(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.isControlOrSeparator && $0 != "\n" && $0 != "\t" }
    }

    // MARK: - Listings

    @Test func noListingSendsStoredControlCharactersToTheTerminal() throws {
        let (cli, segment, memo) = try project()
        defer { cli.remove() }
        // Each shows the stored text, escaped: `\u{1B}[2J` where ESC[2J was.
        let listings: [[String]] = [
            ["codes"], ["participants"], ["memo", "list"], ["memo", "show", memo], ["units"], ["retrieve", "--code", "Tillit", "--context", "1"],
            ["search", "hverdagen"], ["show", "eva"], ["show", "eva", "--offsets"], ["quote", "show", segment], ["memo", "delete", memo],
        ]
        for arguments in listings {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!Self.isRaw(result.stdout) && !Self.isRaw(result.stderr), "\(arguments): \(result.stdout.debugDescription)")
            #expect(result.stdout.contains("\\u{1B}[2J"), "\(arguments): \(result.stdout)")
        }
        // The event log's details are JSON (ESC written \u001b), with the line separator escaped for the terminal.
        let log = try cli.run("log")
        #expect(!Self.isRaw(log.stdout) && log.stdout.contains("\\u{2028}"), "\(log.stdout.debugDescription)")
        for arguments in [["transcripts"], ["code", "eva", "--lines", "2", "--code", "Tillit"], ["project"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0 && !Self.isRaw(result.stdout) && !Self.isRaw(result.stderr), "\(arguments): \(result.stdout)")
        }
    }

    @Test func jsonAndCSVKeepTheStoredTextExact() throws {
        let (cli, _, memo) = try project()
        defer { cli.remove() }
        struct Memo: Decodable { var text: String }
        let shown = try cli.run("memo", "show", memo, "--json")
        #expect(try JSONDecoder().decode(Memo.self, from: Data(shown.stdout.utf8)).text == Self.hostile)
        struct Line: Decodable { var text: String }
        let lines = try JSONDecoder().decode([Line].self, from: Data(try cli.run("show", "eva", "--json").stdout.utf8))
        #expect(lines.last?.text == "Eva: \(Self.hostile) i hverdagen.")
        struct Participant: Decodable { var label: String?; var attributes: [String: String] }
        let participants = try JSONDecoder().decode([Participant].self, from: Data(try cli.run("participants", "--json").stdout.utf8))
        #expect(participants.first?.label == "Informant \(Self.hostile)" && participants.first?.attributes["rolle"] == Self.hostile)
        // CSV is data: the cell is as stored.
        #expect(try cli.run("memo", "list", "--csv").stdout.contains(Self.hostile))
    }

    /// Every line the command line prints goes through `Output`, which escapes what a person reads.
    @Test func everyPrintGoesThroughTheOutputHelper() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/qualcode-cli")
        var offences: [String] = []
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let file as URL in files where file.pathExtension == "swift" && file.lastPathComponent != "OutputOptions.swift" {
            for (number, line) in try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n").enumerated()
            where line.contains(/(^|[^\w.])print\(/) || line.contains("Swift.print(") {
                offences.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offences.isEmpty, "\(offences.joined(separator: "\n"))")
    }
}

// MARK: - Participant sheets

extension TerminalOutputTests {
    @Test func aBadRowAfterBlankRowsIsNamedByItsLineInTheFile() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        // Line 1 the header, 2 and 4-5 blank, 6 the bad row.
        try cli.write("deltakere.csv", "pseudonym,rolle\n\nEva,metodeveileder\n\n\nBerit\n")
        let result = try cli.run("participant", "import", "deltakere.csv")
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("Error: deltakere.csv, line 6:"), "\(result.stderr)")
        // A pseudonym the name rules refuse, checked against the project, is named by its line too.
        try cli.write("navn.csv", "pseudonym,rolle\n\n\nEva,a\nOl\u{7}a,b\n")
        let named = try cli.run("participant", "import", "navn.csv")
        #expect(named.stderr.hasPrefix("Error: navn.csv, line 5:") && named.stderr.contains("Ol\\u{7}a"), "\(named.stderr)")
        #expect(try cli.run("participants").stdout == "(none)\n")
    }
}

// MARK: - $EDITOR

extension TerminalOutputTests {
    @Test(arguments: [["transcript", "edit", "eva"], ["memo", "edit", "MEMO"]])
    func anEditorThatFailsGivesOneLineAndChangesNothing(arguments: [String]) throws {
        let (cli, _, memo) = try project()
        defer { cli.remove() }
        let script = cli.directory.appendingPathComponent("editor.sh")
        // It writes to the file, then gives up (as `:cq` in vi): what it wrote must not be saved.
        try Data("#!/bin/sh\nprintf 'Endret.\\n' > \"$1\"\nexit 3\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        var runner = cli
        runner.environment["EDITOR"] = script.path
        runner.environment["VISUAL"] = nil
        let before = try cli.run("log", "--json").stdout
        let result = try runner.run(arguments.map { $0 == "MEMO" ? memo : $0 })
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "Error: the editor (\(script.path)) exited with status 3; nothing was changed.\n", "\(result.stderr)")
        #expect(try cli.run("log", "--json").stdout == before)
    }
}

// MARK: - Code names

extension TerminalOutputTests {
    @Test func aNewCodeNamedAlmostLikeAnExistingOneIsRefusedUntilConfirmed() throws {
        let (cli, _, _) = try project()
        defer { cli.remove() }
        #expect(try cli.run("codes", "add", "Organisering/Fag og personal").status == 0)
        let before = try cli.run("log", "--json").stdout
        for (typed, existing) in [("Tilit", "Tillit"), ("tilitt", "Tillit"), ("Organisering/Fag og persnal", "Fag og personal"),
                                  ("Organsering/Ny", "Organisering")] {
            let result = try cli.run("code", "eva", "--lines", "1", "--code", typed)
            #expect(result.status == 1)
            #expect(result.stderr == "Error: no code \"\(typed)\"; did you mean \"\(existing)\"? (to create it, pass --new-code \"\(typed)\" "
                    + "instead of --code); nothing was coded.\n", "\(result.stderr)")
        }
        #expect(try cli.run("log", "--json").stdout == before)
        // Not typos: an existing code in another case, a name far from any, the same name under another parent.
        for name in ["tillit", "Relasjon", "Organisering/Relasjon"] {
            let result = try cli.run("code", "eva", "--lines", "1", "--code", name)
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
        let confirmed = try cli.run("code", "eva", "--lines", "1", "--new-code", "Tilit", "--code", "Tillit")
        #expect(confirmed.status == 0 && confirmed.stderr == "created code \"Tilit\"\n", "\(confirmed.stderr)")
        #expect(try cli.run("codes", "--csv").stdout.contains("\r\nTilit,1,"))
    }
}
