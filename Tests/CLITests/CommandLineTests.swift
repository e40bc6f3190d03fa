import Foundation
import QualCode
import Testing

@Suite(.serialized) struct CommandLineTests {
    /// A folder with a project holding Eva's interview, found without --project.
    func evaProject() throws -> CLIRunner {
        let cli = try CLIRunner()
        try cli.copyDemo("intervju-eva.docx")
        #expect(try cli.run("init", "studie.qualcode", "--title", "Metodeveilederes erfaringer", "--question", "Hvordan erfarer en metodeveileder sin rolle?").status == 0)
        #expect(try cli.run("participant", "add", "Eva", "--label", "Informant E", "--attr", "rolle=metodeveileder", "--attr", "teamstørrelse=6").status == 0)
        let imported = try cli.run("import", "intervju-eva.docx", "--participant", "Eva", "--speaker-map", "I=Intervjuer,E=Eva")
        #expect(imported.status == 0, "\(imported.stderr)")
        return cli
    }

    func eventCount(_ cli: CLIRunner) throws -> Int {
        try ProjectStore.open(at: cli.directory.appendingPathComponent("studie.qualcode"), coder: "x").eventCount()
    }

    @Test func helpListsTheCommands() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let help = try cli.run("--help")
        #expect(help.status == 0)
        for command in ["init", "participant", "import", "transcript", "show", "code", "codes", "units", "search", "retrieve", "memo"] {
            #expect(help.stdout.contains("  \(command)"), "missing \(command)")
        }
        #expect(try cli.run("import", "--help").stdout.contains("--speaker-map"))
    }

    @Test func aStudentsFirstSession() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        let transcripts = try cli.run("transcripts", "--json")
        let list = try JSONSerialization.jsonObject(with: Data(transcripts.stdout.utf8)) as! [[String: Any]]
        #expect(list.count == 1)
        #expect(list[0]["name"] as? String == "intervju-eva")
        #expect(list[0]["participants"] as? [String] == ["Eva"])

        let show = try cli.run("show", "eva", "--lines", "12-14")
        #expect(show.status == 0)
        #expect(show.stdout.split(separator: "\n").map { $0.prefix(2) } == ["12", "13", "14"])

        let coded = try cli.run("code", "eva", "--quote", "tillit er alt", "--code", "Tillit", "--code", "Relasjon")
        #expect(coded.status == 0, "\(coded.stderr)")
        #expect(coded.stdout.contains("coded Tillit, Relasjon"))
        #expect(coded.stderr.contains("created code \"Tillit\""))
        #expect(try cli.run("code", "eva", "--lines", "17-17", "--code", "Sparringspartner").status == 0)

        let codes = try cli.run("codes", "--csv")
        #expect(codes.stdout.hasPrefix("code,segments,participants,definition,segments_with_children,participants_with_children\r\n"))
        #expect(codes.stdout.contains("Tillit,1,1,"))

        let units = try cli.run("units", "--json")
        let rows = try JSONSerialization.jsonObject(with: Data(units.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0["participants"] as? [String] == ["Eva"] })

        let search = try cli.run("search", "tillit NOT \"fag og personal\"")
        #expect(search.status == 0)
        #expect(search.stdout.contains("intervju-eva"))
        #expect(search.stdout.contains("**tillit**") || search.stdout.contains("**Tillit**"))

        let retrieved = try cli.run("retrieve", "--code", "Tillit", "--context", "1")
        #expect(retrieved.stdout.contains("tillit er alt"))

        #expect(try cli.run("memo", "add", "--on", "transcript:eva", "Første gjennomlesning: mye om tillit og det «navske».").status == 0)
        #expect(try cli.run("memo", "--json").stdout.contains("«navske»"))
        #expect(try cli.run("log", "--csv").stdout.contains("coding.add"))
    }

    @Test func theProjectComesFromTheEnvironmentOrTheFlag() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        var elsewhere = try CLIRunner()
        defer { elsewhere.remove() }
        let path = cli.directory.appendingPathComponent("studie.qualcode").path
        #expect(try elsewhere.run("transcripts").status != 0)
        #expect(try elsewhere.run("transcripts", "--project", path).stdout.contains("intervju-eva"))
        elsewhere.environment["QUALCODE_PROJECT"] = path
        #expect(try elsewhere.run("transcripts").stdout.contains("intervju-eva"))
    }

    @Test func editsKeepCodingsAnchored() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        #expect(try cli.run("code", "eva", "--quote", "tillit er alt", "--code", "Tillit").status == 0)
        let edited = try cli.run("transcript", "edit", "eva", "--find", "tillit er alt", "--replace", "tilliten er alt")
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout.contains("1 changed"))
        #expect(try cli.run("units").stdout.contains("tilliten er alt"))
    }

    @Test func theProjectDescribesItself() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        #expect(try cli.run("project", "set", "--notes", "Malterud, fire trinn.").status == 0)
        let shown = try cli.run("project")
        #expect(shown.stdout.contains("Hvordan erfarer en metodeveileder sin rolle?"))
        #expect(shown.stdout.contains("Malterud, fire trinn."))
        #expect(try cli.run("transcript", "set", "eva", "--date", "2026-10-02", "--mode", "Teams").status == 0)
        #expect(try cli.run("transcripts", "--json").stdout.contains("\"date\" : \"2026-10-02\""))
    }

    @Test func anEditorThatSavesAnotherEncodingChangesNothing() throws {
        var cli = try evaProject()
        defer { cli.remove() }
        let script = cli.directory.appendingPathComponent("latin1-editor.sh")
        try Data("#!/bin/sh\nprintf 'Eva: s\\346rlig\\n' >> \"$1\"\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        cli.environment["EDITOR"] = script.path
        cli.environment["VISUAL"] = nil
        let before = try eventCount(cli)
        let result = try cli.run("transcript", "edit", "eva")
        #expect(result.status != 0)
        #expect(result.stderr.contains("not valid UTF-8"))
        #expect(try eventCount(cli) == before)
    }

    @Test func progressStaysQuietWhenPiped() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.copyDemo("intervju-dag.srt")
        try cli.copyDemo("intervju-fatima.txt")
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        let imported = try cli.run("import", "intervju-dag.srt", "intervju-fatima.txt")
        #expect(imported.status == 0)
        #expect(imported.stderr.isEmpty)
        #expect(imported.stdout.split(separator: "\n").count == 2)
    }

    // MARK: - Errors

    @Test(arguments: [
        (["code", "eva", "--quote", "finnes ikke i teksten", "--code", "Tillit"], "intervju-eva: the quote"),
        (["code", "eva", "--quote", "jeg", "--code", "Tillit"], "occurs"),
        (["code", "eva", "--start", "0", "--end", "999999", "--code", "Tillit"], "outside the text"),
        (["code", "eva", "--quote", "tillit er alt", "--code", "  "], "--code cannot be empty"),
        (["code", "ingen", "--quote", "x", "--code", "Tillit"], "no transcript \"ingen\""),
        (["import", "mangler.docx"], "mangler.docx: cannot be read"),
        (["import", "intervju-eva.docx"], "was imported before"),
        (["import", "falsk.docx"], "falsk.docx: not a valid .docx"),
        (["import", "tom.txt"], "tom.txt: the file is empty"),
        (["search", "\"ubalansert"], "is never closed"),
        (["codes", "delete", "Ukjent"], "no code \"Ukjent\""),
        (["participant", "add", "eva"], "already exists"),
        (["show", "eva", "--lines", "900-901"], "outside the transcript"),
    ])
    func failuresAreOneClearLineAndChangeNothing(arguments: [String], message: String) throws {
        let cli = try evaProject()
        defer { cli.remove() }
        try cli.write("falsk.docx", "ikke en zip")
        try cli.write("tom.txt", "")
        let before = try eventCount(cli)
        let result = try cli.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first?.hasPrefix("Error: ") == true, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(try eventCount(cli) == before)
    }

    @Test func refusesAFileThatIsNotAProject() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("studie.qualcode", "bare tekst")
        let result = try cli.run("transcripts")
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not a QualCode project (not an SQLite database)"))
    }
}
