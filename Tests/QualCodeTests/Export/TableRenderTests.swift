import Foundation
import QualCode
import TestSupport
import Testing

/// Tables as a supervisor reads them: rendered by LibreOffice to PDF, the words read back with their
/// positions (`pdftotext -bbox-layout`). No word of a table may be broken across lines, and every
/// table must stay within the page's margins.
extension LibreOfficeRenderTests {
    /// Norwegian compounds that broke inside the word when every column had the same width.
    static let wideTables: [Table] = [
        Table(caption: "Kodebok", header: ["Kode", "Definisjon", "Overordnet kode", "Eksempel", "Segmenter", "Informanter"], rows: [
            ["Kvalitetsgjennomgang", "Når teamet går gjennom arbeidet sitt sammen med metodeveilederen.", "Kvalitetsarbeid",
             "Vi hadde en kvalitetsgjennomgang i forrige uke, og det var nyttig for hele teamet.", "12", "7"],
            ["\u{2003}Arbeidsgiverkontakt", "Kontakt med arbeidsgivere om en bestemt arbeidssøker.", "Jobbspesialistens arbeid",
             "Jeg ringer arbeidsgiverne hver uke og spør hvordan det går.", "31", "9"],
            ["\u{2003}Transkripsjonsrutiner", "Hvordan intervjuene ble skrevet ut.", "Metode", "", "3", "2"],
        ]),
        Table(caption: "Oversikt over informantene",
              header: ["Pseudonym", "Rolle", "Tjeneste", "Ansiennitet", "Fylke", "Utdanning", "Transkripsjoner", "Segmenter"], rows: [
                ["Solveig", "jobbspesialist", "Utvidet oppfølging", "4", "Vestland", "Sosionom", "1", "14"],
                ["Amira", "metodeveileder", "IPS-kvalitetsskala", "11", "Nordland", "Vernepleier", "2", "23"],
                ["Bjørnar", "avdelingsleder", "Kvalitetsveilederen", "7", "Trøndelag", "Samfunnsviter", "1", "9"],
              ]),
        Table(caption: "Antall informanter etter deltaker",
              header: ["Kode", "Solveig", "Amira", "Bjørnar", "Kristoffer", "Ingeborg", "Torbjørn", "Henriette", "Sigurd", "Margrethe",
                       "Totalt (N=9)"],
              rows: [["Kvalitetsgjennomgang", "1", "0", "1", "1", "0", "1", "1", "0", "1", "6"],
                     ["Minst én kode", "1", "1", "1", "1", "1", "1", "1", "1", "1", "9"]]),
    ]

    /// A table of many columns on a landscape page of its own, between portrait text.
    static var landscapeDocument: Document {
        var wide = Table(caption: "Kodinger", header: ["Segment", "Transkripsjon", "Første linje", "Siste linje", "Kode", "Koder",
                                                       "Deltakere", "Rolle", "Tjeneste", "Ansiennitet", "Tekst"],
                         rows: [["1a2b3c4d", "intervju-solveig", "12", "14", "Kvalitetsgjennomgang", "forsker", "Solveig", "jobbspesialist",
                                 "Utvidet oppfølging", "4", "Vi hadde en kvalitetsgjennomgang i forrige uke."]])
        wide.landscape = true
        var document = Document(title: "Liggende tabell", language: .nb, blocks: [
            .paragraph([.text("Tabellen under står på en liggende side.")]),
            .table(wide),
            .paragraph([.text("Her er siden stående igjen.")]),
        ])
        document.captions = .apa
        return document
    }

    @Test func tableWordsAreNeverBrokenAndEveryTableFitsThePage() throws {
        let tools = try Self.requireTools()
        let folder = try TemporaryFolder()
        let docx = folder.file("tabeller.docx")
        // The hand-made tables, and the standard tables of a small study (with display names for attributes).
        let store = try TableFixture.project(folder)
        try store.setAttributeLabel("ansiennitet", to: "Ansiennitet (år)")
        let presentation = TablePresentation(codeLabels: .indented)
        let standard = [try store.codebook(CodebookOptions(presentation: presentation)),
                        try store.participantOverview(ParticipantOverviewOptions(presentation: presentation)),
                        try store.codeMatrixTable(CodeMatrixOptions(columns: .participant, percent: .row, minimumPercentBase: 1,
                                                                    presentation: presentation))]
        let tables = Self.wideTables + standard
        #expect(DocxRenderer.tablesTooWide(in: Document(tables: tables, language: .nb)).isEmpty)
        try DocxRenderer.write(Document(tables: tables, language: .nb), to: docx)
        let pdf = try Self.convertToPDF(docx, in: folder, soffice: tools.soffice)
        let pages = try Self.words(in: pdf, pdftotext: tools.pdftotext, folder: folder)
        Self.expectUnbroken(tables, in: pages)
        Self.expectWithinMargins(pages, margin: 70.85)
        let png = try Self.firstPagePNG(pdf, in: folder, pdftoppm: tools.pdftoppm)
        try Self.keep([docx, pdf, png], as: ["tabeller.docx", "tabeller.pdf", "tabeller-1.png"])
    }

