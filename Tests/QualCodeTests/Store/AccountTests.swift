import Foundation
import GRDB
@testable import QualCode
import Testing

/// The accounts that log in to a served project: roles, passwords as scrypt keys, one-time links.
@Suite struct AccountTests {
    @Test func aPasswordIsKeptOnlyAsASaltedKey() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addAccount("anne", role: .owner)
        try store.addAccount("lars", role: .coder)
        let password = "tillit er alt"
        try store.setPassword(of: "anne", to: password)
        try store.setPassword(of: "lars", to: password)
        let rows = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT name, passwordHash, salt, kdf FROM account ORDER BY name") }
        let keys = rows.map { $0["passwordHash"] as Data }, salts = rows.map { $0["salt"] as Data }
        #expect(keys.allSatisfy { $0.count == 32 && $0 != Data(password.utf8) })
        #expect(keys[0] != keys[1], "two users with one password get different keys")
        #expect(salts[0] != salts[1] && salts.allSatisfy { $0.count == 16 })
        #expect(rows.allSatisfy { $0["kdf"] as String == "scrypt$15$8$1" })
        // Nowhere in the file, nor in the log.
        let file = try Data(contentsOf: folder.file("studie.qualcode")) + ((try? Data(contentsOf: folder.file("studie.qualcode-wal"))) ?? Data())
        #expect(file.range(of: Data(password.utf8)) == nil)
        let log = try store.events(last: 10).map(\.payload).joined()
        #expect(!log.contains(password))
        #expect(try store.events(last: 10).map(\.action).contains("account.password"))
    }

    @Test func verifyKnowsTheRightPasswordOnly() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addAccount("Åse", role: .coder)
        try store.setPassword(of: "Åse", to: "riktig passord")
        #expect(try store.verifyPassword(of: "Åse", "riktig passord")?.role == .coder)
        #expect(try store.verifyPassword(of: " ÅSE ", "riktig passord")?.name == "Åse", "æøå fold too")
        try store.addAccount("Anne", role: .owner)
        try store.setPassword(of: "anne", to: "annes passord")
        #expect(try store.verifyPassword(of: "ANNE", "annes passord")?.name == "Anne")
        #expect(try store.verifyPassword(of: "Åse", "riktig passorD") == nil)
        #expect(try store.verifyPassword(of: "Åse", "") == nil)
        #expect(try store.verifyPassword(of: "ukjent", "riktig passord") == nil)
        try store.addAccount("uten", role: .reader)
        #expect(try store.verifyPassword(of: "uten", "") == nil, "no password set: no login")
    }

    @Test func theKeyTakesAMeasurableTime() throws {
        let start = Date()
        _ = try PasswordHash.key("et passord", salt: PasswordHash.salt(), kdf: PasswordHash.current)
        let seconds = Date().timeIntervalSince(start)
        print("scrypt N=2^15 r=8 p=1: \(Int(seconds * 1000)) ms")
        #expect(seconds > 0.01)
    }

    @Test func aLinkWorksOnceAndNotAfterItExpires() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addAccount("lars", role: .coder)
        let link = try store.passwordLink(for: "lars")
        #expect(link.token.count == 64)
        #expect(try store.accountForPasswordLink(link.token).name == "lars")
        try store.setPassword(withLink: link.token, to: "første passord")
        #expect(try store.verifyPassword(of: "lars", "første passord") != nil)
        #expect(throws: StoreError.self) { try store.setPassword(withLink: link.token, to: "andre passord") }
        #expect(try store.verifyPassword(of: "lars", "andre passord") == nil)

        let expired = try store.passwordLink(for: "lars", validFor: -1)
        #expect(throws: StoreError.self) { try store.setPassword(withLink: expired.token, to: "tredje passord") }
        let older = try store.passwordLink(for: "lars")
        let newer = try store.passwordLink(for: "lars")
        #expect(throws: StoreError.self) { try store.accountForPasswordLink(older.token) }
        #expect(try store.accountForPasswordLink(newer.token).name == "lars")
        #expect(throws: StoreError.self) { try store.accountForPasswordLink(String(repeating: "0", count: 64)) }
        // Only the token's hash is stored.
        let stored = try store.pool.read { db in try Data.fetchAll(db, sql: "SELECT tokenHash FROM passwordToken") }
        #expect(stored.count == 1 && stored[0] != Data(newer.token.utf8))
        #expect(try !store.events(last: 20).map(\.payload).joined().contains(newer.token))
    }

    @Test func namesFollowTheNameRulesAndRolesAreKept() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        let events = try store.eventCount()
        for bad in ["", "   ", "a\u{1b}[2Jb", "line\nbreak", String(repeating: "x", count: 201)] {
            #expect(throws: StoreError.self) { try store.addAccount(bad, role: .coder) }
        }
        #expect(try store.eventCount() == events)
        try store.addAccount("  Anne  ", role: .owner)
        #expect(try store.accounts().map(\.name) == ["Anne"])
        #expect(throws: StoreError.self) { try store.addAccount("anne", role: .coder) }
        #expect(throws: StoreError.self) { try store.setRole(of: "nobody", to: .coder) }
        #expect(throws: StoreError.self) { try store.setPassword(of: "nobody", to: "langt nok passord") }
        #expect(throws: StoreError.self) { try store.setPassword(of: "Anne", to: "kort") }
        // The last owner stays.
        #expect(throws: StoreError.self) { try store.setRole(of: "Anne", to: .reader) }
        #expect(throws: StoreError.self) { try store.removeAccount("Anne") }
        try store.addAccount("lars", role: .coder)
        try store.setRole(of: "lars", to: .owner)
        try store.setRole(of: "anne", to: .reader)
        try store.removeAccount("ANNE")
        #expect(try store.accounts().map(\.name) == ["lars"])
        #expect(try store.accounts()[0].role == .owner)
        let actions = try store.events(last: 10).map(\.action)
        #expect(actions.contains("account.add") && actions.contains("account.role") && actions.contains("account.remove"))
    }
}
