import Foundation
import Testing

/// `qualcode map …` as a user runs it: a small map built step by step with evidence from a transcript,
/// and bad input refused on one line with nothing changed.
@Suite struct MapCommandTests {
    func project() throws -> CLIRunner {
        let cli = try CLIRunner()
        try cli.write("intervju-siv.txt", """
            Intervjuer: Hvordan begynner det?
            Siv: Vi får en henvisning fra veilederen, og så tar jeg en telefon.
            Intervjuer: Og så?
            Siv: Så fyller vi ut samtykkeerklæringen sammen.
            """)
        for arguments in [["init", "studie.qualcode"], ["participant", "add", "Siv"], ["import", "intervju-siv.txt", "--participant", "Siv"]] {
            #expect(try cli.run(arguments).status == 0)
        }
        return cli
    }

    @Test func aSmallMapIsBuiltWithEvidence() throws {
        let cli = try project()
        defer { cli.remove() }
        for arguments in [
            ["map", "standpoint", "Jobbspesialister i NAV"],
            ["map", "step", "add", "Bli kjent"],
            ["map", "step", "add", "Henvisning", "--before", "Bli kjent"],
            ["map", "step", "add", "Kartlegge"],
            ["map", "action", "add", "Informasjonssamtale", "--step", "Bli kjent"],
            ["map", "actor", "add", "NAV-veileder", "--translocal"],
            ["map", "text", "add", "Samtykkeerklæring", "--kind", "form", "--step", "Bli kjent"],
            ["map", "text", "add", "Kvalitetsveileder", "--kind", "quality-tool", "--process"],
            ["map", "link", "precedes", "step:Henvisning", "step:Bli kjent"],
            ["map", "link", "uses", "step:Bli kjent", "text:Samtykkeerklæring"],
            ["map", "evidence", "add", "step:Henvisning", "intervju-siv", "--quote", "Vi får en henvisning"],
            ["map", "evidence", "add", "text:Samtykkeerklæring", "intervju-siv", "--lines", "4"],
            ["map", "step", "merge", "Bli kjent", "Kartlegge"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(try cli.run("map", "step", "list").stdout == "1. Henvisning\n2. Bli kjent — merged from Kartlegge\n")
        #expect(try cli.run("map", "evidence", "step:Henvisning").stdout.hasPrefix("Henvisning: 1 passage(s) from 1 informant(s)\n"))
        let status = try cli.run("map", "status").stdout
        #expect(status.contains("standpoint: Jobbspesialister i NAV\nsteps 2 · actions 1 · actors 1 · texts 2 · links 2"), "\(status)")
        #expect(status.contains("without evidence (`map evidence add`): Bli kjent, Informasjonssamtale, Kvalitetsveileder"), "\(status)")
        // The evidence is coding: the code tree shows it under «Arbeidskart».
        #expect(try cli.run("codes").stdout.contains("Henvisning"))
    }

    @Test(arguments: [
        (["map", "link", "precedes", "step:Henvisning", "step:Henvisning"], "cannot be linked to itself"),
        (["map", "link", "precedes", "step:Bli kjent", "step:Henvisning"], "would go round in a circle: Bli kjent → Henvisning → Bli kjent"),
        (["map", "link", "precedes", "text:Skjema", "step:Henvisning"], "precedes links step to step, not text to step"),
        (["map", "link", "precedes", "step:Henvsning", "step:Bli kjent"], "did you mean \"Henvisning\""),
        (["map", "text", "add", "Ny", "--kind", "pdf", "--process"], "'pdf' is invalid for '--kind"),
        (["map", "text", "add", "Ny", "--kind", "form"], "exactly one of --step STEP or --process"),
        (["map", "step", "add", "A/B"], "has a «/»"),
        (["map", "step", "add", "henvisning"], "already has a step named"),
        (["map", "evidence", "add", "step:Henvisning", "intervju-siv", "--quote", "står ikke der"], "does not occur"),
        (["map", "evidence", "add", "step:Henvisning", "intervju-ola", "--lines", "1"], "no transcript"),
        (["map", "step", "move", "Henvisning", "--to", "7"], "1 to 2"),
    ])
    func badInputIsRefusedOnOneLineAndChangesNothing(arguments: [String], message: String) throws {
        let cli = try project()
        defer { cli.remove() }
        for setup in [["map", "step", "add", "Henvisning"], ["map", "step", "add", "Bli kjent"],
                      ["map", "text", "add", "Skjema", "--kind", "form", "--process"],
                      ["map", "link", "precedes", "step:Henvisning", "step:Bli kjent"]] {
            #expect(try cli.run(setup).status == 0)
        }
        let before = try cli.run("map", "status", "--json").stdout
        let result = try cli.run(arguments)
        #expect(result.status != 0 && result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(message), "\(result.stderr)")
        #expect(try cli.run("map", "status", "--json").stdout == before)
    }

    /// Everything but the map's nodes: clauses, disjunctures, the problematic, terms, the standing
    /// questions, link evidence, cited clauses, a text's file.
    @Test func theAnalysisAroundTheMapIsRecorded() throws {
        let cli = try project()
        defer { cli.remove() }
        try cli.write("kvalitetsveileder.pdf", "%PDF-1.4 syntetisk")
        for arguments in [
            ["map", "step", "add", "Henvisning"], ["map", "step", "add", "Bli kjent"],
            ["map", "link", "precedes", "step:Henvisning", "step:Bli kjent"],
            ["map", "text", "add", "Kvalitetsveileder", "--kind", "quality-tool", "--process", "--issuer", "NAV", "--version", "2023",
             "--provenance", "offentlig", "--file", "kvalitetsveileder.pdf"],
            ["map", "clause", "add", "Kvalitetsveileder", "Tid ute", "--metric", "andel tid ute", "--value", "65", "--unit", "%"],
            ["map", "problematic", "add", "Hvordan styres oppfølgingen?"],
            ["map", "problematic", "add", "Hvordan styres oppfølgingen av tekster?", "--supersedes", "latest"],
            ["map", "disjuncture", "add", "Samtykke før tillit", "--kind", "text-practice", "--step", "Bli kjent",
             "--clause", "Kvalitetsveileder:Tid ute", "--problematic", "latest", "--note", "Skjemaet kommer før relasjonen."],
            ["map", "evidence", "add", "disjuncture:Samtykke før tillit", "intervju-siv", "--quote", "fyller vi ut samtykkeerklæringen"],
            ["map", "evidence", "add", "step:Henvisning", "intervju-siv", "--link", "precedes", "--to", "step:Bli kjent",
             "--quote", "og så tar jeg en telefon"],
            ["map", "evidence", "cite", "step:Henvisning", "Kvalitetsveileder:Tid ute"],
            ["map", "term", "add", "henvisning", "--follow-up", "Hva står i en henvisning?"],
            ["map", "term", "unpacked", "Henvisning", "--definition", "Et skjema fra veilederen"],
            ["map", "question", "answer", "1", "intervju-siv", "Henvisning og samtykke."],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(try cli.run("map", "problematic", "list").stdout.hasSuffix("Hvordan styres oppfølgingen av tekster?  (cli-test, replaces "
                                                                          + "\(try cli.run("map", "problematic", "list", "--history").stdout.prefix(8)))\n"))
        #expect(try cli.run("map", "problematic", "list", "--history").stdout.split(separator: "\n").count == 2)
        #expect(try cli.run("map", "disjuncture", "list").stdout == """
            Samtykke før tillit  (text-practice; 1 passage(s) from 1 informant(s))
              Skjemaet kommer før relasjonen.
              clause  Kvalitetsveileder: Tid ute (65 %)

            """)
        #expect(try cli.run("map", "evidence", "list", "step:Henvisning", "--link", "precedes", "--to", "step:Bli kjent").stdout
            .hasPrefix("Henvisning går foran Bli kjent: 1 passage(s) from 1 informant(s)\n"))
        #expect(try cli.run("map", "evidence", "list", "step:Henvisning").stdout
            == "Henvisning: 0 passage(s) from 0 informant(s), 1 clause(s)\n  clause  Kvalitetsveileder: Tid ute (65 %)\n")
        #expect(try cli.run("map", "text", "list").stdout
            == "Kvalitetsveileder  (quality-tool, NAV, 2023, whole process, file kvalitetsveileder.pdf)\n  clause  Kvalitetsveileder: Tid ute (65 %)\n")
        #expect(try cli.run("map", "text", "file", "Kvalitetsveileder", "-o", "ut.pdf").status == 0)
        #expect(try String(contentsOf: cli.directory.appendingPathComponent("ut.pdf"), encoding: .utf8) == "%PDF-1.4 syntetisk")
        #expect(try cli.run("map", "term", "scan").stdout.hasPrefix("henvisning  1 line(s) — intervju-siv 1  (unpacked)\n"))
        #expect(try cli.run("map", "question", "answers", "intervju-siv").stdout.hasPrefix(
            "1. Hvilket arbeid forteller informanten om?\n   Henvisning og samtykke.\n2."))
        // A link's evidence is coding with the link's own code.
        #expect(try cli.run("codes").stdout.contains("Henvisning går foran Bli kjent"))
        // The short id `problematic list` prints names the statement.
        let newest = String(try cli.run("map", "problematic", "list").stdout.prefix(8))
        let revised = try cli.run("map", "problematic", "add", "Hvordan blir arbeidet tellbart?", "--supersedes", newest)
        #expect(revised.status == 0 && revised.stdout.hasSuffix("(replaces \(newest))\n"), "\(revised.stderr)")
    }

    @Test(arguments: [
        (["map", "clause", "add", "Ukjent", "Tid ute"], "no text \"Ukjent\""),
        (["map", "clause", "add", "Skjema", "Frist", "--value", "nan"], "clause value"),
        (["map", "clause", "add", "Skjema", "Frist"], "already"),
        (["map", "disjuncture", "add", "Brudd", "--kind", "text-law"], "'text-law' is invalid for '--kind"),
        (["map", "disjuncture", "add", "Brudd", "--kind", "text-text", "--clause", "Skjema:Ingen slik"], "clause"),
        (["map", "disjuncture", "add", "Brudd", "--kind", "text-text", "--clause", "Skjemaet"], "TEXT:LABEL"),
        (["map", "disjuncture", "add", "Brudd", "--kind", "text-text", "--problematic", "latest"], "a statement of the problematic to be added first"),
        (["map", "disjuncture", "add", "Brudd", "--kind", "text-text", "--step", "Ingen"], "no step"),
        (["map", "problematic", "add", "  "], "problematic"),
        (["map", "problematic", "add", "Ny", "--supersedes", "0000"], "no problematic statement \"0000\""),
        (["map", "evidence", "add", "step:Henvisning", "intervju-siv", "--link", "uses", "--to", "step:Bli kjent", "--lines", "2"],
         "no such link"),
        (["map", "evidence", "add", "step:Henvisning", "intervju-siv", "--link", "precedes", "--lines", "2"], "--link and --to go together"),
        (["map", "evidence", "add", "step:Henvisning", "intervju-siv", "--link", "precedes", "--to", "step:Bli kjent", "--lines", "99"], "line"),
        (["map", "evidence", "cite", "step:Henvisning", "Skjema:Ingen"], "clause"),
        (["map", "term", "unpacked", "jobbmatch"], "term"),
        (["map", "term", "add", "henvisning"], "already"),
        (["map", "question", "answer", "5", "intervju-siv", "Svar"], "no standing question 5"),
        (["map", "question", "answer", "1", "intervju-ola", "Svar"], "no transcript"),
        (["map", "text", "add", "Ny", "--kind", "form", "--process", "--file", "finnes-ikke.pdf"], "finnes-ikke.pdf"),
        (["map", "text", "add", "Ny", "--kind", "form", "--process", "--file", "tom.pdf"], "empty"),
        (["map", "text", "attach", "Skjema", "."], "."),
        (["map", "text", "file", "Skjema"], "no file attached"),
    ])
    func badAnalysisInputIsRefusedOnOneLineAndChangesNothing(arguments: [String], message: String) throws {
        let cli = try project()
        defer { cli.remove() }
        try cli.write("tom.pdf", "")
        for setup in [["map", "step", "add", "Henvisning"], ["map", "step", "add", "Bli kjent"],
                      ["map", "text", "add", "Skjema", "--kind", "form", "--process"],
                      ["map", "clause", "add", "Skjema", "Frist", "--value", "30", "--unit", "dager"],
                      ["map", "link", "precedes", "step:Henvisning", "step:Bli kjent"],
                      ["map", "term", "add", "henvisning"]] {
            #expect(try cli.run(setup).status == 0)
        }
        let listings = [["map", "status", "--json"], ["map", "text", "list", "--json"], ["map", "disjuncture", "list", "--json"],
                        ["map", "problematic", "list", "--history", "--json"], ["map", "term", "list", "--json"], ["codes"],
                        ["memo", "list"], ["map", "evidence", "list", "step:Henvisning", "--json"]]
        let before = try listings.map { try cli.run($0).stdout }
        let result = try cli.run(arguments)
        #expect(result.status != 0 && result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(message), "\(result.stderr)")
        #expect(try listings.map { try cli.run($0).stdout } == before)
    }

    /// `map export`: the drawing as SVG (xmllint accepts it), PNG (a PNG of the width asked), DOT, the Word
    /// figure with the SVG beside the PNG (read back by python-docx) and the tables as Word and CSV.
    @Test func theMapIsExportedInEveryForm() throws {
        let cli = try project()
        defer { cli.remove() }
        for arguments in [
            ["map", "standpoint", "Jobbspesialister i NAV"],
            ["map", "step", "add", "Henvisning"], ["map", "step", "add", "Bli kjent"],
            ["map", "action", "add", "Informasjonssamtale", "--step", "Bli kjent"],
            ["map", "text", "add", "Samtykkeerklæring", "--kind", "form", "--step", "Bli kjent"],
            ["map", "evidence", "add", "step:Henvisning", "intervju-siv", "--quote", "Vi får en henvisning"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        for arguments in [["map", "export", "svg", "-o", "kart.svg", "--lanes"], ["map", "export", "png", "-o", "kart.png", "--width", "640"],
                          ["map", "export", "dot", "-o", "kart.gv"], ["map", "export", "docx", "-o", "kart.docx"],
                          ["map", "export", "tables", "-o", "tabeller.docx"],
                          ["map", "export", "tables", "--table", "steps", "-o", "steg.csv", "--delimiter", ";"]] {
            let result = try cli.run(arguments)
            let file = arguments[arguments.firstIndex(of: "-o")! + 1]
            #expect(result.status == 0 && result.stdout == "Wrote \(file)\n", "\(arguments): \(result.stderr)")
        }
        let folder = cli.directory
        let svg = try String(contentsOf: folder.appendingPathComponent("kart.svg"), encoding: .utf8)
        #expect(svg.contains(">Henvisning<") && svg.contains(">Samtykkeerklæring<"))
        #expect(try cli.shell("xmllint --noout kart.svg").status == 0)
        let png = try Data(contentsOf: folder.appendingPathComponent("kart.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png[16..<20].reduce(0) { $0 << 8 | Int($1) } == 640)
        #expect(try String(contentsOf: folder.appendingPathComponent("kart.gv"), encoding: .utf8).hasPrefix("digraph"))
        // Standard output for SVG and DOT, as a pipe wants them.
        #expect(try cli.run("map", "export", "dot").stdout.hasPrefix("digraph"))
        let figure = try String(decoding: runPython("""
            import sys, docx, zipfile
            d = docx.Document(sys.argv[1])
            print(len(d.inline_shapes), sorted(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith('word/media/')))
            print([p.text for p in d.paragraphs if p.text.startswith('Figur')])
            """, [folder.appendingPathComponent("kart.docx").path]), as: UTF8.self)
        #expect(figure == "1 ['word/media/image1.png', 'word/media/image1.svg']\n['Figur 1 Kart over arbeidet, sett fra ståstedet til jobbspesialister i NAV']\n",
                "\(figure)")
        let tables = try String(decoding: runPython("""
            import sys, docx
            d = docx.Document(sys.argv[1])
            print(len(d.tables), d.tables[0].rows[1].cells[0].text)
            """, [folder.appendingPathComponent("tabeller.docx").path]), as: UTF8.self)
        #expect(tables == "5 Henvisning\n", "\(tables)")
        let csv = try Data(contentsOf: folder.appendingPathComponent("steg.csv"))
        #expect(csv.starts(with: Data("\u{FEFF}Steg;Handlinger;".utf8)) && String(decoding: csv, as: UTF8.self).contains("\r\nHenvisning;"))

        // Refused before anything is written; an earlier file stays as it was.
        for (arguments, message) in [
            (["map", "export", "png"], "a PNG goes to a file"),
            (["map", "export", "svg", "-o", "kart.png"], "ends in .png, but this writes svg"),
            (["map", "export", "svg", "--width", "800"], "has no pixels"),
            (["map", "export", "png", "-o", "kart.png", "--width", "0"], "pixels"),
            (["map", "export", "tables", "-o", "t.csv"], "a CSV file holds one table"),
            (["map", "export", "docx", "-o", "k.csv"], "the map's figure is a document"),
            (["map", "export", "tables", "--table", "rows", "-o", "t.docx"], "'rows' is invalid for '--table"),
            (["map", "export", "svg", "-o", "mangler/kart.svg"], "cannot be written"),
            (["map", "export", "docx", "-o", "studie.qualcode"], "which this export reads"),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status != 0 && result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(try Data(contentsOf: folder.appendingPathComponent("kart.png")) == png)
    }
}
