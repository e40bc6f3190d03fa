import Foundation
import GRDB
import QualCode

/// A clause of a text cited as evidence: what the formal text says about a step, an action or a link,
/// beside what the informants say.
public struct ClauseCitation: Sendable, Hashable, Codable {
    public var clause: MapClause
    /// The text's name.
    public var text: String

    public init(clause: MapClause, text: String) {
        self.clause = clause
        self.text = text
    }

    /// «Kvalitetsveileder: Tid ute (65 %)», as tables print it.
    public var label: String { "\(text): \(clause.requirement)" }
}

extension MapClause {
    /// «Tid ute (65 %)»: the clause with its value and unit, as a list of a text's clauses prints it.
    public var requirement: String {
        var words = label
        if let value {
            // Whole numbers without «,0»; past 10¹⁵ as Swift writes a Double (Int(value) would trap at 1e300).
            let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value).replacingOccurrences(of: ".", with: ",")
            words += " (\([number, unit].compactMap { $0 }.joined(separator: " ")))"
        }
        return words
    }
}

// MARK: - Codable

extension ClauseCitation {
    enum CodingKeys: String, CodingKey { case clause, text, label }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(clause: try container.decode(MapClause.self, forKey: .clause), text: try container.decode(String.self, forKey: .text))
    }

    /// The clause and its text, and ``label`` as tables print it, so a page shows the same words.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(clause, forKey: .clause)
        try container.encode(text, forKey: .text)
        try container.encode(label, forKey: .label)
    }
}

extension WorkMapping {
    /// Cites a clause of a text as evidence for a step, action, actor, text or disjuncture (citing it
    /// again is a no-op).
    ///
    /// - Throws: ``MapError/notFound(kind:name:suggestions:)`` for a node that is not there,
    ///   ``StoreError/invalidValue(what:value:expected:)`` for an unknown clause; nothing is changed then.
    public func cite(_ clause: MapClause.ID, for node: NodeReference) throws {
        try store.pool.write { db in
            _ = try Self.name(db, node)
            try Self.requireClause(db, clause)
            if node.kind == .disjuncture {
                try db.execute(sql: "INSERT OR IGNORE INTO mapDisjunctureClause (disjunctureId, clauseId) VALUES (?, ?)", arguments: [node.id, clause])
            } else {
                try db.execute(sql: "INSERT OR IGNORE INTO mapClauseEvidence (targetKind, targetId, clauseId) VALUES (?, ?, ?)",
                               arguments: [node.kind.rawValue, node.id, clause])
            }
            try store.log(db, "map.clause.cite", ["clause": LogValue(clause), "kind": .string(node.kind.rawValue), "node": LogValue(node.id)])
        }
    }

    /// Cites a clause of a text as evidence for a link.
    public func cite(_ clause: MapClause.ID, forLink link: MapLink.ID) throws {
        try store.pool.write { db in
            _ = try Self.link(db, link)
            try Self.requireClause(db, clause)
            try db.execute(sql: "INSERT OR IGNORE INTO mapClauseEvidence (targetKind, targetId, clauseId) VALUES ('link', ?, ?)",
                           arguments: [link, clause])
            try store.log(db, "map.clause.cite", ["clause": LogValue(clause), "link": LogValue(link)])
        }
    }

    /// A clause named as the command line writes it, `Text:Label` («Kvalitetsveileder:Tid ute»); the
    /// text is the longest prefix before a «:» that names a text, so a label may hold a colon too.
    public func resolveClause(_ reference: String) throws -> MapClause.ID {
        try store.pool.read { db in
            var candidates: [(text: UUID, label: String)] = []
            var index = reference.startIndex
            while let colon = reference[index...].firstIndex(of: ":") {
                if let text = try? Self.resolve(db, String(reference[..<colon]), as: .text) {
                    candidates.append((text, String(reference[reference.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
                }
                index = reference.index(after: colon)
            }
            guard let (text, label) = candidates.last, !label.isEmpty else {
                guard let colon = reference.firstIndex(of: ":") else {
                    throw StoreError.invalidValue(what: "clause", value: reference, expected: "TEXT:LABEL, e.g. \"Kvalitetsveileder:Tid ute\"")
                }
                // The text part names no text: the refusal with the nearest texts' names.
                _ = try Self.resolve(db, String(reference[..<colon]), as: .text)
                throw StoreError.invalidValue(what: "clause", value: reference, expected: "TEXT:LABEL with a label after the «:»")
            }
            // «NAV:loven:§ 2» may be text «NAV:loven», label «§ 2», or text «NAV», label «loven:§ 2»: longest text first.
            for (candidate, candidateLabel) in candidates.reversed() {
                if let hit = try MapClause.filter(Column("textId") == candidate).fetchAll(db).first(where: { Self.sameName($0.label, candidateLabel) }) {
                    return hit.id
                }
            }
            let clauses = try MapClause.filter(Column("textId") == text).fetchAll(db)
            let hint = Suggestions.nearest(to: label, among: clauses.map(\.label))
            throw StoreError.invalidValue(what: "clause", value: reference,
                                          expected: hint.isEmpty ? "a clause taken from that text" : "one of \(Suggestions.alternatives(hint))")
        }
    }

    static func requireClause(_ db: Database, _ clause: MapClause.ID) throws {
        if try MapClause.fetchOne(db, key: clause) == nil {
            throw StoreError.invalidValue(what: "clause", value: clause.uuidString.lowercased(), expected: "a clause of a text in this map")
        }
    }

    /// The clauses cited for a target («step», …, «link», «disjuncture»), in the order taken from the texts.
    static func citedClauses(_ db: Database, target kind: String, _ id: UUID) throws -> [ClauseCitation] {
        let sql = kind == MapNodeKind.disjuncture.rawValue
            ? "SELECT c.*, t.name AS textName FROM mapDisjunctureClause e JOIN mapClause c ON c.id = e.clauseId JOIN mapText t ON t.id = c.textId WHERE e.disjunctureId = ? ORDER BY c.rowid"
            : "SELECT c.*, t.name AS textName FROM mapClauseEvidence e JOIN mapClause c ON c.id = e.clauseId JOIN mapText t ON t.id = c.textId WHERE e.targetKind = ? AND e.targetId = ? ORDER BY c.rowid"
        let arguments: StatementArguments = kind == MapNodeKind.disjuncture.rawValue ? [id] : [kind, id]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            ClauseCitation(clause: try MapClause(row: row), text: row["textName"])
        }
    }
}
