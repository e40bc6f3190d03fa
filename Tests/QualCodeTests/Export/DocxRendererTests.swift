import Foundation
import QualCode
import Testing
import ZIPFoundation

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

// MARK: - Figures

extension DocxRendererTests {
    static let figureReader = """
        import docx, json, sys, hashlib
        d = docx.Document(sys.argv[1])
        shapes = []
        for s in d.inline_shapes:
            blip = s._inline.graphic.graphicData.pic.blipFill.blip
            part = d.part.related_parts[blip.embed]
            shapes.append({"width": s.width, "height": s.height, "descr": s._inline.docPr.get("descr"),
                           "contentType": part.content_type, "sha": hashlib.sha256(part.blob).hexdigest()})
        print(json.dumps({"shapes": shapes, "paragraphs": [{"style": p.style.name, "text": p.text} for p in d.paragraphs]}))
        """

    struct FigureRead: Decodable {
        struct Shape: Decodable { var width: Int; var height: Int; var descr: String; var contentType: String; var sha: String }
        struct Paragraph: Decodable { var style: String; var text: String }
        var shapes: [Shape]
        var paragraphs: [Paragraph]
    }

    @Test func pythonDocxFindsFiguresWithSizeAltTextAndCaption() throws {
        let png = TestImages.png(width: 40, height: 20)
        let wide = try Figure(imageData: png, altText: "Flytskjema «henvisning → jobb» & mer", caption: "Arbeidsprosessen i IPS",
                              notes: ["Egen framstilling."])
        let narrow = try Figure(imageData: TestImages.png(width: 10, height: 30), altText: "Smal figur", caption: "Smal",
                                width: .centimetres(3))
        let folder = try TemporaryFolder()
        let url = folder.file("figurer.docx")
        try DocxRenderer.write(Document(blocks: [.paragraph([.text("Før")]), .figure(wide), .figure(narrow)]), to: url)
        let read = try JSONDecoder().decode(FigureRead.self, from: runPython(Self.figureReader, [url.path]))
        try #require(read.shapes.count == 2)
        // A4 less 2.5 cm margins: 9,072 twips × 635 EMU; the height follows the 2 : 1 aspect ratio.
        #expect(read.shapes[0].width == 9072 * 635 && read.shapes[0].height == 9072 * 635 / 2)
        #expect(read.shapes[0].descr == "Flytskjema «henvisning → jobb» & mer")
        #expect(read.shapes[0].contentType == "image/png")
        #expect(read.shapes[0].sha == SHA256Digest.hex(png))
        #expect(read.shapes[1].width == 3 * 360_000 && read.shapes[1].height == 9 * 360_000)
        let byStyle = read.paragraphs.map { "\($0.style): \($0.text)" }
        #expect(byStyle == ["Normal: Før", "Caption: Figur 1 Arbeidsprosessen i IPS", "Figur: ",
                            "Tabellkommentar: Kommentar: Egen framstilling.", "Caption: Figur 2 Smal", "Figur: "])
    }

    @Test func aTallFigureShrinksToFitThePage() throws {
        let tall = try Figure(imageData: TestImages.png(width: 10, height: 100), altText: "Høy", caption: "Høy")
        let folder = try TemporaryFolder()
        let url = folder.file("hoy.docx")
        try DocxRenderer.write(Document(blocks: [.figure(tall)]), to: url)
        let shape = try #require(try JSONDecoder().decode(FigureRead.self, from: runPython(Self.figureReader, [url.path])).shapes.first)
        // At most 80 % of the text height (16,838 − 2 × 1,417 twips), still 1 : 10.
        #expect(shape.height <= (16838 - 2 * 1417) * 635 * 8 / 10 && shape.height > 0)
        #expect(abs(shape.width * 10 - shape.height) <= 10)
    }

    @Test func figureImagesMustBePNGOrJPEGWithAltText() throws {
        let gif = Data("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8)
        #expect(throws: ExportError.unsupportedImage(reason: "the image is neither PNG nor JPEG (it starts with bytes 47 49 46 38)")) {
            try FigureImage(data: gif)
        }
        #expect(throws: ExportError.self) { try FigureImage(data: Data()) }
        #expect(throws: ExportError.self) { try FigureImage(data: Data(TestImages.png(width: 4, height: 4).prefix(20))) }
        #expect(throws: ExportError.missingAltText(caption: "Kart")) {
            try Figure(imageData: TestImages.png(width: 4, height: 4), altText: "  \n", caption: "Kart")
        }
        let jpeg = try FigureImage(data: TestImages.jpegHeader(width: 640, height: 480))
        #expect(jpeg.format == .jpeg && jpeg.pixelWidth == 640 && jpeg.pixelHeight == 480)
        let png = try FigureImage(data: TestImages.png(width: 3, height: 2))
        #expect(png.format == .png && png.pixelWidth == 3 && png.pixelHeight == 2)
        #expect(ExportError.missingAltText(caption: "Kart").description
            == "figure \"Kart\" has no alt text; describe what the image shows, for readers who cannot see it.")
    }

    @Test func theTestPNGIsValidForAnIndependentDecoder() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("bilde.png")
        try TestImages.png(width: 70, height: 1_000).write(to: url)  // > 65,535 bytes: several stored blocks
        let check = """
            import sys, struct, zlib
            b = open(sys.argv[1], "rb").read()
            assert b[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
            i, idat, size = 8, b"", None
            while i < len(b):
                n, t = struct.unpack(">I4s", b[i:i+8]); data = b[i+8:i+8+n]
                assert struct.unpack(">I", b[i+8+n:i+12+n])[0] == zlib.crc32(t + data)
                if t == b"IHDR": size = struct.unpack(">II", data[:8])
                if t == b"IDAT": idat += data
                i += 12 + n
            raw = zlib.decompress(idat)
            assert len(raw) == size[1] * (1 + 3 * size[0]), len(raw)
            print("%dx%d" % size)
            """
        #expect(String(decoding: try runPython(check, [url.path]), as: UTF8.self) == "70x1000\n")
    }
}

