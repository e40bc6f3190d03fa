import Foundation
import Hummingbird
import QualCode

/// The served project: the store every route calls, the sessions of logged-in browsers, the login
/// token printed on the terminal, and the feed of changes the pages listen to.
public struct WebApp: Sendable {
    public let store: ProjectStore
    public let sessions: SessionStore
    /// The secret in the address `qualcode serve` prints; opening it logs the local user in as owner.
    public let loginToken: String
    /// Who the login token logs in as.
    public let owner: String
    public let changes: ChangeFeed
    /// Whether cookies are marked Secure (behind a TLS proxy).
    public let secureCookies: Bool

    public init(store: ProjectStore, owner: String, loginToken: String = Secret.make(), secureCookies: Bool = false,
                changes: ChangeFeed? = nil) {
        self.store = store
        self.owner = owner
        self.loginToken = loginToken
        self.secureCookies = secureCookies
        self.sessions = SessionStore()
        self.changes = changes ?? ChangeFeed(store: store)
    }

    /// Every route of the pages and the API, behind the session, CSRF and security-header middleware.
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.addMiddleware {
            SecurityHeadersMiddleware()
            SessionMiddleware(sessions: sessions)
            CSRFMiddleware()
        }
        PageRoutes(app: self).add(to: router)
        let api = router.group("api")
        SessionRoutes(app: self).add(to: api)
        LabelRoutes().add(to: api)
        TranscriptRoutes(app: self).add(to: api)
        CodingRoutes(app: self).add(to: api)
        CodeRoutes(app: self).add(to: api)
        SearchRoutes(app: self).add(to: api)
        MemoRoutes(app: self).add(to: api)
        MediaRoutes(app: self).add(to: api)
        ImportRoutes(app: self).add(to: api)
        HistoryRoutes(app: self).add(to: api)
        BoardRoutes(app: self).add(to: api)
        api.get("events") { request, context in try await changes.stream(request: request, context: context) }
        return router
    }

    /// Runs a library call off the event loop, as the coder of the request's session.
    func act<T: Sendable>(as session: WebSession, _ work: @escaping @Sendable (ProjectStore) throws -> T) async throws -> T {
        let user = session.user
        do {
            return try await store.perform { try work(try $0.acting(as: user)) }
        } catch { throw WebError(wrapping: error) }
    }

    /// A read, off the event loop.
    func read<T: Sendable>(_ work: @escaping @Sendable (ProjectStore) throws -> T) async throws -> T {
        do { return try await store.perform(work) } catch { throw WebError(wrapping: error) }
    }
}

extension Parameters {
    /// A path parameter that must be a UUID; 400 when it is not.
    func id(_ name: String) throws -> UUID {
        guard let text = get(name), let id = UUID(uuidString: text) else {
            throw WebError(.badRequest, "\"\(get(name) ?? "")\" is not an id")
        }
        return id
    }
}
