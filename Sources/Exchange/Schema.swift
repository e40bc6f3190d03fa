import Foundation
import GRDB
import QualCode

extension Exchange {
    /// The table the exchange module adds: the GUIDs other tools gave records, where they were not our
    /// own lower-case UUIDs (upper case, braces, `c001`), so an export gives them back as they came in.
    public static let schema = SchemaExtension(name: "exchange", register: registerMigrations, segmentDependents: nil, merge: merge)

    @Sendable static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("exchange.createGUIDs") { db in
            try db.create(table: "exchangeGUID") { t in
                // The record's kind and key: its id in lower case, or a coder's name.
                t.column("kind", .text).notNull()
                t.column("key", .text).notNull()
                t.column("guid", .text).notNull()
                t.primaryKey(["kind", "key"])
            }
        }
    }
}

/// The GUIDs kept for records, by kind and key.
struct GUIDTable: Sendable {
    private(set) var guids: [String: String] = [:]

    init() {}

    /// The kept GUIDs, or none when the file was made without the exchange module's table.
    init(_ db: Database) throws {
        guard try db.tableExists("exchangeGUID") else { return }
        for row in try Row.fetchAll(db, sql: "SELECT kind, key, guid FROM exchangeGUID") {
            guids[Self.slot(row["kind"], row["key"])] = row["guid"]
        }
    }

    private static func slot(_ kind: String, _ key: String) -> String { kind + "\u{1F}" + key }

    /// The GUID to write for a record with this id.
    func guid(_ kind: GUIDKind, _ id: UUID) -> String {
        guids[Self.slot(kind.rawValue, RefiGUID.written(id))] ?? RefiGUID.written(id)
    }

    /// The GUID to write for a coder.
    func user(_ name: String) -> String {
        guids[Self.slot(GUIDKind.user.rawValue, name)] ?? RefiGUID.written(RefiGUID.named("user", name))
    }

    /// Keeps `guid` for the record when it is not what we would write anyway, and is safe to write.
    mutating func keep(_ kind: GUIDKind, key: String, guid: String, ours: String) {
        if guid != ours && RefiGUID.isSafe(guid) { guids[Self.slot(kind.rawValue, key)] = guid }
    }

    func save(_ db: Database) throws {
        guard try db.tableExists("exchangeGUID") else { return }
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO exchangeGUID (kind, key, guid) VALUES (?, ?, ?)")
        for (slot, guid) in guids {
            let parts = slot.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
            try insert.execute(arguments: [String(parts[0]), String(parts[1]), guid])
        }
    }
}
