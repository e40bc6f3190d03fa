import Foundation
import GRDB
import QualCode

extension MergeKind {
    public static let mapStep = MergeKind(id: "map.step", english: "map steps", norwegian: "trinn i kartet")
    public static let mapAction = MergeKind(id: "map.action", english: "map actions", norwegian: "handlinger i kartet")
    public static let mapActor = MergeKind(id: "map.actor", english: "map actors", norwegian: "aktører i kartet")
    public static let mapText = MergeKind(id: "map.text", english: "map texts", norwegian: "tekster i kartet")
    public static let mapClause = MergeKind(id: "map.clause", english: "text clauses", norwegian: "tekstklausuler")
    public static let mapDisjuncture = MergeKind(id: "map.disjuncture", english: "disjunctures", norwegian: "brudd")
    public static let mapTerm = MergeKind(id: "map.term", english: "institutional terms", norwegian: "institusjonelle begreper")
    public static let mapProblematic = MergeKind(id: "map.problematic", english: "problematic statements", norwegian: "problematikk")
    public static let mapQuestion = MergeKind(id: "map.question", english: "reading questions", norwegian: "lesespørsmål")
    public static let mapAnswer = MergeKind(id: "map.answer", english: "answers to reading questions", norwegian: "svar på lesespørsmål")
    public static let mapLink = MergeKind(id: "map.link", english: "map links", norwegian: "koblinger i kartet")
    /// Clauses set against a disjuncture, or cited as evidence for a node or a link.
    public static let mapClauseUse = MergeKind(id: "map.clauseUse", english: "clauses cited", norwegian: "klausuler brukt")
    public static let mapSetting = MergeKind(id: "map.setting", english: "map settings", norwegian: "kartinnstillinger")
}

extension MergeAspect {
    public static let mapDescription = MergeAspect(id: "map.description", english: "description", norwegian: "beskrivelse")
    public static let mapKind = MergeAspect(id: "map.kind", english: "kind", norwegian: "type")
}

extension WorkMapping {
    /// Carries the work map from another copy. Nodes are matched by name (unique per kind: a step, an
    /// actor, a text, a disjuncture; an action within its step; a clause within its text), terms by term,
    /// questions by wording, links by kind and ends, the problematic by id or statement. A node's code
    /// and the segments cited come through the ids the core merged. Ours is kept where both differ.
    @Sendable static func merge(_ context: MergeContext) throws {
        context.declare(.mapStep, .mapAction, .mapActor, .mapText, .mapClause, .mapDisjuncture, .mapTerm,
                        .mapProblematic, .mapQuestion, .mapAnswer, .mapLink, .mapClauseUse, .mapSetting)
        var carrier = MapCarrier(context: context)
        try carrier.carryAll()
    }
}

/// One work-map merge: their rows table by table, each either found here or inserted with its
/// references rewritten to ours.
private struct MapCarrier {
    let context: MergeContext
    /// Their id → ours, per table.
    var ids: [String: [UUID: UUID]] = [:]

    init(context: MergeContext) { self.context = context }

    mutating func carryAll() throws {
        let ours = context.ours
        for row in try Row.fetchAll(context.theirs, sql: "SELECT key, value FROM mapSetting ORDER BY rowid") {
            let key: String = row["key"], value: String = row["value"]
            if let mine = try String.fetchOne(ours, sql: "SELECT value FROM mapSetting WHERE key = ?", arguments: [key]) {
                context.matched(.mapSetting)
                context.compare(.mapSetting, key, .value, ours: mine, theirs: value)
            } else {
                try ours.execute(sql: "INSERT INTO mapSetting (key, value) VALUES (?, ?)", arguments: [key, value])
                context.added(.mapSetting)
            }
        }
        // Versions of the problematic: by id (the same version), else by statement.
        try carry("mapProblematic", .mapProblematic, match: ["statement"], byID: true, references: ["supersedes": "mapProblematic"])
        try carry("mapActor", .mapActor, match: ["name"], references: ["codeId": "code"], compare: ["role": .label])
        try carry("mapStep", .mapStep, match: ["name"], references: ["codeId": "code"], compare: ["description": .mapDescription])
        try carry("mapAction", .mapAction, match: ["stepId", "name"], references: ["codeId": "code", "stepId": "mapStep"])
        try carry("mapText", .mapText, match: ["name"], references: ["codeId": "code", "stepId": "mapStep"], compare: ["kind": .mapKind])
        try carry("mapClause", .mapClause, match: ["textId", "label"], references: ["textId": "mapText"], positioned: false,
                  compare: ["excerpt": .text])
        try carry("mapDisjuncture", .mapDisjuncture, match: ["name"],
                  references: ["codeId": "code", "stepId": "mapStep", "problematicId": "mapProblematic"], compare: ["note": .text])
        try carry("mapTerm", .mapTerm, match: ["term"], positioned: false, compare: ["definition": .definition])
        try carry("mapQuestion", .mapQuestion, match: ["text"])
        try carry("mapLink", .mapLink, match: ["kind", "fromId", "toId"], references: ["codeId": "code"], endsOf: ["fromKind": "fromId", "toKind": "toId"],
                  positioned: false)
        try carryPairs("mapDisjunctureClause", .mapClauseUse, ["disjunctureId": "mapDisjuncture", "clauseId": "mapClause"])
        try carryPairs("mapAnswer", .mapAnswer, ["questionId": "mapQuestion", "memoId": "memo"])
        try carryPairs("mapClauseEvidence", .mapClauseUse, ["clauseId": "mapClause"], endsOf: ["targetKind": "targetId"])
    }