    /// A table whose words cannot all fit (a segment id of 36 letters in every one of twelve columns) is
    /// reported, still kept on the page, and its short words stay whole.
    @Test func aTableTooWideForThePageIsReportedAndStaysOnIt() throws {
        let tools = try Self.requireTools()
        let folder = try TemporaryFolder()
        let id = "01A23E5D8D807AB790A0D87DE9BD3CFC4E21"
        let table = Table(caption: "Kodinger", header: (1...12).map { "Kolonne\($0)" },
                          rows: [(1...12).map { $0 == 1 ? "kort" : id }])
        let document = Document(tables: [table], language: .nb)
        #expect(DocxRenderer.tablesTooWide(in: document) == [1])
        let docx = folder.file("for-bred.docx")
        try DocxRenderer.write(document, to: docx)
        let pages = try Self.words(in: try Self.convertToPDF(docx, in: folder, soffice: tools.soffice), pdftotext: tools.pdftotext, folder: folder)
        Self.expectWithinMargins(pages, margin: 70.85)
        #expect(pages.flatMap(\.words).contains { $0.text == "kort" })
    }

    @Test func aLandscapeTableGetsALandscapePageOfItsOwn() throws {
        let tools = try Self.requireTools()
        let folder = try TemporaryFolder()
        let docx = folder.file("liggende.docx")
        let document = Self.landscapeDocument
        try DocxRenderer.write(document, to: docx)
        let pdf = try Self.convertToPDF(docx, in: folder, soffice: tools.soffice)
        let pages = try Self.words(in: pdf, pdftotext: tools.pdftotext, folder: folder)
        // Portrait, landscape, portrait.
        #expect(pages.map { $0.width > $0.height } == [false, true, false], "pages: \(pages.map { "\($0.width)×\($0.height)" })")
        let tables = document.blocks.compactMap { if case let .table(table) = $0 { table } else { nil } }
        Self.expectUnbroken(tables, in: pages)
        Self.expectWithinMargins(pages, margin: 70.85)
        // APA 7: the label on one line, the title on the next.
        let lines = try Self.run(tools.pdftotext, ["-enc", "UTF-8", "-f", "2", "-l", "2", pdf.path, "-"]).split(separator: "\n")
        #expect(lines.contains("Tabell 1") && lines.contains("Kodinger"), "\(lines.prefix(4))")
        try Self.run(tools.pdftoppm, ["-png", "-r", "50", pdf.path, folder.file("liggende").path])
        try Self.keep([docx, pdf, folder.file("liggende-2.png")], as: ["liggende.docx", "liggende.pdf", "liggende-2.png"])
    }

    // MARK: - Reading the PDF

    struct Page: Decodable {
        struct Word: Decodable { var text: String; var xMin: Double; var xMax: Double }
        var width: Double
        var height: Double
        var words: [Word]
    }

    /// Every page's size and words with their horizontal extent, in points.
    static func words(in pdf: URL, pdftotext: String, folder: TemporaryFolder) throws -> [Page] {
        let html = folder.file("bbox.html")
        try run(pdftotext, ["-enc", "UTF-8", "-bbox-layout", pdf.path, html.path])
        let json = try runPython("""
            import json, sys, xml.etree.ElementTree as ET
            ns = "{http://www.w3.org/1999/xhtml}"
            pages = []
            for page in ET.parse(sys.argv[1]).getroot().iter(ns + "page"):
                words = [{"text": w.text or "", "xMin": float(w.get("xMin")), "xMax": float(w.get("xMax"))} for w in page.iter(ns + "word")]
                pages.append({"width": float(page.get("width")), "height": float(page.get("height")), "words": words})
            print(json.dumps(pages))
            """, [html.path])
        return try JSONDecoder().decode([Page].self, from: json)
    }

    /// Every word of the tables' cells is a word of the PDF, as often as the tables have it: a word
    /// broken across lines shows up as two pieces instead. Words are split where a line may break
    /// (spaces, and after a hyphen between letters, as in «IPS-|kvalitetsskala»).
    static func expectUnbroken(_ tables: [Table], in pages: [Page]) {
        func pieces(_ text: String) -> [String] {
            text.split(whereSeparator: { $0.isWhitespace }).flatMap { word -> [String] in
                var parts: [String] = [], current = ""
                let characters = Array(word)
                for (i, ch) in characters.enumerated() {
                    current.append(ch)
                    if ch == "-", i > 0, i + 1 < characters.count, characters[i - 1].isLetter, characters[i + 1].isLetter {
                        parts.append(current)
                        current = ""
                    }
                }
                return parts + [current]
            }
        }
        var inPDF: [String: Int] = [:]
        for page in pages { for word in page.words { for piece in pieces(word.text) { inPDF[piece, default: 0] += 1 } } }
        var inTables: [String: Int] = [:]
        for table in tables {
            for cell in table.header + table.rows.flatMap({ $0 }) {
                for piece in pieces(Inline.plainText(cell)) { inTables[piece, default: 0] += 1 }
            }
        }
        for (word, count) in inTables.sorted(by: { $0.key < $1.key }) {
            #expect(inPDF[word, default: 0] >= count, "«\(word)» is broken across lines in the PDF (\(inPDF[word, default: 0]) of \(count) whole)")
        }
    }

    /// No word starts left of the left margin or ends right of the right one (a cell's border and
    /// padding may reach a few points into them).
    static func expectWithinMargins(_ pages: [Page], margin: Double) {
        for (number, page) in pages.enumerated() {
            for word in page.words {
                #expect(word.xMin >= margin - 8 && word.xMax <= page.width - margin + 8,
                        "page \(number + 1): «\(word.text)» at \(word.xMin)–\(word.xMax) leaves the text area (page \(page.width) wide)")
            }
        }
    }
}
