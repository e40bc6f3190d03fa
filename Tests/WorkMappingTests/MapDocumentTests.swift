import Foundation
import QualCode
import TestSupport
import Testing
@testable import WorkMapping

/// The map as a Word document and as PNG: a synthetic study's map exported as .docx holds the picture as
/// PNG and SVG with a numbered caption, the note and alt text naming the steps (read back by python-docx,
/// drawn by LibreOffice); the PNG that rsvg-convert draws has the size asked for, and a missing or
/// failing rsvg-convert is a clear error.
@Suite struct MapDocumentTests {
    /// A temporary project with a small map of job specialists' work (synthetic; no real people).
    final class Study: @unchecked Sendable {
        let folder: URL
        let map: WorkMapping

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("map-document-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try ProjectStore.create(at: folder.appendingPathComponent("kart.qualcode"), title: "Jobbspesialister", coder: "kari",
                                                extensions: [WorkMapping.schema])
            map = WorkMapping(store)
            try map.setStandpoint("Jobbspesialistene")
            let henvisning = try map.addStep("Motta henvisning")
            let bliKjent = try map.addStep("Bli kjent, bygge tillit")
            let kartlegge = try map.addStep("Kartlegge jobbsøker")
            let jobbmatch = try map.addStep("Finne jobbmatch – «tre kopper te»")
            let avklare = try map.addAction("Avklare henvisningen med behandler", in: henvisning.id)
            let samtale = try map.addAction("Trekantsamtale med NAV-veileder", in: bliKjent.id)
            _ = try map.addAction("Kartleggingsmøte på kafé", in: kartlegge.id)
            let presentere = try map.addAction("Presentere kandidat for arbeidsgiver", in: jobbmatch.id)
            _ = try map.addText("Henvisningsskjema", kind: .form, scope: .step, step: henvisning.id)
            _ = try map.addText("Samtykkeerklæring", kind: .form, scope: .step, step: bliKjent.id)
            _ = try map.addText("Kartleggingsmal (IPS)", kind: .form, scope: .step, step: kartlegge.id)
            _ = try map.addText("IPS-kvalitetsskala", kind: .qualityTool, scope: .process)
            let spesialist = try map.addActor("Jobbspesialist")
            let veileder = try map.addActor("NAV-veileder")
            for action in [avklare, samtale, presentere] {
                try map.link(.performs, from: .init(.actor, spesialist.id), to: .init(.action, action.id))
            }
            try map.link(.performs, from: .init(.actor, veileder.id), to: .init(.action, samtale.id))
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func file(_ name: String) -> URL { folder.appendingPathComponent(name) }
    }

    static let caption = "Kart over arbeidet, sett fra ståstedet til jobbspesialistene"
    static let altText = "Arbeidskart med 4 arbeidssteg i rekkefølge: 1. Motta henvisning; 2. Bli kjent, bygge tillit; "
        + "3. Kartlegge jobbsøker; 4. Finne jobbmatch – «tre kopper te». Tekster som styrer hele prosessen: IPS-kvalitetsskala. "
        + "Aktører: Jobbspesialist; NAV-veileder."

    /// The PNG's width and height from its header (IHDR).
    static func pixelSize(_ png: Data) -> (width: Int, height: Int) {
        let bytes = [UInt8](png.prefix(24))
        let number = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
}

// MARK: - The document

extension MapDocumentTests {
    @Test func theDocumentHasAHeadingTheFigureItsCaptionNoteAndAltText() throws {
        let study = try Study()
        let document = try study.map.mapDocument(lanes: true)
        #expect(document.title == "Arbeidskart" && document.language == .nb)
        try #require(document.blocks.count == 2)
        #expect(document.blocks[0] == .heading(level: 1, [.text("Arbeidskart")]))
        guard case let .figure(figure) = document.blocks[1] else {
            Issue.record("the second block is not the figure")
            return
        }
        #expect(figure.caption == [.text(Self.caption)])
        #expect(figure.notes == [[.text("Forenklet fremstilling, tegnet ut fra informantenes beskrivelser; arbeidet skjer ikke alltid i denne rekkefølgen.")]])
        #expect(figure.altText == Self.altText)
        // The picture is the map without its caption and note (the document sets them as text), PNG and SVG alike.
        let drawing = try study.map.figure(lanes: true).drawing(captioned: false)
        #expect(!drawing.boxes.contains { $0.kind == .caption || $0.kind == .note } && drawing.title == Self.caption)
        #expect(figure.image.format == .png && figure.image.pixelWidth == Int((drawing.width * 2).rounded()))
        #expect(figure.image.svg?.data == Data(MapSVG.svg(for: drawing).utf8))
        #expect(document.landscape == (drawing.width > drawing.height * 1.25))
    }

