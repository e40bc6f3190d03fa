import Foundation
import ZIPFoundation

/// Renders a ``Document`` as a Word package (.docx): content types, relationships, the body,
/// QualCode's styles, footnotes and core properties.
public enum DocxRenderer {
    /// The package as bytes.
    public static func data(for document: Document) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let parts = parts(for: document)
        for (path, xml) in [("[Content_Types].xml", contentTypes(parts))] + parts.map({ ($0.path, $0.xml) }) {
            let bytes = Data((XMLWriter.declaration + xml).utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ExportError.packageFailed(reason: "the archive has no data") }
        return data
    }

    /// Writes the package to `url` atomically: a failed export leaves no half-written file behind.
    public static func write(_ document: Document, to url: URL) throws {
        try ExportFile.write(data(for: document), to: url)
    }

    /// One part of the package: where it goes, what it is, and its XML (without the declaration).
    struct Part {
        var path: String
        var contentType: String
        var xml: String
    }

    /// The package's parts in order, for the .docx and the Flat-OPC renderer alike.
    static func parts(for document: Document) -> [Part] {
        var body = WordprocessingML(document)
        let documentXML = body.documentXML()
        let footnotesXML = body.footnotesXML()
        let relationships = "application/vnd.openxmlformats-package.relationships+xml"
        return [
            Part(path: "_rels/.rels", contentType: relationships, xml: packageRelationships()),
            Part(path: "word/document.xml", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                 xml: documentXML),
            Part(path: "word/styles.xml", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
                 xml: StyleSheet.xml(language: document.language)),
            Part(path: "word/footnotes.xml", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                 xml: footnotesXML),
            Part(path: "word/_rels/document.xml.rels", contentType: relationships, xml: documentRelationships()),
            Part(path: "docProps/core.xml", contentType: "application/vnd.openxmlformats-package.core-properties+xml",
                 xml: coreProperties(document)),
        ]
    }

    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// `[Content_Types].xml`: relationship parts by extension, every other part by name.
    private static func contentTypes(_ parts: [Part]) -> String {
        var xml = XMLWriter()
        xml.start("Types", ["xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"])
        xml.empty("Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"])
        xml.empty("Default", ["Extension": "xml", "ContentType": "application/xml"])
        for part in parts where !part.path.hasSuffix(".rels") {
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

    private static func documentRelationships() -> String {
        var xml = XMLWriter()
        xml.start("Relationships", ["xmlns": "http://schemas.openxmlformats.org/package/2006/relationships"])
        xml.empty("Relationship", ["Id": "rId1", "Type": relationshipType + "/styles", "Target": "styles.xml"])
        xml.empty("Relationship", ["Id": "rId2", "Type": relationshipType + "/footnotes", "Target": "footnotes.xml"])
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
