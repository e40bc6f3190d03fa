import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing

/// The routes of the code tree, retrieval and search pages: each does what the library does, and every
/// refused write changes nothing.
@Suite struct CodePageRouteTests {
    @Test func codesAreAddedRenamedMovedMergedAndDeletedWithAPreview() async throws {
        let fixture = try WebFixture()
        try fixture.code("tillit er alt", ["Relasjon/Tillit"])
        try fixture.code("rapportering", ["Belastning"])
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let added = try await browser.post("/api/codes", json: ##"{"name":"Ståsted/Østlandet 😀","color":"#3a7","definition":"Hvor de bor"}"##)
            #expect(added.status == .created)
            let code = try browser.json(added)
            #expect(code["name"] as? String == "Østlandet 😀")
            #expect(code["color"] as? String == "#3A7")
            let id = try fixture.codeID("Ståsted/Østlandet 😀")
            #expect(code["id"] as? String == id.uuidString)

            let renamed = try await browser.post("/api/codes/\(id)/update", json: #"{"name":"Vestlandet","definition":""}"#)
            #expect(renamed.status == .ok)
            #expect(try fixture.store.codeTree().first { $0.id == id }?.path == "Ståsted/Vestlandet")
            #expect(try fixture.store.codeTree().first { $0.id == id }?.definition == nil)

            let top = try await browser.post("/api/codes/\(id)/move", json: #"{"parent":null}"#)
            #expect(top.status == .ok)
            #expect(try browser.json(top)["path"] as? String == "Vestlandet")
            let relasjon = try fixture.codeID("Relasjon")
            let under = try await browser.post("/api/codes/\(id)/move", json: #"{"parent":"\#(relasjon)"}"#)
            #expect(try browser.json(under)["path"] as? String == "Relasjon/Vestlandet")

            let belastning = try fixture.codeID("Belastning"), tillit = try fixture.codeID("Relasjon/Tillit")
            let merged = try await browser.post("/api/codes/\(belastning)/merge", json: #"{"into":"\#(tillit)"}"#)
            #expect(merged.status == .ok)
            #expect(try browser.json(merged)["codingsMoved"] as? Int == 1)
            #expect(try fixture.store.codeTree().first { $0.id == tillit }?.segments == 2)

            // Deleting: the preview first, a refusal with the remedy, then forced, with the same report.
            let before = try fixture.unchanged()
            let preview = try await browser.get("/api/codes/\(relasjon)/deletion")
            #expect(preview.status == .ok)
            let counted = try browser.json(preview)
            #expect(counted["codingsRemoved"] as? Int == 2)
            #expect(Set(counted["childrenRemoved"] as? [String] ?? []) == ["Tillit", "Vestlandet"])
            let refused = try await browser.post("/api/codes/\(relasjon)/delete", json: "{}")
            #expect(refused.status == .conflict)
            #expect(try browser.json(refused)["remedy"] as? String == "force")
            #expect(try fixture.unchanged() == before)
            let forced = try await browser.post("/api/codes/\(relasjon)/delete", json: #"{"force":true}"#)
            #expect(forced.status == .ok)
            #expect(try browser.json(forced)["codingsRemoved"] as? Int == 2)
            #expect(try fixture.store.codeTree().map(\.path) == ["Ståsted"])
            #expect(try fixture.store.units().isEmpty)
        }
    }

    @Test func refusedWritesChangeNothing() async throws {
        let fixture = try WebFixture()
        try fixture.code("tillit er alt", ["Relasjon/Tillit"])
        try fixture.code("rapportering", ["Belastning"])
        let relasjon = try fixture.codeID("Relasjon"), tillit = try fixture.codeID("Relasjon/Tillit"), belastning = try fixture.codeID("Belastning")
        let unknown = UUID()
        let hostile = try ["", "   ", "A//B", "/", "\u{1B}[2J", "Tab\there", String(repeating: "ø", count: 10_000)].map {
            String(decoding: try JSONEncoder().encode(["name": $0]), as: UTF8.self)
        }
        try await fixture.test { browser in
            var owner = browser
            try await owner.logIn()
            var reader = browser
            try await reader.logIn(as: "rita", role: .reader)
            let before = try fixture.unchanged()
            // (who, uri, body, csrf override, expected status)
            var cases: [(Browser, String, String, String??, HTTPResponse.Status)] = [
                (owner, "/api/codes", #"{"name":"Ny"}"#, .some(nil), .forbidden),
                (owner, "/api/codes", #"{"name":"Ny"}"#, .some("wrong"), .forbidden),
                (reader, "/api/codes", #"{"name":"Ny"}"#, .none, .forbidden),
                (reader, "/api/codes/\(tillit)/update", #"{"name":"Ny"}"#, .none, .forbidden),
                (reader, "/api/codes/\(tillit)/move", #"{"parent":null}"#, .none, .forbidden),
                (reader, "/api/codes/\(belastning)/merge", #"{"into":"\#(tillit)"}"#, .none, .forbidden),
                (reader, "/api/codes/\(belastning)/delete", #"{"force":true}"#, .none, .forbidden),
                (owner, "/api/codes/\(belastning)/delete", #"{"force":true}"#, .some(nil), .forbidden),
                (owner, "/api/codes/\(unknown)/update", #"{"name":"Ny"}"#, .none, .notFound),
                (owner, "/api/codes/\(unknown)/move", #"{"parent":null}"#, .none, .notFound),
                (owner, "/api/codes/\(tillit)/move", #"{"parent":"\#(unknown)"}"#, .none, .notFound),
                (owner, "/api/codes/\(unknown)/merge", #"{"into":"\#(tillit)"}"#, .none, .notFound),
                (owner, "/api/codes/\(belastning)/merge", #"{"into":"\#(unknown)"}"#, .none, .notFound),
                (owner, "/api/codes/\(unknown)/delete", #"{"force":true}"#, .none, .notFound),
                (owner, "/api/codes/not-an-id/delete", #"{"force":true}"#, .none, .badRequest),
                (owner, "/api/codes", #"{"parent":"\#(unknown)","name":"Ny"}"#, .none, .notFound),
                (owner, "/api/codes", #"{"name":"Ny""#, .none, .badRequest),
                (owner, "/api/codes", #"{"name":42}"#, .none, .badRequest),
                (owner, "/api/codes/\(tillit)/move", "{}", .none, .badRequest),
                (owner, "/api/codes/\(tillit)/merge", "[]", .none, .badRequest),
                (owner, "/api/codes/\(tillit)/delete", "not json", .none, .badRequest),
                // A code into itself or below itself, a name a sibling has, a colour that is not one.
                (owner, "/api/codes/\(tillit)/merge", #"{"into":"\#(tillit)"}"#, .none, .unprocessableContent),
                (owner, "/api/codes/\(relasjon)/move", #"{"parent":"\#(tillit)"}"#, .none, .unprocessableContent),
                (owner, "/api/codes", #"{"name":"Relasjon/Tillit"}"#, .none, .conflict),
                (owner, "/api/codes", #"{"name":"Farge","color":"red"}"#, .none, .unprocessableContent),
                (owner, "/api/codes/\(tillit)/update", #"{"color":"javascript:alert(1)"}"#, .none, .unprocessableContent),
                (owner, "/api/codes/\(tillit)/update", #"{"name":"Ny/Sti"}"#, .none, .unprocessableContent),
                (owner, "/api/codes/\(belastning)/update", #"{"name":"relasjon"}"#, .none, .conflict),
                // In use: refused without force, with the remedy.
                (owner, "/api/codes/\(relasjon)/delete", "{}", .none, .conflict),
            ]
            for body in hostile {
                cases.append((owner, "/api/codes", body, .none, .unprocessableContent))
                cases.append((owner, "/api/codes/\(tillit)/update", body, .none, .unprocessableContent))
            }
            for (who, uri, body, csrf, status) in cases {
                let response = try await who.post(uri, json: body, csrf: csrf)
                #expect(response.status == status, "\(uri) \(body.prefix(80))")
                let error = try who.json(response)
                #expect((error["error"] as? String)?.isEmpty == false, "\(uri) \(body.prefix(80))")
                #expect((error["error"] as? String)?.contains("\n") == false, "one line: \(uri)")
                #expect(try fixture.unchanged() == before, "\(uri) \(body.prefix(80))")
            }
            let inUse = try await owner.post("/api/codes/\(relasjon)/delete", json: "{}")
            #expect(try owner.json(inUse)["remedy"] as? String == "force")
            // Reads: an unknown code, a bad id, and the reader may read.
            #expect(try await owner.get("/api/codes/\(unknown)/deletion").status == .notFound)
            #expect(try await owner.get("/api/codes/nope/deletion").status == .badRequest)
            #expect(try await reader.get("/api/codes/\(relasjon)/deletion").status == .ok)
            #expect(try await browser.get("/api/codes/\(relasjon)/deletion").status == .unauthorized)
            #expect(try fixture.unchanged() == before)
        }
    }

    @Test func retrievalPagesThroughACodesSegmentsWithContext() async throws {
        let fixture = try WebFixture()
        try fixture.code("tillit er alt", ["Relasjon/Tillit"])
        try fixture.code("Uten tillit får jeg", ["Relasjon/Tillit"])
        try fixture.code("rapportering på fredager", ["Relasjon/Tillit"])
        let tillit = try fixture.codeID("Relasjon/Tillit"), relasjon = try fixture.codeID("Relasjon")
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let first = try await browser.get("/api/codes/\(tillit)/segments?offset=0&limit=2&context=1")
            #expect(first.status == .ok)
            let page = try JSONDecoder().decode(RetrievalPage.self, from: Data(buffer: first.body))
            #expect(page.total == 3 && page.offset == 0)
            #expect(page.segments.map(\.segment.text) == ["tillit er alt", "Uten tillit får jeg"])
            #expect(page.segments[0].before.map(\.number) == [1])
            #expect(page.segments[0].participants == ["Eva"])
            let second = try JSONDecoder().decode(RetrievalPage.self, from: Data(buffer: try await browser.get("/api/codes/\(tillit)/segments?offset=2&limit=2").body))
            #expect(second.segments.map(\.segment.text) == ["rapportering på fredager"])
            // Only the child holds segments: the parent alone is refused with the remedy.
            let parent = try await browser.get("/api/codes/\(relasjon)/segments")
            #expect(parent.status == .unprocessableContent)
            #expect(try browser.json(parent)["remedy"] as? String == "includeChildren")
            let withChildren = try JSONDecoder().decode(RetrievalPage.self, from: Data(buffer: try await browser.get("/api/codes/\(relasjon)/segments?children=1").body))
            #expect(withChildren.total == 3)
            for bad in ["offset=-1", "limit=0", "limit=201", "context=51", "offset=x", "limit=1e3"] {
                #expect(try await browser.get("/api/codes/\(tillit)/segments?\(bad)").status == .badRequest, "\(bad)")
            }
            #expect(try await browser.get("/api/codes/\(UUID())/segments").status == .notFound)
            #expect(try await browser.client.execute(uri: "/api/codes/\(tillit)/segments", method: .get).status == .unauthorized)
        }
    }

    @Test func searchUsesTheCommandLinesSyntaxAndHitsCarryScalarOffsets() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let response = try await browser.get("/api/search?q=\("\"tillit er alt\" OR fredag*".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            #expect(response.status == .ok)
            let result = try JSONDecoder().decode(SearchResult.self, from: Data(buffer: response.body))
            #expect(result.hits.map(\.line) == [2, 4])
            let scalars = Array(try fixture.store.transcript(fixture.transcript).text.unicodeScalars)
            func text(_ m: SearchHit.Match) -> String { String(String.UnicodeScalarView(scalars[m.start..<m.end])) }
            #expect(result.hits.flatMap(\.matches).map(text) == ["tillit er alt", "fredager"])
            // Coding straight from a hit: its offsets go to the coding route as they are.
            let match = result.hits[0].matches[0]
            let coded = try await browser.post("/api/codings", json: #"{"transcript":"\#(fixture.transcript)","start":\#(match.start),"end":\#(match.end),"codes":["Tillit"]}"#)
            #expect(coded.status == .created)
            #expect(try fixture.store.units().map(\.text) == ["tillit er alt"])
            // Æøå are letters of their own, and a malformed query is the library's one line.
            let far = try JSONDecoder().decode(SearchResult.self, from: Data(buffer: try await browser.get("/api/search?q=f%C3%A5r").body))
            #expect(far.hits.map(\.line) == [2])
            for bad in ["%22ubalansert", "(tillit", "NOT%20tillit", ""] {
                let refused = try await browser.get("/api/search?q=\(bad)")
                #expect(refused.status == .unprocessableContent, "\(bad)")
                #expect((try browser.json(refused)["error"] as? String)?.isEmpty == false)
            }
            #expect(try await browser.get("/api/search?q=tillit&limit=0").status == .badRequest)
            #expect(try await browser.get("/api/search?q=\(String(repeating: "a", count: 1001))").status == .badRequest)
            #expect(try await browser.client.execute(uri: "/api/search?q=tillit", method: .get).status == .unauthorized)
        }
    }
}
