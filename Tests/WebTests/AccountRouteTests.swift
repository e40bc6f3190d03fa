import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing

/// Accounts in the browser: the login form, its throttle, roles on every route, logout, password links.
@Suite struct AccountRouteTests {
    /// A fixture whose project has an owner, a coder and a reader with passwords, served to accounts
    /// only (as with `--host`).
    static func served(tokenLogin: Bool = false) throws -> WebFixture {
        let fixture = try WebFixture(tokenLogin: tokenLogin)
        for (name, role) in [("anne", AccountRole.owner), ("lars", .coder), ("lise", .reader)] {
            try fixture.store.addAccount(name, role: role)
            try fixture.store.setPassword(of: name, to: "passord-\(name)")
        }
        return fixture
    }

    @Test func theFormLogsInWithTheRightPasswordOnly() async throws {
        let fixture = try Self.served()
        try await fixture.test { browser in
            let page = try await browser.get("/login")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<form") && html.contains("action=\"/login\"") && !html.contains("<script"))
            #expect(!html.contains("?token="), "no token hint when the token login is off")

            let wrong = try await browser.postForm("/login", ["name": "lars", "password": "feil"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.setCookie] == nil)
            #expect(String(buffer: wrong.body).contains("Wrong name or password"))
            let unknown = try await browser.postForm("/login", ["name": "nobody", "password": "passord-lars"])
            #expect(unknown.status == .unauthorized)