    @Test func anEnglishDocumentHasEnglishWords() throws {
        let study = try Study()
        let document = try study.map.mapDocument(language: .en)
        #expect(document.blocks.first == .heading(level: 1, [.text("Work map")]))
        guard case let .figure(figure) = document.blocks.last else {
            Issue.record("the last block is not the figure")
            return
        }
        #expect(figure.caption == [.text("Map of the work seen from the standpoint of Jobbspesialistene")])
        #expect(figure.altText.hasPrefix("Work map with 4 steps in order: 1. Motta henvisning; 2. Bli kjent, bygge tillit;"))
        #expect(figure.altText.hasSuffix("Texts governing the whole process: IPS-kvalitetsskala."))
        #expect(document.labels[.figure] == "Figure" && document.labels[.note] == "Note")
    }

    @Test func theAltTextOfAnEmptyMapSaysSo() {
        let empty = MapFigure(caption: "Kart", note: "", steps: [])
        #expect(MapDocument.altText(for: empty, language: .nb) == "Arbeidskart uten arbeidssteg.")
        #expect(MapDocument.altText(for: empty, language: .en) == "Work map without steps.")
        let one = MapFigure(caption: "Map", note: "", steps: [.init(box: .init(key: "s", label: "Referral\u{7}"))], words: .en)
        #expect(MapDocument.altText(for: one, language: .en) == "Work map with 1 step in order: 1. Referral.")
    }

    static let reader = """
        import docx, json, struct, sys
        from lxml import etree
        NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
              "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main"}
        R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
        d = docx.Document(sys.argv[1])
        shapes = []
        for s in d.inline_shapes:
            blip = s._inline.graphic.graphicData.pic.blipFill.blip
            raster = d.part.related_parts[blip.embed]
            svgs = etree._Element.xpath(blip, "./a:extLst/a:ext/asvg:svgBlip", namespaces=NS)
            vector = d.part.related_parts[svgs[0].get(R + "embed")]
            root = etree.fromstring(vector.blob)
            shapes.append({"descr": s._inline.docPr.get("descr"), "raster": raster.content_type,
                           "pixels": list(struct.unpack(">II", raster.blob[16:24])), "svg": vector.content_type,
                           "svgRoot": root.tag, "svgTitle": root.findtext("{http://www.w3.org/2000/svg}title"),
                           "steps": [" ".join(t.text for t in g.iter("{http://www.w3.org/2000/svg}tspan"))
                                     for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "step"],
                           "ratio": s.height / s.width})
        print(json.dumps({"shapes": shapes, "paragraphs": [{"style": p.style.name, "text": p.text} for p in d.paragraphs]}))
        """

    struct Read: Decodable {
        struct Shape: Decodable {
            var descr: String
            var raster: String
            var pixels: [Int]
            var svg: String
            var svgRoot: String
            var svgTitle: String
            var steps: [String]
            var ratio: Double
        }
        struct Paragraph: Decodable { var style: String; var text: String }
        var shapes: [Shape]
        var paragraphs: [Paragraph]
    }

