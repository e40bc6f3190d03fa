import Condensation
import Foundation
import Hummingbird
import QualCode

/// Malterud's condensation as a board: the groups, subgroups and units, moving a unit, and writing a
/// subgroup's condensate and golden quote — each one call into the Condensation module.
struct BoardRoutes {
    let app: WebApp

    struct Move: Decodable, Sendable {
        var unit: UUID
        var to: String
        var from: String?
    }

    struct Condense: Decodable, Sendable {
        var path: String
        var text: String?
        var golden: UUID?
    }

    func add(to group: RouterGroup<WebContext>) {
        group.get("stc/board") { _, context in
            _ = try await app.sessionSeeingEveryonesCodings(context)
            return try JSON.response(try await app.read { try Condensation($0).board() })
        }
        group.post("stc/move") { request, context in
            let session = try context.requireWriter()
            try await app.requireSeesEveryonesCodings(session)
            let move = try await JSON.decode(Move.self, from: request, context: context)
            try await app.act(as: session) { try Condensation($0).moveUnit(move.unit, to: move.to, from: move.from) }
            await app.changes.poke()
            return Response(status: .noContent)
        }
        group.post("stc/condense") { request, context in
            let session = try context.requireWriter()
            try await app.requireSeesEveryonesCodings(session)
            let condense = try await JSON.decode(Condense.self, from: request, context: context)
            try await app.act(as: session) { try Condensation($0).condense(condense.path, text: condense.text, golden: condense.golden) }
            await app.changes.poke()
            return Response(status: .noContent)
        }
    }
}
