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
    @discardableResult
    public func takeSnapshot(_ label: String) throws -> SnapshotInfo {
        let label = try Self.cleanName(label, what: "snapshot label")
        let model = try model()
        let step = try status().step
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(model), as: UTF8.self)
        return try store.pool.write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stcSnapshot WHERE label = ? COLLATE NOCASE", arguments: [label]) ?? 0 > 0 {
                throw StoreError.duplicate(what: "snapshot", name: label)
            }
            let info = SnapshotInfo(label: label, step: step, takenBy: store.coder, takenAt: model.takenAt)
            try db.execute(sql: "INSERT INTO stcSnapshot (label, step, takenBy, takenAt, model) VALUES (?, ?, ?, ?, ?)",
                           arguments: [label, step, info.takenBy, info.takenAt, json])
            try store.log(db, "stc.snapshot", ["label": .string(label), "step": .int(step)])
            return info
        }
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
        let json = try store.pool.read { db in
            guard let json = try String.fetchOne(db, sql: "SELECT model FROM stcSnapshot WHERE label = ? COLLATE NOCASE", arguments: [label]) else {
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
