import Foundation
import Hummingbird
import Privacy
import QualCode

/// The ethics register on the «Etikk» page, the owner's alone (as `qualcode ethics`): approvals, consent
/// per participant, the planned deletion dates and the audio deletion log. Each write is one library call
/// and answers with the register as it now stands, warnings worked out for today.
struct EthicsRoutes {
    let app: WebApp

    struct NewApproval: Decodable, Sendable {
        var body: String
        var reference: String
        var date: String
        var note: String?
    }

    struct NewConsent: Decodable, Sendable {
        var participant: UUID
        var date: String
        var form: String
    }

    /// The planned deletion dates; one left out (or empty) stays as it is.
    struct Plan: Decodable, Sendable {
        var audioBy: String?
        var dataBy: String?
    }

    struct NewAudioDeletion: Decodable, Sendable {
        var participant: UUID
        var date: String
        var method: String?
    }

    func add(to group: RouterGroup<WebContext>) {
        group.get("ethics") { _, context in
            _ = try context.requireOwner()
            return try JSON.response(try await app.read { try Privacy($0).ethicsRegister() })
        }
        group.post("ethics/approvals") { request, context in
            let session = try context.requireOwner()
            let new = try await JSON.decode(NewApproval.self, from: request, context: context)
            try Self.check(new.body, "body", Self.words)
            try Self.check(new.reference, "reference", Self.words)
            try Self.check(new.date, "date", Self.dateLength)
            try Self.check(new.note, "note", Self.noteLength)
            let approval = EthicsApproval(body: new.body, reference: new.reference, date: new.date,
                                          note: new.note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 })
            return try await register(as: session) { try Privacy($0).recordApproval(approval) }
        }
        group.post("ethics/consents") { request, context in
            let session = try context.requireOwner()
            let new = try await JSON.decode(NewConsent.self, from: request, context: context)
            try Self.check(new.date, "date", Self.dateLength)
            try Self.check(new.form, "form", Self.words)
            return try await register(as: session) { store in
                try Self.requireParticipant(new.participant, in: store)
                try Privacy(store).recordConsent(new.participant, date: new.date, form: new.form)
            }
        }
        group.post("ethics/plan") { request, context in
            let session = try context.requireOwner()
            let plan = try await JSON.decode(Plan.self, from: request, context: context)
            let audio = Self.given(plan.audioBy), data = Self.given(plan.dataBy)
            guard audio != nil || data != nil else {
                throw WebError(.badRequest, "give audioBy, dataBy or both (YYYY-MM-DD); nothing was changed")
            }
            try Self.check(audio, "audioBy", Self.dateLength)
            try Self.check(data, "dataBy", Self.dateLength)
            return try await register(as: session) { try Privacy($0).planDeletion(audioBy: audio, dataBy: data) }
        }
        group.post("ethics/audio-deletions") { request, context in
            let session = try context.requireOwner()
            let new = try await JSON.decode(NewAudioDeletion.self, from: request, context: context)
            let method = Self.given(new.method)
            try Self.check(new.date, "date", Self.dateLength)
            try Self.check(method, "method", Self.words)
            return try await register(as: session) { store in
                try Self.requireParticipant(new.participant, in: store)
                try Privacy(store).logAudioDeletion(new.participant, date: new.date, method: method)
            }
        }
    }

    /// Does one write as the owner and answers with the register.
    private func register(as session: WebSession, _ write: @escaping @Sendable (ProjectStore) throws -> Void) async throws -> Response {
        let register = try await app.act(as: session) { store in
            // The register's writes go straight to the file: a project opened read-only refuses here,
            // with the store's own line, not SQLite's.
            if store.isReadOnly { throw StoreError.projectReadOnly(path: store.url.path) }
            try write(store)
            return try Privacy(store).ethicsRegister()
        }
        await app.changes.poke()
        return try JSON.response(register)
    }

    /// A body, reference, consent form or method: one line's worth.
    static let words = 500
    static let noteLength = 2_000
    /// Longer than any way of writing a date the library reads.
    static let dateLength = 40

    /// Refuses a value longer than `limit` characters, before anything is written.
    static func check(_ value: String?, _ name: String, _ limit: Int) throws {
        guard let value, value.count > limit else { return }
        throw WebError(.badRequest, "\(name) is \(value.count) characters long, more than \(limit); nothing was changed")
    }

    /// An optional text, nil when it is left empty.
    static func given(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }

    /// 404 for a participant the project does not have (the register would otherwise meet the
    /// database's foreign key).
    static func requireParticipant(_ id: Participant.ID, in store: ProjectStore) throws {
        guard try store.participants().contains(where: { $0.id == id }) else { throw StoreError.missing(.participant, id) }
    }
}
