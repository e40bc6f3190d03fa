import Foundation
import Hummingbird
import HummingbirdTesting
import QualCodeWeb
import Testing

/// The OpenAPI document the server serves describes exactly the API it has: every `/api/` route with its
/// method, and no route that is not there.
@Suite struct OpenAPIRouteTests {
    @Test func everyAPIRouteIsDescribedAndEveryDescribedRouteExists() async throws {
        let fixture = try WebFixture()
        // `/api/participants/:id/rename` is `/api/participants/{id}/rename` in the document; HEAD is
        // answered for every GET by itself.
        let served = Set(fixture.app.router().routes.compactMap { route -> String? in
            let path = route.path.description.replacing(/:([a-z]+)/) { "{\($0.1)}" }
            guard path.hasPrefix("/api/"), route.method == .get || route.method == .post else { return nil }
            return "\(route.method.rawValue) \(path)"
        })
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let document = try browser.json(try await browser.get("/api/openapi.json"))
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let described = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            #expect(served.subtracting(described).sorted() == [], "routes the document does not describe")
            #expect(described.subtracting(served).sorted() == [], "described routes the server does not have")
            #expect(served.contains("POST /api/participants/{id}/delete") && served.contains("GET /api/memos"))
        }
    }
}
