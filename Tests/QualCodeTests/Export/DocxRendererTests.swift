import Foundation
import QualCode
import Testing

/// Word output read back by an independent reader, python-docx (installed by Scripts/setup).
@Suite struct DocxRendererTests {
    static let sample = Document(title: "Sitater – «Tillit» 🙂", language: .nb, blocks: [
        .heading(level: 1, [.text("Resultater")]),
        .heading(level: 2, [.text("Balansekunsten — Sparringspartner")]),
        .paragraph([.text("Informantene beskrev "), .italic("tillit"), .text(" som "), .bold("grunnmuren"),
                    .text(" & mer <her>."), .footnote([.text("Se også Malterud (2017).")])]),
        .blockQuote([.text("Eh, jeg er ikke sjefen deres (…) men jeg er den de kan sparre med.")],
                    label: [.text("(Jobbspesialist, IPS)")]),
        .table(Table(caption: "Oversikt over informantene", header: ["Pseudonym", "Tjeneste (N=2)"],
                     rows: [["Eva", "IPS ung"], ["Berit", "Utvidet oppfølging"]],
                     notes: ["Tallene er antall informanter.", "To informanter var pilot."])),
        .paragraph([.text("Linje én"), .lineBreak, .text("linje to\tmed tab")]),
    ])

    struct Read: Decodable {
        struct Paragraph: Decodable {
            var style: String
            var text: String
            var runs: [Run]
        }
        struct Run: Decodable {
            var text: String
            var italic: Bool?
            var bold: Bool?
        }
        var title: String
        var paragraphs: [Paragraph]
        var tables: [[[String]]]
        var footnotes: [String]
        var styles: [String]
    }

    static let reader = """
        import docx, json, sys, zipfile, re
        d = docx.Document(sys.argv[1])
        out = {"title": d.core_properties.title or "",
               "paragraphs": [{"style": p.style.name, "text": p.text,
                               "runs": [{"text": r.text, "italic": r.italic, "bold": r.bold} for r in p.runs]} for p in d.paragraphs],
               "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
               "styles": [s.name for s in d.styles]}
        notes = zipfile.ZipFile(sys.argv[1]).read("word/footnotes.xml").decode("utf-8")
        out["footnotes"] = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", n)) for n in re.findall(r'<w:footnote w:id="[1-9][0-9]*">(.*?)</w:footnote>', notes)]
        print(json.dumps(out))
        """

    static func readBack(_ url: URL) throws -> Read {
        try JSONDecoder().decode(Read.self, from: runPython(reader, [url.path]))
    }

    @Test func pythonDocxReadsTextStylesAndEmphasis() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("sitater.docx")
        try DocxRenderer.write(Self.sample, to: url)
        // Scripts/render-sample sets this to render the file through LibreOffice.
        if let keep = ProcessInfo.processInfo.environment["QUALCODE_SAMPLE_DIR"] {
            try? FileManager.default.removeItem(atPath: keep + "/sample.docx")
            try FileManager.default.copyItem(atPath: url.path, toPath: keep + "/sample.docx")
        }
        let read = try Self.readBack(url)
        #expect(read.title == "Sitater – «Tillit» 🙂")
        let byStyle = read.paragraphs.map { "\($0.style): \($0.text)" }
        #expect(byStyle.contains("Heading 1: Resultater"))
        #expect(byStyle.contains("Heading 2: Balansekunsten — Sparringspartner"))
        #expect(byStyle.contains("Sitat: Eh, jeg er ikke sjefen deres (…) men jeg er den de kan sparre med."))
        #expect(byStyle.contains("Sitat-etikett: (Jobbspesialist, IPS)"))
        #expect(byStyle.contains("Caption: Tabell 1 Oversikt over informantene"))
        #expect(byStyle.contains("Tabellkommentar: Kommentar: Tallene er antall informanter."))
        #expect(byStyle.contains("Normal: Linje én\nlinje to\tmed tab"))
        let body = try #require(read.paragraphs.first { $0.text.hasPrefix("Informantene") })
        #expect(body.text == "Informantene beskrev tillit som grunnmuren & mer <her>.")
        #expect(body.runs.first { $0.text == "tillit" }?.italic == true)
        #expect(body.runs.first { $0.text == "grunnmuren" }?.bold == true)
        #expect(read.tables == [[["Pseudonym", "Tjeneste (N=2)"], ["Eva", "IPS ung"], ["Berit", "Utvidet oppfølging"]]])
        #expect(read.footnotes == [" Se også Malterud (2017)."])
        for style in ["Sitat", "Sitat-etikett", "Tabelltekst", "Heading 1", "Heading 2", "Heading 3", "Caption"] {
            #expect(read.styles.contains(style), "missing style \(style)")
        }
    }

    @Test func tablesAreNumberedInOrderAndCaptionsAreEnglishOnRequest() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("tabeller.docx")
        let table = Table(caption: "Codes", header: ["Code"], rows: [["Trust"]])
        try DocxRenderer.write(Document(language: .en, blocks: [.table(table), .table(table)]), to: url)
        let captions = try Self.readBack(url).paragraphs.filter { $0.style == "Caption" }.map(\.text)
        #expect(captions == ["Table 1 Codes", "Table 2 Codes"])
    }

    @Test func controlCharactersAreDroppedNotWrittenAsBrokenXML() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("kontroll.docx")
        try DocxRenderer.write(Document(blocks: [.paragraph([.text("før\u{1}\u{0B}etter ]]> &amp;")])]), to: url)
        #expect(try Self.readBack(url).paragraphs.map(\.text) == ["føretter ]]> &amp;"])
    }

    @Test func aFailedWriteLeavesNothingBehind() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("finnes-ikke/sitater.docx")
        #expect(throws: ExportError.self) { try DocxRenderer.write(Self.sample, to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
