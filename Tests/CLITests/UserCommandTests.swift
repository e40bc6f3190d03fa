import Foundation
import QualCode
import Testing

/// `qualcode user …` as an owner runs it, with hostile names and wrong roles, and `serve --host`'s refusal.
@Suite struct UserCommandTests {
    func project() throws -> CLIRunner {
        let cli = try CLIRunner()
        try cli.run("init", "studie.qualcode", "--title", "Tillit i NAV")
        return cli
    }

    func store(_ cli: CLIRunner) throws -> ProjectStore {
        try ProjectStore.open(at: cli.directory.appendingPathComponent("studie.qualcode"), coder: "test")
    }

    /// A command that must fail: one line on stderr naming the problem, nothing on stdout, nothing changed.
    func refused(_ cli: CLIRunner, _ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try store(cli).eventCount()
        let result = try cli.run(arguments)
        #expect(result.status != 0, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try store(cli).eventCount() == before, sourceLocation: sourceLocation)
    }

    @Test func addListSetRemove() throws {
        let cli = try project()
        defer { cli.remove() }
        let added = try cli.run("user", "add", "anne", "--role", "owner")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Added owner anne"))
        #expect(try cli.run("user", "add", "Lars Ø.", "--role", "coder").status == 0)
        let list = try cli.run("user", "list")
        #expect(list.stdout.contains("anne") && list.stdout.contains("Lars Ø.") && list.stdout.contains("not set"))
        let json = try cli.run("user", "list", "--json")
        #expect(json.stdout.contains("\"role\""))
        #expect(!json.stdout.lowercased().contains("hash") && !json.stdout.contains("salt"))
        #expect(try cli.run("user", "set", "lars ø.", "--role", "reader").stdout.contains("Lars Ø. is now reader"))
        #expect(try cli.run("user", "remove", "Lars Ø.").status == 0)
        #expect(try store(cli).accounts().map(\.name) == ["anne"])
    }

    @Test func hostileNamesAndWrongRolesChangeNothing() throws {
        let cli = try project()
        defer { cli.remove() }
        try cli.run("user", "add", "anne", "--role", "owner")
        try refused(cli, ["user", "add", "evil\u{1b}[2J", "--role", "coder"], "control characters")
        try refused(cli, ["user", "add", "to\nlinjer", "--role", "coder"], "control characters")
        try refused(cli, ["user", "add", "   ", "--role", "coder"], "empty")
        try refused(cli, ["user", "add", String(repeating: "n", count: 300), "--role", "coder"], "at most 200")
        try refused(cli, ["user", "add", "ANNE", "--role", "coder"], "already exists")
        try refused(cli, ["user", "add", "lars", "--role", "admin"], "admin")
        try refused(cli, ["user", "add", "lars"], "--role")
        try refused(cli, ["user", "set", "nobody", "--role", "coder"], "no account \"nobody\"")
        try refused(cli, ["user", "set", "anne", "--role", "reader"], "last owner")
        try refused(cli, ["user", "remove", "anne"], "last owner")
        try refused(cli, ["user", "password", "nobody", "--link"], "no account")
        try refused(cli, ["user", "password", "anne"], "no terminal")
        #expect(try store(cli).accounts().map(\.name) == ["anne"])
    }

    @Test func passwordFromStandardInputAndOneTimeLink() throws {
        let cli = try project()
        defer { cli.remove() }
        try cli.run("user", "add", "anne", "--role", "owner")
        let set = try cli.shell("printf 'et langt passord\\n' | \"$QUALCODE\" user password anne --password-stdin")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(!set.stdout.contains("et langt passord"))
        #expect(try store(cli).verifyPassword(of: "anne", "et langt passord") != nil)
        let short = try cli.shell("printf 'kort\\n' | \"$QUALCODE\" user password anne --password-stdin")
        #expect(short.status != 0 && short.stderr.contains("8 to 1024 characters"))

        let link = try cli.run("user", "password", "anne", "--link", "--host", "10.0.0.5", "--port", "8080")
        #expect(link.status == 0)
        let token = try #require(link.stdout.firstMatch(of: /http:\/\/10\.0\.0\.5:8080\/set-password\?token=([0-9a-f]{64})/)?.output.1)
        #expect(try store(cli).accountForPasswordLink(String(token)).name == "anne")
        let log = try cli.run("log", "--json")
        #expect(!log.stdout.contains(String(token)) && !log.stdout.contains("et langt passord"))
    }

    @Test func serveBeyondLoopbackNeedsAnOwnerWithAPassword() throws {
        let cli = try project()
        defer { cli.remove() }
        try refused(cli, ["serve", "studie.qualcode", "--host", "0.0.0.0", "--port", "0"], "needs an owner account with a password")
        try cli.run("user", "add", "anne", "--role", "owner")
        try refused(cli, ["serve", "studie.qualcode", "--host", "0.0.0.0", "--port", "0"], "needs an owner account with a password")
    }
}
