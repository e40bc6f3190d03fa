import Foundation
import QualCode
import Testing

@Suite struct ExportCommandTests {
    /// The bundled demo project, imported as Scripts/demo does and coded from koding.txt.
    func demoProject() throws -> CLIRunner {
        let cli = try CLIRunner()
        for file in ["deltakere.csv", "intervju-anne.docx", "intervju-eva.docx", "intervju-berit.vtt", "intervju-dag.srt",
                     "intervju-fatima.txt", "intervju-gunnar.md", "fokusgruppe-teamledere.txt"] {
            try cli.copyDemo(file)
        }
        for arguments in [["init", "studie.qualcode", "--title", "Metodeveilederes erfaringer"], ["participant", "import", "deltakere.csv"],
                          ["import", "intervju-anne.docx", "--participant", "Anne", "--speaker-map", "I=Intervjuer,A=Anne"],
                          ["import", "intervju-eva.docx", "--participant", "Eva", "--speaker-map", "I=Intervjuer,E=Eva"],
                          ["import", "intervju-berit.vtt", "--participant", "Berit"], ["import", "intervju-dag.srt", "--participant", "Dag"],
                          ["import", "intervju-fatima.txt", "--participant", "Fatima"],
                          ["import", "intervju-gunnar.md", "--participant", "Gunnar", "--speaker-map", "I=Intervjuer,G=Gunnar"],
                          ["import", "fokusgruppe-teamledere.txt", "--participant", "Hanne", "--participant", "Ivar", "--participant", "Jorunn"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        // The 44 codings of the demo plan in one batch rather than 44 processes.
        let store = try ProjectStore.open(at: cli.directory.appendingPathComponent("studie.qualcode"), coder: "cli-test")
        _ = try store.code(Self.plan.map { CodingRequest(transcript: try store.resolve.transcript($0.transcript), selector: .quote($0.quote, occurrence: nil), codes: $0.codes) })
        return cli
    }

    static let plan: [(transcript: String, quote: String, codes: [String])] = {
        let text = (try? String(contentsOf: CLIRunner.demo.appendingPathComponent("koding.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t").map(String.init)
            return parts.count == 3 ? (parts[0], parts[1], parts[2].components(separatedBy: ";")) : nil
        }
    }()

    struct WordFile: Decodable {
        var paragraphs: [[String]]
        var tables: [[[String]]]
    }

    func readDocx(_ cli: CLIRunner, _ name: String) throws -> WordFile {
        try JSONDecoder().decode(WordFile.self, from: runPython("""
            import docx, json, sys
            d = docx.Document(sys.argv[1])
            print(json.dumps({"paragraphs": [[p.style.name, p.text] for p in d.paragraphs],
                              "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]}))
            """, [cli.directory.appendingPathComponent(name).path]))
    }

    func readCSV(_ cli: CLIRunner, _ name: String, delimiter: String = ",") throws -> [[String]] {
        try JSONDecoder().decode([[String]].self, from: runPython("""
            import csv, json, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))
            """, [cli.directory.appendingPathComponent(name).path, delimiter]))
    }

    func exists(_ cli: CLIRunner, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent(name).path)
    }

    // MARK: - Help

    @Test func everySubcommandExplainsItselfWithAnExample() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        #expect(try cli.run("--help").stdout.contains("  export"))
        for arguments in [["export", "--help"], ["export", "codebook", "--help"], ["export", "participants", "--help"], ["export", "matrix", "--help"],
                          ["export", "codings", "--help"], ["export", "wide", "--help"]] {
            let help = try cli.run(arguments)
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("OVERVIEW: "), "\(arguments)")
            #expect(help.stdout.contains("For example:\n  qualcode export"), "\(arguments)")
            #expect(help.stdout.contains("--format"), "\(arguments)")
        }
        #expect(try cli.run("export", "matrix", "--help").stdout.contains("--min-cell"))
    }

    // MARK: - The demo project

