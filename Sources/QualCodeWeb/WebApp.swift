import Foundation
import HTTPTypes
import Hummingbird
import Privacy
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
    /// Whether the printed token logs in; off when the server listens beyond this machine, where
    /// only accounts log in.
    public let tokenLogin: Bool
    /// Whether a reverse proxy in front is trusted for `X-Forwarded-For` and `X-Forwarded-Proto`.
    public let behindProxy: Bool
    /// Failed logins, per account and per client address.
    public let throttle: LoginThrottle
    /// The report of the last merge made here, for its download.
    let lastMerge = LastMergeReport()
    /// What opens the project's pseudonym key when it is sealed, as the server was started with; nil when
    /// it was not given (names from the key are then not looked for, and a safe export is refused).
    let keyPassphrase: String?

    public init(store: ProjectStore, owner: String, loginToken: String = Secret.make(), secureCookies: Bool = false,
                tokenLogin: Bool = true, behindProxy: Bool = false, throttle: LoginThrottle = LoginThrottle(),
                changes: ChangeFeed? = nil, keyPassphrase: String? = nil) {
        self.keyPassphrase = keyPassphrase
        self.store = store
        self.owner = owner
        self.loginToken = loginToken
        self.secureCookies = secureCookies
        self.tokenLogin = tokenLogin
        self.behindProxy = behindProxy
        self.throttle = throttle
        self.sessions = SessionStore()
        self.changes = changes ?? ChangeFeed(store: store)
    }

    /// Whether the cookies of a response to `request` are marked Secure: always with `secureCookies`,
    /// and behind a trusted proxy when it says the browser came over HTTPS.
    /// Chained proxies each append to `X-Forwarded-Proto` (`https, http`): the first entry is the scheme
    /// the browser used. A client that forges it only gets cookies or an Origin check that fail it.
    func secureCookies(for request: Request) -> Bool {
        guard !secureCookies else { return true }
        guard behindProxy, let forwarded = request.headers[HTTPField.Name("X-Forwarded-Proto")!] else { return false }
        return forwarded.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// The scheme the browser used to reach this server: https when cookies are marked Secure (a TLS
    /// proxy in front), else http.
    func scheme(of request: Request) -> String {
        secureCookies(for: request) ? "https" : "http"
    }

    /// Who is asking, for the login throttle: the peer's address, or behind a trusted proxy the address
    /// the proxy added last to `X-Forwarded-For` (earlier entries are the client's own word).
    func clientAddress(of request: Request, context: WebContext) -> String {
        if behindProxy, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        return context.remoteAddress ?? "unknown"
    }

    /// Every route of the pages and the API, behind the session, CSRF and security-header middleware.
    public func router() -> Router<WebContext> {
        // HEAD is answered as GET without the body (players and proxies probe with it).
        let router = Router(context: WebContext.self, options: .autoGenerateHeadEndpoints)
        router.addMiddleware {
            SecurityHeadersMiddleware()
            SessionMiddleware(sessions: sessions, store: store)
            CSRFMiddleware(app: self)
        }
        PageRoutes(app: self).add(to: router)
        LoginRoutes(app: self).add(to: router)
        let api = router.group("api")
        SessionRoutes(app: self).add(to: api)
        LabelRoutes().add(to: api)
        TranscriptRoutes(app: self).add(to: api)
        CodingRoutes(app: self).add(to: api)
        CodeRoutes(app: self).add(to: api)
        SearchRoutes(app: self).add(to: api)
        MemoRoutes(app: self).add(to: api)
        QuoteRoutes(app: self).add(to: api)
        ParticipantRoutes(app: self).add(to: api)
        MediaRoutes(app: self).add(to: api)
        ImportRoutes(app: self).add(to: api)
        HistoryRoutes(app: self).add(to: api)
        BoardRoutes(app: self).add(to: api)
        MapRoutes(app: self).add(to: api)
        AgreementRoutes(app: self).add(to: api)
        ExchangeRoutes(app: self).add(to: api)
        MergeRoutes(app: self).add(to: api)
        ExportRoutes(app: self).add(to: api)
        PrivacyRoutes(app: self).add(to: api)
        EthicsRoutes(app: self).add(to: api)
        WithdrawalRoutes(app: self).add(to: api)
        api.get("events") { [sessions, store] request, context in
            let id = try context.requireSession().id
            return try await changes.stream(request: request, context: context) {
                await SessionMiddleware.current(id, sessions: sessions, store: store) != nil
            }
        }
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
    /// A whole number from the query (`limit=50`), within `range`; `value` when it is not given, 400 otherwise.
    func number(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = get(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw WebError(.badRequest, "\(name) must be a whole number from \(range.lowerBound)\(range.upperBound == Int.max ? " up" : " to \(range.upperBound)") (got \"\(text.prefix(40))\")")
        }
        return number
    }

    /// A switch from the query: `true`/`1` or `false`/`0`/empty; nil when it is not given, 400 otherwise.
    func flag(_ name: String) throws -> Bool? {
        guard let text = get(name) else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0", "": return false
        default: throw WebError(.badRequest, "\(name) \"\(String(text.prefix(40)).escapingControlCharacters())\": expected true or false.")
        }
    }

    /// A path parameter that must be a UUID; 400 when it is not.
    func id(_ name: String) throws -> UUID {
        guard let text = get(name), let id = UUID(uuidString: text) else {
            throw WebError(.badRequest, "\"\(get(name) ?? "")\" is not an id")
        }
        return id
    }
}

extension WebApp {
    /// The project's pseudonym key, read afresh (the command line may change it while the server runs);
    /// nil when the project has none, or it is sealed and the server has no passphrase for it.
    func pseudonymKey() throws -> PseudonymKey? {
        let privacy = Privacy(store)
        guard privacy.hasKey else { return nil }
        do { return try privacy.key(passphrase: keyPassphrase) } catch PrivacyError.passphraseNeeded { return nil }
    }

    /// The privacy screen a safe export passes (``Privacy/safeExportScreen(key:)``).
    func safeExportScreen() throws -> SafeExportScreen {
        let privacy = Privacy(store)
        return try privacy.safeExportScreen(key: try pseudonymKey())
    }

    /// The screen when a safe export is asked for, made off the event loop (opening a sealed key runs
    /// scrypt; the dismissals are read from the file); nil otherwise.
    func safeExportScreen(if safe: Bool) async throws -> SafeExportScreen? {
        guard safe else { return nil }
        return try await read { _ in try safeExportScreen() }
    }
}
