import Agreement
import Foundation
import QualCode

extension WebApp {
    /// The session, refused with a 403 for a coder while blind coding is on when the page is made of
    /// everyone's codings (retrieval, the board, the map's evidence, the history, exports): a coder then
    /// works from their own transcript pages only, so double coding stays independent.
    func sessionSeeingEveryonesCodings(_ context: WebContext) async throws -> WebSession {
        let session = try context.requireSession()
        try await requireSeesEveryonesCodings(session)
        return session
    }

    func requireSeesEveryonesCodings(_ session: WebSession) async throws {
        guard session.role == .coder, try await read({ try Agreement($0).isBlindCoding() }) else { return }
        throw WebError(.forbidden, "blind coding is on: this shows every coder's codings, so it is closed to coders until the owner turns blind coding off")
    }

    /// The one coder whose work `session` may see: its own user for a coder while blind coding is on
    /// (the code tree's counts and the memos are then theirs alone), nil when it may see everyone's.
    func onlyOwnWork(of session: WebSession) async throws -> String? {
        guard session.role == .coder, try await read({ try Agreement($0).isBlindCoding() }) else { return nil }
        return session.user
    }
}
