import Condensation
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing

/// The condensation board's routes: one call each into the module; a refused move or condensate
/// changes nothing.
@Suite struct BoardRouteTests {
    func analysis() throws -> (WebFixture, Segment.ID) {
        let fixture = try WebFixture()
        let stc = Condensation(fixture.store)
        try stc.addGroup("Tillit")
        try stc.addSubgroup("Tillit", "Å bli trodd")
        let span = try fixture.span(of: "Uten tillit får jeg ingenting gjort")
        let unit = try stc.addUnit(fixture.transcript, .offsets(start: span.start, end: span.end), groups: ["Tillit"]).segment.id
        return (fixture, unit)
    }

    @Test func theBoardMovesAUnitAndWritesACondensate() async throws {
        let (fixture, unit) = try analysis()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let board = try await browser.get("/api/stc/board")
            #expect(board.status == .ok)
            let decoded = try JSONDecoder().decode(Board.self, from: Data(buffer: board.body))
            #expect(decoded.columns.map(\.group.name) == ["Tillit"])
            #expect(decoded.columns[0].unsorted.map(\.id) == [unit])
            let moved = try await browser.post("/api/stc/move", json: #"{"unit": "\#(unit)", "to": "Tillit/Å bli trodd", "from": "Tillit"}"#)
            #expect(moved.status == .noContent)
            let condensed = try await browser.post("/api/stc/condense", json: #"{"path": "Tillit/Å bli trodd", "text": "Jeg må bli trodd.", "golden": "\#(unit)"}"#)
            #expect(condensed.status == .noContent)
        }
        let after = try Condensation(fixture.store).board()
        #expect(after.columns[0].unsorted.isEmpty)
        #expect(after.columns[0].sections[0].units.map(\.id) == [unit])
        #expect(after.columns[0].sections[0].subgroup.condensate == "Jeg må bli trodd.")
        #expect(after.columns[0].sections[0].subgroup.goldenUnit == unit)
    }

    @Test func refusedMovesAndCondensatesChangeNothing() async throws {
        let (fixture, unit) = try analysis()
        let events = try fixture.store.eventCount()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let cases: [(String, String, HTTPResponse.Status)] = [
                ("/api/stc/move", #"{"unit": "\#(UUID())", "to": "Tillit/Å bli trodd"}"#, .notFound),
                ("/api/stc/move", #"{"unit": "\#(unit)", "to": "Finnes ikke"}"#, .notFound),
                ("/api/stc/move", #"{"unit": "\#(unit)", "to": "Tillit/Å bli trodd", "from": "Tillit/Å bli trodd"}"#, .noContent),
                ("/api/stc/move", #"{"unit": 5}"#, .badRequest),
                ("/api/stc/condense", #"{"path": "Tillit", "text": "x"}"#, .unprocessableContent),
                ("/api/stc/condense", #"{"path": "Tillit/Å bli trodd", "golden": "\#(UUID())"}"#, .notFound),
                ("/api/stc/condense", #"{"path": "Tillit/Å bli trodd", "golden": "\#(unit)"}"#, .unprocessableContent),
            ]
            for (uri, body, status) in cases where status != .noContent {
                let response = try await browser.post(uri, json: body)
                #expect(response.status == status, "\(uri) \(body): \(String(buffer: response.body))")
            }
            var reader = browser
            try await reader.logIn(as: "lise", role: .reader)
            let refused = try await reader.post("/api/stc/move", json: #"{"unit": "\#(unit)", "to": "Tillit/Å bli trodd"}"#)
            #expect(refused.status == .forbidden)
        }
        #expect(try fixture.store.eventCount() == events)
    }
}
