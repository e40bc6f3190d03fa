import Foundation

/// Renders a ``Document`` as one Flat-OPC XML file (`pkg:package`), which Word opens directly:
/// the same parts as the .docx, inline instead of zipped.
public enum FlatOPCRenderer {
    static let packageNamespace = "http://schemas.microsoft.com/office/2006/xmlPackage"

    public static func xml(for document: Document) -> String {
        var xml = XMLWriter()
        // Word recognises a Flat-OPC file by this processing instruction.
        xml.processingInstruction("mso-application", "progid=\"Word.Document\"")
        xml.start("pkg:package", ["xmlns:pkg": packageNamespace])
        let contentTypes: [String: String] = [
            "_rels/.rels": "application/vnd.openxmlformats-package.relationships+xml",
            "word/_rels/document.xml.rels": "application/vnd.openxmlformats-package.relationships+xml",
            "word/document.xml": DocxRenderer.mainContentType,
            "word/styles.xml": DocxRenderer.stylesContentType,
            "word/footnotes.xml": DocxRenderer.footnotesContentType,
            "docProps/core.xml": DocxRenderer.coreContentType,
        ]
        for (path, partXML) in DocxRenderer.parts(for: document) where path != "[Content_Types].xml" {
            xml.start("pkg:part", ["pkg:name": "/" + path, "pkg:contentType": contentTypes[path] ?? "application/xml"])
            xml.start("pkg:xmlData")
            xml.raw(withoutDeclaration(partXML))
            xml.end()
            xml.end()
        }
        xml.end()
        return xml.output
    }

    public static func write(_ document: Document, to url: URL) throws {
        try ExportFile.write(xml(for: document), to: url)
    }

    /// A part's XML without its `<?xml …?>` line, to sit inside `pkg:xmlData`.
    private static func withoutDeclaration(_ partXML: String) -> String {
        guard partXML.hasPrefix("<?xml"), let end = partXML.range(of: "?>\n") else { return partXML }
        return String(partXML[end.upperBound...])
    }
}
