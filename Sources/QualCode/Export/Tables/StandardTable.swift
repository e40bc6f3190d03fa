import Foundation

/// One of the standard tables of a report or thesis, with its options: what a front end asks
/// ``ProjectStore/exportTable(_:to:)`` to write.
public enum StandardTable: Sendable, Hashable {
    case codebook(CodebookOptions)
    case participants(ParticipantOverviewOptions)
    case matrix(CodeMatrixOptions)
    case codings(CodingsOptions)

    /// How the table is worded: its language, code labels, caption and label set.
    public var presentation: TablePresentation {
        switch self {
        case let .codebook(options): options.presentation
        case let .participants(options): options.presentation
        case let .matrix(options): options.presentation
        case let .codings(options): options.presentation
        }
    }
}

/// What a table export wrote.
public struct TableExportReport: Sendable, Hashable {
    public var path: String
    /// The table's body rows (codes, participants, matrix rows or codings).
    public var rows: Int
    /// In Word, the table is too wide for its page even at 8 pt and some words are broken
    /// (``DocxRenderer/tablesTooWide(in:reference:)``); a landscape page may hold it.
    public var isTooWide = false
}

extension ProjectStore {
    /// Builds one standard table and writes it in one call: as CSV (the table alone) or as a
    /// document whose captions and notes use the table's labels («Tabell 1 Kodebok»).
    ///
    /// For example:
    /// ```swift
    /// let report = try store.exportTable(.codebook(CodebookOptions()), to: ExportTarget(path: "kodebok.docx", format: .docx))
    /// ```
    ///
    /// - Throws: what the table's own function throws (``codebook(_:)``, ``participantOverview(_:)``,
    ///   ``codeMatrixTable(_:)``, ``codingsTable(_:)``), and ``ExportError`` for a file that cannot be
    ///   written. Nothing is written then.
    public func exportTable(_ table: StandardTable, to target: ExportTarget) throws -> TableExportReport {
        let built: Table
        switch table {
        case let .codebook(options): built = try codebook(options)
        case let .participants(options): built = try participantOverview(options)
        case let .matrix(options): built = try codeMatrixTable(options)
        case let .codings(options): built = try codingsTable(options)
        }
        try target.write([built], presentation: table.presentation)
        var report = TableExportReport(path: target.path, rows: built.rows.count)
        if target.format.isWord {
            var placed = built
            placed.landscape = placed.landscape || table.presentation.landscape
            report.isTooWide = !DocxRenderer.tablesTooWide(in: Document(tables: [placed], language: table.presentation.language),
                                                           reference: target.reference).isEmpty
        }
        return report
    }
}