    @Test func pythonDocxReadsThePictureAsPNGAndSVG() throws {
        let study = try Study()
        let url = study.file("arbeidskart.docx")
        try study.map.mapDocument(lanes: true).write(as: .docx, to: url)
        let read = try JSONDecoder().decode(Read.self, from: runPython(Self.reader, [url.path]))
        let shape = try #require(read.shapes.first)
        #expect(read.shapes.count == 1)
        #expect(shape.descr == Self.altText)
        #expect(shape.raster == "image/png" && shape.svg == "image/svg+xml")
        #expect(shape.svgRoot == "{http://www.w3.org/2000/svg}svg" && shape.svgTitle == Self.caption)
        // Each step's lines, joined again (the labels wrap at spaces only).
        #expect(shape.steps == ["Motta henvisning", "Bli kjent, bygge tillit", "Kartlegge jobbsøker", "Finne jobbmatch – «tre kopper te»"])
        // Word's frame keeps the PNG's aspect ratio.
        #expect(abs(shape.ratio - Double(shape.pixels[1]) / Double(shape.pixels[0])) < 0.002)
        #expect(read.paragraphs.map { "\($0.style): \($0.text)" } == [
            "Heading 1: Arbeidskart", "Caption: Figur 1 " + Self.caption, "Figur: ",
            "Tabellkommentar: Kommentar: Forenklet fremstilling, tegnet ut fra informantenes beskrivelser; arbeidet skjer ikke alltid i denne rekkefølgen.",
        ])
    }

    /// LibreOffice draws the page with the map on it: the steps' red where the picture stands, between
    /// the caption and the note.
    @Test func libreOfficeDrawsTheMapOnThePage() throws {
        let tools = try RenderTools.require()
        let study = try Study()
        let docx = study.file("arbeidskart.docx")
        try study.map.mapDocument(lanes: true).write(as: .docx, to: docx)
        let pdf = try tools.convertToPDF(docx, in: study.folder)
        let text = try RenderTools.run(tools.pdftotext, ["-enc", "UTF-8", pdf.path, "-"])
        for expected in ["Arbeidskart", "Figur 1 Kart over arbeidet", "Kommentar: Forenklet fremstilling"] {
            #expect(text.contains(expected), "the PDF lacks \"\(expected)\"")
        }
        print("LibreOffice drew the map \(text.contains("Kartlegge jobbsøker") ? "from the SVG (its labels are text)" : "from the PNG")")
        let page = try tools.pixels(of: pdf, dpi: 60)
        // The steps' fill, #B3261E.
        let red = page.count { red, green, blue in red > 150 && green < 80 && blue < 80 }
        #expect(red > 800, "the page shows no map (\(red) pixels of the steps' red)")
        let png = try tools.firstPagePNG(pdf, dpi: 110)
        try RenderTools.keep([docx, pdf, png], as: ["arbeidskart.docx", "arbeidskart.pdf", "arbeidskart-1.png"])
    }

    /// A map wider than tall is set on a landscape page, where the whole of it (with its heading, caption
    /// and note) fits one page, and prints larger than upright.
    @Test func aWideMapIsSetOnALandscapePage() throws {
        let tools = try RenderTools.require()
        var figure = LayoutFixture.typicalWithLanes
        figure.caption = "Kart over oppfølgingsarbeidet til jobbspesialister (syntetisk eksempel)"  // Word numbers it
        let document = try MapDocument.document(for: figure, language: .nb)
        #expect(document.landscape)
        #expect(try !MapDocument.document(for: MapFigure(caption: "Høyt kart", note: "", steps: [
            .init(box: .init(key: "s", label: "Ett steg"), texts: (1...12).map { .init(key: "t\($0)", label: "Tekst \($0)") }),
        ]), language: .nb).landscape)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("map-landscape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let docx = folder.appendingPathComponent("arbeidskart-liggende.docx")
        try document.write(as: .docx, to: docx)
        let pdf = try tools.convertToPDF(docx, in: folder)
        let info = try RenderTools.run(tools.pdfinfo, [pdf.path])
        #expect(info.contains("Pages:           1"), "the map does not fit one page:\n\(info)")
        let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }?.split(separator: " ").compactMap { Double($0) } ?? []
        #expect(size.count == 2 && abs(size[0] - 841.9) < 1 && abs(size[1] - 595.3) < 1, "not landscape A4:\n\(info)")
        let text = try RenderTools.run(tools.pdftotext, ["-enc", "UTF-8", pdf.path, "-"])
        #expect(text.contains("Figur 1 Kart over oppfølgingsarbeidet") && text.contains("Kommentar: Forenklet fremstilling"))
        let png = try tools.firstPagePNG(pdf, dpi: 110)
        try RenderTools.keep([docx, pdf, png], as: ["arbeidskart-liggende.docx", "arbeidskart-liggende.pdf", "arbeidskart-liggende-1.png"])
    }

    @Test func theSVGAndPNGConveniencesDrawWithOrWithoutTheCaption() throws {
        let study = try Study()
        let captioned = try study.map.mapSVG()
        let bare = try study.map.mapSVG(captioned: false)
        #expect(captioned.contains("<g class=\"caption\">") && captioned.contains("<g class=\"note\">"))
        #expect(!bare.contains("<g class=\"caption\">") && !bare.contains("<g class=\"note\">"))
        #expect(bare.contains("<title>\(Self.caption)</title>"))
        let png = try study.map.mapPNG(size: .width(640))
        #expect(png.starts(with: Self.pngSignature) && Self.pixelSize(png).width == 640)
    }
}

