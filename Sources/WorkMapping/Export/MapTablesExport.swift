import Foundation
import QualCode

/// An export of the map's tables as a front end asks for it: which tables, in which language and
/// house style. A document holds any of them; a CSV file holds one.
public struct MapTablesExportRequest: Sendable, Hashable {
    /// The tables, in this order; every table when none is named on the front end.
    public var kinds: [MapTableKind]
    public var language: DocumentLanguage
    /// The house style of the quotes and of the document's words («Tabell», «Kommentar»).
    public var style: HouseStyle

    public init(kinds: [MapTableKind] = MapTableKind.allCases, language: DocumentLanguage = .nb, style: HouseStyle = .thesis) {
        self.kinds = kinds
        self.language = language
        self.style = style
    }
}

/// What an export of the map's tables wrote.
public struct MapTablesExportReport: Sendable, Hashable {
    /// The file's path or the stream's name.
    public var path: String
    /// The body rows of each table written, in the order written.
    public var rows: [MapTableKind: Int]
    /// In Word, the numbers of the tables (1 for «Tabell 1») too wide for their page even at 8 pt,
    /// so some of their words are broken.
    public var tablesTooWide: [Int]
}

extension WorkMapping {
    /// Writes the map's tables in one call: reads the map once, builds the tables, and writes them as a
    /// document (a heading per table, the wide ones on landscape pages) or one table as CSV.
    ///
    /// For example:
    /// ```swift
    /// let report = try WorkMapping(store).exportTables(MapTablesExportRequest(kinds: [.steps]),
    ///                                                  to: ExportTarget(path: "steg.csv", format: .csv))
    /// ```
    ///
    /// - Throws: ``MapError/noTables`` for a request naming none, ``MapError/oneTablePerCSV(tables:)``
    ///   for CSV with more than one; what ``table(_:language:style:)`` throws; ``ExportError`` for a
    ///   target that cannot be written. Nothing is written then.
    public func exportTables(_ request: MapTablesExportRequest, to target: ExportTarget) throws -> MapTablesExportReport {
        var kinds: [MapTableKind] = []
        for kind in request.kinds where !kinds.contains(kind) { kinds.append(kind) }
        guard !kinds.isEmpty else { throw MapError.noTables }
        var report = MapTablesExportReport(path: target.path, rows: [:], tablesTooWide: [])
        if target.format == .csv {
            guard kinds.count == 1 else { throw MapError.oneTablePerCSV(tables: kinds) }
            let table = try table(kinds[0], language: request.language, style: request.style)
            try target.write(table.textTable)
            report.rows[kinds[0]] = table.rows.count
            return report
        }
        let document = try tablesDocument(kinds, language: request.language, style: request.style)
        try target.write(document)
        let tables = document.blocks.compactMap { block -> Table? in if case let .table(table) = block { table } else { nil } }
        for (kind, table) in zip(kinds, tables) { report.rows[kind] = table.rows.count }
        if target.format.isWord { report.tablesTooWide = DocxRenderer.tablesTooWide(in: document, reference: target.reference) }
        return report
    }
}
