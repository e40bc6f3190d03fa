import Foundation
import Testing

@Suite struct QuotesCommandTests {
    func python(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func quotesGoToWordAndToACSVQuoteBank() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.copyDemo("intervju-eva.docx")
        try cli.copyDemo("deltakere.csv")
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        #expect(try cli.run("participant", "import", "deltakere.csv").status == 0)
        #expect(try cli.run("import", "intervju-eva.docx", "--participant", "Eva", "--speaker-map", "I=Intervjuer,E=Eva").status == 0)
        #expect(try cli.run("code", "eva", "--quote", "tillit er alt", "--code", "Tillit").status == 0)
        #expect(try cli.run("code", "eva", "--lines", "18-18", "--code", "Tillit").status == 0)

        let docx = try cli.run("quotes", "--code", "Tillit", "--style", "report", "--label", "({rolle}, {tjeneste})", "--format", "docx", "-o", "sitater.docx")
        #expect(docx.status == 0, "\(docx.stderr)")
        let read = try python("""
            import docx, sys
            d = docx.Document(sys.argv[1])
            for p in d.paragraphs: print(p.style.name + "|" + p.text)
            """, [cli.directory.appendingPathComponent("sitater.docx").path])
        #expect(read.contains("Heading 2|Tillit"))
        #expect(read.contains("Sitat|At jeg ikke sitter med svarene."))
        #expect(read.contains("Sitat-etikett|(Metodeveileder, IPS ung)"))
        #expect(read.contains("Normal|«tillit er alt» (Metodeveileder, IPS ung)"))

        let csv = try cli.run("quotes", "--code", "Tillit", "--format", "csv", "--delimiter", ";", "-o", "sitatbank.csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = try python("""
            import csv, sys, json
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                print(json.dumps(list(csv.reader(f, delimiter=";"))))
            """, [cli.directory.appendingPathComponent("sitatbank.csv").path])
        let table = try JSONDecoder().decode([[String]].self, from: Data(rows.utf8))
        #expect(table.first == ["kode", "deltakere", "etikett", "transkripsjon", "linjer", "ordrett", "vist", "segment"])
        #expect(table.count == 3)
        #expect(table.contains { $0[5] == "tillit er alt" && $0[2] == "(Eva)" })
    }

    @Test func aBadLabelWritesNothing() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.copyDemo("intervju-dag.srt")
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        #expect(try cli.run("import", "intervju-dag.srt").status == 0)
        #expect(try cli.run("code", "dag", "--lines", "2-2", "--code", "Tillit").status == 0)
        let result = try cli.run("quotes", "--code", "Tillit", "--label", "({yrke})", "-o", "sitater.docx")
        #expect(result.status != 0)
        #expect(result.stderr.contains("no attribute for --label \"yrke\""))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("sitater.docx").path))
    }
}
