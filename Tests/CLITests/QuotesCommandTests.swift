import Foundation
import Testing

@Suite struct QuotesCommandTests {
    func python(_ script: String, _ arguments: [String]) throws -> String {
        String(decoding: try runPython(script, arguments), as: UTF8.self)
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
        #expect(try cli.run("code", "eva", "--lines", "17-17", "--code", "Tillit").status == 0)

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
        // «tillit er alt» starts mid-sentence («… sier vi ofte at tillit er alt»): the style's cut mark first.
        #expect(read.contains("Normal|«… tillit er alt» (Metodeveileder, IPS ung)"))
        // The report style counts, and names no participants beside the role labels.
        #expect(read.contains("Normal|2 sitater fra 1 informant."))

        let csv = try cli.run("quotes", "--code", "Tillit", "--format", "csv", "--delimiter", ";", "-o", "sitatbank.csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = try python("""
            import csv, sys, json
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                print(json.dumps(list(csv.reader(f, delimiter=";"))))
            """, [cli.directory.appendingPathComponent("sitatbank.csv").path])
        let table = try JSONDecoder().decode([[String]].self, from: Data(rows.utf8))
        #expect(table.first == ["kode", "deltakere", "etikett", "innledning", "spørsmål", "transkripsjon", "linjer", "kilde",
                                "ordrett", "vist", "redigeringer", "segment"])
        #expect(table.count == 3)
        #expect(table.contains { $0[8] == "tillit er alt" && $0[2] == "(Eva)" && $0[7] == "interview" })
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
        #expect(result.stderr.contains("the label \"({yrke})\" names no attribute {yrke}. Known: pseudonym, label."), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("sitater.docx").path))
    }

    /// The segment id `code` prints first on its line.
    func code(_ cli: CLIRunner, _ arguments: String...) throws -> String {
        let result = try cli.run(["code"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return String(result.stdout.prefix(8))
    }

    @Test func aQuoteIsEditedShownAndExportedWithItsEdits() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("intervju-siri.txt", """
            Intervjuer: Hvordan er det å veilede kollegaer?
            Siri: Eh, jeg tror at han, ehm, har fått veldig mye ut av det. Vi sitter sammen hver fredag.
            """)
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        #expect(try cli.run("participant", "add", "Siri", "--attr", "rolle=metodeveileder").status == 0)
        #expect(try cli.run("import", "intervju-siri.txt", "--participant", "Siri").status == 0)
        let id = try code(cli, "intervju-siri", "--quote", "Eh, jeg tror at han, ehm, har fått veldig mye ut av det.", "--code", "Utbytte")

        let edited = try cli.run("quote", "edit", id, "--display", "jeg tror at [kollegaen] har fått (…) mye ut av det.", "--lead-in", "Siri forteller:")
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout.contains("displayed: jeg tror at [kollegaen] har fått (…) mye ut av det."))
        #expect(edited.stdout.contains("edits:     fyllord fjernet: \"Eh,\"; erstattet: \"han, ehm,\" → \"kollegaen\"; utelatt: \"veldig\""))

        // An unmarked change is refused and nothing changes.
        let refused = try cli.run("quote", "edit", id, "--display", "jeg tror at han har fått lite ut av det.")
        #expect(refused.status != 0)
        #expect(refused.stderr.hasPrefix("Error: \"lite\" is not in the transcript"), "\(refused.stderr)")
        let shown = try cli.run("quote", "show", id, "--json")
        #expect(shown.stdout.contains("\"displayed\" : \"jeg tror at [kollegaen] har fått (…) mye ut av det.\""))

        // A style file of our own: report style, omissions in square brackets, insertions in round ones.
        try cli.write("min-stil.json", #"{"basedOn": "report", "label": "({rolle})", "marks": {"omission": "[…]", "insertion": {"open": "(", "close": ")"}}}"#)
        let csv = try cli.run("quotes", "--code", "Utbytte", "--style-file", "min-stil.json", "--with-question", "--format", "csv", "-o", "bank.csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = try python("""
            import csv, sys, json
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                print(json.dumps(list(csv.DictReader(f))))
            """, [cli.directory.appendingPathComponent("bank.csv").path])
        let bank = try JSONDecoder().decode([[String: String]].self, from: Data(rows.utf8))
        #expect(bank.count == 1)
        #expect(bank.first?["vist"] == "jeg tror at (kollegaen) har fått […] mye ut av det.")
        #expect(bank.first?["ordrett"] == "Eh, jeg tror at han, ehm, har fått veldig mye ut av det.")
        #expect(bank.first?["innledning"] == "Siri forteller:")
        #expect(bank.first?["spørsmål"] == "Hvordan er det å veilede kollegaer?")
        #expect(bank.first?["etikett"] == "(Metodeveileder)")
        #expect(bank.first?["redigeringer"]?.contains("utelatt: \"veldig\"") == true)

        // The style printed for copying is the file read back with the defaults filled in.
        let style = try cli.run("quote", "style", "min-stil.json")
        #expect(style.status == 0 && style.stdout.contains("\"omission\" : \"[…]\""))
        let bad = try cli.run("quotes", "--code", "Utbytte", "--style-file", "finnes-ikke.json", "-o", "x.docx")
        #expect(bad.status != 0 && bad.stderr.contains("finnes-ikke.json"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("x.docx").path))
    }

    @Test func strictRefusesToWriteWhenACheckFails() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("notat-tore.txt", "Notat fra telefonsamtale. Han sa at kurset hadde vært nyttig for hele teamet.\n")
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        #expect(try cli.run("participant", "add", "Tore", "--attr", "rolle=jobbspesialist", "--attr", "fylke=Agder").status == 0)
        #expect(try cli.run("import", "notat-tore.txt", "--participant", "Tore", "--kind", "notes").status == 0)
        _ = try code(cli, "notat-tore", "--quote", "kurset hadde vært nyttig for hele teamet", "--code", "Utbytte")

        let strict = try cli.run("quotes", "--code", "Utbytte", "--style", "report", "--label", "({rolle}, {fylke})", "--strict", "-o", "sitater.docx")
        #expect(strict.status != 0)
        #expect(strict.stderr.contains("Warning: quote "))
        #expect(strict.stderr.contains("fits only one participant (Tore)"))
        #expect(strict.stderr.contains("comes from notes"))
        #expect(strict.stderr.contains("Error: 2 check(s) found a problem and --strict is set; nothing was written."))
        #expect(!strict.stderr.contains("Usage:"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("sitater.docx").path))

        // Without --strict the same export warns, writes, and footnotes the note as not verbatim.
        let loose = try cli.run("quotes", "--code", "Utbytte", "--style", "report", "--label", "({rolle}, {fylke})", "-o", "sitater.docx")
        #expect(loose.status == 0 && loose.stderr.contains("Warning: "))
        let read = try python("""
            import docx, sys
            d = docx.Document(sys.argv[1])
            # python-docx has no footnote API; read the part it loaded.
            for rel in d.part.rels.values():
                if rel.reltype.endswith("/footnotes"): print(rel.target_part.blob.decode("utf-8"))
            """, [cli.directory.appendingPathComponent("sitater.docx").path])
        #expect(read.contains("Notert av intervjueren under samtalen, ikke ordrett."))
    }

    @Test func anInstitutionsTemplateStylesTheQuotes() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.copyDemo("intervju-eva.docx")
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        #expect(try cli.run("participant", "add", "Eva").status == 0)
        #expect(try cli.run("import", "intervju-eva.docx", "--participant", "Eva", "--speaker-map", "I=Intervjuer,E=Eva").status == 0)
        #expect(try cli.run("code", "eva", "--lines", "17-17", "--code", "Tillit").status == 0)

        // The reference document QualCode writes for editing; change its heading font as a user would in Word.
        let written = try cli.run("export", "reference-docx", "-o", "mal.docx")
        #expect(written.status == 0, "\(written.stderr)")
        _ = try python("""
            import docx, sys
            from docx.shared import Pt
            d = docx.Document(sys.argv[1])
            h = d.styles["Heading 1"]
            h.font.name = "Georgia"
            h.font.size = Pt(22)
            d.save(sys.argv[1])
            """, [cli.directory.appendingPathComponent("mal.docx").path])
        let styled = try cli.run("quotes", "--code", "Tillit", "-o", "sitater.docx", "--reference-docx", "mal.docx")
        #expect(styled.status == 0, "\(styled.stderr)")
        let read = try python("""
            import docx, sys
            d = docx.Document(sys.argv[1])
            h = d.styles["Heading 1"]
            print(h.font.name, h.font.size.pt)
            print("Sitat" in [s.name for s in d.styles])
            print([p.style.name for p in d.paragraphs][:2])
            """, [cli.directory.appendingPathComponent("sitater.docx").path])
        #expect(read.contains("Georgia 22.0"))
        #expect(read.contains("True"))
        #expect(read.contains("['Heading 1', 'Heading 2']"))

        // Refused: a reference for HTML, a reference that is not a Word file, an output folder that does not exist.
        let html = try cli.run("quotes", "--code", "Tillit", "--format", "html", "-o", "s.html", "--reference-docx", "mal.docx")
        #expect(html.status != 0 && html.stderr.contains("--reference-docx styles Word output only"))
        try cli.write("ikke-word.docx", "dette er tekst")
        let broken = try cli.run("quotes", "--code", "Tillit", "-o", "s.docx", "--reference-docx", "ikke-word.docx")
        #expect(broken.status != 0 && broken.stderr.contains("ikke-word.docx"))
        let missing = try cli.run("quotes", "--code", "Tillit", "-o", "finnes/ikke/s.docx")
        #expect(missing.status != 0 && missing.stderr.contains("does not exist"))
        for name in ["s.html", "s.docx"] {
            #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent(name).path))
        }
        // An export never writes over what it reads: the project file or the reference document.
        let overProject = try cli.run("quotes", "--code", "Tillit", "--format", "csv", "-o", "studie.qualcode")
        #expect(overProject.status != 0 && overProject.stderr.contains("it is studie.qualcode, which this export reads"), "\(overProject.stderr)")
        let overTable = try cli.run("export", "codebook", "--format", "csv", "-o", "./studie.qualcode-wal")
        #expect(overTable.status != 0)
        let overReference = try cli.run("quotes", "--code", "Tillit", "-o", "mal.docx", "--reference-docx", "mal.docx")
        #expect(overReference.status != 0 && overReference.stderr.contains("which this export reads"))
        #expect(try cli.run("codes").status == 0)
        // A refused export records no use of the quotes.
        let log = try cli.run("log", "--json")
        #expect(log.stdout.components(separatedBy: "quote.export").count == 2)
    }
}
