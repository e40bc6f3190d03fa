import Foundation
import GRDB
import QualCode

/// A preliminary theme from step 1 (the total impression), with the researcher's note. Themes stay
/// visible in later steps, and are marked when they were shared with the supervisor.
public struct PreliminaryTheme: Hashable, Sendable, Codable, FetchableRecord, PersistableRecord {
    public var id: UUID
    public var name: String
    public var note: String?
    public var position: Int
    public var sharedAt: Date?
    public var createdBy: String
    public var createdAt: Date

    public static let databaseTableName = "stcTheme"
}

extension Condensation {
    /// Adds a preliminary theme at the end of the list.
    ///
    /// - Throws: ``StoreError/duplicate(what:name:)`` for a name already used (ignoring case),
    ///   ``StoreError/emptyName(what:)`` for a blank one.
    @discardableResult
    public func addTheme(_ name: String, note: String? = nil) throws -> PreliminaryTheme {
        let name = try Self.cleanName(name, what: "theme")
        return try store.pool.write { db in
            if try PreliminaryTheme.filter(sql: "name = ? COLLATE NOCASE", arguments: [name]).fetchCount(db) > 0 {
                throw StoreError.duplicate(what: "theme", name: name)
            }
            let position = (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM stcTheme") ?? 0) + 1
            let theme = PreliminaryTheme(id: .timeOrdered(), name: name, note: Self.cleanText(note), position: position, sharedAt: nil,
                                         createdBy: store.coder, createdAt: Date())
            try theme.insert(db)
            try store.log(db, "stc.theme.add", ["id": LogValue(theme.id), "name": .string(name)])
            return theme
        }
    }

    /// The preliminary themes in the order they were noted.
    public func themes() throws -> [PreliminaryTheme] {
        try store.pool.read { db in try PreliminaryTheme.order(Column("position")).fetchAll(db) }
    }

    /// Marks every theme not yet shared as shared with the supervisor on `date`.
    @discardableResult
    public func shareThemes(on date: Date = Date()) throws -> Int {
        try store.pool.write { db in
            try db.execute(sql: "UPDATE stcTheme SET sharedAt = ? WHERE sharedAt IS NULL", arguments: [date])
            let count = db.changesCount
            if count > 0 { try store.log(db, "stc.theme.share", ["themes": .int(count)]) }
            return count
        }
    }

    /// Names follow the core's one rule (one line, no control characters, a documented length);
    /// U+001F, a control character, separates names inside the store's queries.
    static func cleanName(_ name: String, what: String) throws -> String {
        try NameRules.checked(name, what: what)
    }

    static func cleanText(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text.precomposedStringWithCanonicalMapping
    }
}
