import Agreement
import Foundation
import Hummingbird
import QualCode

/// The transcripts and one transcript laid out for reading and coding.
struct TranscriptRoutes {
    let app: WebApp

    func add(to group: RouterGroup<WebContext>) {
        group.get("transcripts") { _, context in
            _ = try context.requireSession()
            return try JSON.response(try await app.read { try $0.transcripts() })
        }
        group.get("transcripts/:id") { _, context in
            let session = try context.requireSession()
            let id = try context.parameters.id("id")
            return try JSON.response(try await app.read { store in
                let page = try Agreement(store).page(try store.transcriptPage(id), seenBy: session.user, role: session.role)
                return TranscriptView(page, media: try store.media(of: id))
            })
        }
    }
}

/// Codings made and taken back.
struct CodingRoutes {
    let app: WebApp

    /// A selection to code: scalar offsets (as a page's pieces give them), end exclusive, and code paths;
    /// a path that names no code creates it (`Parent/Child` creates both).
    struct NewCoding: Decodable, Sendable {
        var transcript: UUID
        var start: Int
        var end: Int
        var codes: [String]
    }

    struct Removal: Decodable, Sendable {
        var segment: UUID
        var code: UUID
        /// Also delete the segment's memos when this is its last coding.
        var force: Bool?
    }

    /// Your coding of `from` on a segment moved to the code `to` (a path; a new one is created).
    struct Change: Decodable, Sendable {
        var segment: UUID
        var from: UUID
        var to: String
    }

    func add(to group: RouterGroup<WebContext>) {
        group.post("codings/change") { request, context in
            let session = try context.requireWriter()
            let change = try await JSON.decode(Change.self, from: request, context: context)
            let result = try await app.act(as: session) { try $0.recode(segment: change.segment, from: change.from, to: change.to) }
            await app.changes.poke()
            return try JSON.response(result)
        }
        group.post("codings") { request, context in
            let session = try context.requireWriter()
            let new = try await JSON.decode(NewCoding.self, from: request, context: context)
            guard !new.codes.isEmpty, new.codes.count <= 50 else { throw WebError(.badRequest, "name between 1 and 50 codes") }
            let result = try await app.act(as: session) { try $0.code(new.transcript, .offsets(start: new.start, end: new.end), codes: new.codes) }
            await app.changes.poke()
            return try JSON.response(result, status: .created)
        }
        group.post("codings/remove") { request, context in
            let session = try context.requireWriter()
            let removal = try await JSON.decode(Removal.self, from: request, context: context)
            let result = try await app.act(as: session) { try $0.uncode(segment: removal.segment, codes: [removal.code], force: removal.force ?? false) }
            // Only one's own codings are removed; another coder's coding of the code stays, and that is said.
            guard !result.removed.isEmpty else {
                throw WebError(.notFound, "\(session.user) has no coding with that code on the segment; nothing was removed")
            }
            await app.changes.poke()
            return try JSON.response(result)
        }
        group.post("codings/undo") { _, context in
            let session = try context.requireWriter()
            guard let undone = try await app.act(as: session, { try $0.undoLastCoding() }) else {
                throw WebError(.notFound, "\(session.user) has no coding left to undo")
            }
            await app.changes.poke()
            return try JSON.response(undone)
        }
    }
}

/// The event log as a readable history, newest first, a page at a time.
struct HistoryRoutes {
    let app: WebApp

    func add(to group: RouterGroup<WebContext>) {
        group.get("history") { request, context in
            _ = try await app.sessionSeeingEveryonesCodings(context)
            let query = request.uri.queryParameters
            let before = query.get("before") == nil ? nil : Int64(try query.number("before", default: 0, in: 1...Int.max))
            let limit = try query.number("limit", default: 50, in: 1...500)
            return try JSON.response(try await app.read { try $0.history(before: before, limit: limit) })
        }
    }
}
