import Foundation
import Hummingbird
import QualCodeWeb
import Testing

/// The OpenAPI document in the repository describes the API the server has: every `/api/` route is in
/// it, and nothing in it is missing from the server.
@Suite struct OpenAPIDocumentTests {
    @Test func theDocumentListsExactlyTheServersRoutes() throws {
        let fixture = try WebFixture()
        let served = Set(fixture.app.router().routes
            .filter { $0.method != .head && $0.path.description.hasPrefix("/api/") }
            .map { route in
                let path = route.path.description.split(separator: "/", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                return "\(route.method.rawValue) \(path)"
            })
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/QualCodeWeb/Assets/openapi.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(served.subtracting(documented).sorted() == [], "served but not documented")
        #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        #expect(served.count > 20)
    }
}
