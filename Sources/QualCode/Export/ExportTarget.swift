import Foundation

/// Where an export is written and in what form: the file, the format, the CSV delimiter, and the
/// reference document that styles Word output.
///
/// For example:
/// ```swift
/// let target = ExportTarget(path: "sitater.docx", format: .docx)
/// let report = try store.exportQuotes(QuoteExportRequest(options: QuoteOptions(codes: ["Tillit"])), to: target)
/// ```
public struct ExportTarget: Sendable, Hashable {
    /// The file as the user named it; it is recorded with quote uses.
    public var path: String
    public var format: ExportFormat
    /// The CSV field separator (`;` for Norwegian Excel).
    public var delimiter: Character
    /// For docx and wordxml: a Word document whose styles, theme, fonts and page the export takes over.
    public var reference: ReferenceDocument?

    public init(path: String, format: ExportFormat, delimiter: Character = ",", reference: ReferenceDocument? = nil) {
        self.path = path
        self.format = format
        self.delimiter = delimiter
        self.reference = reference
    }

    public var url: URL { URL(fileURLWithPath: path) }

    /// Writes a document in the target's format (not CSV), in one step.
    public func write(_ document: Document) throws {
        try document.write(as: format, to: url, reference: reference)
    }

    /// Writes a table as CSV: RFC 4180, UTF-8 with a byte-order mark so Excel reads æøå.
    ///
    /// - Parameter file: another file than ``path`` (the wide data set's dictionary beside its data).
    public func write(_ table: TextTable, to file: URL? = nil) throws {
        try ExportFile.write(table.renderCSV(delimiter: delimiter, byteOrderMark: true), to: file ?? url)
    }

    /// Writes tables as one document worded and set as `presentation` says (its labels, caption style,
    /// landscape pages), or the first table as CSV.
    public func write(_ tables: [Table], presentation: TablePresentation) throws {
        switch format {
        case .csv: try write(tables[0].textTable)
        case .docx, .wordxml, .html:
            var document = Document(tables: tables.map { table in
                var table = table
                table.landscape = table.landscape || presentation.landscape
                return table
            }, language: presentation.language)
            document.labels = presentation.labels
            document.captions = presentation.captions
            try write(document)
        }
    }
}
