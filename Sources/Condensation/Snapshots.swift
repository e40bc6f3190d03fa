import Foundation
import GRDB
import QualCode

/// A snapshot as listed: its label, the step it was taken at, who and when.
public struct SnapshotInfo: Hashable, Sendable, Codable {
    public var label: String
    public var step: Int
    public var takenBy: String
    public var takenAt: Date
}

extension Condensation {
    /// Keeps the analysis as it is now under a label («etter trinn 3», «før Veiledning ble slått sammen»),
    /// to export later whatever happens to the groups since.
    ///
    /// - Throws: ``StoreError/duplicate(what:name:)`` for a label already taken (ignoring case).
    @discardableResult
    public func takeSnapshot(_ label: String) throws -> SnapshotInfo {
        try store.pool.write { db in try takeSnapshot(db, label, unique: false) }
    }

    /// Takes a snapshot inside a transaction the caller holds, so that a step and the snapshot before
    /// it land together. `unique` makes a taken label unique with « (2)», « (3)» … (for the snapshots
    /// taken automatically before a retire or merge) instead of refusing it.
    @discardableResult
    func takeSnapshot(_ db: Database, _ label: String, unique: Bool) throws -> SnapshotInfo {
        var label = try Self.cleanName(label, what: "snapshot label")
        let model = try model(db)
        let step = try Self.status(db).step
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(model), as: UTF8.self)
        let taken = Set(try String.fetchAll(db, sql: "SELECT label FROM stcSnapshot").map { $0.lowercased() })
        if taken.contains(label.lowercased()) {
            guard unique else { throw StoreError.duplicate(what: "snapshot", name: label) }
            let base = label
            var n = 2
            while taken.contains("\(base) (\(n))".lowercased()) { n += 1 }
            label = "\(base) (\(n))"
        }
        let info = SnapshotInfo(label: label, step: step, takenBy: store.coder, takenAt: model.takenAt)
        try db.execute(sql: "INSERT INTO stcSnapshot (label, step, takenBy, takenAt, model) VALUES (?, ?, ?, ?, ?)",
                       arguments: [label, step, info.takenBy, info.takenAt, json])
        try store.log(db, "stc.snapshot", ["label": .string(label), "step": .int(step)])
        return info
    }

    public func snapshots() throws -> [SnapshotInfo] {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT label, step, takenBy, takenAt FROM stcSnapshot ORDER BY id").map {
                SnapshotInfo(label: $0["label"], step: $0["step"], takenBy: $0["takenBy"], takenAt: $0["takenAt"])
            }
        }
    }

    /// The analysis as a snapshot kept it.
    public func snapshot(_ label: String) throws -> AnalysisModel {
        // Labels are stored trimmed and NFC; a label typed with a trailing space or decomposed letters is the same label.
        let wanted = (try? Self.cleanName(label, what: "snapshot label"))?.lowercased() ?? label.lowercased()
        let json = try store.pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT label, model FROM stcSnapshot ORDER BY id")
            guard let json = rows.first(where: { ($0["label"] as String).lowercased() == wanted })?["model"] as String? else {
                throw StoreError.notFound(what: "snapshot", reference: label,
                                          candidates: try String.fetchAll(db, sql: "SELECT label FROM stcSnapshot ORDER BY id"))
            }
            return json
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(AnalysisModel.self, from: Data(json.utf8))
    }
}
