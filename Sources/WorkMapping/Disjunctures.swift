import Foundation
import GRDB
import QualCode

extension WorkMapping {
    // MARK: - Problematic

    /// Adds a statement of the problematic, or a new version of one (`supersedes`): the problematic is
    /// worked out during the analysis, and every version is kept.
    @discardableResult
    public func addProblematic(_ statement: String, supersedes earlier: MapProblematic.ID? = nil) throws -> MapProblematic {
        guard let text = Self.clean(statement) else { throw StoreError.emptyName(what: "problematic statement") }
        return try store.pool.write { db in
            if let earlier, try MapProblematic.fetchOne(db, key: earlier) == nil {
                throw StoreError.invalidValue(what: "problematic", value: earlier.uuidString.lowercased(), expected: "a statement of this map")
            }
            let entry = MapProblematic(id: UUID.timeOrdered(), statement: text, supersedes: earlier, createdBy: store.coder, createdAt: Date())
            try entry.insert(db)
            try store.log(db, "map.problematic", ["id": LogValue(entry.id), "supersedes": earlier.map { LogValue($0) } ?? .null])
            return entry
        }
    }

    /// The statements in force (none supersedes them), oldest first; `history` gives every version.
    public func problematic(history: Bool = false) throws -> [MapProblematic] {
        try store.pool.read { db in
            // In the order written (rowid): ids made in the same millisecond are in random order.
            let all = try MapProblematic.order(Column.rowID).fetchAll(db)
            let superseded = Set(all.compactMap(\.supersedes))
            return history ? all : all.filter { !superseded.contains($0.id) }
        }
    }

    /// A statement named as listings print it: its short id (the last digits), its whole id, or
    /// «latest» for the newest statement in force.
    public func resolveProblematic(_ reference: String) throws -> MapProblematic.ID {
        if reference.trimmingCharacters(in: .whitespaces).lowercased() == "latest" {
            guard let latest = try problematic().last else {
                throw StoreError.invalidValue(what: "problematic", value: reference, expected: "a statement of the problematic to be added first")
            }
            return latest.id
        }
        return try store.pool.read { db in try ProjectStore.id(db, in: "mapProblematic", what: "problematic statement", reference) }
    }

    // MARK: - Clauses

    /// Takes a clause or target from a text («Utetid», value 65, unit «%»).
    @discardableResult
    public func addClause(to text: MapText.ID, label: String, excerpt: String? = nil, metric: String? = nil, value: Double? = nil,
                          unit: String? = nil, place: String? = nil) throws -> MapClause {
        let label = try NameRules.checked(label, what: "clause")
        if let value, !value.isFinite { throw StoreError.invalidValue(what: "clause value", value: String(value), expected: "a number") }
        return try store.pool.write { db in
            _ = try Self.name(db, NodeReference(.text, text))
            if try MapClause.filter(Column("textId") == text).fetchAll(db).contains(where: { Self.sameName($0.label, label) }) {
                throw StoreError.duplicate(what: "clause", name: label)
            }
            let clause = MapClause(id: UUID.timeOrdered(), textId: text, label: label, excerpt: excerpt.flatMap(Self.clean),
                                   metric: metric.flatMap(Self.clean), value: value, unit: unit.flatMap(Self.clean), place: place.flatMap(Self.clean))
            try clause.insert(db)
            try store.log(db, "map.clause.add", ["id": LogValue(clause.id), "text": LogValue(text), "label": .string(label)])
            return clause
        }
    }

    /// A text's clauses, in the order they were taken.
    public func clauses(of text: MapText.ID) throws -> [MapClause] {
        try store.pool.read { db in try MapClause.filter(Column("textId") == text).order(Column.rowID).fetchAll(db) }
    }

    // MARK: - Disjunctures

    /// Records where texts and accounts do not fit: its kind, the step it concerns, the clauses it sets
    /// against the accounts, and the statement of the problematic it bears on. Its evidence is added
    /// like a node's (``addEvidence(to:transcript:_:)`` with `.disjuncture`).
    @discardableResult
    public func addDisjuncture(_ name: String, kind: MapDisjunctureKind, step: MapStep.ID? = nil, clauses: [MapClause.ID] = [],
                               problematic: MapProblematic.ID? = nil, note: String? = nil) throws -> MapDisjuncture {
        let name = try Self.nodeName(name, .disjuncture)
        return try store.pool.write { db in
            try Self.requireFree(db, .disjuncture, name)
            if let step { _ = try Self.step(db, step) }
            if let problematic, try MapProblematic.fetchOne(db, key: problematic) == nil {
                throw StoreError.invalidValue(what: "problematic", value: problematic.uuidString.lowercased(), expected: "a statement of this map")
            }
            for clause in clauses where try MapClause.fetchOne(db, key: clause) == nil {
                throw StoreError.invalidValue(what: "clause", value: clause.uuidString.lowercased(), expected: "a clause of a text in this map")
            }
            let entry = MapDisjuncture(id: UUID.timeOrdered(), codeId: try nodeCode(db, [Self.words.disjunctures, name]), name: name, kind: kind,
                                       note: note.flatMap(Self.clean), stepId: step, problematicId: problematic)
            try entry.insert(db)
            for clause in Set(clauses) {
                try db.execute(sql: "INSERT INTO mapDisjunctureClause (disjunctureId, clauseId) VALUES (?, ?)", arguments: [entry.id, clause])
            }
            try store.log(db, "map.disjuncture.add", ["id": LogValue(entry.id), "name": .string(name), "kind": .string(kind.rawValue)])
            return entry
        }
    }

    /// Every disjuncture, in the order recorded.
    public func disjunctures() throws -> [MapDisjuncture] {
        try store.pool.read { db in try MapDisjuncture.order(Column.rowID).fetchAll(db) }
    }
}
