import Foundation
import GRDB
import QualCode

extension MergeKind {
    public static let exchangeGUID = MergeKind(id: "exchange.guid", english: "GUIDs from other tools", norwegian: "GUID-er fra andre verktøy")
}

extension MergeAspect {
    public static let guid = MergeAspect(id: "exchange.guid", english: "GUID", norwegian: "GUID")
}

extension Exchange {
    /// Carries the GUIDs other tools gave records of the other copy, keyed by what those records became
    /// here, so an export of the merged project gives them back as they came in. A record both copies
    /// keep a different GUID for keeps ours.
    @Sendable static func merge(_ context: MergeContext) throws {
        guard try context.theirs.tableExists("exchangeGUID"), try context.ours.tableExists("exchangeGUID") else { return }
        context.declare(.exchangeGUID)
        for row in try Row.fetchAll(context.theirs, sql: "SELECT kind, key, guid FROM exchangeGUID ORDER BY rowid") {
            let kind: String = row["kind"], key: String = row["key"], guid: String = row["guid"]
            guard let here = ourKey(kind, key, context) else { continue }
            if let mine = try String.fetchOne(context.ours, sql: "SELECT guid FROM exchangeGUID WHERE kind = ? AND key = ?", arguments: [kind, here]) {
                context.matched(.exchangeGUID)
                context.compare(.exchangeGUID, "\(kind) \(here)", .guid, ours: mine, theirs: guid)
                continue
            }
            try context.ours.execute(sql: "INSERT INTO exchangeGUID (kind, key, guid) VALUES (?, ?, ?)", arguments: [kind, here, guid])
            context.added(.exchangeGUID)
        }
    }

    /// The key a GUID row of theirs has here: the id the record became (written as the table writes
    /// ids), or a coder's name as it is; nil for a record that did not come in.
    private static func ourKey(_ kind: String, _ key: String, _ context: MergeContext) -> String? {
        guard let kind = GUIDKind(rawValue: kind) else { return nil }
        if kind == .user { return key }
        guard let id = UUID(uuidString: key) else { return nil }
        let map: [UUID: UUID] = switch kind {
        case .code: context.codes
        case .source: context.transcripts
        case .selection: context.segments
        case .coding: context.codings
        case .note: context.memos
        case .case: context.participants
        case .variable: context.attributes
        case .user: [:]
        }
        return map[id].map(RefiGUID.written)
    }
}
