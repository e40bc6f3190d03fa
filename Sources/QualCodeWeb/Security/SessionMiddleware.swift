import Foundation
import HTTPTypes
import Hummingbird
import QualCode

/// Finds the session named by the session cookie and puts it on the request's context.
struct SessionMiddleware: RouterMiddleware {
    static let cookieName = "qualcode_session"
    let sessions: SessionStore
    let store: ProjectStore

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let id = request.cookies[Self.cookieName]?.value {
            context.session = await Self.current(id, sessions: sessions, store: store)
        }
        return try await next(request, context)
    }

    /// The session `id` as it stands now, or nil when it has ended. An account's role is read again each
    /// time: `user set` on the command line takes effect on browsers already logged in; `user remove`, a
    /// new password or an account made again under the name ends the sessions opened before.
    static func current(_ id: String, sessions: SessionStore, store: ProjectStore) async -> WebSession? {
        guard let session = await sessions.session(id) else { return nil }
        guard session.viaAccount else { return session }
        let name = session.user
        guard let account = try? await store.perform({ try $0.account(named: name) }),
              AccountStamp(account) == session.accountStamp else {
            await sessions.close(id)
            return nil
        }
        if account.role != session.role { return await sessions.update(id, role: account.role) }
        return session
    }

    /// The cookie that carries a new session: not readable by scripts, sent only to this site.
    static func cookie(for session: WebSession, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: session.id, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that tells the browser to forget the session.
    static func endingCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

/// Every request that changes something must carry the session's CSRF token in `X-CSRF-Token`, and when
/// the browser says where the request comes from (`Origin`), that must be this server.
struct CSRFMiddleware: RouterMiddleware {
    static let header = HTTPField.Name("X-CSRF-Token")!
    let app: WebApp

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        switch request.method {
        case .get, .head, .options:
            return try await next(request, context)
        default:
            // The login and password forms are posted before there is a session: they must come from
            // this site (a form on another site cannot log a browser in), and the password form carries
            // its one-time token.
            if Self.formPaths.contains(request.uri.path) {
                try Self.checkOrigin(request, scheme: app.scheme(of: request))
                return try await next(request, context)
            }
            let session = try context.requireSession()
            guard let given = request.headers[Self.header], Secret.matches(given, session.csrfToken) else {
                throw WebError(.forbidden, "the request carries no valid CSRF token; reload the page")
            }
            try Self.checkOrigin(request, scheme: app.scheme(of: request))
            return try await next(request, context)
        }
    }

    static let formPaths: Set<String> = ["/login", "/set-password", "/logout"]

    /// When the browser says where a request comes from, that must be this server (scheme, host and port): `Sec-Fetch-Site`
    /// where the browser sends it, else `Origin`. (A form posted from a page with `Referrer-Policy:
    /// no-referrer` carries `Origin: null`; its `Sec-Fetch-Site` still tells.)
    static func checkOrigin(_ request: Request, scheme: String) throws {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!] {
            guard ["same-origin", "none"].contains(site) else { throw WebError(.forbidden, "the request comes from another site (\(site))") }
            return
        }
        if let origin = request.headers[.origin], let host = request.head.authority {
            let url = URL(string: origin)
            guard url?.hostWithPort == host, url?.scheme == scheme else {
                throw WebError(.forbidden, "the request comes from another site (\(origin))")
            }
        }
    }
}

extension URL {
    /// `host:port` as a Host header writes it (the port left out when the URL has none).
    var hostWithPort: String? {
        guard let host else { return nil }
        return port.map { "\(host):\($0)" } ?? host
    }
}

/// Headers every response carries: a content-security policy that allows this site's own files only
/// (no inline scripts, no CDN), no framing, no referrer, no content sniffing.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do { response = try await next(request, context) } catch {
            response = try WebError(wrapping: error).response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; img-src 'self' data:; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return response
    }
}