// MARK: - PNG

extension MapDocumentTests {
    @Test(arguments: LayoutFixture.all)
    func thePNGHasTheSignatureAndTheSizeAsked(_ fixture: LayoutFixture) throws {
        let drawing = MapLayout(fixture.figure).drawing
        let standard = try MapRaster.png(for: drawing)
        #expect(standard.starts(with: Self.pngSignature))
        let size = Self.pixelSize(standard)
        #expect(size.width == Int((drawing.width * 2).rounded()) && size.height == Int((drawing.height * 2).rounded()))
        let narrow = try MapRaster.png(for: drawing, size: .width(800))
        #expect(Self.pixelSize(narrow).width == 800)
        #expect(Self.pixelSize(narrow).height == Int((drawing.height * 800 / drawing.width).rounded()))
        if let folder = ProcessInfo.processInfo.environment["QUALCODE_SAMPLE_DIR"] {
            try standard.write(to: URL(fileURLWithPath: folder).appendingPathComponent("raster-\(fixture.name.replacingOccurrences(of: " ", with: "-")).png"))
        }
    }

    @Test(arguments: [MapRaster.Size.scale(0), .scale(-1), .scale(.nan), .scale(.infinity), .scale(40), .width(0), .width(-5), .width(20_000)])
    func aSizeOutsideTheLimitsIsRefused(_ size: MapRaster.Size) throws {
        let drawing = MapLayout(LayoutFixture.typical).drawing
        let error = #expect(throws: MapError.self) { try MapRaster.png(for: drawing, size: size) }
        guard case let .rasterSize(refused, _, _)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(refused == size || size != size)  // NaN is not equal to itself
        #expect(error?.description.hasPrefix("a PNG at \(size) would be ") == true)
    }

    @Test func aMissingRsvgConvertIsNamedWithWhereItWasLookedFor() {
        #expect(throws: MapError.rasterizerMissing(searched: ["/nowhere", "/nor-here", "/fallback"])) {
            try MapRaster.executable(path: "/nowhere::/nor-here", fallbacks: ["/fallback"])
        }
        #expect(MapError.rasterizerMissing(searched: ["/nowhere", "/usr/bin"]).description
            == "rsvg-convert was not found (looked in /nowhere, /usr/bin); it draws the map as PNG: install librsvg2-bin (Debian, Ubuntu) "
            + "or librsvg (Homebrew); nothing was written.")
        #expect(throws: Never.self) { try MapRaster.executable(path: "/nowhere", fallbacks: ["/usr/bin"]) }
    }

    @Test func aFailingRsvgConvertReportsTheFirstLineOfItsErrors() throws {
        for svg in ["das ist kein SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect" + String(repeating: " x=\"1\"", count: 2_000_000)] {
            let error = #expect(throws: MapError.self) { try MapRaster.png(svg: svg, width: 10, height: 10) }
            guard case let .rasterizerFailed(program, status, message)? = error else {
                Issue.record("\(String(describing: error))")
                continue
            }
            #expect(program.hasSuffix("/rsvg-convert") && status != 0 && !message.isEmpty && !message.contains("\n"))
            #expect(error?.description.hasPrefix("\(program) could not draw the map as PNG (exit status \(status): ") == true)
        }
    }

    /// Standard input and output are written and read at once: megabytes each way do not leave the two
    /// programs waiting on each other's full pipe.
    @Test func aLargeInputAndOutputPassThroughWithoutWaitingOnAFullPipe() throws {
        let input = Data((0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let result = try ToolRun.run("/bin/cat", [], input: input)
        #expect(result.status == 0 && result.output == input && result.errors.isEmpty)
    }
}
