import Foundation
import QualCode
import Testing

@Suite struct FlatOPCRendererTests {
    static let reader = """
        import json, sys, xml.etree.ElementTree as ET
        PKG = "{http://schemas.microsoft.com/office/2006/xmlPackage}"
        W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        root = ET.parse(sys.argv[1]).getroot()
        parts = {p.get(PKG + "name"): p for p in root.findall(PKG + "part")}
        body = parts["/word/document.xml"]
        paragraphs = []
        for p in body.iter(W + "p"):
            style = p.find(W + "pPr/" + W + "pStyle")
            text = "".join(t.text or "" for t in p.iter(W + "t"))
            italic = [t.text for r in p.iter(W + "r") if r.find(W + "rPr/" + W + "i") is not None for t in r.iter(W + "t")]
            paragraphs.append({"style": style.get(W + "val") if style is not None else "", "text": text, "italic": italic})
        print(json.dumps({"parts": sorted(parts), "paragraphs": paragraphs}))
        """

    struct Read: Decodable {
        struct Paragraph: Decodable { var style: String; var text: String; var italic: [String] }
        var parts: [String]
        var paragraphs: [Paragraph]
    }

    @Test func oneXMLFileHoldsEveryPartAndReadsBack() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("sitater.xml")
        try FlatOPCRenderer.write(DocxRendererTests.sample, to: url)
        if let keep = ProcessInfo.processInfo.environment["QUALCODE_SAMPLE_DIR"] {
            try? FileManager.default.removeItem(atPath: keep + "/sample-flat.xml")
            try FileManager.default.copyItem(atPath: url.path, toPath: keep + "/sample-flat.xml")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<?mso-application progid=\"Word.Document\"?>"))
        let read = try JSONDecoder().decode(Read.self, from: runPython(Self.reader, [url.path]))
        #expect(read.parts == ["/_rels/.rels", "/docProps/core.xml", "/word/_rels/document.xml.rels", "/word/document.xml",
                               "/word/footnotes.xml", "/word/styles.xml"])
        #expect(read.paragraphs.contains { $0.style == "Sitat" && $0.text.hasPrefix("Eh, jeg er ikke sjefen") })
        #expect(read.paragraphs.contains { $0.style == "Caption" && $0.text == "Tabell 1 Oversikt over informantene" })
        #expect(read.paragraphs.contains { $0.text == "Informantene beskrev tillit som grunnmuren & mer <her>." && $0.italic == ["tillit"] })
    }
}

// MARK: - Figures

extension FlatOPCRendererTests {
    @Test func imagesAreBinaryPartsInBase64() throws {
        let png = TestImages.png(width: 30, height: 600)  // long enough for many base64 lines
        let figure = try Figure(imageData: png, altText: "Kart over «NAV» & kommunen", caption: "Kart")
        let folder = try TemporaryFolder()
        let url = folder.file("figur.xml")
        try FlatOPCRenderer.write(Document(blocks: [.figure(figure)]), to: url)
        let reader = """
            import base64, json, sys, xml.etree.ElementTree as ET
            PKG = "{http://schemas.microsoft.com/office/2006/xmlPackage}"
            REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
            WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
            root = ET.parse(sys.argv[1]).getroot()
            parts = {p.get(PKG + "name"): p for p in root.findall(PKG + "part")}
            image = parts["/word/media/image1.png"]
            data = image.find(PKG + "binaryData").text
            rels = parts["/word/_rels/document.xml.rels"].find(PKG + "xmlData")
            targets = {r.get("Id"): r.get("Target") for r in rels.iter(REL + "Relationship")}
            doc = parts["/word/document.xml"]
            print(json.dumps({"contentType": image.get(PKG + "contentType"), "compression": image.get(PKG + "compression"),
                              "bytes": base64.b64decode(data).hex(), "longestLine": max(len(l) for l in data.split("\\n")),
                              "target": targets.get("rIdImage1"), "xmlData": image.find(PKG + "xmlData") is not None,
                              "descr": [d.get("descr") for d in doc.iter(WP + "docPr")]}))
            """
        struct Read: Decodable {
            var contentType: String
            var compression: String
            var bytes: String
            var longestLine: Int
            var target: String
            var xmlData: Bool
            var descr: [String]
        }
        let read = try JSONDecoder().decode(Read.self, from: runPython(reader, [url.path]))
        #expect(read.contentType == "image/png" && read.compression == "store" && !read.xmlData)
        #expect(read.bytes == png.map { String(format: "%02x", $0) }.joined())
        #expect(read.longestLine == 76)
        #expect(read.target == "media/image1.png")
        #expect(read.descr == ["Kart over «NAV» & kommunen"])
    }
}
