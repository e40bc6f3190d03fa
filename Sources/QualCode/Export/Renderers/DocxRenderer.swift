import Foundation
import ZIPFoundation

/// Renders a ``Document`` as a Word package (.docx): content types, relationships, the body,
/// QualCode's styles (or a reference document's), footnotes, images and core properties.
public enum DocxRenderer {
    /// The package as bytes.
    ///
    /// - Parameter reference: a Word document whose styles, theme, fonts and page the export takes
    ///   over; QualCode's own styles fill in what it lacks.
    public static func data(for document: Document, reference: ReferenceDocument? = nil) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let parts = parts(for: document, reference: reference)
        let entries = [Part(path: "[Content_Types].xml", contentType: "", xml: contentTypes(parts))] + parts
        for part in entries {
            let bytes: Data
            let method: CompressionMethod
            switch part.content {
            case let .xml(xml): (bytes, method) = (Data((XMLWriter.declaration + xml).utf8), .deflate)
            // PNG and JPEG are compressed already; an SVG is text, and shrinks like the XML parts.
            case let .binary(data): (bytes, method) = (data, part.contentType.hasSuffix("+xml") ? .deflate : .none)
            }
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: method) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ExportError.packageFailed(reason: "the archive has no data") }
        return data
    }

    /// Writes the package to `url` atomically: a failed export leaves no half-written file behind.
    public static func write(_ document: Document, to url: URL, reference: ReferenceDocument? = nil) throws {
        try ExportFile.write(data(for: document, reference: reference), to: url)
    }

    /// The numbers of the tables (1 for «Tabell 1») whose longest words do not fit the page's width
    /// even at 8 pt, so that some of their words are broken in Word: a table to set on a landscape page
    /// (``Table/landscape``), or to write as CSV.
    public static func tablesTooWide(in document: Document, reference: ReferenceDocument? = nil) -> [Int] {
        let page = document.landscape ? (reference?.page ?? .a4).landscape : reference?.page ?? .a4
        let text: (size: Int, fontFactor: Double) = reference?.mergedStyles(language: document.language).tableText ?? (20, 1)
        let tables = document.blocks.compactMap { block -> Table? in if case let .table(table) = block { table } else { nil } }
        return tables.enumerated().compactMap { index, table in
            let width = (table.landscape ? page.landscape : page).textWidth
            return TableLayout(table, width: width, size: text.size, fontFactor: text.fontFactor).breaksWords ? index + 1 : nil
        }
    }

    /// One part of the package: where it goes, what it is, and its XML (without the declaration) or bytes.
    struct Part {
        var path: String
        var contentType: String
        var content: Content

        enum Content {
            case xml(String)
            case binary(Data)
        }

        init(path: String, contentType: String, xml: String) {
            self.init(path: path, contentType: contentType, content: .xml(xml))
        }

        init(path: String, contentType: String, content: Content) {
            self.path = path
            self.contentType = contentType
            self.content = content
        }
    }

    /// The package's parts in order, for the .docx and the Flat-OPC renderer alike.
    static func parts(for document: Document, reference: ReferenceDocument? = nil) -> [Part] {
        let merged = reference?.mergedStyles(language: document.language)
        var body = WordprocessingML(document, styleIds: merged?.ids ?? [:], page: reference?.page ?? .a4,
                                    tableText: merged?.tableText ?? (20, 1))
        let documentXML = body.documentXML()
        let footnotesXML = body.footnotesXML()
        let relationships = "application/vnd.openxmlformats-package.relationships+xml"
        let wordprocessing = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        var parts = [
            Part(path: "_rels/.rels", contentType: relationships, xml: packageRelationships()),
            Part(path: "word/document.xml", contentType: wordprocessing + ".document.main+xml", xml: documentXML),
            Part(path: "word/styles.xml", contentType: wordprocessing + ".styles+xml",
                 xml: merged?.styles.xml ?? StyleSheet.xml(language: document.language)),
            Part(path: "word/footnotes.xml", contentType: wordprocessing + ".footnotes+xml", xml: footnotesXML),
        ]
        for carried in reference?.parts ?? [] {
            parts.append(Part(path: carried.path, contentType: carried.contentType, xml: carried.tree.xml))
        }
        for (index, image) in body.images.enumerated() {
            parts.append(Part(path: "word/" + WordprocessingML.imagePath(index + 1, image), contentType: image.format.contentType,
                              content: .binary(image.data)))
            if let svg = image.svg {
                parts.append(Part(path: "word/" + WordprocessingML.svgPath(index + 1), contentType: SVGImage.contentType,
                                  content: .binary(svg.data)))
            }
        }
        parts.append(Part(path: "word/_rels/document.xml.rels", contentType: relationships,
                          xml: documentRelationships(images: body.images, carried: reference?.parts ?? [])))
        parts.append(Part(path: "docProps/core.xml", contentType: "application/vnd.openxmlformats-package.core-properties+xml",
                          xml: coreProperties(document)))
        return parts
    }

    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// `[Content_Types].xml`: relationship parts and SVG images by extension (as Word writes them),
    /// every other part by name.
    private static func contentTypes(_ parts: [Part]) -> String {
        var defaults = [(fileExtension: "rels", contentType: "application/vnd.openxmlformats-package.relationships+xml"),
                        (fileExtension: "xml", contentType: "application/xml")]
        if parts.contains(where: { $0.contentType == SVGImage.contentType }) {
            defaults.append((fileExtension: "svg", contentType: SVGImage.contentType))
        }
        var xml = XMLWriter()
        xml.start("Types", ["xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"])
        for type in defaults {
            xml.empty("Default", ["Extension": type.fileExtension, "ContentType": type.contentType])
        }
        for part in parts {
            let fileExtension = part.path.split(separator: ".").last.map(String.init) ?? ""
            if defaults.contains(where: { $0.fileExtension == fileExtension && $0.contentType == part.contentType }) { continue }
            xml.empty("Override", ["PartName": "/" + part.path, "ContentType": part.contentType])
        }
        xml.end()
        return xml.output
    }

    private static func packageRelationships() -> String {
        var xml = XMLWriter()
        xml.start("Relationships", ["xmlns": "http://schemas.openxmlformats.org/package/2006/relationships"])
        xml.empty("Relationship", ["Id": "rId1", "Type": relationshipType + "/officeDocument", "Target": "word/document.xml"])
        xml.empty("Relationship", ["Id": "rId2", "Type": "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                                   "Target": "docProps/core.xml"])
        xml.end()
        return xml.output
    }

    private static func documentRelationships(images: [FigureImage], carried: [ReferenceDocument.CarriedPart]) -> String {
        var xml = XMLWriter()
        xml.start("Relationships", ["xmlns": "http://schemas.openxmlformats.org/package/2006/relationships"])
        xml.empty("Relationship", ["Id": "rId1", "Type": relationshipType + "/styles", "Target": "styles.xml"])
        xml.empty("Relationship", ["Id": "rId2", "Type": relationshipType + "/footnotes", "Target": "footnotes.xml"])
        for (index, part) in carried.enumerated() {
            xml.empty("Relationship", ["Id": "rIdReference\(index + 1)", "Type": part.relationshipType,
                                       "Target": String(part.path.dropFirst("word/".count))])
        }
        for (index, image) in images.enumerated() {
            xml.empty("Relationship", ["Id": WordprocessingML.imageRelationship(index + 1), "Type": relationshipType + "/image",
                                       "Target": WordprocessingML.imagePath(index + 1, image)])
            if image.svg != nil {
                xml.empty("Relationship", ["Id": WordprocessingML.svgRelationship(index + 1), "Type": relationshipType + "/image",
                                           "Target": WordprocessingML.svgPath(index + 1)])
            }
        }
        xml.end()
        return xml.output
    }

    private static func coreProperties(_ document: Document) -> String {
        var xml = XMLWriter()
        xml.start("cp:coreProperties", [
            "xmlns:cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/", "xmlns:dcterms": "http://purl.org/dc/terms/",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        ])
        if let title = document.title { xml.element("dc:title", text: title) }
        xml.element("dc:creator", text: "QualCode")
        xml.element("dc:language", text: document.language.languageTag)
        xml.element("dcterms:created", ["xsi:type": "dcterms:W3CDTF"], text: ISO8601DateFormatter().string(from: Date()))
        xml.end()
        return xml.output
    }
}
