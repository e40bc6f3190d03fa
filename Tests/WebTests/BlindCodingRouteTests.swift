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

    /// The code tree's counts and the memos are a coder's own while blind: how much and what the others
    /// coded, and how they read a passage, stay theirs until the owner opens the codings.
    @Test func aCoderCountsAndReadsOnlyTheirOwnWorkWhileBlind() async throws {
        let fixture = try WebFixture()
        let transcript = fixture.transcript
        var segments: [String: UUID] = [:]
        for (coder, quote, code) in [("lars", "tillit er alt", "Relasjon/Tillit"), ("mona", "tillit er alt", "Relasjon/Tillit"),
                                     ("mona", "Uten tillit får jeg ingenting gjort.", "Relasjon/Tillit"),
                                     ("mona", "mer rapportering på fredager", "Rapportering")] {
            let span = try fixture.span(of: quote)
            let result = try fixture.store.acting(as: coder).code(transcript, .offsets(start: span.start, end: span.end), codes: [code])
            segments[coder + quote] = result.segment.id
        }
        let monas = try fixture.store.acting(as: "mona").addMemo(on: MemoTarget(kind: .segment, id: segments["mona" + "tillit er alt"]),
                                                                 text: "Tillit som forutsetning, ikke som resultat.")
        _ = try fixture.store.acting(as: "lars").addMemo(on: .project, text: "Lars sitt notat om prosjektet.")
        try Agreement(fixture.store).setBlindCoding(true)
        try await fixture.test { browser in
            var lars = browser, owner = browser
            try await lars.logIn(as: "lars", role: .coder)
            try await owner.logIn()
            func counts(_ who: Browser) async throws -> [String: [Int]] {
                let tree = try JSONSerialization.jsonObject(with: Data(buffer: try await who.get("/api/codes").body)) as? [[String: Any]] ?? []
                return Dictionary(uniqueKeysWithValues: tree.map { ($0["path"] as? String ?? "", [$0["codings"] as? Int ?? -1, $0["segmentsWithChildren"] as? Int ?? -1]) })
            }
            #expect(try await counts(lars) == ["Relasjon": [0, 1], "Relasjon/Tillit": [1, 1], "Rapportering": [0, 0]])
            #expect(try await counts(owner) == ["Relasjon": [0, 2], "Relasjon/Tillit": [3, 2], "Rapportering": [1, 1]])
            func memoTexts(_ who: Browser) async throws -> [String] {
                let list = try who.json(try await who.get("/api/memos"))
                return (list["memos"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            }
            #expect(try await memoTexts(lars) == ["Lars sitt notat om prosjektet."])
            #expect(try await memoTexts(owner).count == 2)
            #expect(try await lars.get("/api/memos/\(monas.id)").status == .forbidden)
            #expect(try await owner.get("/api/memos/\(monas.id)").status == .ok)
            let page = try lars.json(try await lars.get("/api/transcripts/\(transcript)"))
            let memos = (page["codings"] as? [[String: Any]] ?? []).flatMap { $0["memos"] as? [String] ?? [] }
            #expect(memos.isEmpty)
            try Agreement(fixture.store).setBlindCoding(false)
            #expect(try await counts(lars) == (try await counts(owner)))
            #expect(try await memoTexts(lars).count == 2)
        }
    }
}
