import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing
import WorkMapping

/// The work map's routes: the view, the drawing as SVG, PNG and DOT, the map as a Word figure and its tables
/// as exports, a node's and a link's passages, and evidence added from a selection — one call each into
/// WorkMapping; refused input is a one-line 4xx and changes nothing.
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
            #expect(download.headers[.contentType] == "image/svg+xml")
            #expect(download.headers[.contentDisposition]?.contains("filename=\"work-map.svg\"") == true)
            #expect(String(buffer: download.body).contains("Map of the work"))
            let norwegian = try await browser.get("/api/map/svg")
            #expect(norwegian.headers[.contentDisposition]?.contains("filename=\"arbeidskart.svg\"") == true)

            for uri in ["/api/map?lanes=maybe", "/api/map?language=de", "/api/map/svg?lanes=2"] {
                let refused = try await browser.get(uri)
                #expect(refused.status == .badRequest, "\(uri)")
                #expect(try browser.json(refused)["error"] is String)
            }
        }
    }

    // MARK: - Downloads

    /// The width of a PNG from its IHDR chunk (bytes 16–19, big-endian), nil for what is no PNG.
    static func pngWidth(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        return bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    }

    @Test func eachDrawingIsTheLibrarysBytesWithItsTypeAndName() async throws {
        let m = try map()
        let library = WorkMapping(m.fixture.store)
        let expected = try Dictionary(uniqueKeysWithValues: MapDrawingFormat.allCases.map {
            ($0, try library.drawing(MapDrawingRequest($0, lanes: true, language: .en)))
        })
        let standardWidth = try #require(Self.pngWidth(try library.drawing(MapDrawingRequest(.png))))
        try await m.fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            for format in MapDrawingFormat.allCases {
                let response = try await browser.get("/api/map/\(format.rawValue)?lanes=true&language=en")
                #expect(response.status == .ok, "\(format): \(String(buffer: response.body).prefix(200))")
                #expect(response.headers[.contentType] == format.contentType)
                #expect(ExportRouteTests.fileName(response) == "work-map.\(format.fileExtension)")
                #expect(Data(buffer: response.body) == expected[format], "\(format)")
                let norwegian = try await browser.get("/api/map/\(format.rawValue)")
                #expect(ExportRouteTests.fileName(norwegian) == "arbeidskart.\(format.fileExtension)")
            }
            let dot = String(buffer: try await browser.get("/api/map/dot").body)
            #expect(dot.hasPrefix("digraph") && dot.contains("Henvisning") && dot.contains("Bli kjent"))

            // The PNG's size: a width in pixels, or pixels per unit (the standard is two).
            let wide = try await browser.get("/api/map/png?width=800")
            #expect(wide.status == .ok && Self.pngWidth(Data(buffer: wide.body)) == 800)
            let half = try await browser.get("/api/map/png?scale=1")
            let halfWidth = try #require(Self.pngWidth(Data(buffer: half.body)))
            #expect(abs(halfWidth * 2 - standardWidth) <= 2, "\(halfWidth) at scale 1, \(standardWidth) at 2")

            // A reader downloads them too: nothing is written.
            var reader = browser
            try await reader.logIn(as: "lise", role: .reader)
            #expect(try await reader.get("/api/map/png?width=120").status == .ok)
        }
    }

    @Test func badDrawingQueriesAreOneLineRefusals() async throws {
        let m = try map()
        let before = try m.fixture.unchanged()
        try await m.fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let cases: [(String, HTTPResponse.Status)] = [
                ("/api/map/png?width=abc", .badRequest),
                ("/api/map/png?width=800.5", .badRequest),
                ("/api/map/png?width=", .badRequest),
                ("/api/map/png?scale=two", .badRequest),
                ("/api/map/png?scale=nan", .badRequest),
                ("/api/map/png?scale=inf", .badRequest),
                ("/api/map/png?width=800&scale=2", .badRequest),
                ("/api/map/svg?width=800", .badRequest),
                ("/api/map/dot?scale=2", .badRequest),
                ("/api/map/png?lanes=2", .badRequest),
                ("/api/map/dot?lanes=maybe", .badRequest),
                ("/api/map/svg?language=de", .badRequest),
                ("/api/map/png?language=%0Ade", .badRequest),
                // Sizes out of the library's range: no pixels, or too many.
                ("/api/map/png?width=0", .unprocessableContent),
                ("/api/map/png?width=-5", .unprocessableContent),
                ("/api/map/png?width=100000", .unprocessableContent),
                ("/api/map/png?scale=0", .unprocessableContent),
                ("/api/map/png?scale=-1", .unprocessableContent),
                ("/api/map/png?scale=1e9", .unprocessableContent),
            ]
            for (uri, status) in cases {
                let response = try await browser.get(uri)
                #expect(response.status == status, "\(uri): \(String(buffer: response.body))")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(uri)")
                let error = try browser.json(response)["error"] as? String
                #expect(error?.isEmpty == false && error?.contains("\n") == false, "\(uri)")
            }
            let tooBig = try browser.json(try await browser.get("/api/map/png?width=100000"))["error"] as? String
            #expect(tooBig?.contains("16384 pixels a side") == true, "\(tooBig ?? "")")
        }
        #expect(try m.fixture.unchanged() == before)
    }

    @Test func theFigureAndTheTablesAreWordDocumentsWithTheMapsSteps() async throws {
        let m = try map()
        try await m.fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let figure = try await ExportRouteTests.get(browser, "map/figure", [("lanes", "true")])
            #expect(figure.status == .ok, "\(String(buffer: figure.body).prefix(300))")
            #expect(figure.headers[.contentType] == ExportRouteTests.docx)
            #expect(ExportRouteTests.fileName(figure) == "arbeidskart-figur.docx")
            let word = try ExportRouteTests.word(figure, in: m.fixture)
            #expect(word.entries.contains("word/document.xml"))
            #expect(word.documentXML.contains("Henvisning") && word.documentXML.contains("Bli kjent"))
            #expect(word.paragraphs.contains { $0[1].contains("Kart over arbeidet") })
            let english = try await ExportRouteTests.get(browser, "map/figure", [("language", "en"), ("format", "html"), ("name", "kart.html")])
            #expect(english.headers[.contentType] == "text/html; charset=utf-8" && ExportRouteTests.fileName(english) == "kart.html")
            #expect(String(buffer: english.body).contains("Map of the work"))

            let tables = try await ExportRouteTests.get(browser, "map/tables", [("style", "report")])
            #expect(tables.status == .ok, "\(String(buffer: tables.body).prefix(300))")
            #expect(tables.headers[.contentType] == ExportRouteTests.docx)
            #expect(ExportRouteTests.fileName(tables) == "arbeidskart-tabeller.docx")
            let document = try ExportRouteTests.word(tables, in: m.fixture)
            #expect(document.documentXML.contains("Henvisning") && document.documentXML.contains("Bli kjent"))
            #expect(document.tables.count == MapTableKind.allCases.count)
            let chosen = try ExportRouteTests.word(try await ExportRouteTests.get(browser, "map/tables", [("tables", "steps"), ("tables", "texts")]), in: m.fixture)
            #expect(chosen.tables.count == 2)
            #expect(chosen.tables.first?.dropFirst().map { $0[0] } == ["Henvisning", "Bli kjent"])

            let csv = try await ExportRouteTests.get(browser, "map/tables", [("tables", "steps"), ("format", "csv"), ("delimiter", ";"), ("language", "en")])
            #expect(csv.status == .ok, "\(String(buffer: csv.body).prefix(300))")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8" && ExportRouteTests.fileName(csv) == "work-map-tables.csv")
            let rows = try ExportRouteTests.csv(Data(buffer: csv.body), delimiter: ";")
            #expect(rows.dropFirst().map { $0[0] } == ["Henvisning", "Bli kjent"], "\(rows)")
            #expect(rows.first?.first == "Step", "\(rows.first ?? [])")
        }
    }

    @Test func badExportQueriesAreOneLineRefusalsAndWriteNothing() async throws {
        let m = try map()
        let before = try m.fixture.unchanged()
        try await m.fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let cases: [(String, [(String, String)], HTTPResponse.Status, String?)] = [
                ("map/figure", [("format", "pdf")], .badRequest, "format"),
                ("map/figure", [("format", "csv")], .unprocessableContent, "docx, wordxml or html"),
                ("map/figure", [("lanes", "maybe")], .badRequest, "lanes"),
                ("map/figure", [("language", "de")], .badRequest, "language"),
                ("map/figure", [("name", "../kart")], .badRequest, "name"),
                ("map/tables", [("tables", "rivers")], .badRequest, "tables"),
                ("map/tables", [("tables", "steps"), ("tables", "rivers")], .badRequest, "tables"),
                ("map/tables", [("style", "fancy")], .badRequest, "style"),
                ("map/tables", [("format", "odt")], .badRequest, "format"),
                ("map/tables", [("format", "csv"), ("delimiter", "\"")], .badRequest, "delimiter"),
                ("map/tables", [("format", "csv")], .unprocessableContent, "a CSV file holds one table, and 5 were named"),
                ("map/tables", [("format", "csv"), ("tables", "steps"), ("tables", "quotes")], .unprocessableContent,
                 "a CSV file holds one table, and 2 were named (steps, quotes)"),
            ]
            for (path, query, status, words) in cases {
                let response = try await ExportRouteTests.get(browser, path, query)
                #expect(response.status == status, "\(path) \(query): \(String(buffer: response.body))")
                let error = try browser.json(response)["error"] as? String
                #expect(error?.isEmpty == false && error?.contains("\n") == false, "\(path) \(query)")
                if let words { #expect(error?.contains(words) == true, "\(path) \(query): \(error ?? "")") }
            }
        }
        #expect(try m.fixture.unchanged() == before)
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
