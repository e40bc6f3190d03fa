import Foundation
import QualCode

/// What an agreement export wrote.
public struct AgreementExportReport: Sendable, Hashable {
    /// The file's path or the stream's name.
    public var path: String
    /// The body rows of each table written.
    public var rows: [AgreementTableKind: Int]
}

extension Agreement {
    /// Writes the statistics, the disagreement list, or both, as a document (a heading per table) or one
    /// table as CSV, in Bokmål or English.
    ///
    /// - Throws: ``AgreementError/oneTablePerCSV`` for CSV with both tables; what ``agreement(_:)``
    ///   throws; `ExportError` for a target that cannot be written. Nothing is written then.
    @discardableResult
    public func export(_ kinds: [AgreementTableKind], _ scope: AgreementScope, language: DocumentLanguage = .nb,
                       to target: ExportTarget) throws -> AgreementExportReport {
        var unique: [AgreementTableKind] = []
        for kind in kinds where !unique.contains(kind) { unique.append(kind) }
        guard !unique.isEmpty else { throw AgreementError.noTables }
        if target.format == .csv, unique.count > 1 { throw AgreementError.oneTablePerCSV }
        let tables: [(AgreementTableKind, Table)] = try store.pool.read { db in
            let layers = try CodingLayers.read(db, scope)
            let decisions = try ConsensusDecision.all(db, coders: layers.coders)
            return unique.map { kind in
                switch kind {
                case .statistics: (kind, Self.statisticsTable(Self.report(layers, unit: scope.unit), language: language))
                case .disagreements: (kind, Self.disagreementTable(Self.disagreements(layers, decisions: decisions), language: language))
                }
            }
        }
        if target.format == .csv {
            try target.write(tables[0].1.textTable)
        } else {
            let words = LabelSet.agreement.labels(for: language)
            var blocks: [Block] = []
            for (kind, table) in tables {
                if tables.count > 1 {
                    blocks.append(.heading(level: 1, [.text(words[kind == .statistics ? .agreeStatisticsHeading : .agreeDisagreementsHeading])]))
                }
                blocks.append(.table(table))
            }
            try target.write(Document(title: words[.agreeTitle], language: language, blocks: blocks, labels: words))
        }
        return AgreementExportReport(path: target.path, rows: Dictionary(uniqueKeysWithValues: tables.map { ($0.0, $0.1.rows.count) }))
    }
}
