import Foundation
import Hummingbird
import QualCode

/// Participants and their attributes: the list the page shows (the command line's `participant list`),
/// add, rename, label and attribute values, delete with what it takes counted first; attributes defined
/// with their type and display name. Each route is one library call.
struct ParticipantRoutes {
    let app: WebApp

    /// A new participant; attribute values as `{"rolle": "metodeveileder"}`.
    struct NewParticipant: Decodable, Sendable {
        var pseudonym: String
        var label: String?
        var attributes: [String: String]?
    }

    struct Rename: Decodable, Sendable {
        var pseudonym: String
    }

    /// What to change: the label when given (blank removes it), and each attribute named (an empty
    /// value clears it). One transaction: one value refused, nothing changes.
    struct Update: Decodable, Sendable {
        var label: String?
        var attributes: [String: String]?
    }

    struct Delete: Decodable, Sendable {
        /// Delete although links, turns or memos depend on the participant (the refusal's remedy).
        var force: Bool?
    }

    struct NewAttribute: Decodable, Sendable {
        var name: String
        var type: AttributeType
        var label: String?
    }

    struct AttributeLabel: Decodable, Sendable {
        var name: String
        var label: String?
    }

    /// Attribute values in name order, so the library sees them (and the log records them) the same way each time.
    static func pairs(_ values: [String: String]?) -> [(String, String)] {
        (values ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func add(to group: RouterGroup<WebContext>) {
        group.get("participants") { _, context in
            _ = try context.requireSession()
            return try JSON.response(try await app.read { try $0.participants() })
        }
        group.post("participants") { request, context in
            let session = try context.requireWriter()
            let new = try await JSON.decode(NewParticipant.self, from: request, context: context)
            let participant = try await app.act(as: session) {
                try $0.addParticipant(pseudonym: new.pseudonym, label: new.label, attributes: Self.pairs(new.attributes))
            }
            await app.changes.poke()
            return try JSON.response(participant, status: .created)
        }
        group.post("participants/:id/rename") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let rename = try await JSON.decode(Rename.self, from: request, context: context)
            let participant = try await app.act(as: session) { try $0.renameParticipant(id, to: rename.pseudonym) }
            await app.changes.poke()
            return try JSON.response(participant)
        }
        group.post("participants/:id/update") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let update = try await JSON.decode(Update.self, from: request, context: context)
            let summary = try await app.act(as: session) { store in
                try store.updateParticipant(id, label: update.label, attributes: Self.pairs(update.attributes))
                return try store.participants().first { $0.id == id }
            }
            await app.changes.poke()
            return try JSON.response(summary)
        }
        group.get("participants/:id/deletion") { _, context in
            _ = try context.requireSession()
            let id = try context.parameters.id("id")
            return try JSON.response(try await app.read { try $0.participantDeletion(id) })
        }
        group.post("participants/:id/delete") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let delete = try await JSON.decode(Delete.self, from: request, context: context)
            let report = try await app.act(as: session) { try $0.deleteParticipant(id, force: delete.force ?? false) }
            await app.changes.poke()
            return try JSON.response(report)
        }
        group.get("attributes") { _, context in
            _ = try context.requireSession()
            return try JSON.response(try await app.read { try $0.attributes() })
        }
        group.post("attributes") { request, context in
            let session = try context.requireWriter()
            let new = try await JSON.decode(NewAttribute.self, from: request, context: context)
            let attribute = try await app.act(as: session) { try $0.defineAttribute(new.name, type: new.type, label: new.label) }
            await app.changes.poke()
            return try JSON.response(attribute, status: .created)
        }
        group.post("attributes/label") { request, context in
            let session = try context.requireWriter()
            let change = try await JSON.decode(AttributeLabel.self, from: request, context: context)
            let attribute = try await app.act(as: session) { try $0.setAttributeLabel(change.name, to: change.label) }
            await app.changes.poke()
            return try JSON.response(attribute)
        }
    }
}
