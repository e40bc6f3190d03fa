import Foundation
import GRDB
import QualCode

extension WorkMapping {
    // MARK: - Standpoint and problematic

    /// Sets whose standpoint the map is drawn from («jobbspesialister i NAV»).
    public func setStandpoint(_ text: String) throws {
        let value = try NameRules.checked(text, what: "standpoint")
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO mapSetting (key, value) VALUES ('standpoint', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [value])
            try store.log(db, "map.standpoint", ["text": .string(value)])
        }
    }

    /// The standpoint, nil until set.
    public func standpoint() throws -> String? {
        try store.pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM mapSetting WHERE key = 'standpoint'") }
    }

    // MARK: - Actors, steps, actions, texts

    /// Adds an actor (a role), last in the list.
    @discardableResult
    public func addActor(_ name: String, role: String? = nil, institution: String? = nil, locality: MapLocality = .local) throws -> MapActor {
        let name = try Self.nodeName(name, .actor)
        return try store.pool.write { db in
            try Self.requireFree(db, .actor, name)
            let actor = MapActor(id: UUID.timeOrdered(), codeId: try nodeCode(db, [Self.words.actors, name]), name: name, role: role.flatMap(Self.clean), institution: institution.flatMap(Self.clean),
                                 locality: locality, position: try Self.nextPosition(db, "mapActor"))
            try actor.insert(db)
            try store.log(db, "map.actor.add", ["id": LogValue(actor.id), "name": .string(name)])
            return actor
        }
    }

    /// Adds a step of the work, last in the order or after `after`.
    @discardableResult
    public func addStep(_ name: String, after: MapStep.ID? = nil, description: String? = nil, orderNotFixed: Bool = false,
                        source: String? = nil) throws -> MapStep {
        let name = try Self.nodeName(name, .step)
        return try store.pool.write { db in
            try Self.requireFree(db, .step, name)
            var position = try Self.nextPosition(db, "mapStep")
            if let after {
                position = try Self.step(db, after).position + 1
                try db.execute(sql: "UPDATE mapStep SET position = position + 1 WHERE position >= ?", arguments: [position])
            }
            let step = MapStep(id: UUID.timeOrdered(), codeId: try nodeCode(db, [Self.words.steps, name]), name: name, description: description.flatMap(Self.clean), position: position,
                               orderNotFixed: orderNotFixed, source: source.flatMap(Self.clean), mergedFrom: nil)
            try step.insert(db)
            try store.log(db, "map.step.add", ["id": LogValue(step.id), "name": .string(name)])
            return step
        }
    }

    /// Moves a step to `position` (1 is first) in the order; the others close up around it.
    public func moveStep(_ id: MapStep.ID, to position: Int) throws {
        try store.pool.write { db in
            let step = try Self.step(db, id)
            var order = try MapStep.order(Column("position")).fetchAll(db).map(\.id).filter { $0 != step.id }
            guard (1...order.count + 1).contains(position) else {
                throw StoreError.invalidValue(what: "step position", value: String(position), expected: "1 to \(order.count + 1)")
            }
            order.insert(step.id, at: position - 1)
            for (index, stepID) in order.enumerated() {
                try db.execute(sql: "UPDATE mapStep SET position = ? WHERE id = ?", arguments: [index + 1, stepID])
            }
            try store.log(db, "map.step.move", ["id": LogValue(step.id), "position": .int(position)])
        }
    }

    /// Adds an action within a step.
    @discardableResult
    public func addAction(_ name: String, in stepID: MapStep.ID) throws -> MapAction {
        let name = try Self.nodeName(name, .action)
        return try store.pool.write { db in
            let step = try Self.step(db, stepID)
            if try MapAction.filter(Column("stepId") == step.id).fetchAll(db).contains(where: { Self.sameName($0.name, name) }) {
                throw MapError.duplicate(kind: .action, name: name)
            }
            let position = (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM mapAction WHERE stepId = ?", arguments: [step.id]) ?? 0) + 1
            let action = MapAction(id: UUID.timeOrdered(), codeId: try nodeCode(db, [Self.words.steps, step.name, name]), stepId: step.id,
                                   name: name, position: position)
            try action.insert(db)
            try store.log(db, "map.action.add", ["id": LogValue(action.id), "name": .string(name), "step": LogValue(step.id)])
            return action
        }
    }

    /// Adds a text; a step-scoped text names its step.
    @discardableResult
    public func addText(_ name: String, kind: MapTextKind, scope: MapTextScope, step: MapStep.ID? = nil, issuer: String? = nil,
                        version: String? = nil, date: String? = nil, provenance: String? = nil, note: String? = nil,
                        file: URL? = nil) throws -> MapText {
        let name = try Self.nodeName(name, .text)
        // The file is read before anything is written: a missing or oversized one changes nothing.
        let attachment = try file.map { ($0.lastPathComponent, try Self.readTextFile($0)) }
        return try store.pool.write { db in
            try Self.requireFree(db, .text, name)
            if scope == .step && step == nil { throw MapError.scopeWithoutStep(text: name) }
            let stepID = try step.map { try Self.step(db, $0).id }
            let text = MapText(id: UUID.timeOrdered(), codeId: try nodeCode(db, [Self.words.texts, name]), name: name, kind: kind, scope: scope, issuer: issuer.flatMap(Self.clean),
                               version: version.flatMap(Self.clean), date: date.flatMap(Self.clean), stepId: scope == .step ? stepID : nil,
                               note: note.flatMap(Self.clean), provenance: provenance.flatMap(Self.clean), fileName: attachment?.0)
            try text.insert(db)
            if let (fileName, data) = attachment { try Self.storeFile(db, text: text.id, name: fileName, data: data) }
            try store.log(db, "map.text.add", ["id": LogValue(text.id), "name": .string(name), "kind": .string(kind.rawValue)])
            return text
        }
    }

    // MARK: - Reading

    /// The steps in order.
    public func steps() throws -> [MapStep] {
        try store.pool.read { db in try MapStep.order(Column("position")).fetchAll(db) }
    }

    /// What a name means among one kind of node, case-insensitively; a typo gets the nearest names.
    public func resolve(_ name: String, as kind: MapNodeKind) throws -> UUID {
        try store.pool.read { db in try Self.resolve(db, name, as: kind) }
    }

    ///
    /// Actions are named within their step, so two steps may each have a «Møte»: such a name is refused
    /// as ambiguous, and `Step/Action` («Bli kjent/Møte») names one of them.
    static func resolve(_ db: Database, _ name: String, as kind: MapNodeKind) throws -> UUID {
        let wanted = name.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        let rows = kind == .action
            ? try Row.fetchAll(db, sql: "SELECT a.id, a.name, s.name AS step FROM mapAction a JOIN mapStep s ON s.id = a.stepId ORDER BY s.position, a.position")
            : try Row.fetchAll(db, sql: "SELECT id, name FROM \(kind.table) ORDER BY rowid")
        var names = rows.map { ($0["id"] as UUID, $0["name"] as String) }
        if kind == .action, let slash = wanted.firstIndex(of: "/") {
            let step = String(wanted[..<slash]), action = String(wanted[wanted.index(after: slash)...])
            let inStep = rows.filter { sameName($0["step"], step) }.map { ($0["id"] as UUID, $0["name"] as String) }
            if let hit = inStep.first(where: { sameName($0.1, action) }) { return hit.0 }
            names = rows.map { ($0["id"] as UUID, ($0["step"] as String) + "/" + ($0["name"] as String)) }
            throw MapError.notFound(kind: kind, name: name, suggestions: Suggestions.nearest(to: wanted, among: names.map(\.1)))
        }
        let exact = names.filter { $0.1 == wanted }
        let hits = exact.isEmpty ? names.filter { sameName($0.1, wanted) } : exact
        if hits.count == 1 { return hits[0].0 }
        if hits.count > 1 {
            let steps = Dictionary(rows.map { ($0["id"] as UUID, ($0["step"] as String?) ?? "") }, uniquingKeysWith: { a, _ in a })
            throw MapError.ambiguous(kind: kind, name: name, choices: hits.map { "\(steps[$0.0] ?? "")/\($0.1)" })
        }
        throw MapError.notFound(kind: kind, name: name, suggestions: Suggestions.nearest(to: wanted, among: names.map(\.1)))
    }

    // MARK: - Helpers

    /// The names of the codes the map's nodes sit under (Norwegian, as the demo data and default labels).
    static let words = (root: "Arbeidskart", steps: "Steg", actors: "Aktører", texts: "Tekster", disjunctures: "Brudd",
                             links: "Koplinger")

    /// A node's name: a name by the name rules, without «/» (it is also a code's name).
    static func nodeName(_ raw: String, _ kind: MapNodeKind) throws -> String {
        let name = try NameRules.checked(raw, what: kind.rawValue)
        guard !name.contains("/") else { throw MapError.slashInName(kind: kind, name: name) }
        return name
    }

    /// The code for a node at `/Arbeidskart/…parts`, made when missing.
    ///
    /// Each node and link has a code of its own: a code at that path that another node or link already
    /// has (two links of the same words, a name cut short, a code renamed in the code tree to the new
    /// node's name) is left to it, and the new one is numbered («Henvisning bruker Mal (2)»).
    func nodeCode(_ db: Database, _ parts: [String]) throws -> UUID {
        let folder = [Self.words.root] + parts.dropLast()
        let name = parts.last ?? ""
        for number in 1...1_000 {
            let leaf = number == 1 ? name : "\(name) (\(number))"
            let code = try store.codeCreatingIfNeeded(db, "/" + (folder + [leaf]).joined(separator: "/")).0.id
            if try !Self.codeIsTaken(db, code) { return code }
        }
        throw StoreError.duplicate(what: "code", name: name)
    }

    /// Whether a node or link of the map has `code`.
    static func codeIsTaken(_ db: Database, _ code: UUID) throws -> Bool {
        let tables = MapNodeKind.allCases.map(\.table) + ["mapLink"]
        let sql = tables.map { "SELECT 1 FROM \($0) WHERE codeId = ?" }.joined(separator: " UNION ALL ") + " LIMIT 1"
        return try Bool.fetchOne(db, sql: sql, arguments: StatementArguments(Array(repeating: code, count: tables.count))) != nil
    }

    static func step(_ db: Database, _ id: MapStep.ID) throws -> MapStep {
        guard let step = try MapStep.fetchOne(db, key: id) else { throw MapError.notFound(kind: .step, name: id.uuidString, suggestions: []) }
        return step
    }

    static func requireFree(_ db: Database, _ kind: MapNodeKind, _ name: String) throws {
        if try String.fetchAll(db, sql: "SELECT name FROM \(kind.table)").contains(where: { sameName($0, name) }) {
            throw MapError.duplicate(kind: kind, name: name)
        }
    }

    /// Names are one name whatever their case, as code names are — Unicode case: SQLite's NOCASE folds
    /// only A–Z, so «Øving» and «øving» would pass it.
    static func sameName(_ a: String, _ b: String) -> Bool {
        a.lowercased() == b.lowercased()
    }

    static func nextPosition(_ db: Database, _ table: String) throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM \(table)") ?? 0) + 1
    }

    /// Free text trimmed; blank is none.
    static func clean(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension MapNodeKind {
    /// The node's table (a fixed name, never user input).
    var table: String {
        switch self {
        case .step: "mapStep"
        case .action: "mapAction"
        case .actor: "mapActor"
        case .text: "mapText"
        case .disjuncture: "mapDisjuncture"
        }
    }
}
