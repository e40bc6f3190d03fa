import Agreement
import Foundation
import HTTPTypes
import Hummingbird
import QualCode
import Testing

/// REFI-QDA from the browser: the project and the codebook as downloads, a codebook uploaded into another
/// project's tree, and the refusals (a file that is no codebook, a name without one, blind coding).
@Suite struct ExchangeRouteTests {
    @Test func theProjectAndCodebookDownloadAndTheCodebookImports() async throws {
        let source = try WebFixture()
        try source.code("tillit er alt", ["Relasjon/Tillit"])
        try source.code("Uten tillit får jeg ingenting gjort.", ["Belastning"])
        let downloaded = Downloaded()
        try await source.test { browser in
            var browser = browser
            try await browser.logIn()
            let project = try await browser.get("/api/exports/refi/project")
            #expect(project.status == .ok && project.headers[.contentDisposition]?.contains("prosjekt.qdpx") == true)
            #expect(Data(buffer: project.body).prefix(2) == Data("PK".utf8))
            let named = try await browser.get("/api/exports/refi/codebook?name=koder.qdc&language=en")
            #expect(named.status == .ok && named.headers[.contentDisposition]?.contains("koder.qdc") == true)
            downloaded.data = Data(buffer: named.body)
            #expect(String(decoding: downloaded.data, as: UTF8.self).contains("Tillit"))
            #expect(try await browser.get("/api/exports/refi/project?format=docx").status == .badRequest)
            #expect(try await browser.get("/api/exports/refi/codebook?name=../x").status == .badRequest)
        }
        let target = try WebFixture()
        let before = try target.unchanged()
        let upload = downloaded.data
        try await target.test { browser in
            var browser = browser
            try await browser.logIn()
            for (name, body, status) in [("koder.txt", upload, HTTPResponse.Status.unprocessableContent),
                                         ("koder.qdc", Data("<CodeBook".utf8), .unprocessableContent),
                                         ("", upload, .badRequest)] {
                let refused = try await browser.client.execute(
                    uri: "/api/import/refi-codebook?file=\(name)", method: .post,
                    headers: [.cookie: browser.cookie ?? "", HTTPField.Name("X-CSRF-Token")!: browser.csrf ?? "",
                              .contentType: "application/octet-stream"], body: ByteBuffer(bytes: body))
                #expect(refused.status == status, "\(name): \(String(buffer: refused.body))")
            }
            #expect(try target.unchanged() == before)
            let imported = try await browser.client.execute(
                uri: "/api/import/refi-codebook?file=koder.qdc", method: .post,
                headers: [.cookie: browser.cookie ?? "", HTTPField.Name("X-CSRF-Token")!: browser.csrf ?? "",
                          .contentType: "application/octet-stream"], body: ByteBuffer(bytes: upload))
            #expect(imported.status == .ok, "\(String(buffer: imported.body))")
            let report = try browser.json(imported)
            #expect(Set(report["added"] as? [String] ?? []) == ["Relasjon", "Relasjon/Tillit", "Belastning"])
        }
        #expect(Set(try target.store.codeTree().map(\.path)) == ["Relasjon", "Relasjon/Tillit", "Belastning"])
    }

    @Test func blindCodingClosesTheProjectPackageToCoders() async throws {
        let fixture = try WebFixture()
        try fixture.code("tillit er alt", ["Tillit"])
        try Agreement(fixture.store).setBlindCoding(true)
        try await fixture.test { browser in
            var lars = browser
            try await lars.logIn(as: "lars", role: .coder)
            #expect(try await lars.get("/api/exports/refi/project").status == .forbidden)
            #expect(try await lars.get("/api/exports/refi/codebook").status == .ok)
        }
    }
}

/// A download kept from one test server for the next (the closures run concurrently in form only).
private final class Downloaded: @unchecked Sendable {
    var data = Data()
}