// MARK: - Caption words

extension DocxRendererTests {
    @Test func captionWordsComeFromTheDocumentNotTheLanguage() throws {
        var document = Document(language: .nb, blocks: [
            .table(Table(caption: "Koder", header: ["Kode"], rows: [["Tillit"]], notes: ["Fra analysen."])),
            .figure(try Figure(imageData: TestImages.png(width: 4, height: 2), altText: "Kart", caption: "Kart")),
        ])
        #expect([document.labels[.table], document.labels[.figure], document.labels[.note]] == ["Tabell", "Figur", "Kommentar"])
        let english = Document(language: .en).labels
        #expect([english[.table], english[.figure], english[.note]] == ["Table", "Figure", "Note"])
        document.labels = document.labels.overriding(.table, with: "Tab.").overriding(.figure, with: "Illustrasjon").overriding(.note, with: "Merknad")
        let folder = try TemporaryFolder()
        let url = folder.file("ord.docx")
        try DocxRenderer.write(document, to: url)
        let texts = try Self.readBack(url).paragraphs.map(\.text)
        #expect(texts.contains("Tab. 1 Koder") && texts.contains("Illustrasjon 1 Kart") && texts.contains("Merknad: Fra analysen."))
        let xml = try #require(String(data: try Self.entry("word/document.xml", of: url), encoding: .utf8))
        #expect(xml.contains(" SEQ Tab \\* ARABIC ") && xml.contains(" SEQ Illustrasjon \\* ARABIC "))
        let html = HTMLRenderer.html(for: document)
        #expect(html.contains("<caption>Tab. 1 Koder</caption>") && html.contains("<figcaption>Illustrasjon 1 Kart</figcaption>"))
        #expect(html.contains("<em>Merknad: </em>Fra analysen."))
    }

    /// One entry of a package, unpacked.
    static func entry(_ path: String, of url: URL) throws -> Data {
        let archive = try Archive(url: url, accessMode: .read)
        let entry = try #require(archive[path])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }
}

// MARK: - Landscape

extension DocxRendererTests {
    @Test func aLandscapeDocumentIsLandscapeThroughout() throws {
        var document = Document(blocks: [
            .heading(level: 1, [.text("Arbeidskart")]),
            .figure(try Figure(imageData: TestImages.png(width: 40, height: 10), altText: "Et bredt kart", caption: "Kart")),
            .table(Table(caption: "Steg", header: ["Steg"], rows: [["Henvisning"]])),
        ])
        document.landscape = true
        let folder = try TemporaryFolder()
        let url = folder.file("liggende.docx")
        try DocxRenderer.write(document, to: url)
        let xml = String(decoding: try Self.entry("word/document.xml", of: url), as: UTF8.self)
        // One section, A4 turned: 16,838 twips across, 11,906 down.
        #expect(xml.components(separatedBy: "<w:sectPr>").count == 2)
        #expect(xml.contains("w:orient=\"landscape\"") && xml.contains("w:w=\"16838\"") && xml.contains("w:h=\"11906\""))
        let shape = try #require(try JSONDecoder().decode(FigureRead.self, from: runPython(Self.figureReader, [url.path])).shapes.first)
        // As wide as the landscape page's text: 16,838 less two margins of 1,417 twips.
        #expect(shape.width == (16838 - 2 * 1417) * 635)
    }
}
