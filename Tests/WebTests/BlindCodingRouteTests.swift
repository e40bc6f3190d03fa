import Agreement
import Foundation
import QualCode
import Testing

/// Blind coding on the server: with it on, a coder's transcript page shows only their own codings;
/// the owner and readers see everyone's, and turning it off shows everyone's to coders again.
@Suite struct BlindCodingRouteTests {
    func coders(on page: [String: Any]) -> Set<String> {
        Set((page["codings"] as? [[String: Any]] ?? []).compactMap { $0["coder"] as? String })
    }

    @Test func aCoderSeesOnlyTheirOwnCodingsWhileBlind() async throws {
        let fixture = try WebFixture()
        let transcript = fixture.transcript
        for (coder, quote) in [("lars", "tillit er alt"), ("mona", "Uten tillit får jeg ingenting gjort.")] {
            let span = try fixture.span(of: quote)
            _ = try fixture.store.acting(as: coder).code(transcript, .offsets(start: span.start, end: span.end), codes: ["Tillit"])
        }
        let agreement = Agreement(fixture.store)
        try agreement.setBlindCoding(true)
        try await fixture.test { browser in
            var lars = browser, owner = browser, reader = browser
            try await lars.logIn(as: "lars", role: .coder)
            #expect(coders(on: try lars.json(try await lars.get("/api/transcripts/\(transcript)"))) == ["lars"])
            try await owner.logIn()
            #expect(coders(on: try owner.json(try await owner.get("/api/transcripts/\(transcript)"))) == ["lars", "mona"])
            try await reader.logIn(as: "lise", role: .reader)
            #expect(coders(on: try reader.json(try await reader.get("/api/transcripts/\(transcript)"))) == ["lars", "mona"])
            // The pages made of everyone's codings are closed to him; the owner and readers keep them.
            let code = try fixture.codeID("Tillit")
            let everyones = ["/api/codes/\(code)/segments", "/api/history", "/api/stc/board", "/api/stc/snapshots", "/api/map", "/api/map/svg",
                             "/api/exports/codings?format=csv", "/api/exports/codebook", "/api/exports/map/tables", "/api/exports/stc/tables"]
            for uri in everyones {
                let refused = try await lars.get(uri)
                #expect(refused.status == .forbidden, "\(uri)")
                #expect(String(buffer: refused.body).contains("blind coding is on"), "\(uri)")
                #expect(try await reader.get(uri).status != .forbidden, "\(uri)")
            }
            #expect(try await lars.post("/api/exports/quotes", json: #"{"codes": ["Tillit"]}"#).status == .forbidden)
            #expect(try await lars.get("/api/codes").status == .ok)
            try agreement.setBlindCoding(false)
            #expect(coders(on: try lars.json(try await lars.get("/api/transcripts/\(transcript)"))) == ["lars", "mona"])
            #expect(try await lars.get("/api/codes/\(code)/segments").status == .ok)
        }
    }
}