    @Test func codebookAndParticipantsFromTheDemoProject() throws {
        let cli = try demoProject()
        defer { cli.remove() }
        let codebook = try cli.run("export", "codebook", "-o", "kodebok.docx")
        #expect(codebook.status == 0, "\(codebook.stderr)")
        #expect(codebook.stdout == "Wrote kodebok.docx (12 codes)\n")
        let word = try readDocx(cli, "kodebok.docx")
        #expect(word.paragraphs.first { $0[0] == "Caption" }?[1] == "Tabell 1 Kodebok")
        #expect(word.tables[0][0] == ["Kode", "Definisjon", "Overordnet kode", "Eksempel", "Segmenter", "Informanter"])
        #expect(word.tables[0].count == 13)
        let tillit = try #require(word.tables[0].first { $0[0] == "Tillit" })
        #expect(tillit[4...5] == ["7", "7"])
        #expect(!tillit[3].isEmpty)

        // A house style's caption words reach the table caption.
        try cli.write("stil.json", #"{"words": {"nb": {"table": "Tab."}}}"#)
        let styled = try cli.run("export", "codebook", "--style-file", "stil.json", "-o", "kodebok-stil.docx")
        #expect(styled.status == 0, "\(styled.stderr)")
        #expect(try readDocx(cli, "kodebok-stil.docx").paragraphs.first { $0[0] == "Caption" }?[1] == "Tab. 1 Kodebok")

        let html = try cli.run("export", "codebook", "--format", "html", "--locale", "en", "-o", "kodebok.html")
        #expect(html.status == 0, "\(html.stderr)")
        let page = try String(contentsOf: cli.directory.appendingPathComponent("kodebok.html"), encoding: .utf8)
        #expect(page.contains("Codebook") && page.contains("<table"))

        let participants = try cli.run("export", "participants", "--attr", "rolle", "--attr", "tjeneste", "--format", "csv", "--delimiter", ";",
                                       "-o", "informanter.csv")
        #expect(participants.status == 0, "\(participants.stderr)")
        let rows = try readCSV(cli, "informanter.csv", delimiter: ";")
        #expect(rows[0] == ["Pseudonym", "Etikett", "rolle", "tjeneste", "Transkripsjoner", "Segmenter"])
        #expect(rows.count == 10)
        #expect(rows.contains(["Gunnar", "Informant G, pilot", "metodeveileder", "IPS", "1", "6"]))

        let overview = try cli.run("export", "participants", "--format", "wordxml", "-o", "informanter.xml")
        #expect(overview.status == 0, "\(overview.stderr)")
        let xml = try String(contentsOf: cli.directory.appendingPathComponent("informanter.xml"), encoding: .utf8)
        #expect(xml.contains("Oversikt over informantene") && xml.contains("teamstørrelse"))
    }

    /// Display names for attributes: from `participant attr label`, in the headers of Word tables; CSV
    /// keeps the names for scripts. `--landscape` turns the page.
    @Test func attributeDisplayNamesHeadWordTablesAndLandscapeTurnsThePage() throws {
        let cli = try demoProject()
        defer { cli.remove() }
        let labelled = try cli.run("participant", "attr", "label", "tjeneste", "Tjeneste i NAV")
        #expect(labelled.status == 0 && labelled.stdout == "Attribute tjeneste is shown as «Tjeneste i NAV»\n", "\(labelled.stderr)")
        let unknown = try cli.run("participant", "attr", "label", "yrke", "Yrke")
        #expect(unknown.status != 0 && unknown.stderr.contains("yrke"))
        #expect(try cli.run("participant", "attr", "list", "--csv").stdout.contains("tjeneste,text,Tjeneste i NAV"))

        let word = try cli.run("export", "participants", "--attr", "tjeneste", "--landscape", "-o", "informanter.docx")
        #expect(word.status == 0, "\(word.stderr)")
        let read = try readDocx(cli, "informanter.docx")
        #expect(read.tables[0][0] == ["Pseudonym", "Etikett", "Tjeneste i NAV", "Transkripsjoner", "Segmenter"])
        let section = String(decoding: try runPython("""
            import docx, sys
            s = docx.Document(sys.argv[1]).sections[-1]
            print(s.orientation, s.page_width > s.page_height)
            """, [cli.directory.appendingPathComponent("informanter.docx").path]), as: UTF8.self)
        #expect(section == "LANDSCAPE (1) True\n")
        let csv = try cli.run("export", "participants", "--attr", "tjeneste", "--format", "csv", "-o", "informanter.csv")
        #expect(csv.status == 0)
        let header = try String(contentsOf: cli.directory.appendingPathComponent("informanter.csv"), encoding: .utf8).split(separator: "\n")[0]
        #expect(header.contains("tjeneste") && !header.contains("Tjeneste i NAV"))
        let matrix = try cli.run("export", "matrix", "--cols", "attr:tjeneste", "-o", "matrise.docx")
        #expect(matrix.status == 0)
        #expect(try readDocx(cli, "matrise.docx").paragraphs.first { $0[0] == "Caption" }?[1] == "Tabell 1 Koder etter tjeneste i NAV, antall informanter")
        let refused = try cli.run("export", "participants", "--landscape", "--format", "csv", "-o", "x.csv")
        #expect(refused.status != 0 && refused.stderr.contains("--landscape"))
    }

    @Test func matrixCodingsAndWideFromTheDemoProject() throws {
        let cli = try demoProject()
        defer { cli.remove() }
        let matrix = try cli.run("export", "matrix", "--cols", "attr:tjeneste", "--percent", "column", "--min-cell", "2", "-o", "matrise.docx")
        #expect(matrix.status == 0, "\(matrix.stderr)")
        let word = try readDocx(cli, "matrise.docx")
        #expect(word.paragraphs.first { $0[0] == "Caption" }?[1] == "Tabell 1 Koder etter tjeneste, antall informanter")
        #expect(word.tables[0][0] == ["Kode", "IPS (N=4)", "IPS ung (N=2)", "Utvidet oppfølging (N=3)", "Totalt (N=9)"])
        // Groups of 4, 2 and 3 people: counts only; the total of 9 keeps its percentage.
        #expect(word.tables[0].first { $0[0] == "Tillit" } == ["Tillit", "3", "2", "2", "7 (77,8\u{A0}%)"])
        #expect(word.tables[0].first { $0[0] == "Balansekunst" }?[1] == "<2")
        let note = try #require(word.paragraphs.first { $0[0] == "Tabellkommentar" }?[1])
        #expect(note.hasPrefix("Kommentar: Tallene er antall informanter") && note.contains("Celler med færre enn 2 er skjult."))
        #expect(note.contains("Prosent vises bare der grunnlaget er minst 5."))
        let smaller = try cli.run("export", "matrix", "--cols", "attr:tjeneste", "--percent", "column", "--percent-min-n", "2", "-o", "matrise-2.docx")
        #expect(smaller.status == 0, "\(smaller.stderr)")
        #expect(try readDocx(cli, "matrise-2.docx").tables[0].first { $0[0] == "Tillit" }
            == ["Tillit", "3 (75,0\u{A0}%)", "2 (100,0\u{A0}%)", "2 (66,7\u{A0}%)", "7 (77,8\u{A0}%)"])

        let perPerson = try cli.run("export", "matrix", "--cols", "participant", "--count", "segments", "--format", "csv", "-o", "matrise.csv")
        #expect(perPerson.status == 0, "\(perPerson.stderr)")
        let rows = try readCSV(cli, "matrise.csv")
        #expect(rows[0].first == "Kode" && rows[0].last == "Totalt (N=9)" && rows[0].count == 11)
        #expect(rows.last?.first == "Minst én kode" && rows.last?.last == "44")

        let codings = try cli.run("export", "codings", "--format", "csv", "--delimiter", ";", "-o", "kodinger.csv")
        #expect(codings.status == 0, "\(codings.stderr)")
        let long = try readCSV(cli, "kodinger.csv", delimiter: ";")
        #expect(long.count == 1 + Self.plan.reduce(0) { $0 + $1.codes.count })
        #expect(long[0].prefix(10) == ["segment", "transkripsjon", "fra_linje", "til_linje", "start", "slutt", "kode", "kodet_av", "tidspunkt", "informanter"])
        #expect(long[0].suffix(6) == ["erfaring_år", "fylke", "rolle", "teamstørrelse", "tjeneste", "tekst"])
        #expect(long.dropFirst().allSatisfy { $0[7] == "cli-test" && !$0[9].isEmpty && !$0[15].isEmpty })

        let wide = try cli.run("export", "wide", "--format", "csv", "-o", "deltakere.csv")
        #expect(wide.status == 0, "\(wide.stderr)")
        #expect(wide.stdout == "Wrote deltakere.csv (9 participants, 18 variables)\nWrote deltakere_dictionary.csv (data dictionary)\n")
        let data = try readCSV(cli, "deltakere.csv")
        #expect(data[0].prefix(7) == ["pseudonym", "erfaring_aar", "fylke", "rolle", "teamstoerrelse", "tjeneste", "k_autonomi"])
        #expect(data.count == 10 && data.dropFirst().allSatisfy { $0[6...].allSatisfy { $0 == "0" || $0 == "1" } })
        let dictionary = try readCSV(cli, "deltakere_dictionary.csv")
        #expect(dictionary[0] == ["variabel", "beskrivelse", "type", "verdier"])
        #expect(dictionary.contains(["teamstoerrelse", "teamstørrelse", "heltall", "6–11"]))
        #expect(dictionary.contains { $0[0] == "k_savn_av_nasjonal_foering" && $0[1] == "Savn av nasjonal føring" })
    }

