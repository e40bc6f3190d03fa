import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing

/// The routes as a browser calls them, through Hummingbird's router test client, against a real project
/// file on disk.
@Suite struct WebRouteTests {
    @Test func theTokenLogsInAndAWrongOneDoesNot() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            let wrong = try await browser.client.execute(uri: "/?token=nope", method: .get)
            #expect(wrong.status == .forbidden)
            #expect(wrong.headers[.setCookie] == nil)
            let anonymous = try await browser.get("/api/transcripts")
            #expect(anonymous.status == .unauthorized)
            let page = try await browser.get("/")
            #expect(page.status == .unauthorized)
            #expect(String(buffer: page.body).contains("?token="))

            let login = try await browser.client.execute(uri: "/?token=\(fixture.app.loginToken)", method: .get)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/")
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            var logged = browser
            try await logged.logIn()
            let app = try await logged.get("/")
            #expect(app.status == .ok)
            #expect(String(buffer: app.body).contains("/assets/app.js"))
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            for uri in ["/", "/assets/app.js", "/api/session", "/api/nowhere"] {
                let response = try await browser.get(uri)
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(policy.contains("default-src 'self'"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test func onlyListedAssetsAreServed() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            let r1 = try await browser.get("/assets/app.css")

            #expect(r1.status == .ok)
            for name in ["..%2F..%2FPackage.swift", "..", "index.htm", "%2Fetc%2Fpasswd"] {
                let r2 = try await browser.get("/assets/\(name)")

                #expect(r2.status == .notFound, "\(name)")
            }
        }
    }

    @Test func aSelectionAfterEmojiAndÆøåIsCodedExactly() async throws {
        let fixture = try WebFixture()
        let quote = "tillit er alt 👍🏽 for meg"
        let span = try fixture.span(of: quote)
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let created = try await browser.post("/api/codings", json: """
                {"transcript": "\(fixture.transcript)", "start": \(span.start), "end": \(span.end), "codes": ["Relasjon/Tillit"]}
                """)
            #expect(created.status == .created)
            let result = try browser.json(created)
            #expect((result["createdCodes"] as? [String]) == ["Relasjon/Tillit"])
        }
        let units = try fixture.store.units()
        #expect(units.map(\.text) == [quote])
        #expect(units.first?.codes == ["Tillit"])
    }

    @Test func thePageCutsLinesIntoPiecesAtEveryCoding() async throws {
        let fixture = try WebFixture()
        let outer = try fixture.span(of: "tillit er alt 👍🏽 for meg. Uten tillit")
        let inner = try fixture.span(of: "👍🏽 for meg. Uten tillit får jeg")
        _ = try fixture.store.code(fixture.transcript, .offsets(start: outer.start, end: outer.end), codes: ["Tillit"])
        _ = try fixture.store.code(fixture.transcript, .offsets(start: inner.start, end: inner.end), codes: ["Arbeid"])
        let view = TranscriptView(try fixture.store.transcriptPage(fixture.transcript))
        let text = try fixture.store.transcript(fixture.transcript).text
        let scalars = Array(text.unicodeScalars)
        for line in view.lines {
            // The pieces put together are the line, and each piece starts where its text lies.
            var joined = String.UnicodeScalarView()
            joined.append(contentsOf: scalars[line.start..<line.end])
            #expect(line.pieces.map(\.text).joined() == String(joined))
            for piece in line.pieces {
                var at = String.UnicodeScalarView()
                at.append(contentsOf: scalars[piece.start..<piece.start + piece.text.unicodeScalars.count])
                #expect(String(at) == piece.text)
            }
        }
        let line = try #require(view.lines.first { $0.number == 2 })
        let overlap = try #require(line.pieces.first { $0.codings.count == 2 })
        #expect(overlap.text == "👍🏽 for meg. Uten tillit")
        #expect(line.margin.count == 2)
        #expect(line.speaker == "Eva")
        #expect(Set(view.codes.map(\.label)) == ["Tillit", "Arbeid"])
        #expect(view.codes.allSatisfy { $0.color.hasPrefix("#") })
    }

