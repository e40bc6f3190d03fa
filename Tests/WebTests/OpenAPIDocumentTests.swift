import Foundation
import Hummingbird
import HummingbirdTesting
import QualCodeWeb
import Testing

/// The OpenAPI document the server serves describes the API it has: every route under `/api/` with its
/// method, and no route that is not there.
@Suite struct OpenAPIDocumentTests {
    @Test func everyAPIRouteIsDocumentedAndNothingElse() async throws {
        let fixture = try WebFixture()
        // HEAD is answered for every GET by the router itself; the document names the GET.
        let routes = Set(fixture.app.router().routes.filter { $0.method != .head && $0.path.description.hasPrefix("/api/") }
            .map { "\($0.method.rawValue) \($0.path)" })
        try await fixture.test { browser in
            let response = try await browser.get("/api/openapi.json")
            #expect(response.status == .ok)
            let document = try browser.json(response)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in
                operations.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { "\($0.uppercased()) \(path)" }
            })
            #expect(routes.count > 30)
            #expect(routes.subtracting(documented).isEmpty, "not in openapi.json: \(routes.subtracting(documented).sorted())")
            #expect(documented.subtracting(routes).isEmpty, "in openapi.json but no route: \(documented.subtracting(routes).sorted())")
        }
    }
}
