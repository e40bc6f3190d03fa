import Foundation

/// Where an export is written and in what form: a file or a stream, the format, the CSV delimiter,
/// and the reference document that styles Word output.
///
/// For example:
/// ```swift
/// let target = ExportTarget(path: "sitater.docx", format: .docx)
/// let report = try store.exportQuotes(QuoteExportRequest(options: QuoteOptions(codes: ["Tillit"])), to: target)
/// ```
public struct ExportTarget: Sendable {
    /// Where the bytes go.
    public enum Destination: Sendable {
        /// A file, as the user named it; it appears complete or not at all.
        case file(String)
        /// A stream (standard output, a web response): the bytes are rendered in full, then sent.
        case stream(ExportStream)
    }

    public var destination: Destination
    public var format: ExportFormat
    /// The CSV field separator (`;` for Norwegian Excel).
    public var delimiter: Character
    /// For docx and wordxml: a Word document whose styles, theme, fonts and page the export takes over.
    public var reference: ReferenceDocument?
    /// Whether CSV starts with a byte-order mark, so Excel opening the file reads æøå.
    public var byteOrderMark: Bool
    /// What every string must pass before anything is written (a safe export's privacy check); none by default.
    public var screen: (any ExportScreen)?

    public init(path: String, format: ExportFormat, delimiter: Character = ",", reference: ReferenceDocument? = nil) {
        self.init(.file(path), format: format, delimiter: delimiter, reference: reference, byteOrderMark: true)
    }

    /// A target that sends the bytes to `stream`. CSV has no byte-order mark unless asked for: a pipe
    /// into another program wants the text alone.
    public init(stream: ExportStream, format: ExportFormat, delimiter: Character = ",", reference: ReferenceDocument? = nil,
                byteOrderMark: Bool = false) {
        self.init(.stream(stream), format: format, delimiter: delimiter, reference: reference, byteOrderMark: byteOrderMark)
    }

    private init(_ destination: Destination, format: ExportFormat, delimiter: Character, reference: ReferenceDocument?, byteOrderMark: Bool) {
        self.destination = destination
        self.format = format
        self.delimiter = delimiter
        self.reference = reference
        self.byteOrderMark = byteOrderMark
    }

    /// The CSV field separator in `text`: one character other than a quotation mark or a line break
    /// (`;` for Norwegian Excel), as a person types it on either front end.
    ///
    /// - Throws: ``ExportError/invalidDelimiter(_:)``.
    public static func delimiter(parsing text: String) throws -> Character {
        guard text.count == 1, let character = text.first, character != "\"", !character.isNewline else {
            throw ExportError.invalidDelimiter(text)
        }
        return character
    }

    /// The file as the user named it, or the stream's name: what reports show and quote uses record.
    public var path: String {
        switch destination {
        case let .file(path): path
        case let .stream(stream): stream.name
        }
    }

    /// The file written; nil for a stream.
    public var fileURL: URL? {
        if case let .file(path) = destination { return URL(fileURLWithPath: path) }
        return nil
    }

    /// Writes a document in the target's format (not CSV), in one step.
    public func write(_ document: Document) throws {
        try screen?.check(document.visibleTexts)
        try send(document.data(as: format, reference: reference))
    }

    /// Writes a table as CSV (RFC 4180, UTF-8).
    ///
    /// - Parameter file: another file than the target's (the wide data set's dictionary beside its data).
    public func write(_ table: TextTable, to file: URL? = nil) throws {
        try screen?.check(table.visibleTexts)
        let data = Data(table.renderCSV(delimiter: delimiter, byteOrderMark: byteOrderMark).utf8)
        if let file { try ExportFile.write(data, to: file) } else { try send(data) }
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

    private func send(_ data: Data) throws {
        switch destination {
        case let .file(path): try ExportFile.write(data, to: URL(fileURLWithPath: path))
        case let .stream(stream): try stream.send(data)
        }
    }
}

/// Where an export's bytes go when they go to no file of ours: a command line's standard output, or
/// the body of a web response. The export renders everything first, so a failed export sends nothing.
///
/// For example:
/// ```swift
/// let stdout = ExportStream(name: "standard output") { try FileHandle.standardOutput.write(contentsOf: $0) }
/// try store.exportTable(.codebook(CodebookOptions()), to: ExportTarget(stream: stdout, format: .csv))
/// ```
public struct ExportStream: Sendable {
    /// What reports and errors show in place of a file's path.
    public var name: String
    private let write: @Sendable (Data) throws -> Void

    public init(name: String, write: @escaping @Sendable (Data) throws -> Void) {
        self.name = name
        self.write = write
    }

    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` naming the stream.
    func send(_ data: Data) throws {
        do { try write(data) } catch {
            throw ExportError.cannotWrite(path: name, reason: error.localizedDescription)
        }
    }
}
