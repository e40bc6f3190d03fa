import Foundation
import Testing

/// `--with-children` on the exports, and the remedy worded as that flag when it is missing.
@Suite struct WithChildrenTests {
    func project() throws -> CLIRunner {
        let cli = try CLIRunner()
        try cli.write("intervju-siri.txt", """
            Intervjuer: Hvordan er samarbeidet?
            Siri: Vi sitter sammen hver fredag og går gjennom sakene.
            Siri: Lederen min stoler på at vi finner løsninger selv.
            """)
        for arguments in [["init", "studie.qualcode"], ["participant", "add", "Siri", "--attr", "rolle=metodeveileder"],
                          ["import", "intervju-siri.txt", "--participant", "Siri"],
                          ["code", "intervju-siri", "--lines", "2-2", "--code", "Relasjoner/Kolleger"],
                          ["code", "intervju-siri", "--lines", "3-3", "--code", "Relasjoner/Ledere"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return cli
    }

    func exists(_ cli: CLIRunner, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent(name).path)
    }

    @Test func aParentWithoutSegmentsNamesTheFlagAndWritesNothing() throws {
        let cli = try project()
        defer { cli.remove() }
        let message = "Error: code \"Relasjoner\" has no segments of its own, but its child codes have 2; pass --with-children to export them. Nothing was written."
        for arguments in [["quotes", "--code", "Relasjoner", "-o", "ut.docx"],
                          ["export", "matrix", "--cols", "participant", "--code", "Relasjoner", "-o", "ut.docx"],
                          ["export", "codings", "--code", "Relasjoner", "--format", "csv", "-o", "ut.csv"],
                          ["export", "wide", "--code", "Relasjoner", "--format", "csv", "-o", "ut.csv"]] {
            let result = try cli.run(arguments)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(!exists(cli, "ut.docx") && !exists(cli, "ut.csv") && !exists(cli, "ut_dictionary.csv"))
    }

    @Test func withChildrenTheirSegmentsAreExported() throws {
        let cli = try project()
        defer { cli.remove() }
        let quotes = try cli.run("quotes", "--code", "Relasjoner", "--with-children", "--format", "csv", "-o", "sitater.csv")
        #expect(quotes.status == 0 && quotes.stdout == "Wrote 2 quote(s) to sitater.csv\n", "\(quotes.stderr)")
        let wide = try cli.run("export", "wide", "--code", "Relasjoner", "--with-children", "--values", "counts", "--format", "csv", "-o", "data.csv")
        #expect(wide.status == 0, "\(wide.stderr)")
        let data = try String(contentsOf: cli.directory.appendingPathComponent("data.csv"), encoding: .utf8)
        #expect(data.contains("Siri,metodeveileder,2"), "\(data)")
    }

    @Test func anUnknownGroupingAttributeNamesTheFlag() throws {
        let cli = try project()
        defer { cli.remove() }
        let result = try cli.run("quotes", "--code", "Relasjoner/Kolleger", "--group-by", "attr:yrke", "-o", "ut.docx")
        #expect(result.status != 0 && result.stderr.contains("Error: no attribute for --group-by \"yrke\". Known: rolle."), "\(result.stderr)")
        #expect(!exists(cli, "ut.docx"))
    }

    @Test func retrieveReadsALongListingAPageAtATime() throws {
        let cli = try project()
        defer { cli.remove() }
        let second = try cli.run("retrieve", "--code", "Relasjoner", "--with-children", "--offset", "1", "--limit", "1")
        #expect(second.status == 0 && second.stdout.contains("line 3") && !second.stdout.contains("line 2"), "\(second.stderr)")
        #expect(second.stderr.contains("segments 2–2 of 2"), "\(second.stderr)")
        let beyond = try cli.run("retrieve", "--code", "Relasjoner", "--with-children", "--offset", "5", "--limit", "1")
        #expect(beyond.status == 0 && beyond.stdout == "(none)\n" && beyond.stderr.contains("none of 2 shown (--offset 5)"), "\(beyond.stderr)")
        for (arguments, message) in [(["--offset=-1"], "--offset must be 0 or more (got -1)."), (["--limit", "0"], "--limit must be 1 or more (got 0).")] {
            let refused = try cli.run(["retrieve", "--code", "Relasjoner/Ledere"] + arguments)
            #expect(refused.status != 0 && refused.stderr.contains(message), "\(refused.stderr)")
        }
    }
}
