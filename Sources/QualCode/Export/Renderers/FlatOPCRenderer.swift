import Foundation

/// Renders a ``Document`` as one Flat-OPC XML file (`pkg:package`), which Word opens directly:
/// the same parts as the .docx, inline instead of zipped.
public enum FlatOPCRenderer {
    static let packageNamespace = "http://schemas.microsoft.com/office/2006/xmlPackage"

    public static func xml(for document: Document) -> String {
        var xml = XMLWriter()
        xml.raw(XMLWriter.declaration)
        // Word recognises a Flat-OPC file by this processing instruction.
        xml.processingInstruction("mso-application", "progid=\"Word.Document\"")
        xml.start("pkg:package", ["xmlns:pkg": packageNamespace])
        for part in DocxRenderer.parts(for: document) {
            xml.start("pkg:part", ["pkg:name": "/" + part.path, "pkg:contentType": part.contentType])
            xml.start("pkg:xmlData")
            xml.raw(part.xml)
            xml.end()
            xml.end()
        }
        xml.end()
        return xml.output
    }

    public static func write(_ document: Document, to url: URL) throws {
        try ExportFile.write(xml(for: document), to: url)
    }
}
