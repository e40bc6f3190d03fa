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
    /// holds, and the session ends when the account is removed, made again or given a new password.
    public var viaAccount: Bool = false
    /// Which version of the account logged in (``AccountStamp``); nil for the printed token's session.
    public var accountStamp: AccountStamp?
}

/// When the account was made and when its password was last set: a session opened with an account
/// holds only while both are the same, so a new password (by link or from the command line) or an
/// account removed and added again under the same name ends the sessions opened before.
public struct AccountStamp: Sendable, Hashable {
    var createdAt: Date
    var passwordSetAt: Date?

    public init(_ account: Account) {
        createdAt = account.createdAt
        passwordSetAt = account.passwordSetAt
    }
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

    /// A session for the printed token's owner.
    public func open(user: String, role: WebRole) -> WebSession {
        store(WebSession(id: Secret.make(), user: user, role: role, csrfToken: Secret.make(), created: Date()))
    }

    /// A session for an account whose password was just checked.
    public func open(account: Account) -> WebSession {
        store(WebSession(id: Secret.make(), user: account.name, role: account.role, csrfToken: Secret.make(), created: Date(),
                         viaAccount: true, accountStamp: AccountStamp(account)))
    }

    private func store(_ session: WebSession) -> WebSession {
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
