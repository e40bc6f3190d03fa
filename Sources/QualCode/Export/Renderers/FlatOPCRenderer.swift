import Foundation

/// Renders a ``Document`` as one Flat-OPC XML file (`pkg:package`), which Word opens directly:
/// the same parts as the .docx, inline instead of zipped. XML parts sit in `pkg:xmlData`; binary
/// parts (images) in `pkg:binaryData` as base64 in lines of 76 characters, stored uncompressed, as
/// Word writes them.
public enum FlatOPCRenderer {
    static let packageNamespace = "http://schemas.microsoft.com/office/2006/xmlPackage"

    /// The package as one XML text.
    ///
    /// - Parameter reference: a Word document whose styles, theme, fonts and page the export takes over.
    public static func xml(for document: Document, reference: ReferenceDocument? = nil) -> String {
        var xml = XMLWriter()
        xml.raw(XMLWriter.declaration)
        // Word recognises a Flat-OPC file by this processing instruction.
        xml.processingInstruction("mso-application", "progid=\"Word.Document\"")
        xml.start("pkg:package", ["xmlns:pkg": packageNamespace])
        for part in DocxRenderer.parts(for: document, reference: reference) {
            switch part.content {
            case let .xml(markup):
                xml.start("pkg:part", ["pkg:name": "/" + part.path, "pkg:contentType": part.contentType])
                xml.start("pkg:xmlData")
                xml.raw(markup)
                xml.end()
            case let .binary(data):
                xml.start("pkg:part", ["pkg:name": "/" + part.path, "pkg:contentType": part.contentType, "pkg:compression": "store"])
                xml.element("pkg:binaryData", text: data.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed]))
            }
            xml.end()
        }
        xml.end()
        return xml.output
    }

    public static func write(_ document: Document, to url: URL, reference: ReferenceDocument? = nil) throws {
        try ExportFile.write(xml(for: document, reference: reference), to: url)
    }
}
