import Foundation
import GRDB
import QualCode
import WorkMapping

/// A project's work map as a REFI-QDA `Graph`: a vertex per step, action, actor, text and disjuncture
/// (standing for the node's code, where it has one), an edge per link. The positions are a plain grid
/// by kind (steps in their order, each step's actions below it) that other programs can rearrange; our
/// own drawing is in `map export`'s figure, not here.
struct WorkMapGraph: Sendable {
    struct Vertex: Sendable {
        var id: UUID
        var name: String
        var code: UUID?
        var shape: String
        var x: Int
        var y: Int
    }

    var vertices: [Vertex] = []
    var links: [MapLink] = []

    var isEmpty: Bool { vertices.isEmpty }

    /// The map in the project, or an empty graph when the project has no work-map tables.
    init(_ db: Database) throws {
        guard try db.tableExists(MapStep.databaseTableName) else { return }
        let steps = try MapStep.order(Column("position")).fetchAll(db)
        let column = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($0.element.id, $0.offset) })
        for (i, step) in steps.enumerated() {
            vertices.append(Vertex(id: step.id, name: step.name, code: step.codeId, shape: "RoundedRectangle", x: 40 + 220 * i, y: 200))
        }
        var row: [MapStep.ID: Int] = [:]
        for action in try MapAction.order(Column("position")).fetchAll(db) {
            let r = row[action.stepId, default: 0]
            row[action.stepId] = r + 1
            vertices.append(Vertex(id: action.id, name: action.name, code: action.codeId, shape: "Rectangle",
                                   x: 40 + 220 * (column[action.stepId] ?? 0), y: 300 + 80 * r))
        }
        for (i, actor) in try MapActor.order(Column("position")).fetchAll(db).enumerated() {
            vertices.append(Vertex(id: actor.id, name: actor.name, code: actor.codeId, shape: "Person", x: 40 + 220 * i, y: 40))
        }
        for (i, text) in try MapText.order(Column("name")).fetchAll(db).enumerated() {
            vertices.append(Vertex(id: text.id, name: text.name, code: text.codeId, shape: "Note", x: 40 + 220 * i, y: 700))
        }
        for (i, disjuncture) in try MapDisjuncture.order(Column("name")).fetchAll(db).enumerated() {
            vertices.append(Vertex(id: disjuncture.id, name: disjuncture.name, code: disjuncture.codeId, shape: "Star", x: 40 + 220 * i, y: 860))
        }
        let known = Set(vertices.map(\.id))
        links = try MapLink.fetchAll(db).filter { known.contains($0.fromId) && known.contains($0.toId) }
    }

    /// Writes the `Graphs` element; `guid` gives the GUID written for a code (only GUIDs the schema
    /// takes are used as a vertex's or edge's `representedGUID`).
    func write(to xml: inout RefiXML, name: String, code guid: (UUID) -> String) {
        func represented(_ id: UUID?) -> String? { id.map(guid).flatMap { RefiGUID.uuid($0) == nil ? nil : $0 } }
        xml.start("Graphs")
        xml.start("Graph", [("guid", RefiGUID.written(RefiGUID.named("graph", "workmap"))), ("name", name)])
        for v in vertices {
            xml.empty("Vertex", [("guid", RefiGUID.written(v.id)), ("representedGUID", represented(v.code)), ("name", v.name),
                                 ("firstX", String(v.x)), ("firstY", String(v.y)), ("secondX", String(v.x + 180)),
                                 ("secondY", String(v.y + 60)), ("shape", v.shape)])
        }
        for link in links {
            xml.empty("Edge", [("guid", RefiGUID.written(link.id)), ("representedGUID", represented(link.codeId)), ("name", link.kind.nb),
                               ("sourceVertex", RefiGUID.written(link.fromId)), ("targetVertex", RefiGUID.written(link.toId)),
                               ("direction", link.kind == .coordinatesWith ? "Bidirectional" : "OneWay")])
        }
        xml.end()
        xml.end()
    }
}
