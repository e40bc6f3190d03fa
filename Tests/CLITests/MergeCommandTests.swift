import Foundation
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
    }

    @Test func badInputIsRefusedOnOneLineWithNothingChanged() throws {
        let cli = try project()
        defer { cli.remove() }
        try cli.write("notater.txt", "Dette er ikke et prosjekt.\n")
        let before = try cli.run("log", "--project", "studie.qualcode").stdout
        for (arguments, message) in [
            (["merge", "notater.txt"], "notater.txt is not a QualCode project (not an SQLite database)"),
            (["merge", "studie.qualcode"], "is this project's own file"),
            (["merge", "finnes-ikke.qualcode"], "finnes-ikke.qualcode: no such project file"),
        ] {
            let result = try cli.run(arguments + ["--project", "studie.qualcode"])
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.trimmingCharacters(in: .newlines).components(separatedBy: "\n").count == 1, "\(result.stderr)")
        }
        #expect(try cli.run("log", "--project", "studie.qualcode").stdout == before)
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(!files.contains { $0.contains("before-merge") })
    }
}
