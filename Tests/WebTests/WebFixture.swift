import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import QualCode
import QualCodeKit
import QualCodeWeb
import Testing

/// A served project in a temporary folder: one transcript whose text puts emoji, æøå and markup before
/// the passages the tests code, and helpers to log in and send requests as a browser would.
final class WebFixture: @unchecked Sendable {
    let folder: URL
    let store: ProjectStore
    let app: WebApp
    let transcript: Transcript.ID

    static let text = """
        Intervjuer: Hva betyr 😀 tillit for deg i jobben?
        Eva: Æ, tja – tillit er alt 👍🏽 for meg. Uten tillit får jeg ingenting gjort.

        Intervjuer: <script>alert("x")</script> og " onmouseover=alert(1) står her som tekst.
        Eva: Ja, og <img src=x onerror=alert(2)> også. Så blir det mer rapportering på fredager.
        """

    init(owner: String = "anne", tokenLogin: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try ProjectModules.create(at: folder.appendingPathComponent("studie.qualcode"), title: "Tillit i NAV", coder: owner)
        let file = folder.appendingPathComponent("intervju-eva.txt")
        try Data(Self.text.utf8).write(to: file)
        var options = ImportOptions()
        options.participants = ["Eva"]
        _ = try store.addParticipant(pseudonym: "Eva")
        _ = try store.importTranscripts([file], options: options)
        transcript = try store.transcripts()[0].id
        app = WebApp(store: store, owner: owner, loginToken: "test-token-\(UUID().uuidString)", tokenLogin: tokenLogin)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The scalar offsets of `quote` in the stored text (its first occurrence).
    func span(of quote: String) throws -> (start: Int, end: Int) {
        let text = try store.transcript(transcript).text
        let range = try #require(text.range(of: quote))
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
        return (start, start + quote.unicodeScalars.count)
    }

    func test(_ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        let application = Application(router: app.router())
        try await application.test(.router) { client in
            try await body(Browser(client: client, app: app))
        }
    }
}

/// A browser's side of the conversation: its cookie and CSRF token once logged in.
struct Browser {
    let client: any TestClientProtocol
    let app: WebApp
    var cookie: String?
    var csrf: String?

    init(client: any TestClientProtocol, app: WebApp) {
        self.client = client
        self.app = app
    }

    /// Logs in through the printed address, as the owner.
    mutating func logIn() async throws {
        let response = try await client.execute(uri: "/?token=\(app.loginToken)", method: .get)
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/")
        let setCookie = try #require(response.headers[.setCookie])
        cookie = setCookie.split(separator: ";").first.map(String.init)
        try await loadSession()
    }

    /// Logs in as someone else through a session made directly (roles other than the owner's).
    mutating func logIn(as user: String, role: WebRole) async throws {
        let session = await app.sessions.open(user: user, role: role)
        cookie = "qualcode_session=\(session.id)"
        try await loadSession()
    }

    private mutating func loadSession() async throws {
        let session = try await get("/api/session")
        #expect(session.status == .ok)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: session.body)) as? [String: Any])
        csrf = json["csrfToken"] as? String
    }

    func get(_ uri: String) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// A write as the page sends it: JSON with the cookie and the CSRF header (unless told otherwise).
    func post(_ uri: String, json: String, csrf: String?? = .none, extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let cookie { headers[.cookie] = cookie }
        let token: String? = switch csrf { case .none: self.csrf; case let .some(value): value }
        if let token { headers[HTTPField.Name("X-CSRF-Token")!] = token }
        headers.append(contentsOf: extra)
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }
}

extension Data {
    init(buffer: ByteBuffer) { self.init(buffer.readableBytesView) }
}

extension WebFixture {
    /// What a refused write must leave as it was: the number of events and the code tree with its counts.
    struct Unchanged: Equatable {
        var events: Int
        var tree: [CodeNode]
    }

    func unchanged() throws -> Unchanged { Unchanged(events: try store.eventCount(), tree: try store.codeTree()) }

    /// Codes `quote` in the transcript with `codes` through the library, as anne.
    @discardableResult
    func code(_ quote: String, _ codes: [String]) throws -> CodingResult {
        let span = try span(of: quote)
        return try store.code(transcript, .offsets(start: span.start, end: span.end), codes: codes)
    }

    /// The id of the code at `path`.
    func codeID(_ path: String) throws -> UUID {
        try #require(try store.codeTree().first { $0.path == path }?.id)
    }
}

extension Browser {
    /// A form posted as a browser posts one (urlencoded, the cookie if any, no CSRF header).
    func postForm(_ uri: String, _ fields: [String: String], extra: HTTPFields = [:]) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        headers.append(contentsOf: extra)
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Logs in through the login form with an account's name and password.
    mutating func logIn(name: String, password: String) async throws {
        let response = try await postForm("/login", ["name": name, "password": password])
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/")
        let setCookie = try #require(response.headers[.setCookie])
        cookie = setCookie.split(separator: ";").first.map(String.init)
        let session = try await get("/api/session")
        #expect(session.status == .ok)
        csrf = try json(session)["csrfToken"] as? String
    }
}
