import Foundation
import GRDB

/// One event of the log as a person reads it: who, when, what, and the records it names by their
/// names today (a code by its path, a transcript by its name, a segment by its text), not their ids.
public struct HistoryEntry: Hashable, Sendable, Codable {
    public var id: Int64
    public var at: Date
    public var actor: String
    /// The log's own name for what was done (`coding.add`, `code.merge`, …), for a front end to word.
    public var action: String
    /// The payload's fields as readable text: a record by its name, numbers and words as they are.
    /// A field naming a record that is gone is left out here and listed in ``deleted``.
    public var details: [String: String]
    /// The fields that named a record that no longer exists.
    public var deleted: [String]
}

extension ProjectStore {
    /// The log, newest first, `limit` events before the one with id `before` (or the latest).
    public func history(before: Int64? = nil, limit: Int = 50) throws -> [HistoryEntry] {
        guard (1...500).contains(limit) else { throw StoreError.invalidInput(.limit, value: String(limit), expected: "1 to 500") }
        return try pool.read { db in
            let events = try Event.filter(Column("id") < (before ?? Int64.max)).order(Column("id").desc).limit(limit).fetchAll(db)
            let index = try CodeIndex(db)
            var names: [UUID: String?] = [:]
            func name(of id: UUID) throws -> String? {
                if let known = names[id] { return known }
                let found: String?
                if index.codes.contains(where: { $0.id == id }) {
                    found = index.path(of: id)
                } else if let slug = try String.fetchOne(db, sql: "SELECT slug FROM transcript WHERE id = ?", arguments: [id]) {
                    found = slug
                } else if let pseudonym = try String.fetchOne(db, sql: "SELECT pseudonym FROM participant WHERE id = ?", arguments: [id]) {
                    found = pseudonym
                } else if let text = try String.fetchOne(db, sql: "SELECT text FROM segment WHERE id = ?", arguments: [id]) {
                    found = "«\(text.truncated(to: 60))»"
                } else if let text = try String.fetchOne(db, sql: "SELECT text FROM memo WHERE id = ?", arguments: [id]) {
                    found = "«\(text.truncated(to: 60))»"
                } else {
                    found = nil
                }
                names[id] = found
                return found
            }
            return try events.map { event in
                var details: [String: String] = [:]
                var deleted: [String] = []
                let payload = (try? JSONSerialization.jsonObject(with: Data(event.payload.utf8))) as? [String: Any] ?? [:]
                for (key, value) in payload {
                    switch value {
                    case let text as String:
                        if let id = UUID(uuidString: text) {
                            if let found = try name(of: id) { details[key] = found } else { deleted.append(key) }
                        } else {
                            details[key] = text.truncated(to: 120)
                        }
                    case let number as NSNumber: details[key] = number.stringValue
                    case let list as [Any]:
                        details[key] = try list.map { item in
                            if let text = item as? String, let id = UUID(uuidString: text) { return try name(of: id) ?? "–" }
                            return "\(item)"
                        }.joined(separator: ", ")
                    default: continue
                    }
                }
                return HistoryEntry(id: event.id ?? 0, at: event.at, actor: event.actor, action: event.action, details: details,
                                    deleted: deleted.sorted())
            }
        }
    }
}
