import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing

/// Importing by upload: the command line's importers and limits, and a refused upload changes nothing
/// and leaves no file behind.
@Suite struct ImportRouteTests {
    func upload(_ browser: Browser, _ query: String, _ bytes: [UInt8], csrf: Bool = true) async throws -> TestResponse {
        var headers: HTTPFields = [.cookie: browser.cookie ?? "", .contentType: "application/octet-stream"]
        if csrf, let token = browser.csrf { headers[HTTPField.Name("X-CSRF-Token")!] = token }
        return try await browser.client.execute(uri: "/api/transcripts/import?\(query)", method: .post, headers: headers,
                                                body: ByteBuffer(bytes: bytes))
    }

    static func uploadFolders() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? []).filter { $0.hasPrefix("qualcode-upload-") })
    }

    /// Whether the upload folders are back to `before`: another suite's upload running at the same time
    /// has its folder for a moment, so this waits up to a few seconds for those to go.
    static func uploadFoldersGone(since before: Set<String>) async throws -> Bool {
        for _ in 0..<50 {
            if uploadFolders().isSubset(of: before) { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func aTranscriptIsImportedWithItsOptions() async throws {
        let fixture = try WebFixture()
        _ = try fixture.store.addParticipant(pseudonym: "Ola")
        let text = "I: Hvordan går det?\n\nO: Bra, takk – «helt fint» 🙂.\n"
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let response = try await self.upload(browser, "file=intervju-ola.txt&participant=Ola&speakerMap=I%3DIntervjuer%2CO%3DOla&date=2026-11-02&mode=Teams",
                                                 Array(text.utf8))
            #expect(response.status == .created, "\(String(buffer: response.body))")
        }
        let ola = try #require(try fixture.store.transcripts().first { $0.name == "intervju-ola" })
        #expect(ola.participants == ["Ola"])
        #expect(try fixture.store.transcript(ola.id).text.contains("Bra, takk – «helt fint» 🙂."))
        #expect(try fixture.store.transcriptPage(ola.id).turns.map(\.speaker) == ["Intervjuer", "Ola"])
        #expect(try fixture.store.transcript(ola.id).date == "2026-11-02")
    }

    @Test func brokenHostileAndHugeUploadsChangeNothing() async throws {
        let fixture = try WebFixture()
        let before = Self.uploadFolders()
        let docx = Array("PK\u{3}\u{4} ikke en ekte zip".utf8)
        let cases: [(String, [UInt8], HTTPResponse.Status, String)] = [
            ("", Array("tekst".utf8), .badRequest, "name the uploaded file"),
            ("file=..", Array("tekst".utf8), .badRequest, "name the uploaded file"),
            ("file=.skjult.txt", Array("tekst".utf8), .badRequest, "name the uploaded file"),
            ("file=tom.txt", [], .unprocessableContent, ""),
            ("file=virus.exe", Array("MZ".utf8), .unprocessableContent, ""),
            ("file=falsk.docx", docx, .unprocessableContent, ""),
            ("file=binaer.txt", [UInt8](repeating: 0, count: 5000), .unprocessableContent, ""),
            ("file=ugyldig.txt", [72, 101, 105, 32, 195, 40], .unprocessableContent, ""),
            ("file=ok.txt&participant=Finnes%20ikke", Array("I: Hei\n".utf8), .notFound, "participant"),
            ("file=ok.txt&speakerMap=uten-likhetstegn", Array("I: Hei\n".utf8), .unprocessableContent, ""),
            ("file=ok.txt&date=i%20g%C3%A5r", Array("I: Hei\n".utf8), .unprocessableContent, "date"),
            ("file=stor.txt", [UInt8](repeating: 65, count: WebLimits.upload + 1), .contentTooLarge, "larger"),
        ]
        let events = try fixture.store.eventCount()
        let transcripts = try fixture.store.transcripts().count
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            for (query, bytes, status, words) in cases {
                let response = try await self.upload(browser, query, bytes)
                #expect(response.status == status, "\(query): \(String(buffer: response.body))")
                let message = try browser.json(response)["error"] as? String ?? ""
                #expect(words.isEmpty || message.contains(words), "\(query): \(message)")
                #expect(!message.contains("\n") && !message.isEmpty, "\(query)")
            }
            // A second copy of the same file is refused, with the remedy a page offers as a button.
            let original = try fixture.store.transcript(fixture.transcript).text
            let again = try await self.upload(browser, "file=kopi.txt", Array(original.utf8))
            #expect(again.status == .conflict)
            #expect(try browser.json(again)["remedy"] as? String == "allowDuplicate")
            // Without the CSRF token, nothing.
            let forged = try await self.upload(browser, "file=ok.txt", Array("I: Hei\n".utf8), csrf: false)
            #expect(forged.status == .forbidden)
        }
        #expect(try fixture.store.eventCount() == events)
        #expect(try fixture.store.transcripts().count == transcripts)
        #expect(try await Self.uploadFoldersGone(since: before))
    }

    @Test func aReaderCannotImport() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn(as: "lise", role: .reader)
            let response = try await self.upload(browser, "file=ok.txt", Array("I: Hei\n".utf8))
            #expect(response.status == .forbidden)
        }
        #expect(try fixture.store.transcripts().count == 1)
    }
}
