import Foundation
import QualCode

/// What a person may do on a served project: the role of their account (the library's).
public typealias WebRole = AccountRole

/// One logged-in browser: who it is, the role, and the token every write must send back (CSRF).
public struct WebSession: Sendable, Hashable {
    public var id: String
    public var user: String
    public var role: WebRole
    public var csrfToken: String
    public var created: Date
    /// Logged in with an account's password (not the printed token): the account's current role
    /// holds, and the session ends when the account is removed.
    public var viaAccount: Bool = false
}

/// The sessions of a running server, in memory: a restart logs everyone out, which suits a server run
/// for a working day from one terminal.
public actor SessionStore {
    private var sessions: [String: WebSession] = [:]
    /// Sessions older than this are forgotten.
    let lifetime: TimeInterval

    public init(lifetime: TimeInterval = 12 * 3600) {
        self.lifetime = lifetime
    }

    public func open(user: String, role: WebRole, viaAccount: Bool = false) -> WebSession {
        let session = WebSession(id: Secret.make(), user: user, role: role, csrfToken: Secret.make(), created: Date(), viaAccount: viaAccount)
        sessions[session.id] = session
        return session
    }

    public func session(_ id: String) -> WebSession? {
        guard let session = sessions[id] else { return nil }
        guard Date().timeIntervalSince(session.created) < lifetime else {
            sessions[id] = nil
            return nil
        }
        return session
    }

    /// The session with the role its account has now.
    func update(_ id: String, role: WebRole) -> WebSession? {
        sessions[id]?.role = role
        return sessions[id]
    }

    public func close(_ id: String) {
        sessions[id] = nil
    }
}

/// Random secrets for sessions, CSRF tokens and the login token.
public enum Secret {
    /// 32 random bytes from the system's generator, as 64 hex digits.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// Compares two secrets in time that does not depend on where they first differ.
    public static func matches(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
