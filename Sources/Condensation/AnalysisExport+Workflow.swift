import Foundation
import QualCode

/// One export of the analysis as a front end asks for it: the thesis tables, the results chapter or
/// every link as CSV, of the analysis as it is now or as a snapshot kept it, in a house style and a
/// language.
public struct AnalysisExportRequest: Sendable, Hashable {
    /// What the analysis becomes.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// «Tabell 1»–«Tabell 4» (``AnalysisModel/tablesDocument(withUnits:language:style:landscape:)``).
        case tables
        /// The results chapter's skeleton (``Condensation/chapterDocument(of:style:language:)``).
        case chapter
        /// Every link at every level, one row each (``AnalysisModel/csvTable(language:)``).
        case csv

        /// The formats this export is written in; the first is the usual one.
        public var formats: [ExportFormat] { self == .csv ? [.csv] : [.docx, .wordxml, .html] }
    }

    public var kind: Kind
    /// The label of a snapshot to export instead of the analysis as it is now.
    public var snapshot: String?
    /// The tables' words and caption style; the chapter's quotes, labels and lead-ins.
    public var style: HouseStyle
    public var language: DocumentLanguage
    /// Tables: add the unit ids to the overview table («Tabell 3»).
    public var withUnits: Bool
    /// Tables: set each table on a landscape page of its own.
    public var landscape: Bool

    public init(kind: Kind, snapshot: String? = nil, style: HouseStyle = .thesis, language: DocumentLanguage = .nb,
                withUnits: Bool = false, landscape: Bool = false) {
        self.kind = kind
        self.snapshot = snapshot
        self.style = style
        self.language = language
        self.withUnits = withUnits
        self.landscape = landscape
    }
}

/// What an export of the analysis wrote.
public struct AnalysisExportReport: Sendable, Hashable {
    /// The file's path or the stream's name.
    public var path: String
    /// In Word, the numbers of the tables (1 for «Tabell 1») too wide for their page even at 8 pt,
    /// so some of their words are broken; a landscape page may hold them.
    public var tablesTooWide: [Int]
}

extension Condensation {
    /// Exports the analysis in one call: reads it (now, or as the snapshot kept it), builds the
    /// tables, the chapter or the rows, and writes them to the target in one step.
    ///
    /// For example:
    /// ```swift
    /// let report = try Condensation(store).export(AnalysisExportRequest(kind: .tables, landscape: true),
    ///                                             to: ExportTarget(path: "tabeller.docx", format: .docx))
    /// ```
    ///
    /// - Throws: ``ExportError/unsupportedFormat(_:expected:)`` for a format the kind is not written in
    ///   (CSV tables, a Word chapter of rows); ``StoreError/notFound(what:reference:candidates:suggestions:)``
    ///   for an unknown snapshot; what ``chapterDocument(of:style:language:)`` throws for the style's
    ///   templates; ``ExportError`` for a target that cannot be written. Nothing is written then.
    public func export(_ request: AnalysisExportRequest, to target: ExportTarget) throws -> AnalysisExportReport {
        let formats = request.kind.formats
        guard formats.contains(target.format) else {
            throw ExportError.unsupportedFormat(target.format.rawValue, expected: ExportError.list(formats.map(\.rawValue)))
        }
        let analysis = try request.snapshot.map { try snapshot($0) } ?? model()
        var report = AnalysisExportReport(path: target.path, tablesTooWide: [])
        switch request.kind {
        case .tables:
            let document = analysis.tablesDocument(withUnits: request.withUnits, language: request.language, style: request.style,
                                                   landscape: request.landscape)
            try target.write(document)
            if target.format.isWord { report.tablesTooWide = DocxRenderer.tablesTooWide(in: document, reference: target.reference) }
        case .chapter:
            try target.write(try chapterDocument(of: analysis, style: request.style, language: request.language))
        case .csv:
            try target.write(analysis.csvTable(language: request.language))
        }
        return report
    }
}
