import Foundation
import Hummingbird
import QualCode

/// The code tree with its counts, and its changes: add, rename (and definition, colour), move, merge,
/// and delete with what it removes counted first.
struct CodeRoutes {
    let app: WebApp

    /// A new code: a name or a `Parent/Child` path, under `parent` or at the top.
    struct NewCode: Decodable, Sendable {
        var name: String
        var parent: UUID?
        var definition: String?
        var color: String?
    }

    /// What to change; a field left out stays as it is (an empty definition clears it).
    struct Update: Decodable, Sendable {
        var name: String?
        var definition: String?
        var color: String?
    }

    /// Where to move: under `parent`, or to the top with `"parent": null` (the key must be there, so an
    /// empty body does not move a code to the top by accident).
    struct Move: Decodable, Sendable {
        var parent: UUID?
        enum CodingKeys: String, CodingKey { case parent }
        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard container.contains(.parent) else {
                throw DecodingError.keyNotFound(CodingKeys.parent, .init(codingPath: [], debugDescription: "parent is missing"))
            }
            parent = try container.decodeIfPresent(UUID.self, forKey: .parent)
        }
    }

    struct Merge: Decodable, Sendable {
        var into: UUID
    }

    struct Delete: Decodable, Sendable {
        /// Delete the codings and child codes too (the remedy of a refusal).
        var force: Bool?
    }

    func add(to group: RouterGroup<WebContext>) {
        group.get("codes") { _, context in
            let session = try context.requireSession()
            let coder = try await app.onlyOwnWork(of: session)
            // Every code with a colour: one made before codes were given colours gets the palette's for its id.
            let tree = try await app.read { try $0.codeTree(countingOnly: coder) }.map { code in
                var code = code
                code.color = code.color ?? CodePalette.color(for: code.id)
                return code
            }
            return try JSON.response(tree)
        }
        group.post("codes") { request, context in
            let session = try context.requireWriter()
            let new = try await JSON.decode(NewCode.self, from: request, context: context)
            let code = try await app.act(as: session) {
                try $0.addCode(new.name, parent: new.parent, definition: new.definition, color: new.color)
            }
            await app.changes.poke()
            return try JSON.response(code, status: .created)
        }
        group.post("codes/:id/update") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let update = try await JSON.decode(Update.self, from: request, context: context)
            let code = try await app.act(as: session) {
                try $0.updateCode(id, name: update.name, definition: update.definition, color: update.color)
            }
            await app.changes.poke()
            return try JSON.response(code)
        }
        group.post("codes/:id/move") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let move = try await JSON.decode(Move.self, from: request, context: context)
            let coder = try await app.onlyOwnWork(of: session)
            let node = try await app.act(as: session) { store in
                try store.moveCode(id, under: move.parent)
                return try store.codeTree(countingOnly: coder).first { $0.id == id }
            }
            await app.changes.poke()
            return try JSON.response(node)
        }
        group.post("codes/:id/merge") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let merge = try await JSON.decode(Merge.self, from: request, context: context)
            let report = try await app.act(as: session) { try $0.mergeCode(id, into: merge.into) }
            await app.changes.poke()
            return try JSON.response(report)
        }
        group.get("codes/:id/deletion") { _, context in
            _ = try context.requireSession()
            let id = try context.parameters.id("id")
            return try JSON.response(try await app.read { try $0.codeDeletion(id) })
        }
        group.post("codes/:id/delete") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let delete = try await JSON.decode(Delete.self, from: request, context: context)
            let report = try await app.act(as: session) { try $0.deleteCode(id, force: delete.force ?? false) }
            await app.changes.poke()
            return try JSON.response(report)
        }
        group.get("codes/:id/segments") { request, context in
            _ = try await app.sessionSeeingEveryonesCodings(context)
            let id = try context.parameters.id("id")
            let query = request.uri.queryParameters
            let offset = try query.number("offset", default: 0, in: 0...Int.max)
            let limit = try query.number("limit", default: 20, in: 1...200)
            let lines = try query.number("context", default: 2, in: 0...50)
            let children = query.get("children").map { $0 == "1" || $0 == "true" } ?? false
            return try JSON.response(try await app.read {
                try $0.retrieve(code: id, context: lines, includeChildren: children, offset: offset, limit: limit)
            })
        }
    }
}

/// Full-text search with the command line's syntax.
struct SearchRoutes {
    let app: WebApp

    func add(to group: RouterGroup<WebContext>) {
        group.get("search") { request, context in
            _ = try context.requireSession()
            let query = request.uri.queryParameters
            let text = query.get("q") ?? ""
            guard text.count <= 1000 else { throw WebError(.badRequest, "the query is longer than 1,000 characters") }
            let limit = try query.number("limit", default: 200, in: 1...1000)
            return try JSON.response(try await app.read { try $0.search(text, limit: limit) })
        }
    }
}
