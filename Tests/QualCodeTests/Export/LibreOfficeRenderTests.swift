import Foundation
import QualCode
import Testing

/// Exports rendered the way a reader will see them: LibreOffice headless turns the .docx into a PDF,
/// poppler reads the text and images back and draws the first page as PNG.
///
/// Scripts/setup installs LibreOffice (libreoffice-writer-nogui) and poppler-utils, so a missing
/// `soffice` is a failure here, not a skip: a test that passes without rendering would hide a
/// broken setup. Scripts/render-sample runs this suite with `QUALCODE_SAMPLE_DIR` set to keep the
/// files for a person to look at.
@Suite(.serialized) struct LibreOfficeRenderTests {
    static let figurePNG = TestImages.png(width: 120, height: 60)

    static func sample() throws -> Document {
        Document(title: "Gjengivelse – «Tillit» 🙂", language: .nb, blocks: [
            .heading(level: 1, [.text("Resultater – «Tillit» på tvers av tjenestene")]),
            .paragraph([.text("Informantene i Ålesund og Bærum beskrev "), .italic("tillit"), .text(" som "), .bold("grunnmuren"),
                        .text(" – særlig i «det navske» 🙂."), .footnote([.text("Se også Malterud (2017).")])]),
            .blockQuote([.text("Eh, jeg er ikke sjefen deres (…) men jeg er den de kan sparre med. Æ, Ø og Å står seg.")],
                        label: [.text("(Jobbspesialist, IPS)")]),
            .table(Table(caption: "Oversikt over informantene", header: ["Pseudonym", "Tjeneste (N=2)"],
                         rows: [["Åse", "IPS ung"], ["Bjørn", "Utvidet oppfølging"]], notes: ["Tallene er antall informanter."])),
            .figure(try Figure(imageData: figurePNG, altText: "Fargeovergang som prøvebilde", caption: "Arbeidsprosessen i IPS",
                               notes: ["Egen framstilling."])),
        ])
    }

    @Test func libreOfficeRendersTextTableQuoteAndFigure() throws {
        let tools = try Self.requireTools()
        let folder = try TemporaryFolder()
        let docx = folder.file("sample.docx")
        try DocxRenderer.write(try Self.sample(), to: docx)
        let pdf = try Self.convertToPDF(docx, in: folder, soffice: tools.soffice)

        let text = try Self.run(tools.pdftotext, ["-enc", "UTF-8", pdf.path, "-"])
        for expected in ["Resultater – «Tillit» på tvers av tjenestene", "Ålesund og Bærum", "grunnmuren", "«det navske»",
                         "Eh, jeg er ikke sjefen deres (…)", "Æ, Ø og Å", "(Jobbspesialist, IPS)", "Tabell 1 Oversikt over informantene",
                         "Utvidet oppfølging", "Kommentar: Tallene er antall informanter.", "Figur 1 Arbeidsprosessen i IPS",
                         "Egen framstilling.", "Se også Malterud (2017)."] {
            #expect(text.contains(expected), "the PDF lacks \"\(expected)\"")
        }
        #expect(text.unicodeScalars.contains("🙂"), "the emoji did not survive into the PDF text")
        // The figure is in the PDF at its pixel size.
        let images = try Self.run(tools.pdfimages, ["-list", pdf.path])
        #expect(images.split(separator: "\n").contains { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            return columns.count > 4 && columns[3] == "120" && columns[4] == "60"
        }, "no 120 × 60 image in the PDF:\n\(images)")

        // Scripts/setup installs Carlito (Calibri's metrics, so line breaks match Word's) and Symbola (emoji).
        let fonts = try Self.run(tools.pdffonts, [pdf.path])
        #expect(fonts.contains("Carlito") && fonts.contains("Symbola"), "fonts missing (run Scripts/setup):\n\(fonts)")

        let png = try Self.firstPagePNG(pdf, in: folder, pdftoppm: tools.pdftoppm)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 2_000)
        try Self.keep([docx, pdf, png], as: ["sample.docx", "sample.pdf", "sample-1.png"])
    }

    @Test func aReferenceDocumentsPageAndStylesReachThePDF() throws {
        let tools = try Self.requireTools()
        let folder = try TemporaryFolder()
        let reference = try ReferenceDocument(contentsOf: try ReferenceDocumentTests.reference(in: folder))
        let docx = folder.file("sample-reference.docx")
        try DocxRenderer.write(try Self.sample(), to: docx, reference: reference)
        let pdf = try Self.convertToPDF(docx, in: folder, soffice: tools.soffice)
        let info = try Self.run(tools.pdfinfo, [pdf.path])
        // The reference's landscape A4: 842 × 595 points.
        let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }?
            .split(separator: " ").compactMap { Double($0) } ?? []
        #expect(size.count == 2 && abs(size[0] - 841.9) < 1 && abs(size[1] - 595.3) < 1, "not landscape A4:\n\(info)")
        let text = try Self.run(tools.pdftotext, ["-enc", "UTF-8", pdf.path, "-"])
        #expect(text.contains("Resultater – «Tillit»") && text.contains("Figur 1 Arbeidsprosessen i IPS"))
        let png = try Self.firstPagePNG(pdf, in: folder, pdftoppm: tools.pdftoppm)
        try Self.keep([docx, pdf, png], as: ["sample-reference.docx", "sample-reference.pdf", "sample-reference-1.png"])
    }
}

// MARK: - Tools

/// The suite's names for the shared helpers in Tests/Support (``RenderTools``), which the render tests
/// of other modules use too.
extension LibreOfficeRenderTests {
    typealias Tools = RenderTools

    static func requireTools() throws -> Tools { try RenderTools.require() }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 180) throws -> String {
        try RenderTools.run(executable, arguments, timeout: timeout)
    }

    static func convertToPDF(_ docx: URL, in folder: TemporaryFolder, soffice: String) throws -> URL {
        var tools = try RenderTools.require()
        tools.soffice = soffice
        return try tools.convertToPDF(docx, in: folder.url)
    }

    static func firstPagePNG(_ pdf: URL, in folder: TemporaryFolder, pdftoppm: String) throws -> URL {
        var tools = try RenderTools.require()
        tools.pdftoppm = pdftoppm
        return try tools.firstPagePNG(pdf)
    }

    static func keep(_ files: [URL], as names: [String]) throws { try RenderTools.keep(files, as: names) }
}
