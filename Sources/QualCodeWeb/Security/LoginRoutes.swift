import Foundation
import HTTPTypes
import Hummingbird
import QualCode

/// Logging in with an account's name and password, setting a password through a one-time link, and
/// logging out: plain HTML forms (no script), posted to the server, answered with a page or a redirect
/// to the app's own root, never to an address taken from the request.
struct LoginRoutes {
    let app: WebApp

    struct LoginForm: Decodable { var name: String; var password: String }
    struct PasswordForm: Decodable { var token: String; var password: String; var repeated: String }

    /// A form's body is a name and a password: more than this is not a login.
    static let formBody = 8 * 1024

    func add(to router: Router<WebContext>) {
        router.get("login") { _, context in
            // `next`, or any other parameter, is ignored: a login always ends on "/".
            if context.session != nil { return Self.redirectHome() }
            return try loginPage(status: .ok)
        }
        router.post("login") { request, context in
            let form = try await Self.form(LoginForm.self, from: request, context: context)
            let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            let keys = ["account:" + name.lowercased(), "address:" + app.clientAddress(of: request, context: context)]
            if let wait = await app.throttle.wait(for: keys) {
                var page = try loginPage(status: .tooManyRequests, message: Message.tooMany(wait), name: name)
                page.headers[.retryAfter] = String(wait)
                return page
            }
            guard await app.throttle.enter() else {
                var page = try loginPage(status: .serviceUnavailable, message: Message.busy, name: name)
                page.headers[.retryAfter] = "1"
                return page
            }
            let password = form.password
            let account: Account?
            do {
                account = try await app.read { try $0.verifyPassword(of: name, password) }
                await app.throttle.leave()
            } catch {
                await app.throttle.leave()
                throw error
            }
            guard let account else {
                await app.throttle.failed(keys)
                return try loginPage(status: .unauthorized, message: Message.wrong, name: name)
            }
            await app.throttle.succeeded(keys)
            if let old = context.session { await app.sessions.close(old.id) }
            let session = await app.sessions.open(account: account)
            var response = Self.redirectHome()
            response.setCookie(SessionMiddleware.cookie(for: session, secure: app.secureCookies(for: request)))
            return response
        }
        router.post("logout") { request, context in
            if let session = context.session { await app.sessions.close(session.id) }
            var response = Response(status: .seeOther, headers: [.location: "/login", .cacheControl: "no-store"])
            response.setCookie(SessionMiddleware.endingCookie(secure: app.secureCookies(for: request)))
            return response
        }
        router.get("set-password") { request, _ in
            let token = request.uri.queryParameters.get("token") ?? ""
            guard Self.isToken(token), let account = try? await app.read({ try $0.accountForPasswordLink(token) }) else {
                return try passwordPage(status: .notFound, token: nil, message: Message.badLink)
            }
            return try passwordPage(status: .ok, token: token, account: account.name)
        }
        router.post("set-password") { request, context in
            let form = try await Self.form(PasswordForm.self, from: request, context: context)
            guard Self.isToken(form.token), let account = try? await app.read({ try $0.accountForPasswordLink(form.token) }) else {
                return try passwordPage(status: .notFound, token: nil, message: Message.badLink)
            }
            guard form.password == form.repeated else {
                return try passwordPage(status: .unprocessableContent, token: form.token, account: account.name, message: Message.differ)
            }
            do {
                let password = form.password, token = form.token
                _ = try await app.store.perform { try $0.acting(as: account.name).setPassword(withLink: token, to: password) }
            } catch let error as StoreError {
                var status = HTTPResponse.Status.unprocessableContent
                if case .passwordLinkInvalid = error { status = .notFound }
                return try passwordPage(status: status, token: status == .notFound ? nil : form.token, account: account.name,
                                        message: Message(en: error.description, nb: Message.nb(of: error)))
            }
            return try loginPage(status: .ok, message: Message.passwordSet, name: account.name)
        }
    }

