import Agreement
import Foundation
import HTTPTypes
import QualCode
import Testing

/// The agreement routes as the page calls them: the coders, the statistics with their notes, the
/// disagreements, a consensus decision, the report as a download; blind coding closes them to coders;
/// bad queries and bodies are one-line refusals that change nothing.
@Suite struct AgreementRouteTests {
    func fixture() throws -> WebFixture {
        let fixture = try WebFixture()
        for (coder, quote) in [("lars", "tillit er alt"), ("mona", "tillit er alt 👍🏽 for meg."), ("lars", "Uten tillit får jeg ingenting gjort.")] {
            let span = try fixture.span(of: quote)
            _ = try fixture.store.acting(as: coder).code(fixture.transcript, .offsets(start: span.start, end: span.end), codes: ["Tillit"])
        }
        return fixture
    }

    @Test func statisticsDisagreementsAndAConsensusDecision() async throws {
        let fixture = try fixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let overview = try browser.json(try await browser.get("/api/agreement/coders"))
            #expect((overview["coders"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["lars", "mona"])
            #expect(overview["blind"] as? Bool == false && overview["mayCompare"] as? Bool == true)

            let statistics = try browser.json(try await browser.get("/api/agreement?coders=lars,mona&unit=sentences&language=en"))
            let codes = try #require(statistics["codes"] as? [[String: Any]])
            #expect(codes.map { $0["path"] as? String } == ["Tillit"])
            #expect((statistics["notes"] as? [String])?.first?.hasPrefix("Unit: sentences") == true)

            let list = try browser.json(try await browser.get("/api/agreement/disagreements?coders=lars&coders=mona"))
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.count == 2)
            let id = try #require(items.first?["id"] as? String)
            let decided = try await browser.post("/api/agreement/consensus", json: """
                {"scope": {"coders": ["lars", "mona"]}, "disagreements": ["\(id)"], "adopt": ["mona"], "note": "Hele setningen"}
                """)
            #expect(decided.status == .ok)
            let after = try browser.json(try await browser.get("/api/agreement/disagreements?coders=lars,mona"))
            let first = try #require((after["items"] as? [[String: Any]])?.first { $0["id"] as? String == id })
            #expect((first["decision"] as? [String: Any])?["adopted"] as? [String] == ["mona"])

            let report = try await browser.get("/api/exports/agreement?coders=lars,mona&format=docx")
            #expect(report.status == .ok && report.headers[.contentDisposition]?.contains("samsvar.docx") == true)
            let csv = try await browser.get("/api/exports/agreement?coders=lars,mona&format=csv&tables=disagreements")
            #expect(csv.status == .ok && String(buffer: csv.body).contains("Hele setningen"))
        }
    }

    @Test func blindCodingClosesComparisonToCoders() async throws {
        let fixture = try fixture()
        try await fixture.test { browser in
            var owner = browser, lars = browser
            try await owner.logIn()
            try await lars.logIn(as: "lars", role: .coder)
            #expect(try await lars.post("/api/agreement/blind", json: #"{"on": true}"#).status == .forbidden)
            #expect(try await owner.post("/api/agreement/blind", json: #"{"on": true}"#).status == .ok)
            #expect(try lars.json(try await lars.get("/api/agreement/coders"))["mayCompare"] as? Bool == false)
            for uri in ["/api/agreement?coders=lars,mona", "/api/agreement/disagreements?coders=lars,mona",
                        "/api/exports/agreement?coders=lars,mona"] {
                #expect(try await lars.get(uri).status == .forbidden, "\(uri)")
            }
            #expect(try await owner.get("/api/agreement?coders=lars,mona").status == .ok)
            #expect((try lars.json(try await lars.get("/api/agreement/coders"))["coders"] as? [Any])?.isEmpty == true)
            #expect(try await owner.post("/api/agreement/blind", json: #"{"on": false}"#).status == .ok)
            let named = try await lars.post("/api/agreement/consensus", json: """
                {"scope": {"coders": ["lars", "mona"]}, "disagreements": ["00000000"], "adopt": [], "consensusCoder": "mona"}
                """)
            #expect(named.status == .forbidden)
        }
    }

    @Test func badQueriesAndBodiesChangeNothing() async throws {
        let fixture = try fixture()
        let before = try fixture.unchanged()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let gets: [(String, HTTPResponse.Status)] = [
                ("/api/agreement?coders=lars", .unprocessableContent),
                ("/api/agreement?coders=lars,nora", .notFound),
                ("/api/agreement?coders=lars,mona&unit=words", .badRequest),
                ("/api/agreement?coders=lars,mona&codes=not-an-id", .badRequest),
                ("/api/agreement?coders=lars,mona&transcripts=\(UUID())", .notFound),
                ("/api/agreement/disagreements?coders=lars,mona&language=fr", .badRequest),
                ("/api/exports/agreement?coders=lars,mona&format=csv&tables=statistics&tables=disagreements", .unprocessableContent),
                ("/api/exports/agreement?coders=lars,mona&tables=everything", .badRequest),
            ]
            for (uri, status) in gets {
                let response = try await browser.get(uri)
                #expect(response.status == status, "\(uri): \(String(buffer: response.body))")
                #expect(!String(buffer: response.body).contains("\n"), "\(uri)")
            }
            let posts: [(String, String, HTTPResponse.Status)] = [
                ("/api/agreement/consensus", #"{"scope": {"coders": ["lars", "mona"]}, "disagreements": ["00000000"], "adopt": ["lars"]}"#, .notFound),
                ("/api/agreement/consensus", #"{"scope": {"coders": ["lars", "mona"]}, "disagreements": ["00000000"], "adopt": ["nora"]}"#, .unprocessableContent),
                ("/api/agreement/consensus", #"{"scope": {"coders": ["lars", "mona"]}, "disagreements": [], "adopt": []}"#, .badRequest),
                ("/api/agreement/consensus", #"{"scope": {"coders": ["lars", "mona"]}, "adopt": ["lars"]}"#, .badRequest),
                ("/api/agreement/consensus", #"{"scope": {"coders": ["lars", "mona"]}, "disagreements": ["00000000"], "adopt": [], "consensusCoder": "lars"}"#, .unprocessableContent),
                ("/api/agreement/agreed", #"{"scope": {"coders": ["lars"]}}"#, .unprocessableContent),
                ("/api/agreement/blind", #"{"on": "yes"}"#, .badRequest),
                ("/api/agreement/blind", "[", .badRequest),
            ]
            for (uri, body, status) in posts {
                let response = try await browser.post(uri, json: body)
                #expect(response.status == status, "\(uri) \(body): \(String(buffer: response.body))")
            }
        }
        #expect(try fixture.unchanged() == before)
        #expect(try !Agreement(fixture.store).isBlindCoding())
    }
}
