import Foundation
import Hummingbird

/// What a request carries through the middleware to its route: who is logged in, when anyone is.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``SessionMiddleware`` from the session cookie.
    var session: WebSession?
    /// The peer's IP address (the proxy's, behind one).
    let remoteAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON bodies are small; an upload route reads its own larger limit (``WebLimits``).
    public var maxUploadSize: Int { WebLimits.jsonBody }

    /// The session, or 401 for a request that is not logged in.
    func requireSession() throws -> WebSession {
        guard let session else { throw WebError(.unauthorized, "log in first: at /login, or through the address the server printed") }
        return session
    }

    /// The owner's session, or 403 for a coder or a reader.
    func requireOwner() throws -> WebSession {
        let session = try requireSession()
        guard session.role == .owner else { throw WebError(.forbidden, "only the project's owner may do this; \(session.user) is a \(session.role.rawValue)") }
        return session
    }

    /// The session of someone who may change the project, or 403 for a reader.
    func requireWriter() throws -> WebSession {
        let session = try requireSession()
        guard session.role.canWrite else { throw WebError(.forbidden, "\(session.user) may read this project but not change it") }
        return session
    }
}

/// Sizes the server refuses beyond, so a request cannot exhaust the machine.
public enum WebLimits {
    /// A JSON request body.
    public static let jsonBody = 1 << 20
    /// An uploaded transcript (the importers' own limit on text applies inside).
    public static let upload = 64 << 20
    /// Another copy of the project, uploaded to be merged.
    public static let projectCopy = 1 << 30
}