    static func redirectHome() -> Response {
        Response(status: .seeOther, headers: [.location: "/", .cacheControl: "no-store"])
    }

    static func isToken(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// A form posted to one of these routes: a small body, from this site.
    static func form<T: Decodable>(_ type: T.Type, from request: Request, context: WebContext) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: formBody) } catch {
            throw WebError(.contentTooLarge, "the form is larger than \(formBody / 1024) KiB")
        }
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw WebError(.badRequest, "the form is not filled in as this page sends it")
        }
    }

    /// The login page: the form, the token hint where the token login is on, and a message.
    func loginPage(status: HTTPResponse.Status, message: Message? = nil, name: String = "") throws -> Response {
        let hint = app.tokenLogin ? Page.tokenHint : ""
        return try Page.render("login.html", status: status, replacing: [
            "<!--message-->": message?.html ?? "", "<!--token-hint-->": hint, "{{name}}": Page.escape(name),
        ])
    }

    func passwordPage(status: HTTPResponse.Status, token: String?, account: String = "", message: Message? = nil) throws -> Response {
        try Page.render("set-password.html", status: status, replacing: [
            "<!--message-->": message?.html ?? "", "{{token}}": Page.escape(token ?? ""), "{{account}}": Page.escape(account),
            "{{formHidden}}": token == nil ? "hidden" : "",
        ])
    }
}

/// One line to show on a form page, in both languages (the page has no script to pick one).
struct Message {
    var en: String
    var nb: String

    var html: String {
        "<p class=\"form-message\" role=\"alert\"><span lang=\"nb\">\(Page.escape(nb))</span> <span lang=\"en\">\(Page.escape(en))</span></p>"
    }

    static let wrong = Message(en: "Wrong name or password.", nb: "Feil navn eller passord.")
    static func tooMany(_ seconds: Int) -> Message {
        Message(en: "Too many attempts; try again in \(seconds) s.", nb: "For mange forsøk; prøv igjen om \(seconds) s.")
    }
    static let badLink = Message(en: "This password link is unknown, used already or expired; ask the project's owner for a new one.",
                                 nb: "Denne passordlenken er ukjent, brukt eller utløpt; be prosjektets eier om en ny.")
    static let busy = Message(en: "Many are logging in just now; try again in a second.", nb: "Mange logger inn akkurat nå; prøv igjen om et sekund.")
    static let differ = Message(en: "The two passwords differ.", nb: "De to passordene er ulike.")
    static let passwordSet = Message(en: "Your password is set; log in with it.", nb: "Passordet ditt er satt; logg inn med det.")

    static func nb(of error: StoreError) -> String {
        if case let .unacceptablePassword(minimum, maximum) = error { return "Et passord må ha \(minimum) til \(maximum) tegn." }
        if case .passwordLinkInvalid = error { return badLink.nb }
        return error.description
    }
}

/// The form pages: a shipped HTML file with marked places filled in, every value escaped.
enum Page {
    static let tokenHint = """
        <p class="hint"><span lang="nb">På denne maskinen kan du også åpne adressen som <code>qualcode serve</code> skrev ut (den slutter på <code>?token=…</code>).</span>
        <span lang="en">On this machine you can also open the address <code>qualcode serve</code> printed (it ends in <code>?token=…</code>).</span></p>
        """

    static func render(_ name: String, status: HTTPResponse.Status, replacing places: [String: String]) throws -> Response {
        let file = String(decoding: try Assets.data(name), as: UTF8.self)
        // One pass over the file, so a value that looks like a marked place is never filled in itself.
        var html = ""
        var rest = file[...]
        while let match = rest.firstMatch(of: /<!--[a-z-]+-->|\{\{[a-zA-Z]+\}\}/) {
            html += rest[..<match.range.lowerBound]
            html += places[String(match.output)] ?? String(match.output)
            rest = rest[match.range.upperBound...]
        }
        html += rest
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A value in a form page's text or double-quoted attribute.
    static func escape(_ text: String) -> String { XMLWriter.escape(text, attribute: true) }
}
