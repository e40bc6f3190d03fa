import Foundation
import QualCode
import Testing
import ZIPFoundation

/// A figure that carries its drawing as SVG beside the PNG: the Word package holds both parts, and the
/// picture names the SVG in the extension Word 2016 reads (python-docx, xmllint and LibreOffice read it
/// back); Flat OPC holds both as base64 parts; HTML shows the SVG. Bad SVG is refused before anything
/// is written.
@Suite struct SVGFigureTests {
    /// A solid orange drawing, so a rendered page shows which of the two a reader drew: the PNG is a
    /// blue gradient (``TestImages/gradient``), the SVG has no blue at all.
    static let svgText = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="120" height="60" viewBox="0 0 120 60" role="img">
        <title>Prøvetegning «æøå» &amp; mer</title>
        <rect x="0" y="0" width="120" height="60" fill="#e07000"/>
        <text x="10" y="36" font-family="DejaVu Sans" font-size="14" fill="#ffffff">Kart</text>
        </svg>

        """
    static let png = TestImages.png(width: 120, height: 60)

    static func figure() throws -> Figure {
        try Figure(image: FigureImage(data: png, svg: SVGImage(svgText)), altText: "Arbeidskart: henvisning → kartlegging → jobb",
                   caption: [.text("Kart over arbeidet")], notes: [[.text("Forenklet fremstilling.")]])
    }

    static func document() throws -> Document {
        Document(title: "Arbeidskart", language: .nb, blocks: [
            .heading(level: 1, [.text("Arbeidskart")]),
            .paragraph([.text("Før figuren.")]),
            .figure(try figure()),
        ])
    }
}

// MARK: - Word package

extension SVGFigureTests {
    static let reader = """
        import docx, hashlib, json, sys, zipfile
        import xml.etree.ElementTree as ET
        from docx.enum.shape import WD_INLINE_SHAPE
        from lxml import etree
        NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
              "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main"}
        R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
        d = docx.Document(sys.argv[1])
        shapes = []
        for s in d.inline_shapes:
            blip = s._inline.graphic.graphicData.pic.blipFill.blip
            raster = d.part.related_parts[blip.embed]
            svgs = etree._Element.xpath(blip, "./a:extLst/a:ext[@uri='{96DAC541-7B7A-43D3-8B79-37D633B846F1}']/asvg:svgBlip",
                                        namespaces=NS)
            vector = d.part.related_parts[svgs[0].get(R + "embed")] if svgs else None
            shapes.append({"picture": s.type == WD_INLINE_SHAPE.PICTURE, "descr": s._inline.docPr.get("descr"), "width": s.width, "height": s.height,
                           "raster": raster.content_type, "rasterSha": hashlib.sha256(raster.blob).hexdigest(),
                           "svg": vector.content_type if vector else "", "svgName": str(vector.partname) if vector else "",
                           "svgSha": hashlib.sha256(vector.blob).hexdigest() if vector else ""})
        z = zipfile.ZipFile(sys.argv[1])
        CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
        types = ET.fromstring(z.read("[Content_Types].xml"))
        RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
        rels = ET.fromstring(z.read("word/_rels/document.xml.rels"))
        print(json.dumps({"shapes": shapes,
            "defaults": {e.get("Extension"): e.get("ContentType") for e in types.iter(CT + "Default")},
            "overrides": {e.get("PartName"): e.get("ContentType") for e in types.iter(CT + "Override")},
            "relationships": {e.get("Id"): e.get("Target") for e in rels.iter(RELS + "Relationship")},
            "svgDeflated": z.getinfo("word/media/image1.svg").compress_type == zipfile.ZIP_DEFLATED,
            "paragraphs": [p.text for p in d.paragraphs]}))
        """

    struct Read: Decodable {
        struct Shape: Decodable {
            var picture: Bool
            var descr: String
            var width: Int
            var height: Int
            var raster: String
            var rasterSha: String
            var svg: String
            var svgName: String
            var svgSha: String
        }
        var shapes: [Shape]
        var defaults: [String: String]
        var overrides: [String: String]
        var relationships: [String: String]
        var svgDeflated: Bool
        var paragraphs: [String]
    }

    @Test func theWordPackageHoldsThePNGAndTheSVGThePictureNames() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("svg-figur.docx")
        try DocxRenderer.write(try Self.document(), to: url)
        let read = try JSONDecoder().decode(Read.self, from: runPython(Self.reader, [url.path]))
        let shape = try #require(read.shapes.first)
        #expect(read.shapes.count == 1)
        // python-docx sees an inline picture with its alt text and size.
        #expect(shape.picture && shape.descr == "Arbeidskart: henvisning → kartlegging → jobb")
        #expect(shape.width == 9072 * 635 && shape.height == 9072 * 635 / 2)
        #expect(shape.raster == "image/png" && shape.rasterSha == SHA256Digest.hex(Self.png))
        #expect(shape.svg == "image/svg+xml" && shape.svgName == "/word/media/image1.svg")
        #expect(shape.svgSha == SHA256Digest.hex(Data(Self.svgText.utf8)))
        #expect(read.defaults["svg"] == "image/svg+xml" && read.defaults["rels"] != nil && read.defaults["xml"] == "application/xml")
        #expect(read.overrides["/word/media/image1.png"] == "image/png" && read.overrides["/word/media/image1.svg"] == nil)
        #expect(read.relationships["rIdImage1"] == "media/image1.png" && read.relationships["rIdSvg1"] == "media/image1.svg")
        #expect(read.svgDeflated)
        #expect(read.paragraphs.contains("Figur 1 Kart over arbeidet") && read.paragraphs.contains("Kommentar: Forenklet fremstilling."))

        // The extension as Word writes it, its prefix declared where it is used.
        let xml = String(decoding: try DocxRendererTests.entry("word/document.xml", of: url), as: UTF8.self)
        #expect(xml.contains("<a:blip r:embed=\"rIdImage1\"><a:extLst><a:ext uri=\"{96DAC541-7B7A-43D3-8B79-37D633B846F1}\">"
            + "<asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"rIdSvg1\"/>"
            + "</a:ext></a:extLst></a:blip>"))
        #expect(!xml.contains("mc:Ignorable"))
        let part = folder.file("document.xml")
        try DocxRendererTests.entry("word/document.xml", of: url).write(to: part)
        try Self.xmllint(part)
    }

    @Test func aFigureWithoutSVGIsWrittenAsBefore() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("png-figur.docx")
        let figure = try Figure(imageData: Self.png, altText: "Fargeovergang", caption: "Kart")
        try DocxRenderer.write(Document(blocks: [.figure(figure)]), to: url)
        let xml = String(decoding: try DocxRendererTests.entry("word/document.xml", of: url), as: UTF8.self)
        #expect(xml.contains("<a:blip r:embed=\"rIdImage1\"/>") && !xml.contains("svgBlip"))
        let types = String(decoding: try DocxRendererTests.entry("[Content_Types].xml", of: url), as: UTF8.self)
        #expect(!types.contains("svg"))
    }

    /// xmllint finds the file well-formed and namespace-well-formed (an undeclared prefix is an error).
    static func xmllint(_ file: URL) throws {
        let xmllint = "/usr/bin/xmllint"
        try #require(FileManager.default.isExecutableFile(atPath: xmllint), "xmllint is missing (Scripts/setup installs libxml2-utils)")
        let output = try RenderTools.run(xmllint, ["--noout", file.path])
        #expect(output.isEmpty, "xmllint: \(output)")
    }
}

// MARK: - Flat OPC and HTML

extension SVGFigureTests {
    @Test func flatOPCHoldsTheSVGAsABase64Part() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("svg-figur.xml")
        try FlatOPCRenderer.write(try Self.document(), to: url)
        try Self.xmllint(url)
        let reader = """
            import base64, json, sys, xml.etree.ElementTree as ET
            PKG = "{http://schemas.microsoft.com/office/2006/xmlPackage}"
            REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
            ASVG = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}"
            R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
            root = ET.parse(sys.argv[1]).getroot()
            parts = {p.get(PKG + "name"): p for p in root.findall(PKG + "part")}
            svg = parts["/word/media/image1.svg"]
            rels = parts["/word/_rels/document.xml.rels"].find(PKG + "xmlData")
            targets = {r.get("Id"): r.get("Target") for r in rels.iter(REL + "Relationship")}
            blips = [b.get(R + "embed") for b in parts["/word/document.xml"].iter(ASVG + "svgBlip")]
            print(json.dumps({"contentType": svg.get(PKG + "contentType"), "compression": svg.get(PKG + "compression"),
                              "text": base64.b64decode(svg.find(PKG + "binaryData").text).decode("utf-8"),
                              "target": targets.get("rIdSvg1"), "blips": blips, "png": "/word/media/image1.png" in parts}))
            """
        struct Read: Decodable {
            var contentType: String
            var compression: String
            var text: String
            var target: String?
            var blips: [String]
            var png: Bool
        }
        let read = try JSONDecoder().decode(Read.self, from: runPython(reader, [url.path]))
        #expect(read.contentType == "image/svg+xml" && read.compression == "store")
        #expect(read.text == Self.svgText)
        #expect(read.target == "media/image1.svg" && read.blips == ["rIdSvg1"] && read.png)
    }

    @Test func htmlShowsTheSVGWithTheAltTextAndLeavesThePNGOut() throws {
        let html = HTMLRenderer.html(for: try Self.document())
        let image = "<img src=\"data:image/svg+xml;base64,\(Data(Self.svgText.utf8).base64EncodedString())\""
            + " alt=\"Arbeidskart: henvisning → kartlegging → jobb\"/>"
        #expect(html.contains("<figure><figcaption>Figur 1 Kart over arbeidet</figcaption>" + image + "</figure>"))
        #expect(!html.contains(Self.png.base64EncodedString()) && !html.contains("image/png"))
        #expect(!html.contains("<svg"), "the SVG stays inside the image, where it runs no script")
    }
}

// MARK: - Hostile input

extension SVGFigureTests {
    static let svgNamespace = "xmlns=\"http://www.w3.org/2000/svg\""

    static let refused: [(name: String, data: Data, reason: String)] = [
        ("not XML", Data("Dette er ikke XML <<<".utf8), "it is not well-formed XML (line 1: "),
        ("cut short", Data("<svg \(svgNamespace)><rect width=\"1\"".utf8), "it is not well-formed XML"),
        ("HTML", Data("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>".utf8), "its root element is <html>, not <svg>"),
        ("no namespace", Data("<svg width=\"10\" height=\"10\"/>".utf8), "its <svg> root is not in the SVG namespace"),
        ("another namespace", Data("<svg xmlns=\"urn:x-ikke-svg\"/>".utf8), "its <svg> root is not in the SVG namespace"),
        ("entities", Data("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><svg \(svgNamespace)>&b;</svg>".utf8),
         "it declares a DOCTYPE or entities"),
        ("UTF-16", Data([0xFF, 0xFE]) + "<svg/>".data(using: .utf16LittleEndian)!, "it is not UTF-8"),
        ("broken UTF-8", Data("<svg \(svgNamespace)><text>".utf8) + Data([0xC3, 0x28]) + Data("</text></svg>".utf8), "it is not valid UTF-8"),
        ("empty", Data(), "it is empty"),
        ("huge", Data(count: SVGImage.maximumSize + 1), "it is \(SVGImage.maximumSize + 1) bytes, more than the \(SVGImage.maximumSize)"),
    ]

    @Test(arguments: refused.indices)
    func badSVGIsRefusedWithItsReason(_ index: Int) {
        let (name, data, reason) = Self.refused[index]
        let error = #expect(throws: ExportError.self, "\(name)") { try SVGImage(data: data) }
        guard case let .unsupportedSVG(said)? = error else {
            Issue.record("\(name): \(String(describing: error))")
            return
        }
        #expect(said.hasPrefix(reason), "\(name): \(said)")
    }

    @Test func theMessageSaysWhatToDoAndThatNothingWasWritten() {
        #expect(ExportError.unsupportedSVG(reason: "its root element is <html>, not <svg>").description
            == "a figure's SVG cannot be used: its root element is <html>, not <svg>; save the drawing again as SVG, "
            + "or leave the SVG out and keep the PNG. Nothing was written.")
    }

    @Test func aPrefixedSVGRootIsAnSVG() throws {
        let svg = try SVGImage("<s:svg xmlns:s=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"2\"><s:rect width=\"4\" height=\"2\"/></s:svg>")
        #expect(svg.data.count > 0)
    }

    @Test func anExportWithBadSVGWritesNothing() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("kart.docx")
        let earlier = try folder.write("tidligere.docx", "den forrige eksporten")
        for format in [ExportFormat.docx, .wordxml, .html] {
            for target in [url, earlier] {
                #expect(throws: ExportError.self) {
                    let figure = try Figure(image: FigureImage(data: Self.png, svg: SVGImage(data: Data("<html/>".utf8))),
                                            altText: "Kart", caption: [.text("Kart")])
                    try Document(blocks: [.figure(figure)]).write(as: format, to: target)
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try String(contentsOf: earlier, encoding: .utf8) == "den forrige eksporten")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["tidligere.docx"])
    }
}

// MARK: - Rendered

extension SVGFigureTests {
    /// LibreOffice draws the picture: the page has the figure's colours where the picture stands, from
    /// the PNG or the SVG (LibreOffice's import of the extension decides which).
    @Test func libreOfficeDrawsThePicture() throws {
        let tools = try RenderTools.require()
        let folder = try TemporaryFolder()
        let docx = folder.file("svg-figur.docx")
        try DocxRenderer.write(try Self.document(), to: docx)
        let pdf = try tools.convertToPDF(docx, in: folder.url)
        let text = try RenderTools.run(tools.pdftotext, ["-enc", "UTF-8", pdf.path, "-"])
        #expect(text.contains("Figur 1 Kart over arbeidet") && text.contains("Kommentar: Forenklet fremstilling."))
        let page = try tools.pixels(of: pdf, dpi: 60)
        // The picture is 16 cm wide (≈ 378 px at 60 dpi) and 8 cm tall: some 70,000 pixels.
        let orange = page.count { red, green, blue in red > 180 && green > 80 && green < 150 && blue < 60 }
        let gradient = page.count { red, green, blue in blue > 130 && blue < 190 && !(red > 200 && green > 200) }
        print("LibreOffice drew \(orange) pixels of the SVG's orange and \(gradient) of the PNG's gradient")
        #expect(orange + gradient > 40_000, "the page does not show the picture (\(orange) orange, \(gradient) gradient pixels)")
        let png = try tools.firstPagePNG(pdf)
        try RenderTools.keep([docx, pdf, png], as: ["svg-figur.docx", "svg-figur.pdf", "svg-figur-1.png"])
    }
}