            var lars = browser
            try await lars.logIn(name: "lars", password: "passord-lars")
            let session = try lars.json(try await lars.get("/api/session"))
            #expect(session["user"] as? String == "lars")
            #expect(session["role"] as? String == "coder")
            // The token login is off beyond loopback: the printed token logs nobody in.
            let token = try await browser.client.execute(uri: "/?token=\(fixture.app.loginToken)", method: .get)
            #expect(token.headers[.setCookie] == nil)
            #expect(token.status == .unauthorized)
        }
    }

    @Test func aLoginAlwaysEndsOnTheAppsOwnRoot() async throws {
        let fixture = try Self.served()
        try await fixture.test { browser in
            for uri in ["/login?next=https://evil.example", "/login?next=//evil.example&redirect=https://evil.example"] {
                let page = try await browser.get(uri)
                #expect(!String(buffer: page.body).contains("evil.example"))
                let response = try await browser.postForm(uri, ["name": "lars", "password": "passord-lars", "next": "https://evil.example"])
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")
            }
        }
    }

    @Test func failedLoginsAreThrottledPerAccountAndPerAddress() async throws {
        let fixture = try Self.served()
        try await fixture.test { browser in
            for _ in 0..<5 {
                #expect(try await browser.postForm("/login", ["name": "lars", "password": "gjetning"]).status == .unauthorized)
            }
            let limited = try await browser.postForm("/login", ["name": "lars", "password": "passord-lars"])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.setCookie] == nil, "the right password waits too")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(String(buffer: limited.body).contains("Too many attempts; try again in"))
            // The address is throttled too (the test client has one address), so anne waits as well.
            let other = try await browser.postForm("/login", ["name": "anne", "password": "passord-anne"])
            #expect(other.status == .tooManyRequests)
        }
        // The throttle itself: the wait grows, a success clears it.
        let throttle = LoginThrottle(allowedFailures: 2, firstWait: 10)
        let now = Date()
        await throttle.failed(["a"], now: now)
        #expect(await throttle.wait(for: ["a"], now: now) == nil)
        await throttle.failed(["a"], now: now)
        #expect(await throttle.wait(for: ["a"], now: now) == 10)
        await throttle.failed(["a"], now: now)
        #expect(await throttle.wait(for: ["a"], now: now) == 20)
        await throttle.succeeded(["a"])
        #expect(await throttle.wait(for: ["a"], now: now) == nil)
    }

    @Test func anOversizedOrForeignLoginIsRefused() async throws {
        let fixture = try Self.served()
        try await fixture.test { browser in
            let huge = try await browser.postForm("/login", ["name": "lars", "password": String(repeating: "x", count: 20_000)])
            #expect(huge.status == .contentTooLarge)
            let foreign = try await browser.postForm("/login", ["name": "lars", "password": "passord-lars"], extra: [.origin: "http://evil.example"])
            #expect(foreign.status == .forbidden)
            #expect(foreign.headers[.setCookie] == nil)
            let crossSite = try await browser.postForm("/login", ["name": "lars", "password": "passord-lars"],
                                                       extra: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            // What Chromium sends for a form on a page with `Referrer-Policy: no-referrer`.
            let chromium = try await browser.postForm("/login", ["name": "lars", "password": "passord-lars"],
                                                      extra: [.origin: "null", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"])
            #expect(chromium.status == .seeOther)
        }
    }

    /// Every route that writes, from the router's own list, as a reader: 403 and nothing changed.
    @Test func aReaderIsRefusedOnEveryWriteRoute() async throws {
        let fixture = try Self.served()
        let writes = fixture.app.router().routes.filter { ![.get, .head, .options].contains($0.method) }
            .map { (method: $0.method, path: "/" + $0.path.description.split(separator: "/").map { $0.hasPrefix(":") ? Substring(UUID().uuidString) : $0 }.joined(separator: "/")) }
            // The forms that make or end a session are not writes to the project.
            .filter { !["/login", "/logout", "/set-password", "/api/logout"].contains($0.path) }
        #expect(writes.count >= 4, "\(writes)")
        let span = try fixture.span(of: "tillit er alt")
        let body = """
            {"transcript": "\(fixture.transcript)", "start": \(span.start), "end": \(span.end), "codes": ["Tillit"], "segment": "\(UUID())",
             "code": "\(UUID())", "kind": "project", "text": "notat", "name": "Ny", "force": true}
            """
        let events = try fixture.store.eventCount()
        try await fixture.test { browser in
            var reader = browser
            try await reader.logIn(name: "lise", password: "passord-lise")
            for route in writes {
                var headers: HTTPFields = [.contentType: "application/json", .cookie: reader.cookie ?? ""]
                headers[HTTPField.Name("X-CSRF-Token")!] = reader.csrf
                let response = try await reader.client.execute(uri: route.path, method: route.method, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == .forbidden, "\(route.method) \(route.path): \(response.status)")
            }
        }
        #expect(try fixture.store.eventCount() == events)
        #expect(try fixture.store.units().isEmpty)
    }

    @Test func aCoderCodesUnderTheirOwnName() async throws {
        let fixture = try Self.served()
        let span = try fixture.span(of: "tillit er alt")
        try await fixture.test { browser in
            var lars = browser
            try await lars.logIn(name: "lars", password: "passord-lars")
            let response = try await lars.post("/api/codings", json: """
                {"transcript": "\(fixture.transcript)", "start": \(span.start), "end": \(span.end), "codes": ["Tillit"]}
                """)
            #expect(response.status == .created)
        }
        let page = try fixture.store.transcriptPage(fixture.transcript)
        #expect(page.codings.map(\.coder) == ["lars"])
    }

    @Test func aRoleChangedOnTheCommandLineHoldsAtOnce() async throws {
        let fixture = try Self.served()
        let span = try fixture.span(of: "tillit er alt")
        let body = """
            {"transcript": "\(fixture.transcript)", "start": \(span.start), "end": \(span.end), "codes": ["Tillit"]}
            """
        try await fixture.test { browser in
            var lars = browser
            try await lars.logIn(name: "lars", password: "passord-lars")
            try fixture.store.setRole(of: "lars", to: .reader)
            #expect(try await lars.post("/api/codings", json: body).status == .forbidden)
            try fixture.store.removeAccount("lars")
            #expect(try await lars.get("/api/session").status == .unauthorized)
        }
        #expect(try fixture.store.units().isEmpty)
    }

    @Test func logoutEndsTheSession() async throws {
        let fixture = try Self.served()
        try await fixture.test { browser in
            var lars = browser
            try await lars.logIn(name: "lars", password: "passord-lars")
            #expect(try await lars.get("/api/session").status == .ok)
            let out = try await lars.postForm("/logout", [:])
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login")
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await lars.get("/api/session").status == .unauthorized, "the old cookie is worth nothing")
            #expect(try await lars.get("/").status == .unauthorized)
        }
    }

    @Test func aPasswordLinkSetsThePasswordOnce() async throws {
        let fixture = try Self.served()
        try fixture.store.addAccount("nils", role: .coder)
        let link = try fixture.store.passwordLink(for: "nils")
        try await fixture.test { browser in
            let page = try await browser.get("/set-password?token=\(link.token)")
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("nils"))
            let differ = try await browser.postForm("/set-password", ["token": link.token, "password": "nytt passord", "repeated": "annet passord"])
            #expect(differ.status == .unprocessableContent)
            let short = try await browser.postForm("/set-password", ["token": link.token, "password": "kort", "repeated": "kort"])
            #expect(short.status == .unprocessableContent)
            let set = try await browser.postForm("/set-password", ["token": link.token, "password": "nytt passord", "repeated": "nytt passord"])
            #expect(set.status == .ok)
            let again = try await browser.postForm("/set-password", ["token": link.token, "password": "tredje passord", "repeated": "tredje passord"])
            #expect(again.status == .notFound)
            let bad = try await browser.get("/set-password?token=%3Cscript%3E")
            #expect(bad.status == .notFound)
            #expect(!String(buffer: bad.body).contains("<script>"))
            var nils = browser
            try await nils.logIn(name: "nils", password: "nytt passord")
        }
        #expect(try fixture.store.verifyPassword(of: "nils", "tredje passord") == nil)
    }

    @Test func cookiesAreSecureBehindATrustedTLSProxy() async throws {
        let fixture = try Self.served()
        let proxied = WebApp(store: fixture.store, owner: "anne", tokenLogin: false, behindProxy: true)
        let application = Application(router: proxied.router())
        try await application.test(.router) { client in
            let browser = Browser(client: client, app: proxied)
            let direct = try await browser.postForm("/login", ["name": "lars", "password": "passord-lars"])
            #expect(direct.headers[.setCookie]?.contains("Secure") == false)
            let https = try await browser.postForm("/login", ["name": "lars", "password": "passord-lars"],
                                                   extra: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(https.headers[.setCookie]?.contains("Secure") == true)
            // Chained proxies each add the scheme they were reached by: the browser's is the first.
            for (header, secure) in [("https, http", true), ("HTTPS,https", true), ("http, https", false)] {
                let chained = try await browser.postForm("/login", ["name": "lars", "password": "passord-lars"],
                                                         extra: [HTTPField.Name("X-Forwarded-Proto")!: header])
                #expect(chained.headers[.setCookie]?.contains("Secure") == secure, "\(header)")
            }
        }
        // Without --behind-proxy the header is not believed.
        try await fixture.test { browser in
            let https = try await browser.postForm("/login", ["name": "lars", "password": "passord-lars"],
                                                   extra: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(https.headers[.setCookie]?.contains("Secure") == false)
        }
    }
}

/// Sessions opened with a password end when the account changes under them.
@Suite struct AccountSessionTests {
    @Test func aNewPasswordOrAnAccountMadeAgainEndsTheSessionsOpenedBefore() async throws {
        let fixture = try AccountRouteTests.served()
        try await fixture.test { browser in
            var lars = browser
            try await lars.logIn(name: "lars", password: "passord-lars")
            var lise = browser
            try await lise.logIn(name: "lise", password: "passord-lise")
            // A password reset is how an owner locks out whoever has the old one.
            try fixture.store.setPassword(of: "lars", to: "nytt-passord")
            #expect(try await lars.get("/api/session").status == .unauthorized)
            var larsAgain = browser
            try await larsAgain.logIn(name: "lars", password: "nytt-passord")
            // A reader removed and made again as owner does not get the old reader session back as owner.
            try fixture.store.removeAccount("lise")
            try fixture.store.addAccount("lise", role: .owner)
            #expect(try await lise.get("/api/session").status == .unauthorized)
            #expect(try await larsAgain.get("/api/session").status == .ok)
        }
    }
}
