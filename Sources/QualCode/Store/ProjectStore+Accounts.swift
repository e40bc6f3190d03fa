import CryptoExtras
import Foundation
import GRDB

/// What a person may do on a served project.
public enum AccountRole: String, Sendable, Codable, Hashable, CaseIterable {
    /// Everything, including the project's settings and its people.
    case owner
    /// Codes, memos and the analysis; not the project's settings.
    case coder
    /// Reads and downloads; changes nothing.
    case reader

    public var canWrite: Bool { self != .reader }
}

/// A person who may log in to the served project. The name is also the coder recorded on what they do.
public struct Account: Sendable, Codable, Hashable {
    public var name: String
    public var role: AccountRole
    /// Whether a password is set; an account without one cannot log in until it is.
    public var hasPassword: Bool
    public var createdAt: Date
    public var passwordSetAt: Date?
}

/// A one-time link's secret and when it stops working. The store keeps only the token's SHA-256.
public struct PasswordLink: Sendable, Hashable {
    public var account: String
    public var token: String
    public var expiresAt: Date
}

/// Passwords as scrypt keys (N = 2^15, r = 8, p = 1: 32 MiB and, on this kind of machine, about 0.1 s per
/// login in a release build), each with 16 random bytes of salt of its own; never a bare hash. The cost
/// is stored beside each key, so a later version can raise it and still check old passwords.
public enum PasswordHash {
    public static let minimumLength = 8
    /// Long enough for any passphrase, short enough that hashing it costs nothing extra.
    public static let maximumLength = 1024
    /// `scrypt$log2(N)$r$p`.
    static let current = "scrypt$15$8$1"

    /// The key of `password` with `salt` under the cost `kdf` names.
    static func key(_ password: String, salt: [UInt8], kdf: String) throws -> [UInt8] {
        let parts = kdf.split(separator: "$")
        guard parts.count == 4, parts[0] == "scrypt", let logN = Int(parts[1]), (10...20).contains(logN),
              let r = Int(parts[2]), (1...32).contains(r), let p = Int(parts[3]), (1...4).contains(p) else {
            throw StoreError.invalidValue(what: "password key", value: kdf, expected: "scrypt$N$r$p")
        }
        let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: 32,
                                           rounds: 1 << logN, blockSize: r, parallelism: p)
        return key.withUnsafeBytes { Array($0) }
    }

    static func salt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Equal bytes, in time that does not depend on where they first differ.
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func check(_ password: String) throws {
        guard (minimumLength...maximumLength).contains(password.count) else {
            throw StoreError.unacceptablePassword(minimum: minimumLength, maximum: maximumLength)
        }
    }
}

private struct AccountRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "account"
    var name: String
    var folded: String
    var role: String
    var passwordHash: Data?
    var salt: Data?
    var kdf: String?
    var createdAt: Date
    var passwordSetAt: Date?

    var account: Account {
        Account(name: name, role: AccountRole(rawValue: role) ?? .reader, hasPassword: passwordHash != nil,
                createdAt: createdAt, passwordSetAt: passwordSetAt)
    }
}

extension ProjectStore {
    /// The accounts, by name.
    public func accounts() throws -> [Account] {
        try pool.read { db in try AccountRow.order(Column("folded")).fetchAll(db).map(\.account) }
    }

    /// The account named `name` (ignoring case and surrounding space), or nil.
    public func account(named name: String) throws -> Account? {
        try pool.read { db in try Self.findAccount(db, name)?.account }
    }

    /// Adds an account without a password (set it with ``setPassword(of:to:)`` or a ``passwordLink(for:validFor:)``).
    ///
    /// - Throws: ``StoreError/duplicate(what:name:)`` when the name is taken (ignoring case), the name rules' errors.
    @discardableResult
    public func addAccount(_ name: String, role: AccountRole) throws -> Account {
        let name = try NameRules.checked(name, what: "account")
        return try pool.write { db in
            guard try Self.findAccount(db, name) == nil else { throw StoreError.duplicate(what: "account", name: name) }
            let row = AccountRow(name: name, folded: Self.folded(name), role: role.rawValue, createdAt: Date())
            try row.insert(db)
            try log(db, "account.add", ["name": .string(name), "role": .string(role.rawValue)])
            return row.account
        }
    }

    /// Gives an account another role; the last owner stays an owner.
    @discardableResult
    public func setRole(of name: String, to role: AccountRole) throws -> Account {
        try pool.write { db in
            var row = try Self.accountRow(db, name)
            if row.role == AccountRole.owner.rawValue && role != .owner { try Self.keepAnOwner(db, besides: row.name) }
            row.role = role.rawValue
            try row.update(db)
            try log(db, "account.role", ["name": .string(row.name), "role": .string(role.rawValue)])
            return row.account
        }
    }

    /// Removes an account and its unused password links; what it coded stays, under its name.
    public func removeAccount(_ name: String) throws {
        try pool.write { db in
            let row = try Self.accountRow(db, name)
            if row.role == AccountRole.owner.rawValue { try Self.keepAnOwner(db, besides: row.name) }
            try row.delete(db)
            try log(db, "account.remove", ["name": .string(row.name)])
        }
    }

