import Foundation
import QualCode
import Testing

/// What `import` and `participant import` say about files they refuse: one line naming the file and
/// the problem, a non-zero exit, and the project as it was.
@Suite(.serialized) struct ImportMessagesTests {
    /// A folder with an empty project, found without --project.
    func emptyProject() throws -> CLIRunner {
        let cli = try CLIRunner()
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        return cli
    }

    func eventCount(_ project: URL) throws -> Int {
        try ProjectStore.open(at: project, coder: "x").eventCount()
    }

    /// Runs a command that must fail, and returns its one line of error.
    func refusal(_ cli: CLIRunner, _ arguments: [String], project: URL? = nil) throws -> String {
        let project = project ?? cli.directory.appendingPathComponent("studie.qualcode")
        let before = try eventCount(project)
        let result = try cli.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(try eventCount(project) == before)
        return String(lines.first ?? "")
    }

    // MARK: - Subtitles

    @Test func anSRTTimingWithADotImports() throws {
        let cli = try emptyProject()
        defer { cli.remove() }
        try cli.write("prikk.srt", "1\n00:00:01.000 --> 00:00:02.000\nIntervjuer: Hei.\n\n2\n00:00:02.500 --> 00:00:04.000\nDag: Hei, hei.\n")
        let result = try cli.run("import", "prikk.srt")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 turns"))
    }

    @Test func aBrokenSRTTimingSaysWhatWasFoundAndWhatIsExpected() throws {
        let cli = try emptyProject()
        defer { cli.remove() }
        try cli.write("kolon.srt", "1\n00:00:01,000 --> 00:00:02,000\nHei.\n\n2\n00:00:03:000 --> 00:00:04:000\nHallo.\n")
        #expect(try refusal(cli, ["import", "kolon.srt"]) == "Error: kolon.srt, line 6 (cue 2): expected a cue timing such as "
            + "\"00:01:02,000 --> 00:01:04,000\", found \"00:00:03:000 --> 00:00:04:000\"; nothing was imported.")
    }

    @Test func vttCuesThatCannotBeAreRefusedSayingWhichAndWhy() throws {
        let cli = try emptyProject()
        defer { cli.remove() }
        try cli.write("baklengs.vtt", "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Eva>Ja.</v>\n\n2\n00:00:09.000 --> 00:00:04.000\n<v Eva>Nei.</v>\n")
        try cli.write("klokke.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Eva>Ja.</v>\n\n00:01:02.000 --> 00:01:75.000\n<v Eva>Nei.</v>\n")
        #expect(try refusal(cli, ["import", "baklengs.vtt"])
            == "Error: baklengs.vtt, line 8 (cue 2): the cue ends at 00:00:04.000, before it starts at 00:00:09.000; nothing was imported.")
        #expect(try refusal(cli, ["import", "klokke.vtt"])
            == "Error: klokke.vtt, line 6 (cue 2): the timestamp \"00:01:75.000\" has 75 seconds, but seconds go up to 59; nothing was imported.")
    }

    // MARK: - Encodings

    @Test func participantImportTakesTheEncodingItsMessageAsksFor() throws {
        let cli = try emptyProject()
        defer { cli.remove() }
        let sheet = try #require("pseudonym;rolle\nSølvi;jobbspesialist\nÅse;metodeveileder\n".data(using: .windowsCP1252))
        try sheet.write(to: cli.directory.appendingPathComponent("deltakere.csv"))
        let refused = try refusal(cli, ["participant", "import", "deltakere.csv"])
        #expect(refused.hasPrefix("Error: deltakere.csv: invalid UTF-8 at byte 17"))
        #expect(refused.contains("pass --encoding"))
        #expect(try cli.run("participant", "import", "--help").stdout.contains("--encoding"))

        let imported = try cli.run("participant", "import", "deltakere.csv", "--encoding", "windows-1252")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Added 2"))
        let listed = try cli.run("participant", "list")
        #expect(listed.stdout.contains("Sølvi") && listed.stdout.contains("Åse"), "\(listed.stdout)")
    }

    @Test func anUnknownEncodingListsTheKnownOnes() throws {
        let cli = try emptyProject()
        defer { cli.remove() }
        try cli.write("deltakere.csv", "pseudonym\nEva\n")
        for command in [["participant", "import", "deltakere.csv"], ["import", "deltakere.csv"]] {
            let result = try cli.run(command + ["--encoding", "klingon"])
            #expect(result.status != 0)
            #expect(result.stderr.contains("'utf-8', 'utf-16le', 'utf-16be', 'latin1' or 'windows-1252'"), "\(result.stderr)")
        }
    }

    // MARK: - Hostile files

    @Test func aZipThatLiesAboutAnEntrysSizeIsCalledDamaged() throws {
        let cli = try emptyProject()
        defer { cli.remove() }
        // Built as Python's zipfile builds it (entries stored), then the central directory's size cut by 50.
        _ = try runPython("""
            import struct, sys, zipfile
            body = '<w:p><w:r><w:t>Vi får til mye i teamet.</w:t></w:r></w:p>' * 20
            doc = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body + '</w:body></w:document>'
            with zipfile.ZipFile(sys.argv[1], 'w') as z:
                z.writestr('word/document.xml', doc)
            b = bytearray(open(sys.argv[1], 'rb').read())
            i = b.find(b'PK\\x01\\x02')
            struct.pack_into('<I', b, i + 24, struct.unpack_from('<I', b, i + 24)[0] - 50)
            open(sys.argv[1], 'wb').write(b)
            """, [cli.directory.appendingPathComponent("løgn.docx").path])
        let line = try refusal(cli, ["import", "løgn.docx"])
        #expect(line.hasPrefix("Error: løgn.docx: the file is damaged: archive entry word/document.xml is larger than its header says"), "\(line)")
    }

    @Test func aLargeBinaryFileIsRefusedFromItsFirstMegabytes() throws {
        let cli = try emptyProject()
        defer { cli.remove() }
        // 30 MB: a line of text, then NUL bytes (a sparse file).
        let url = cli.directory.appendingPathComponent("opptak.txt")
        try Data("Eva: Hei.\n".utf8).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 30 << 20)
        try handle.close()
        #expect(try refusal(cli, ["import", "opptak.txt"]) == "Error: opptak.txt: looks like binary data (it contains NUL bytes), not text; nothing was imported.")
    }

    // MARK: - A full disk

    @Test(.enabled(if: TinyDisk.isAvailable, "mounting a tmpfs needs root"))
    func aFullDiskNamesTheFileAndImportsNothing() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        // Room for a new project with every module's tables (its write-ahead log holds each migration's pages).
        let disk = try TinyDisk(kibibytes: 2048)
        let project = disk.file("studie.qualcode")
        #expect(try cli.run("init", project.path).status == 0)
        var lines: [String] = []
        for i in 0..<8_000 { lines.append("Eva: Svar \(i): vi får til mye sammen, og det er en balansekunst å være metodeveileder.") }
        try cli.write("intervju-eva.txt", lines.joined(separator: "\n"))
        try disk.fill(leaving: 256 << 10)
        #expect(try refusal(cli, ["import", "--project", project.path, "intervju-eva.txt"], project: project)
            == "Error: intervju-eva.txt: the disk holding the project is full; nothing was imported. Free some space and import again.")
        #expect(try ProjectStore.open(at: project, coder: "x").integrityCheck() == "ok")
    }
}
