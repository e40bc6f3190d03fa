import Foundation
import Hummingbird

/// The pages: the app's one HTML page, its script and styles, and the login by the printed token.
struct PageRoutes {
    let app: WebApp

    func add(to router: Router<WebContext>) {
        router.get("/") { request, context in
            if app.tokenLogin, let token = request.uri.queryParameters.get("token") {
                guard Secret.matches(token, app.loginToken) else {
                    return try LoginRoutes(app: app).loginPage(status: .forbidden)
                }
                let session = await app.sessions.open(user: app.owner, role: .owner)
                // Always back to the app's own root: never to an address taken from the request.
                var response = Response(status: .seeOther, headers: [.location: "/", .cacheControl: "no-store"])
                response.setCookie(SessionMiddleware.cookie(for: session, secure: app.secureCookies(for: request)))
                return response
            }
            guard context.session != nil else { return try LoginRoutes(app: app).loginPage(status: .unauthorized) }
            return try Assets.page("index.html")
        }
        router.get("api/openapi.json") { _, _ in try Assets.file("openapi.json") }
        router.get("assets/:file") { _, context in
            try Assets.file(context.parameters.get("file") ?? "")
        }
    }
}

/// The page's own files, shipped beside the binary (`QualCode_QualCodeWeb.resources`); only plain names
/// of the kinds below are served from that one folder, so no request reaches another file.
enum Assets {
    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "json": "application/json; charset=utf-8", "png": "image/png", "svg": "image/svg+xml",
    ]

    /// The content type of a servable name, nil for anything else (paths, dot files, other kinds).
    static func type(of name: String) -> String? {
        guard name.wholeMatch(of: /[a-z][a-z0-9-]*\.[a-z]+/) != nil, let kind = name.split(separator: ".").last else { return nil }
        return types[String(kind)]
    }

    /// Where the files are: beside the executable (a built `qualcode`, the test runner), or in
    /// `../share/qualcode` from it (Scripts/install).
    static let folder: URL? = {
        let name = "QualCode_QualCodeWeb.resources"
        let binary = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [Bundle.main.bundleURL.appendingPathComponent(name), binary?.appendingPathComponent(name),
                          binary?.deletingLastPathComponent().appendingPathComponent("share/qualcode/\(name)")]
        candidates += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent(name) }
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Assets/index.html").path) }?
            .appendingPathComponent("Assets")
    }()

    static func data(_ name: String) throws -> Data {
        guard type(of: name) != nil else { throw WebError(.notFound, "no such file") }
        guard let folder else {
            throw WebError(.internalServerError, "the web UI's files (QualCode_QualCodeWeb.resources) are not beside the qualcode binary")
        }
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { throw WebError(.notFound, "no such file") }
        return data
    }

    static func file(_ name: String) throws -> Response {
        let data = try data(name)
        return Response(status: .ok, headers: [.contentType: type(of: name)!, .cacheControl: "no-cache"],
                         body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func page(_ name: String, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try file(name)
        response.status = status
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
