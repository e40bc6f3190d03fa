import Foundation
import GRDB

extension MergeContext {
    /// Carries a module's `(key, value)` settings table: a setting only theirs has comes in; one both
    /// have is matched, and a different value is a conflict (ours kept).
    package func carrySettings(table: String, kind: MergeKind) throws {
        for row in try Row.fetchAll(theirs, sql: "SELECT key, value FROM \"\(table)\" ORDER BY rowid") {
            let key: String = row["key"], value: String = row["value"]
            if let mine = try String.fetchOne(ours, sql: "SELECT value FROM \"\(table)\" WHERE key = ?", arguments: [key]) {
                matched(kind)
                compare(kind, key, .value, ours: mine, theirs: value)
                continue
            }
            try ours.execute(sql: "INSERT INTO \"\(table)\" (key, value) VALUES (?, ?)", arguments: [key, value])
            added(kind)
        }
    }
}
