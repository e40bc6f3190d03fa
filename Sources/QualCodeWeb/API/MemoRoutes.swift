import Foundation
import Hummingbird
import QualCode

/// Memos: written from a page, listed with what each is on and where that is read, edited and deleted
/// with the library's check that nobody changed the memo meanwhile.
struct MemoRoutes {
    let app: WebApp

    struct NewMemo: Decodable, Sendable {
        var kind: MemoTarget.Kind
        var id: UUID?
        var text: String
    }

    /// The new text, and the text the edit started from (the page sends what it showed).
    struct Edit: Decodable, Sendable {
        var text: String
        var original: String?
    }

    /// The text the deletion was asked from, when the page showed one.
    struct Delete: Decodable, Sendable {
        var original: String?
    }

    func add(to group: RouterGroup<WebContext>) {
        group.get("memos") { request, context in
            let session = try context.requireSession()
            let query = request.uri.queryParameters
            let offset = try query.number("offset", default: 0, in: 0...Int.max)
            let limit = try query.number("limit", default: 50, in: 1...200)
            var kind: MemoTarget.Kind?
            if let word = query.get("kind"), !word.isEmpty {
                guard let known = MemoTarget.Kind(rawValue: word) else {
                    let kinds = MemoTarget.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw WebError(.badRequest, "kind must be one of \(kinds) (got \"\(word.prefix(40))\")")
                }
                kind = known
            }
            let text = query.get("q") ?? ""
            guard text.count <= 1000 else { throw WebError(.badRequest, "the text to look for is longer than 1,000 characters") }
            let filter = MemoFilter(kind: kind, containing: text, author: try await app.onlyOwnWork(of: session), newestFirst: true)
            return try JSON.response(try await app.read { try $0.memos(filter, offset: offset, limit: limit) })
        }
        group.get("memos/:id") { _, context in
            let session = try context.requireSession()
            let id = try context.parameters.id("id")
            let memo = try await app.read { try $0.memo(id) }
            if let coder = try await app.onlyOwnWork(of: session), memo.author != coder {
                throw WebError(.forbidden, "blind coding is on: another coder's memo is closed to coders until the owner turns blind coding off")
            }
            return try JSON.response(memo)
        }
        group.post("memos") { request, context in
            let session = try context.requireWriter()
            let new = try await JSON.decode(NewMemo.self, from: request, context: context)
            // The store refuses a target whose record does not exist, or a record kind without an id.
            let target = MemoTarget(kind: new.kind, id: new.kind == .project ? nil : new.id)
            let memo = try await app.act(as: session) { try $0.addMemo(on: target, text: new.text) }
            await app.changes.poke()
            return try JSON.response(memo, status: .created)
        }
        group.post("memos/:id/update") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let edit = try await JSON.decode(Edit.self, from: request, context: context)
            let memo = try await app.act(as: session) { try $0.updateMemo(id, text: edit.text, original: edit.original) }
            await app.changes.poke()
            return try JSON.response(memo)
        }
        group.post("memos/:id/delete") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let delete = try await JSON.decode(Delete.self, from: request, context: context)
            let memo = try await app.act(as: session) { try $0.deleteMemo(id, original: delete.original) }
            await app.changes.poke()
            return try JSON.response(memo)
        }
    }
}
