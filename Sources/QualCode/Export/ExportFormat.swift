import Foundation

/// The file formats an export can be written in: a Word package, one-file Word XML (Flat-OPC),
/// HTML, or CSV for the exports that are tables.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case docx, wordxml, html, csv

    /// The usual file extension.
    public var fileExtension: String { self == .wordxml ? "xml" : rawValue }

    /// The format a file's name ends in (`kodebok.csv`, `.htm` too), nil for another ending or none.
    public init?(fileNamed name: String) {
        let ending = URL(fileURLWithPath: name).pathExtension.lowercased()
        guard let format = Self.allCases.first(where: { $0.fileExtension == ending }) ?? (ending == "htm" ? .html : nil) else { return nil }
        self = format
    }

    /// Whether the format is a Word document, which a reference document can style.
    public var isWord: Bool { self == .docx || self == .wordxml }

    /// Whether the format is a document (headings, captions, pages to set in landscape); CSV is a table alone.
    public var isDocument: Bool { self != .csv }
}

extension Document {
    /// The document's bytes in `format`: what a file of that format holds, for a stream or a web response.
    /// CSV is not a document format: tables are written as CSV through ``TextTable``.
    ///
    /// - Parameter reference: for docx and wordxml, a Word document whose styles, theme, fonts and
    ///   page the export takes over (``ReferenceDocument``); HTML has no use for it.
    public func data(as format: ExportFormat, reference: ReferenceDocument? = nil) throws -> Data {
        switch format {
        case .docx: try DocxRenderer.data(for: self, reference: reference)
        case .wordxml: Data(FlatOPCRenderer.xml(for: self, reference: reference).utf8)
        case .html: Data(HTMLRenderer.html(for: self).utf8)
        case .csv: throw ExportError.unsupportedFormat(format.rawValue, expected: "docx, wordxml or html")
        }
    }

    /// Writes the document with the renderer for `format`, in one step (``data(as:reference:)``).
    public func write(as format: ExportFormat, to url: URL, reference: ReferenceDocument? = nil) throws {
        try ExportFile.write(data(as: format, reference: reference), to: url)
    }
}
