import Foundation
import Testing

/// A .txt transcript with blank lines between turns, as people type them: `show` numbers the turns,
/// `--lines` lands on the turn shown, and `--offsets` gives what `--start/--end` take.
@Suite struct LineNumberingCommandTests {
    @Test func showNumbersTurnsAndGivesOffsetsThatCodeTheLine() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("intervju-tor.txt", "Intervjuer: Hva gjør du først?\n\nTor: Jeg leser «plan for dagen» 🙂.\n\n\nIntervjuer: Og etterpå?\n\nTor: Møter med arbeidsgivere, eh, mange.\n")
        for arguments in [["init", "studie.qualcode"], ["participant", "add", "Tor"], ["import", "intervju-tor.txt", "--participant", "Tor"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let show = try cli.run("show", "tor")
        #expect(show.stdout == """
            1  Intervjuer: Hva gjør du først?
            2  Tor: Jeg leser «plan for dagen» 🙂.
            3  Intervjuer: Og etterpå?
            4  Tor: Møter med arbeidsgivere, eh, mange.

            """, "\(show.stdout)")
        let offsets = try cli.run("show", "tor", "--lines", "2", "--offsets")
        // Python agrees: the second line is scalars 32..<66.
        #expect(offsets.stdout == "2  [32-66]  Tor: Jeg leser «plan for dagen» 🙂.\n", "\(offsets.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(try cli.run("show", "tor", "--json").stdout.utf8)) as! [[String: Any]]
        #expect(json.map { $0["start"] as? Int } == [0, 32, 69, 94])
        let coded = try cli.run("code", "tor", "--start", "37", "--end", "66", "--code", "Planlegging", "--json")
        #expect(coded.status == 0, "\(coded.stderr)")
        #expect(coded.stdout.contains("Jeg leser «plan for dagen» 🙂."))
        let byLine = try cli.run("code", "tor", "--lines", "4", "--code", "Arbeidsgivere")
        #expect(byLine.status == 0 && byLine.stdout.contains("line 4"), "\(byLine.stdout) \(byLine.stderr)")
    }
}

/// `transcript edit` through $EDITOR while someone else changes the transcript: their change stays,
/// the editor's text is kept in a file, and nothing is lost.
@Suite struct LostEditCommandTests {
    @Test func anEditorLeftOpenDoesNotUndoAnotherChange() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("intervju-ola.txt", "Intervjuer: Hvor bor du?\n\nOla: I Kristiansand, ved havna.\n")
        for arguments in [["init", "studie.qualcode"], ["import", "intervju-ola.txt"], ["code", "ola", "--quote", "ved havna", "--code", "Sted"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        // The "editor": another qualcode changes the transcript meanwhile, then the editor saves its own edit.
        let editor = cli.directory.appendingPathComponent("editor.sh")
        try cli.write("editor.sh", """
            #!/bin/sh
            "\(CLIRunner.executable.path)" transcript edit ola --find "Kristiansand" --replace "[by]" --project "\(cli.directory.path)/studie.qualcode" >/dev/null
            sed -i 's/ved havna/ved sjøen/' "$1"
            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
        var runner = cli
        runner.environment["EDITOR"] = editor.path
        runner.environment["VISUAL"] = nil
        let edit = try runner.run("transcript", "edit", "ola")
        #expect(edit.status != 0)
        let kept = cli.directory.appendingPathComponent("intervju-ola-redigering-1.txt")
        #expect(edit.stderr == "Error: intervju-ola was changed by someone else while the editor was open; your edit was not saved into the project "
                + "(that would undo their change) but kept in \(kept.path). Nothing was changed.\n", "\(edit.stderr)")
        #expect(try String(contentsOf: kept, encoding: .utf8).contains("I Kristiansand, ved sjøen."))
        let show = try cli.run("show", "ola")
        #expect(show.stdout.contains("Ola: I [by], ved havna."), "\(show.stdout)")
    }
}
