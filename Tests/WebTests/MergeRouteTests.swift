import Agreement
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QualCode
import QualCodeKit
import QualCodeWeb
import Testing

/// Merging a coder's copy from the browser: the owner uploads it, both coders' codings stand after, the
/// report comes back and downloads; a second upload changes nothing; broken, hostile and huge uploads and
/// anyone but the owner are refused with nothing changed and no upload left on the server.
@Suite struct MergeRouteTests {
    func upload(_ browser: Browser, _ query: String, _ bytes: [UInt8]) async throws -> TestResponse {
        var headers: HTTPFields = [.cookie: browser.cookie ?? "", .contentType: "application/octet-stream"]
        if let token = browser.csrf { headers[HTTPField.Name("X-CSRF-Token")!] = token }
        return try await browser.client.execute(uri: "/api/merge?\(query)", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// Berit's copy of the fixture's project with her own coding and a code of hers, as bytes to upload.
    static func beritsCopy(of fixture: WebFixture) throws -> [UInt8] {
        try fixture.store.checkpoint()
        let url = fixture.folder.appendingPathComponent("berit.qualcode")
        try FileManager.default.copyItem(at: fixture.store.url, to: url)
        let berit = try ProjectModules.open(at: url, coder: "berit")
        _ = try berit.code(fixture.transcript, .quote("Uten tillit får jeg ingenting gjort.", occurrence: nil), codes: ["Tillit"])
        _ = try berit.addCode("Rapportering", definition: "Skjemaer og rapporter som styrer dagen.")
        _ = try berit.code(fixture.transcript, .quote("mer rapportering på fredager", occurrence: nil), codes: ["Rapportering"])
        try berit.checkpoint()
        return Array(try Data(contentsOf: url))
    }

    @Test func theOwnerMergesACodersCopyAndDownloadsTheReport() async throws {
        let fixture = try WebFixture()
        try fixture.code("tillit er alt", ["Tillit"])
        let copy = try Self.beritsCopy(of: fixture)
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            #expect(try await browser.get("/api/exports/merge").status == .notFound)
            let merged = try await self.upload(browser, "file=berit.qualcode&language=nb", copy)
            #expect(merged.status == .ok, "\(String(buffer: merged.body))")
            let report = try browser.json(merged)
            #expect(report["other"] as? String == "berit.qualcode" && report["broughtInAnything"] as? Bool == true)
            let backup = try #require(report["backup"] as? String)
            #expect(backup.hasPrefix("studie.qualcode.before-merge-") && !backup.contains("/"))
            #expect(FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent(backup).path))
            let counts = report["counts"] as? [[String: Any]] ?? []
            let codings = try #require(counts.first { $0["kind"] as? String == "coding" })
            #expect(codings["name"] as? String == "kodinger" && codings["new"] as? Int == 2 && codings["matched"] as? Int == 1)
            #expect(counts.first { $0["kind"] as? String == "code" }?["new"] as? Int == 1)

            let word = try await browser.get("/api/exports/merge?format=docx&language=en")
            #expect(word.status == .ok && word.headers[.contentDisposition]?.contains("merge.docx") == true)
            #expect(Data(buffer: word.body).prefix(2) == Data("PK".utf8))
            let html = try await browser.get("/api/exports/merge?format=html&language=en")
            let text = String(buffer: html.body)
            #expect(text.contains("Merging project copies") && text.contains("berit.qualcode") && text.contains("codings"))
            let csv = try await browser.get("/api/exports/merge?format=csv&table=conflicts")
            #expect(csv.status == .ok && csv.headers[.contentDisposition]?.contains("sammensl") == true)
            #expect(try await browser.get("/api/exports/merge?format=csv&table=alt").status == .badRequest)

            // The same copy again: nothing new, no backup, no event.
            let events = try fixture.store.eventCount()
            let again = try await self.upload(browser, "file=berit.qualcode&language=en", copy)
            let second = try browser.json(again)
            #expect(again.status == .ok && second["broughtInAnything"] as? Bool == false && second["backup"] == nil)
            #expect((second["counts"] as? [[String: Any]])?.first { $0["kind"] as? String == "coding" }?["name"] as? String == "codings")
            #expect(try fixture.store.eventCount() == events)
        }
        // Both coders' codings stand, each under its coder.
        let coders = try Agreement(fixture.store).coders()
        #expect(coders.map(\.name).sorted() == ["anne", "berit"])
        #expect(coders.first { $0.name == "berit" }?.codings == 2)
        #expect(try fixture.store.codeTree().map(\.path).contains("Rapportering"))
    }

    @Test func brokenHostileAndHugeCopiesChangeNothing() async throws {
        let fixture = try WebFixture()
        try fixture.code("tillit er alt", ["Tillit"])
        let before = ImportRouteTests.uploadFolders()
        let unchanged = try fixture.unchanged()
        let events = try fixture.store.eventCount()
        let copy = try Self.beritsCopy(of: fixture)
        let truncated = Array(copy.prefix(copy.count / 2))
        let cases: [(String, [UInt8], HTTPResponse.Status, String)] = [
            ("", Array("SQLite format 3\0".utf8), .badRequest, "name the uploaded file"),
            ("file=..%2F..%2Fetc%2Fpasswd", Array("x".utf8), .unprocessableContent, "passwd"),
            ("file=tom.qualcode", [], .unprocessableContent, "tom.qualcode"),
            ("file=tilfeldig.qualcode", (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }, .unprocessableContent, "tilfeldig.qualcode"),
            ("file=halv.qualcode", truncated, .unprocessableContent, "halv.qualcode"),
            ("file=stor.qualcode", [UInt8](repeating: 0, count: 8 << 20), .unprocessableContent, "stor.qualcode"),
            ("file=berit.qualcode&language=tysk", copy, .badRequest, "language"),
        ]
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            for (query, bytes, status, words) in cases {
                let response = try await self.upload(browser, query, bytes)
                #expect(response.status == status, "\(query): \(String(buffer: response.body))")
                let message = try browser.json(response)["error"] as? String ?? ""
                #expect(message.contains(words) && !message.contains("\n") && !message.contains("qualcode-upload-"), "\(query): \(message)")
            }
            // The project merged into itself, uploaded: a copy of the same file, so nothing new.
            try fixture.store.checkpoint()
            let itself = Array(try Data(contentsOf: fixture.store.url))
            let same = try await self.upload(browser, "file=studie.qualcode", itself)
            let sameReport = try browser.json(same)
            #expect(same.status == .ok && sameReport["broughtInAnything"] as? Bool == false)
            // A coder and a reader may not merge; without the CSRF token, nothing.
            for role in [WebRole.coder, .reader] {
                var other = browser
                try await other.logIn(as: "lars-\(role.rawValue)", role: role)
                #expect(try await self.upload(other, "file=berit.qualcode", Array("x".utf8)).status == .forbidden)
                #expect(try await other.get("/api/exports/merge").status == .forbidden)
            }
            let forged = try await browser.client.execute(uri: "/api/merge?file=berit.qualcode", method: .post,
                                                          headers: [.cookie: browser.cookie ?? ""], body: ByteBuffer(bytes: Array("x".utf8)))
            #expect(forged.status == .forbidden)
        }
        #expect(try fixture.unchanged() == unchanged)
        #expect(try fixture.store.eventCount() == events)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path).filter { $0.contains("before-merge") }.isEmpty)
        #expect(try await ImportRouteTests.uploadFoldersGone(since: before))
    }
}