    // MARK: - Refused input

    @Test(arguments: [
        (["export", "matrix", "--cols", "attr:yrke", "-o", "ut.docx"], "no attribute for --cols \"yrke\""),
        (["export", "matrix", "--cols", "tjeneste", "-o", "ut.docx"], "--cols \"tjeneste\": expected attr:NAME or participant."),
        (["export", "matrix", "--rows", "participant", "--cols", "participant", "-o", "ut.docx"], "--rows \"participant\": expected code."),
        (["export", "matrix", "--cols", "participant", "--min-cell", "0", "-o", "ut.docx"], "--min-cell must be 1 or more (got 0)."),
        (["export", "participants", "--attr", "yrke", "-o", "ut.docx"], "no attribute for --attr \"yrke\""),
        (["export", "codings", "--code", "Finnes ikke", "--format", "csv", "-o", "ut.csv"], "no code \"Finnes ikke\""),
        (["export", "codebook", "-o", "mangler/ut.docx"], "does not exist"),
        (["export", "wide", "--format", "csv", "-o", "mangler/ut.csv"], "does not exist"),
        // A Word package in a file named .csv would open as garbage in Excel.
        (["export", "codebook", "--format", "docx", "-o", "ut.csv"], "ends in .csv but --format is docx"),
        (["export", "codings", "--format", "csv", "-o", "ut.docx"], "ends in .docx but --format is csv"),
        (["export", "codebook", "--format", "pdf", "-o", "ut.docx"], "--format"),
    ])
    func refusedInputWritesNothing(arguments: [String], message: String) throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.copyDemo("deltakere.csv")
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        #expect(try cli.run("participant", "import", "deltakere.csv").status == 0)
        let result = try cli.run(arguments)
        #expect(result.status != 0)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error: ") }
        #expect(errors.count == 1, "\(result.stderr)")
        #expect(errors.first?.contains(message) == true, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!exists(cli, "ut.docx") && !exists(cli, "ut.csv") && !exists(cli, "ut_dictionary.csv") && !exists(cli, "mangler"))
    }

    @Test func withoutFormatTheFileNamesEndingChoosesIt() throws {
        let cli = try demoProject()
        defer { cli.remove() }
        for (file, start) in [("kodebok.csv", "Kode,"), ("kodebok.html", "<!DOCTYPE html>"), ("kodebok.xml", "<?xml")] {
            let result = try cli.run("export", "codebook", "-o", file)
            #expect(result.status == 0, "\(result.stderr)")
            let text = try String(contentsOf: cli.directory.appendingPathComponent(file), encoding: .utf8)
            #expect(text.hasPrefix(start), "\(file): \(text.prefix(40))")
        }
        #expect(try cli.run("export", "codebook", "-o", "kodebok").status == 0)
        #expect(try Data(contentsOf: cli.directory.appendingPathComponent("kodebok")).prefix(2) == Data("PK".utf8))
    }

    @Test func anEmptyProjectGivesEmptyTablesAndFormulasAreNeutralised() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        for (command, file) in [("codebook", "kodebok.csv"), ("participants", "informanter.csv"), ("codings", "kodinger.csv"), ("wide", "bred.csv")] {
            let result = try cli.run("export", command, "--format", "csv", "-o", file)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(try readCSV(cli, file).count == 1, "\(command)")
        }
        let matrix = try cli.run("export", "matrix", "--cols", "participant", "-o", "matrise.docx")
        #expect(matrix.status == 0, "\(matrix.stderr)")
        #expect(try readDocx(cli, "matrise.docx").tables == [[["Kode", "Totalt (N=0)"], ["Minst én kode", "0"]]])

        try cli.write("notat.txt", "Hun skrev =cmd() i regnearket, og «det navske» 🙂 kom tilbake.")
        #expect(try cli.run("import", "notat.txt").status == 0)
        #expect(try cli.run("code", "notat", "--quote", "=cmd() i regnearket", "--code", "=cmd()").status == 0)
        #expect(try cli.run("export", "codebook", "--format", "csv", "-o", "kodebok.csv").status == 0)
        let rows = try readCSV(cli, "kodebok.csv")
        #expect(rows[1][0] == "'=cmd()" && rows[1][3] == "'=cmd() i regnearket")
        #expect(try cli.run("export", "codings", "--format", "csv", "-o", "kodinger.csv").status == 0)
        #expect(try readCSV(cli, "kodinger.csv")[1].last == "'=cmd() i regnearket")
    }
}
