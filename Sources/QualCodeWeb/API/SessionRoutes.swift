import Foundation
import Hummingbird
import QualCode

/// Who is logged in, and the token their writes carry.
struct SessionRoutes {
    let app: WebApp

    struct SessionInfo: Encodable, Sendable {
        var user: String
        var role: WebRole
        var csrfToken: String
        var project: String
    }

    func add(to group: RouterGroup<WebContext>) {
        group.get("session") { _, context in
            let session = try context.requireSession()
            let title = try await app.read { try $0.projectInfo().title }
            return try JSON.response(SessionInfo(user: session.user, role: session.role, csrfToken: session.csrfToken, project: title))
        }
        group.post("logout") { request, context in
            let session = try context.requireSession()
            await app.sessions.close(session.id)
            var response = Response(status: .noContent)
            response.setCookie(SessionMiddleware.endingCookie(secure: app.secureCookies(for: request)))
            return response
        }
    }
}
