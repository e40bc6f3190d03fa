import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing
import WorkMapping

/// The work map's routes: the view, the SVG download, a node's and a link's passages, and evidence added
/// from a selection — one call each into WorkMapping; refused input is a one-line 4xx and changes nothing.
@Suite struct MapRouteTests {
    struct Map {
        let fixture: WebFixture
        let henvisning: MapStep
        let bliKjent: MapStep
        let order: MapLink
    }

    func map() throws -> Map {
        let fixture = try WebFixture()
        let map = WorkMapping(fixture.store)
        let henvisning = try map.addStep("Henvisning")
        let bliKjent = try map.addStep("Bli kjent")
        try map.addText("Kartleggingsmal", kind: .form, scope: .step, step: bliKjent.id)
        let order = try map.link(.precedes, from: .init(.step, henvisning.id), to: .init(.step, bliKjent.id))
        return Map(fixture: fixture, henvisning: henvisning, bliKjent: bliKjent, order: order)
    }

    static func key(_ id: UUID) -> String { id.uuidString.lowercased() }

    @Test func theViewAndTheDownloadAreTheLibrarysDrawing() async throws {
        let m = try map()
        let expected = try WorkMapping(m.fixture.store).view(lanes: true, language: .en)
        try await m.fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let response = try await browser.get("/api/map?lanes=true&language=en")
            #expect(response.status == .ok)
            let view = try JSONDecoder().decode(MapView.self, from: Data(buffer: response.body))
            #expect(view == expected)
            #expect(view.svg.contains("data-key=\"\(Self.key(m.henvisning.id))\"") && view.svg.contains("Map of the work"))
            #expect(view.nodes.map(\.name) == ["Henvisning", "Bli kjent", "Kartleggingsmal"])
            #expect(view.links.map(\.name) == ["Henvisning går foran Bli kjent"])

            let plain = try JSONDecoder().decode(MapView.self, from: Data(buffer: try await browser.get("/api/map").body))
            #expect(plain.svg.contains("Kart over arbeidet"))

            let download = try await browser.get("/api/map/svg?language=en&lanes=1")
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(download.headers[.contentDisposition]?.contains("filename=\"work-map.svg\"") == true)
            #expect(String(buffer: download.body) == expected.svg)
            let norwegian = try await browser.get("/api/map/svg")
            #expect(norwegian.headers[.contentDisposition]?.contains("filename=\"arbeidskart.svg\"") == true)

            for uri in ["/api/map?lanes=maybe", "/api/map?language=de", "/api/map/svg?lanes=2"] {
                let refused = try await browser.get(uri)
                #expect(refused.status == .badRequest, "\(uri)")
                #expect(try browser.json(refused)["error"] is String)
            }
        }
    }

    @Test func evidenceFromASelectionShowsWithItsQuoteOnTheNodeAndTheLink() async throws {
        let m = try map()
        let step = try m.fixture.span(of: "Uten tillit får jeg ingenting gjort")
        let link = try m.fixture.span(of: "mer rapportering på fredager")
        try await m.fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let added = try await browser.post("/api/map/evidence", json: """
                {"node": {"kind": "step", "id": "\(Self.key(m.henvisning.id))"}, "transcript": "\(m.fixture.transcript)", "start": \(step.start), "end": \(step.end)}
                """)
            #expect(added.status == .created, "\(String(buffer: added.body))")
            let result = try JSONDecoder().decode(CodingResult.self, from: Data(buffer: added.body))
            #expect(result.segment.text == "Uten tillit får jeg ingenting gjort" && result.added == ["Henvisning"])
            let onLink = try await browser.post("/api/map/evidence", json: """
                {"link": "\(m.order.id)", "transcript": "\(m.fixture.transcript)", "start": \(link.start), "end": \(link.end)}
                """)
            #expect(onLink.status == .created, "\(String(buffer: onLink.body))")

            let node = try await browser.get("/api/map/nodes/step/\(m.henvisning.id)/evidence")
            #expect(node.status == .ok)
            let passages = try JSONDecoder().decode(NodePassages.self, from: Data(buffer: node.body))
            #expect(passages.passages.map(\.text) == ["Uten tillit får jeg ingenting gjort"])
            #expect(passages.informants == ["Eva"] && passages.passages.first?.transcriptId == m.fixture.transcript)
            #expect(passages.links.first?.passages.map(\.text) == ["mer rapportering på fredager"])
            let linked = try await browser.get("/api/map/links/\(Self.key(m.order.id))/evidence")
            #expect(try JSONDecoder().decode(LinkPassages.self, from: Data(buffer: linked.body)).passages.map(\.informants) == [["Eva"]])

            // The node's code is an ordinary code: the transcript shows the coding.
            let view = try await browser.get("/api/map")
            let counted = try JSONDecoder().decode(MapView.self, from: Data(buffer: view.body))
            #expect(counted.nodes.first { $0.name == "Henvisning" }?.evidence == 1)
            #expect(counted.links.first?.evidence == 1)
        }
        #expect(try m.fixture.store.codeTree().map(\.path).contains("Arbeidskart/Steg/Henvisning"))
    }

    @Test func refusedEvidenceChangesNothing() async throws {
        let m = try map()
        let span = try m.fixture.span(of: "Uten tillit får jeg ingenting gjort")
        let before = try m.fixture.unchanged()
        let transcript = m.fixture.transcript, step = Self.key(m.henvisning.id)
        try await m.fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let cases: [(String, HTTPResponse.Status)] = [
                (#"{"node": {"kind": "river", "id": "\#(step)"}, "transcript": "\#(transcript)", "start": \#(span.start), "end": \#(span.end)}"#, .badRequest),
                (#"{"node": {"kind": "step", "id": "\#(UUID())"}, "transcript": "\#(transcript)", "start": \#(span.start), "end": \#(span.end)}"#, .notFound),
                (#"{"node": {"kind": "text", "id": "\#(step)"}, "transcript": "\#(transcript)", "start": \#(span.start), "end": \#(span.end)}"#, .notFound),
                (#"{"link": "\#(UUID())", "transcript": "\#(transcript)", "start": \#(span.start), "end": \#(span.end)}"#, .notFound),
                (#"{"transcript": "\#(transcript)", "start": \#(span.start), "end": \#(span.end)}"#, .badRequest),
                (#"{"node": {"kind": "step", "id": "\#(step)"}, "link": "\#(m.order.id)", "transcript": "\#(transcript)", "start": 0, "end": 5}"#, .badRequest),
                (#"{"node": {"kind": "step", "id": "\#(step)"}, "transcript": "\#(transcript)", "start": 0, "end": 100000}"#, .unprocessableContent),
                (#"{"node": {"kind": "step", "id": "\#(step)"}, "transcript": "\#(transcript)", "start": 20, "end": 10}"#, .unprocessableContent),
                (#"{"node": {"kind": "step", "id": "\#(step)"}, "transcript": "\#(transcript)", "start": -4, "end": 10}"#, .unprocessableContent),
                (#"{"node": {"kind": "step", "id": "\#(step)"}, "transcript": "\#(UUID())", "start": 0, "end": 5}"#, .notFound),
                (#"{"node": {"kind": "step", "id": "\#(step)"}, "transcript": "\#(transcript)", "start": "0", "end": 5}"#, .badRequest),
                (#"{"node": {"kind": "step", "id": "not an id"}, "transcript": "\#(transcript)", "start": 0, "end": 5}"#, .badRequest),
                ("[1, 2", .badRequest),
                (#"{"node": {"kind": "step", "id": "\#(step)"}, "transcript": "\#(transcript)", "start": 0, "end": 5, "pad": "\#(String(repeating: "x", count: 1_100_000))"}"#, .contentTooLarge),
            ]
            for (body, status) in cases {
                let response = try await browser.post("/api/map/evidence", json: body)
                #expect(response.status == status, "\(body.prefix(160)): \(String(buffer: response.body))")
                let error = try browser.json(response)["error"] as? String
                #expect(error?.isEmpty == false && error?.contains("\n") == false, "\(body.prefix(160))")
            }
            for (uri, status) in [("/api/map/nodes/river/\(step)/evidence", HTTPResponse.Status.badRequest),
                                  ("/api/map/nodes/step/abc/evidence", .badRequest),
                                  ("/api/map/nodes/step/\(UUID())/evidence", .notFound),
                                  ("/api/map/nodes/action/\(step)/evidence", .notFound),
                                  ("/api/map/links/\(UUID())/evidence", .notFound),
                                  ("/api/map/links/abc/evidence", .badRequest)] {
                let response = try await browser.get(uri)
                #expect(response.status == status, "\(uri): \(String(buffer: response.body))")
                #expect(try browser.json(response)["error"] is String)
            }

            // A reader reads the map and its evidence, and may not add any.
            var reader = browser
            try await reader.logIn(as: "lise", role: .reader)
            #expect(try await reader.get("/api/map").status == .ok)
            #expect(try await reader.get("/api/map/nodes/step/\(step)/evidence").status == .ok)
            let refused = try await reader.post("/api/map/evidence", json: """
                {"node": {"kind": "step", "id": "\(step)"}, "transcript": "\(transcript)", "start": \(span.start), "end": \(span.end)}
                """)
            #expect(refused.status == .forbidden)
        }
        #expect(try m.fixture.unchanged() == before)
        #expect(try WorkMapping(m.fixture.store).passages(of: .init(.step, m.henvisning.id)).passages.isEmpty)
    }

    @Test func everyLabelTheMapPageUsesExistsInBothLanguages() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            var keys: Set<String> = []
            for script in ["map.js", "picker.js", "app.js"] {
                let text = String(buffer: try await browser.get("/assets/\(script)").body)
                keys.formUnion(text.matches(of: /"((?:ui|file)[A-Z][A-Za-z_]*)"/).map { String($0.1) })
            }
            keys.formUnion(MapNodeKind.allCases.map { "uiMapKind_\($0.rawValue)" } + ["uiMapKind_link", "fileWorkMap"])
            #expect(keys.contains("uiMapPassages") && keys.contains("uiKeyEvidence"))
            for language in DocumentLanguage.allCases {
                let labels = try browser.json(try await browser.get("/api/labels?lang=\(language.rawValue)"))
                let missing = keys.filter { labels[$0] == nil }.sorted()
                #expect(missing.isEmpty, "\(language): \(missing)")
            }
            let page = String(buffer: try await browser.get("/").body)
            #expect(page.contains(##"<a id="nav-map" href="#/map" data-label="uiMap">"##))
        }
    }
}
