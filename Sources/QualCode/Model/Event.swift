import Foundation
import GRDB

/// One row of the append-only event log: who did what, when, with the details as JSON.
///
/// Written in the same transaction as the change it records. It names records by id and never
/// carries a pseudonym key; transcript text appears only where a change is the text itself (edits).
public struct Event: Hashable, Sendable, Codable {
    public var id: Int64?
    public var at: Date
    public var actor: String
    public var action: String
    public var payload: String
}

// MARK: - Database

extension Event: FetchableRecord, MutablePersistableRecord {
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