    /// Their rows of `table`: found here by `match` (or by id), else inserted with a free id, the
    /// `references` rewritten (a reference that came through nothing is left empty), put last in order.
    private mutating func carry(_ table: String, _ kind: MergeKind, match: [String], byID: Bool = false, references: [String: String] = [:],
                                endsOf ends: [String: String] = [:], positioned: Bool = true, compare: [String: MergeAspect] = [:]) throws {
        let ours = context.ours
        for row in try Row.fetchAll(context.theirs, sql: "SELECT * FROM \(table) ORDER BY rowid") {
            var values = Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, row[$0] as DatabaseValue) })
            for (column, target) in references {
                guard let id = UUID.fromDatabaseValue(values[column] ?? .null) else { continue }
                values[column] = map(target, id)?.databaseValue ?? .null
            }
            for (kindColumn, idColumn) in ends {
                guard let kindName = String.fromDatabaseValue(values[kindColumn] ?? .null), let id = UUID.fromDatabaseValue(values[idColumn] ?? .null),
                      let mapped = map(Self.table(ofNode: kindName), id) else { values[idColumn] = .null; continue }
                values[idColumn] = mapped.databaseValue
            }
            let theirID: UUID = row["id"]
            if match.contains(where: { values[$0]?.isNull ?? true }) { continue }
            var mine: Row? = nil
            if byID { mine = try Row.fetchOne(ours, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [theirID]) }
            if mine == nil {
                mine = try Row.fetchOne(ours, sql: "SELECT * FROM \(table) WHERE " + match.map { "\"\($0)\" = ?" }.joined(separator: " AND "),
                                        arguments: StatementArguments(match.map { values[$0]! }))
            }
            if let mine {
                ids[table, default: [:]][theirID] = mine["id"] as UUID
                context.matched(kind)
                let what = match.compactMap { column -> String? in
                    if case let .string(text) = values[column]!.storage { return text } else { return nil }
                }.joined(separator: " · ")
                var gaps: [String: DatabaseValue] = [:]
                for (column, aspect) in compare.sorted(by: { $0.key < $1.key }) {
                    if context.settle(kind, what, aspect, ours: mine[column], theirs: String.fromDatabaseValue(values[column] ?? .null)) {
                        gaps[column] = values[column]
                    }
                }
                try context.fill(kind, table: table, "id", mine["id"] as UUID, gaps)
                continue
            }
            let id = try context.freeID(theirID, in: table)
            values["id"] = id.databaseValue
            if positioned, values["position"] != nil {
                values["position"] = ((try Int.fetchOne(ours, sql: "SELECT MAX(position) FROM \(table)") ?? 0) + 1).databaseValue
            }
            try insert(table, values)
            ids[table, default: [:]][theirID] = id
            context.added(kind)
        }
    }

    /// A table of pairs (no id of its own): each row comes in unless it is here, both ends rewritten.
    private mutating func carryPairs(_ table: String, _ kind: MergeKind, _ references: [String: String], endsOf ends: [String: String] = [:]) throws {
        for row in try Row.fetchAll(context.theirs, sql: "SELECT * FROM \(table) ORDER BY rowid") {
            var values = Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, row[$0] as DatabaseValue) })
            var complete = true
            for (column, target) in references {
                guard let id = UUID.fromDatabaseValue(values[column] ?? .null), let mapped = map(target, id) else { complete = false; break }
                values[column] = mapped.databaseValue
            }
            for (kindColumn, idColumn) in ends where complete {
                guard let kindName = String.fromDatabaseValue(values[kindColumn] ?? .null), let id = UUID.fromDatabaseValue(values[idColumn] ?? .null),
                      let mapped = map(Self.table(ofNode: kindName), id) else { complete = false; break }
                values[idColumn] = mapped.databaseValue
            }
            guard complete else { continue }
            try insert(table, values, orIgnore: true)
            context.ours.changesCount > 0 ? context.added(kind) : context.matched(kind)
        }
    }

    private func insert(_ table: String, _ values: [String: DatabaseValue], orIgnore: Bool = false) throws {
        let columns = values.keys.sorted()
        try context.ours.execute(sql: """
            INSERT \(orIgnore ? "OR IGNORE " : "")INTO \(table) (\(columns.map { "\"\($0)\"" }.joined(separator: ", ")))
            VALUES (\(databaseQuestionMarks(count: columns.count)))
            """, arguments: StatementArguments(columns.map { values[$0]! }))
    }

    /// What their record of `table` became here: the core's through the core's maps, the map's own through ours.
    private func map(_ table: String, _ id: UUID) -> UUID? {
        switch table {
        case "code": context.codes[id]
        case "memo": context.memos[id]
        case "segment": context.segments[id]
        default: ids[table]?[id]
        }
    }

    /// The table of a link end or evidence target named by its kind (`step`, `link`).
    private static func table(ofNode kind: String) -> String {
        if kind == "link" { return "mapLink" }
        return MapNodeKind(rawValue: kind)?.table ?? ""
    }
}
