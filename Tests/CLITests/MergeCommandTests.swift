import Foundation
import QualCode
import Testing

/// `qualcode merge` as two coders use it: each codes a copy, one merges the other's in; the report
/// printed and written to Word; bad input refused on one line with nothing changed.
@Suite struct MergeCommandTests {
    func project() throws -> CLIRunner {
        let cli = try CLIRunner()
        try cli.write("intervju-siv.txt", """
            Intervjuer: Hvordan begynner det?
            Siv: Vi får en henvisning fra veilederen, eh, og så tar jeg en telefon.
            Intervjuer: Og så?
            Siv: Så fyller vi ut «samtykkeerklæringen» sammen (latter).
            """)
        for arguments in [["init", "studie.qualcode"], ["participant", "add", "Siv"], ["import", "intervju-siv.txt", "--participant", "Siv"],
                          ["code", "intervju-siv", "--quote", "Vi får en henvisning", "--code", "Oppstart", "--coder", "anne"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return cli
    }

    @Test func twoCodersMergeAndTheReportIsWritten() throws {
        let cli = try project()
        defer { cli.remove() }
        #expect(try cli.shell("cp studie.qualcode berit.qualcode").status == 0)
        for arguments in [
            ["code", "intervju-siv", "--quote", "Vi får en henvisning", "--code", "Oppstart", "--project", "berit.qualcode", "--coder", "berit"],
            ["code", "intervju-siv", "--lines", "4", "--code", "Samtykke", "--project", "berit.qualcode", "--coder", "berit"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let merged = try cli.run("merge", "berit.qualcode", "--project", "studie.qualcode", "--coder", "anne", "-o", "sammenslaing.docx")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("codings: 2 new, 1 already here\n"), "\(merged.stdout)")
        #expect(merged.stdout.contains("codes: 1 new, 1 already here\n"), "\(merged.stdout)")
        #expect(merged.stdout.contains("Backup made first: "), "\(merged.stdout)")
        #expect(merged.stdout.contains("No conflicts.\n"))
        #expect(merged.stdout.contains("Wrote the merge report to sammenslaing.docx."))
        let read = try runPython("""
            import sys, docx
            for t in docx.Document(sys.argv[1]).tables:
                for r in t.rows: print(" | ".join(c.text for c in r.cells))
            """, [cli.directory.appendingPathComponent("sammenslaing.docx").path])
        #expect(String(decoding: read, as: UTF8.self).contains("kodinger | 2 | 1\n"))
        // Both coders' codings of the shared passage.
        let log = try cli.run("log", "--project", "studie.qualcode")
        #expect(log.stdout.contains("project.merge"), "\(log.stdout)")

        let again = try cli.run("merge", "berit.qualcode", "--project", "studie.qualcode")
        #expect(again.status == 0)
        #expect(again.stdout.contains("Nothing new in berit.qualcode; the project is unchanged.\n"), "\(again.stdout)")
        #expect(!again.stdout.contains("Backup made first"))
        // A file name with a line break in it stays on its line.
        #expect(try cli.shell("cp berit.qualcode 'berit\nkopi.qualcode'").status == 0)
        let named = try cli.run("merge", "berit\nkopi.qualcode", "--project", "studie.qualcode")
        #expect(named.stdout.contains("Nothing new in berit\\u{A}kopi.qualcode; the project is unchanged.\n"), "\(named.stdout)")
    }

    @Test func badInputIsRefusedOnOneLineWithNothingChanged() throws {
        let cli = try project()
        defer { cli.remove() }
        try cli.write("notater.txt", "Dette er ikke et prosjekt.\n")
        let before = try cli.run("log", "--project", "studie.qualcode").stdout
        for (arguments, message) in [
            (["merge", "notater.txt"], "notater.txt is not a QualCode project (not an SQLite database)"),
            (["merge", "studie.qualcode"], "is this project's own file"),
            (["merge", "finnes-ikke.qualcode"], "finnes-ikke.qualcode: no such project file to merge; nothing was merged or changed."),
            (["merge", "."], ": no such project file to merge; nothing was merged or changed."),
        ] {
            let result = try cli.run(arguments + ["--project", "studie.qualcode"])
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.trimmingCharacters(in: .newlines).components(separatedBy: "\n").count == 1, "\(result.stderr)")
            // The other file is only read; nothing suggests making it.
            #expect(!result.stderr.contains("qualcode init"), "\(arguments): \(result.stderr)")
        }
        #expect(try cli.run("log", "--project", "studie.qualcode").stdout == before)
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(!files.contains { $0.contains("before-merge") })
    }

    /// kill -9 while the backup is being written: whatever carries the backup's name is the whole project
    /// as it was, and the project itself is untouched.
    @Test func killingAMergeLeavesNoHalfBackup() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        // Large enough that writing its backup takes a while (about 30 MB).
        let ours = try ProjectStore.create(at: cli.directory.appendingPathComponent("studie.qualcode"), title: "Stor", coder: "anne")
        let turn = "Eva: Eh, vi får til mye i teamet, (latter) og tillit er alt for oss som jobber med IPS.\n"
        var files: [URL] = []
        for i in 0..<40 {
            try cli.write("intervju-\(i).txt", "Intervjuer: Fortell om jobben nummer \(i).\n" + String(repeating: turn, count: 3_000))
            files.append(cli.directory.appendingPathComponent("intervju-\(i).txt"))
        }
        let transcripts = try ours.importTranscripts(files, options: ImportOptions())
        try ours.checkpoint()
        #expect(try cli.shell("cp studie.qualcode berit.qualcode").status == 0)
        let berit = try ProjectStore.open(at: cli.directory.appendingPathComponent("berit.qualcode"), coder: "berit")
        _ = try berit.code(transcripts[0].id, .quote("Fortell om jobben nummer 0", occurrence: nil), codes: ["Jobben"])
        try berit.checkpoint()
        let before = try ours.counts()

        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["merge", "berit.qualcode", "--project", "studie.qualcode"]
        process.currentDirectoryURL = cli.directory
        // The killed merge cannot remove its copy of the other project: kept in the test's folder, not /tmp.
        let temporary = cli.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        process.environment = cli.environment.merging(["TMPDIR": temporary.path]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Killed the moment a file of the backup's shows up.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline,
              !(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)).contains(where: { $0.contains(".before-merge-") }) {
            usleep(200)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        #expect(try ours.integrityCheck() == "ok")
        #expect(try ours.counts() == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(names.contains { $0.contains(".before-merge-") }, "the merge was killed before it began its backup")
        for name in names where name.range(of: #"^studie\.qualcode\.before-merge-[0-9]{8}-[0-9]{6}(-[0-9]+)?$"#, options: .regularExpression) != nil {
            let backup = try ProjectStore.open(at: cli.directory.appendingPathComponent(name), coder: "anne")
            #expect(try backup.integrityCheck() == "ok", "\(name)")
            #expect(try backup.counts() == before, "\(name)")
        }
    }

    /// The other copy does not fit in the temporary folder it is read through: the disk is named, not
    /// the other file blamed.
    @Test(.enabled(if: TinyDisk.isAvailable)) func aFullTemporaryFolderIsNotBlamedOnTheOtherFile() throws {
        let cli = try project()
        defer { cli.remove() }
        #expect(try cli.shell("cp studie.qualcode berit.qualcode").status == 0)
        let disk = try TinyDisk(kibibytes: 64)
        var tiny = cli
        tiny.environment["TMPDIR"] = disk.url.path
        let result = try tiny.run("merge", "berit.qualcode", "--project", "studie.qualcode")
        #expect(result.status != 0)
        #expect(result.stderr.contains("the disk holding \(disk.url.path) is full; nothing was changed."), "\(result.stderr)")
        #expect(!result.stderr.contains("not a QualCode project"), "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(!files.contains { $0.contains("before-merge") })
    }
}
