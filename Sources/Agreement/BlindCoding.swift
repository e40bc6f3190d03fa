import Foundation
import GRDB
import QualCode

extension Agreement {
    /// Whether blind coding is on: coders on the shared server see only their own codings, so double
    /// coding stays independent until the owner opens them to everyone.
    public func isBlindCoding() throws -> Bool {
        try store.pool.read { db in try Self.isBlindCoding(db) }
    }

    /// Turns blind coding on or off; the event log records who did it. Turning it to what it is
    /// changes nothing and logs nothing.
    public func setBlindCoding(_ on: Bool) throws {
        try store.pool.write { db in
            guard try Self.isBlindCoding(db) != on else { return }
            try db.execute(sql: "INSERT OR REPLACE INTO agreeSetting (key, value) VALUES ('blindCoding', ?)", arguments: [on ? "on" : "off"])
            try store.log(db, "agree.blindCoding", ["on": .bool(on)])
        }
    }

    static func isBlindCoding(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM agreeSetting WHERE key = 'blindCoding'") == "on"
    }
}

extension Agreement {
    /// A transcript page as `viewer` may see it: under blind coding a coder sees only their own codings
    /// and memos, so double coding stays independent; owners (who open it) and readers see every coding.
    public func page(_ page: TranscriptPage, seenBy viewer: String, role: AccountRole) throws -> TranscriptPage {
        guard role == .coder, try isBlindCoding() else { return page }
        var seen = page
        seen.codings.removeAll { $0.coder != viewer }
        // Another coder's memo on a passage tells how they read it.
        seen.memos.removeAll { $0.author != viewer }
        return seen
    }
}
