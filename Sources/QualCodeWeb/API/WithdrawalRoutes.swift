import Foundation
import Hummingbird
import Privacy
import QualCode

/// «Trekk deltaker»: what withdrawing a participant would take, and the withdrawal itself, the owner's
/// alone (as `qualcode participant withdraw`). The withdrawal cannot be undone, so the page sends the
/// pseudonym typed again and the route compares it, as `--yes` is the command line's confirmation.
struct WithdrawalRoutes {
    let app: WebApp

    struct Confirmation: Decodable, Sendable {
        /// The participant's pseudonym, as typed.
        var confirm: String
    }

    func add(to group: RouterGroup<WebContext>) {
        group.get("participants/:id/withdrawal") { _, context in
            _ = try context.requireOwner()
            let id = try context.parameters.id("id")
            return try JSON.response(try await app.read { try $0.withdrawalPreview(participant: id) })
        }
        group.post("participants/:id/withdraw") { request, context in
            let session = try context.requireOwner()
            let id = try context.parameters.id("id")
            let confirmation = try await JSON.decode(Confirmation.self, from: request, context: context)
            let passphrase = app.keyPassphrase
            let withdrawal = try await app.act(as: session) { store in
                let pseudonym = try Self.pseudonym(of: id, in: store)
                // Exactly the pseudonym (spaces around it aside): «eva» for «Eva» is a slip, not a confirmation.
                guard confirmation.confirm.trimmingCharacters(in: .whitespacesAndNewlines) == pseudonym else {
                    throw WebError(.unprocessableContent, "type the participant's pseudonym exactly to confirm the withdrawal; nothing was changed")
                }
                return try Privacy(store).withdraw(id, passphrase: passphrase)
            }
            await app.changes.poke()
            return try JSON.response(withdrawal)
        }
    }

    /// The participant's pseudonym; 404 for one the project does not have.
    static func pseudonym(of id: Participant.ID, in store: ProjectStore) throws -> String {
        guard let participant = try store.participants().first(where: { $0.id == id }) else { throw StoreError.missing(.participant, id) }
        return participant.pseudonym
    }
}