    @Test func refusedWritesChangeNothing() async throws {
        let fixture = try WebFixture()
        let span = try fixture.span(of: "tillit er alt")
        let good = """
            {"transcript": "\(fixture.transcript)", "start": \(span.start), "end": \(span.end), "codes": ["Tillit"]}
            """
        let blankLine = try fixture.span(of: "gjort.\n\nIntervjuer")
        let cases: [(String, String?, HTTPResponse.Status, String)] = [
            (good, "wrong-token", .forbidden, "CSRF"),
            (good, nil, .forbidden, "CSRF"),
            ("{not json", .some(""), .badRequest, "JSON"),
            ("{\"transcript\": \"\(fixture.transcript)\", \"start\": 1}", .some(""), .badRequest, "missing"),
            ("{\"transcript\": \"\(UUID())\", \"start\": 1, \"end\": 5, \"codes\": [\"X\"]}", .some(""), .notFound, "transcript"),
            ("{\"transcript\": \"\(fixture.transcript)\", \"start\": 5, \"end\": 99999, \"codes\": [\"X\"]}", .some(""), .unprocessableContent, "outside"),
            ("{\"transcript\": \"\(fixture.transcript)\", \"start\": \(blankLine.start + 6), \"end\": \(blankLine.start + 8), \"codes\": [\"X\"]}",
             .some(""), .unprocessableContent, "white space"),
            ("{\"transcript\": \"\(fixture.transcript)\", \"start\": 1, \"end\": 5, \"codes\": []}", .some(""), .badRequest, "codes"),
            ("{\"transcript\": \"\(fixture.transcript)\", \"start\": 1, \"end\": 5, \"codes\": [\"A//B\"]}", .some(""), .unprocessableContent, "empty"),
            ("{\"transcript\": \"\(fixture.transcript)\", \"start\": 1, \"end\": 5, \"codes\": [\"\\u001b[2J\"]}", .some(""), .unprocessableContent, "control"),
            ("{\"transcript\": \"\(fixture.transcript)\", \"start\": 1, \"end\": 5, \"codes\": [\"\\u202egnp.exe\"]}", .some(""), .unprocessableContent, "direction-changing"),
            (String(repeating: " ", count: WebLimits.jsonBody + 10), .some(""), .contentTooLarge, "larger"),
        ]
        let events = try fixture.store.eventCount()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            for (body, csrf, status, words) in cases {
                let token: String?? = csrf == "" ? .none : .some(csrf)
                let response = try await browser.post("/api/codings", json: body, csrf: token)
                #expect(response.status == status, "\(body.prefix(80))")
                let message = try browser.json(response)["error"] as? String ?? ""
                #expect(message.lowercased().contains(words.lowercased()), "\(message)")
                #expect(!message.contains("\n"))
            }
            let foreign = try await browser.post("/api/codings", json: good, extra: [.origin: "http://evil.example"])
            #expect(foreign.status == .forbidden)
            // The same host under another scheme is another site.
            let otherScheme = try await browser.post("/api/codings", json: good, extra: [.origin: "https://localhost"])
            #expect(otherScheme.status == .forbidden)
        }
        #expect(try fixture.store.eventCount() == events)
        #expect(try fixture.store.units().isEmpty)
    }

    @Test func aReaderReadsButWritesNothing() async throws {
        let fixture = try WebFixture()
        let span = try fixture.span(of: "tillit er alt")
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn(as: "lise", role: .reader)
            let r3 = try await browser.get("/api/transcripts/\(fixture.transcript)")

            #expect(r3.status == .ok)
            let response = try await browser.post("/api/codings", json: """
                {"transcript": "\(fixture.transcript)", "start": \(span.start), "end": \(span.end), "codes": ["Tillit"]}
                """)
            #expect(response.status == .forbidden)
            let r4 = try await browser.post("/api/codings/undo", json: "{}")

            #expect(r4.status == .forbidden)
        }
        #expect(try fixture.store.units().isEmpty)
    }

    @Test func undoTakesBackTheCodersLastCodingOnly() async throws {
        let fixture = try WebFixture(owner: "anne")
        let first = try fixture.span(of: "tillit er alt")
        let second = try fixture.span(of: "mer rapportering")
        _ = try fixture.store.code(fixture.transcript, .offsets(start: first.start, end: first.end), codes: ["Tillit"])
        _ = try fixture.store.code(fixture.transcript, .offsets(start: second.start, end: second.end), codes: ["Rapportering"])
        // Another coder's later coding is not anne's to undo.
        _ = try fixture.store.acting(as: "berit").code(fixture.transcript, .offsets(start: first.start, end: first.end), codes: ["Arbeid"])
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let undone = try await browser.post("/api/codings/undo", json: "")
            #expect(undone.status == .ok)
            let undoneResult = try browser.json(undone)["result"] as? [String: Any]
            #expect(undoneResult?["removed"] as? [String] == ["Rapportering"])
            let r5 = try await browser.post("/api/codings/undo", json: "")

            #expect(r5.status == .ok)
            let none = try await browser.post("/api/codings/undo", json: "")
            #expect(none.status == .notFound)
        }
        #expect(try fixture.store.units().flatMap(\.codes) == ["Arbeid"])
    }

    @Test func aCodingIsRemovedByItsOwnCoderOnly() async throws {
        let fixture = try WebFixture(owner: "anne")
        let segment = try fixture.code("tillit er alt", ["Tillit"]).segment.id
        let span = try fixture.span(of: "tillit er alt")
        _ = try fixture.store.acting(as: "berit").code(fixture.transcript, .offsets(start: span.start, end: span.end), codes: ["Tillit"])
        let tillit = try fixture.codeID("Tillit")
        let body = "{\"segment\": \"\(segment)\", \"code\": \"\(tillit)\"}"
        try await fixture.test { browser in
            var lars = browser
            try await lars.logIn(as: "lars", role: .coder)
            let before = try fixture.unchanged()
            // lars has no coding there: a clear 404, and anne's and berit's codings stay.
            let refused = try await lars.post("/api/codings/remove", json: body)
            #expect(refused.status == .notFound)
            #expect((try lars.json(refused)["error"] as? String)?.contains("lars has no coding") == true)
            #expect(try fixture.unchanged() == before)
            var anne = browser
            try await anne.logIn()
            let removed = try await anne.post("/api/codings/remove", json: body, extra: [.origin: "http://localhost"])
            #expect(removed.status == .ok)
            #expect(try anne.json(removed)["removed"] as? [String] == ["Tillit"])
            #expect(try await anne.post("/api/codings/remove", json: body).status == .notFound)
        }
        #expect(try fixture.store.transcriptPage(fixture.transcript).codings.map(\.coder) == ["berit"], "berit's coding is left")
    }

    @Test func markupInTheTranscriptTravelsAsText() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let response = try await browser.get("/api/transcripts/\(fixture.transcript)")
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let view = try JSONDecoder().decode(TranscriptView.self, from: Data(buffer: response.body))
            let texts = view.lines.flatMap(\.pieces).map(\.text).joined()
            #expect(texts.contains("<script>alert(\"x\")</script>"))
            // The page itself is a fixed file: nothing from the project is written into it.
            let page = try await browser.get("/")
            #expect(!String(buffer: page.body).contains("Tillit i NAV"))
        }
    }

    @Test func badIdsAreClearErrors() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let bad = try await browser.get("/api/transcripts/not-an-id")
            #expect(bad.status == .badRequest)
            let unknown = try await browser.get("/api/transcripts/\(UUID())")
            #expect(unknown.status == .notFound)
            let unknownError = try browser.json(unknown)["error"] as? String
            #expect(unknownError?.contains("transcript") == true)
        }
    }

    @Test func aMemoGoesOnACodedSegment() async throws {
        let fixture = try WebFixture()
        let span = try fixture.span(of: "tillit er alt")
        let coded = try fixture.store.code(fixture.transcript, .offsets(start: span.start, end: span.end), codes: ["Tillit"])
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let memo = try await browser.post("/api/memos", json: """
                {"kind": "segment", "id": "\(coded.segment.id)", "text": "Sterkt utsagn – «alt»."}
                """)
            #expect(memo.status == .created)
            let missing = try await browser.post("/api/memos", json: """
                {"kind": "segment", "id": "\(UUID())", "text": "x"}
                """)
            #expect(missing.status == .notFound)
        }
        let view = TranscriptView(try fixture.store.transcriptPage(fixture.transcript))
        #expect(view.codings.first?.memos == ["Sterkt utsagn – «alt»."])
    }

    @Test func theHistoryComesAPageAtATimeAndRefusesBadNumbers() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let page = try await browser.get("/api/history?limit=2")
            #expect(page.status == .ok)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(buffer: page.body)) as? [[String: Any]])
            #expect(entries.count == 2)
            let last = try #require(entries.last?["id"] as? Int)
            let older = try await browser.get("/api/history?before=\(last)")
            let olderEntries = try #require(try JSONSerialization.jsonObject(with: Data(buffer: older.body)) as? [[String: Any]])
            #expect(olderEntries.allSatisfy { ($0["id"] as? Int ?? .max) < last })
            for query in ["limit=0", "limit=501", "limit=tre", "before=0", "before=-1", "before=x"] {
                let refused = try await browser.get("/api/history?\(query)")
                #expect(refused.status == .badRequest, "\(query)")
            }
        }
    }
}