    /// Sets an account's password (a new salt each time); the log records that it changed, never what to.
    public func setPassword(of name: String, to password: String) throws {
        try PasswordHash.check(password)
        let salt = PasswordHash.salt()
        let key = try PasswordHash.key(password, salt: salt, kdf: PasswordHash.current)
        try pool.write { db in
            var row = try Self.accountRow(db, name)
            try Self.store(key: key, salt: salt, in: &row, db)
            try log(db, "account.password", ["name": .string(row.name)])
        }
    }

    /// A one-time link that lets `name` set a password, valid for `validFor` seconds. Earlier links of
    /// the account stop working.
    public func passwordLink(for name: String, validFor: TimeInterval = 24 * 3600) throws -> PasswordLink {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
        let expires = Date().addingTimeInterval(validFor)
        let account = try pool.write { db in
            let row = try Self.accountRow(db, name)
            try db.execute(sql: "DELETE FROM passwordToken WHERE account = ?", arguments: [row.name])
            try db.execute(sql: "INSERT INTO passwordToken (tokenHash, account, expiresAt, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [Self.tokenHash(token), row.name, expires, Date()])
            try log(db, "account.passwordLink", ["name": .string(row.name)])
            return row.name
        }
        return PasswordLink(account: account, token: token, expiresAt: expires)
    }

    /// The account a password link is for, when the link is known and not expired (it is not used up).
    public func accountForPasswordLink(_ token: String) throws -> Account {
        try pool.read { db in try Self.linkedAccount(db, token).account }
    }

    /// Sets the password through a one-time link and uses the link up.
    ///
    /// - Throws: ``StoreError/passwordLinkInvalid`` for an unknown, used or expired link.
    @discardableResult
    public func setPassword(withLink token: String, to password: String) throws -> Account {
        try PasswordHash.check(password)
        _ = try accountForPasswordLink(token)
        let salt = PasswordHash.salt()
        let key = try PasswordHash.key(password, salt: salt, kdf: PasswordHash.current)
        return try pool.write { db in
            // Checked again inside the write: two requests with one link cannot both use it.
            var row = try Self.linkedAccount(db, token)
            try db.execute(sql: "DELETE FROM passwordToken WHERE account = ?", arguments: [row.name])
            try Self.store(key: key, salt: salt, in: &row, db)
            try log(db, "account.password", ["name": .string(row.name), "byLink": true])
            return row.account
        }
    }

    /// The account when `password` is its password; nil for a wrong password, an unknown name or an
    /// account without a password. An unknown name costs the same time as a wrong password.
    public func verifyPassword(of name: String, _ password: String) throws -> Account? {
        let row = try pool.read { db in try Self.findAccount(db, name) }
        guard password.count <= PasswordHash.maximumLength else { return nil }
        guard let row, let hash = row.passwordHash, let salt = row.salt, let kdf = row.kdf else {
            _ = try PasswordHash.key(password, salt: Self.decoySalt, kdf: PasswordHash.current)
            return nil
        }
        let key = try PasswordHash.key(password, salt: Array(salt), kdf: kdf)
        return PasswordHash.same(key, Array(hash)) ? row.account : nil
    }

    private static let decoySalt = PasswordHash.salt()

    /// How names are compared: trimmed, precomposed, lower case (so «Åse» and «åse» are one account).
    static func folded(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping.lowercased()
    }

    fileprivate static func findAccount(_ db: Database, _ name: String) throws -> AccountRow? {
        try AccountRow.filter(Column("folded") == folded(name)).fetchOne(db)
    }

    private static func accountRow(_ db: Database, _ name: String) throws -> AccountRow {
        if let row = try Self.findAccount(db, name) { return row }
        let names = try String.fetchAll(db, sql: "SELECT name FROM account ORDER BY folded")
        throw StoreError.notFound(what: "account", reference: name, candidates: names)
    }

    private static func keepAnOwner(_ db: Database, besides name: String) throws {
        let others = try Int.fetchOne(db, sql: "SELECT count(*) FROM account WHERE role = 'owner' AND name <> ?", arguments: [name]) ?? 0
        if others == 0 { throw StoreError.lastOwner(name: name) }
    }

    private static func store(key: [UInt8], salt: [UInt8], in row: inout AccountRow, _ db: Database) throws {
        row.passwordHash = Data(key)
        row.salt = Data(salt)
        row.kdf = PasswordHash.current
        row.passwordSetAt = Date()
        try row.update(db)
    }

    private static func linkedAccount(_ db: Database, _ token: String) throws -> AccountRow {
        guard token.count == 64,
              let row = try Row.fetchOne(db, sql: "SELECT account, expiresAt FROM passwordToken WHERE tokenHash = ?", arguments: [tokenHash(token)]),
              (row["expiresAt"] as Date) > Date(),
              let account = try AccountRow.fetchOne(db, key: row["account"] as String) else {
            throw StoreError.passwordLinkInvalid
        }
        return account
    }

    private static func tokenHash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }
}
