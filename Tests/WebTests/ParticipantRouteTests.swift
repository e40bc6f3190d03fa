import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing

/// The participants page's routes: the list carries what the page shows, each write does what the
/// library does (names, types and duplicates checked there), and every refused write changes nothing.
@Suite struct ParticipantRouteTests {
    /// What a refused write must leave as it was: the event count, the participants with their values
    /// and counts, and the attributes.
    struct Snapshot: Equatable {
        var events: Int
        var participants: [ParticipantSummary]
        var attributes: [Attribute]
    }

    static func snapshot(_ fixture: WebFixture) throws -> Snapshot {
        Snapshot(events: try fixture.store.eventCount(), participants: try fixture.store.participants(), attributes: try fixture.store.attributes())
    }

    static func participants(_ response: TestResponse) throws -> [ParticipantSummary] {
        try JSONDecoder().decode([ParticipantSummary].self, from: Data(buffer: response.body))
    }

    static func body(_ fields: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
    }

    @Test func theListCarriesAttributesTranscriptsAndCounts() async throws {
        let fixture = try WebFixture()
        let eva = try fixture.store.participant("Eva")
        try fixture.store.defineAttribute("ansiennitet", type: .float, label: "Antall år i NAV")
        try fixture.store.updateParticipant(eva.id, attributes: [("rolle", "jobbspesialist"), ("ansiennitet", "6,5")])
        try fixture.code("tillit er alt", ["Tillit"])
        try await fixture.test { browser in
            var reader = browser
            try await reader.logIn(as: "rita", role: .reader)
            let response = try await reader.get("/api/participants")
            #expect(response.status == .ok)
            let listed = try #require(try Self.participants(response).first)
            #expect(listed.pseudonym == "Eva")
            #expect(listed.attributes == ["rolle": "jobbspesialist", "ansiennitet": "6.5"])
            #expect(listed.transcripts == 1 && listed.segments == 1)
            #expect(listed.linkedTranscripts.map(\.name) == ["intervju-eva"])
            #expect(listed.linkedTranscripts.map(\.id) == [fixture.transcript])
            let attributes = try JSONDecoder().decode([Attribute].self, from: Data(buffer: try await reader.get("/api/attributes").body))
            #expect(attributes.map(\.name) == ["ansiennitet", "rolle"])
            #expect(attributes.map(\.type) == [.float, .text])
            #expect(attributes.first?.label == "Antall år i NAV")
            // Not logged in: nothing.
            #expect(try await browser.get("/api/participants").status == .unauthorized)
            #expect(try await browser.get("/api/attributes").status == .unauthorized)
        }
    }

    @Test func participantsAreAddedRenamedAndGivenValues() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let added = try await browser.post("/api/participants", json: #"{"pseudonym":"  Åse ","label":"Informant Å","attributes":{"alder":"34"}}"#)
            #expect(added.status == .created)
            let åse = try #require(UUID(uuidString: try browser.json(added)["id"] as? String ?? ""))
            #expect(try browser.json(added)["pseudonym"] as? String == "Åse")

            // «åse» is «Åse»: refused, nothing changed, the library's sentence as the error.
            let before = try Self.snapshot(fixture)
            let twin = try await browser.post("/api/participants", json: #"{"pseudonym":"åse"}"#)
            #expect(twin.status == .conflict)
            #expect(try browser.json(twin)["error"] as? String == #"a participant named "åse" already exists; nothing was changed."#)
            #expect(try Self.snapshot(fixture) == before)
            #expect(try await browser.post("/api/participants/\(åse)/rename", json: #"{"pseudonym":"EVA"}"#).status == .conflict)
            #expect(try Self.snapshot(fixture) == before)

            let renamed = try await browser.post("/api/participants/\(åse)/rename", json: #"{"pseudonym":"Øystein"}"#)
            #expect(renamed.status == .ok)
            #expect(try browser.json(renamed)["pseudonym"] as? String == "Øystein")
            let same = try await browser.post("/api/participants/\(åse)/rename", json: #"{"pseudonym":"Øystein"}"#)
            #expect(same.status == .unprocessableContent)

            // Values: a decimal comma is taken and stored with a point; one value that does not fit its
            // type refuses the whole change.
            #expect(try await browser.post("/api/attributes", json: #"{"name":"ansiennitet","type":"float"}"#).status == .created)
            let values = try await browser.post("/api/participants/\(åse)/update", json: #"{"label":"Informant Ø","attributes":{"ansiennitet":"3,5"}}"#)
            #expect(values.status == .ok)
            let summary = try JSONDecoder().decode(ParticipantSummary.self, from: Data(buffer: values.body))
            #expect(summary.attributes == ["alder": "34", "ansiennitet": "3.5"])
            #expect(summary.label == "Informant Ø")
            let typed = try Self.snapshot(fixture)
            let wrong = try await browser.post("/api/participants/\(åse)/update", json: #"{"label":"Ny","attributes":{"alder":"40","ansiennitet":"mye"}}"#)
            #expect(wrong.status == .unprocessableContent)
            let message = try browser.json(wrong)["error"] as? String ?? ""
            #expect(message.contains("ansiennitet") && message.contains("float"))
            #expect(try Self.snapshot(fixture) == typed)
            // An empty value clears it; an empty label removes it.
            let cleared = try await browser.post("/api/participants/\(åse)/update", json: #"{"label":"","attributes":{"alder":""}}"#)
            #expect(cleared.status == .ok)
            let øystein = try #require(try fixture.store.participants().first { $0.id == åse })
            #expect(øystein.attributes == ["ansiennitet": "3.5"] && øystein.label == nil)
            // Nothing asked: refused rather than logged as a change.
            #expect(try await browser.post("/api/participants/\(åse)/update", json: "{}").status == .unprocessableContent)
        }
    }

    @Test func attributesAreDefinedWithTheirTypes() async throws {
        let fixture = try WebFixture()
        let eva = try fixture.store.participant("Eva").id
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let rolle = try await browser.post("/api/attributes", json: #"{"name":"Rolle","type":"text","label":"Rolle i tjenesten"}"#)
            #expect(rolle.status == .created)
            #expect(try browser.json(rolle)["type"] as? String == "text")
            #expect(try await browser.post("/api/attributes", json: #"{"name":"fast ansatt","type":"boolean"}"#).status == .created)
            #expect(try await browser.post("/api/attributes", json: #"{"name":"startdato","type":"date"}"#).status == .created)
            let before = try Self.snapshot(fixture)
            // The same name in another case, a type there is not, a value that is no date.
            let twin = try await browser.post("/api/attributes", json: #"{"name":"rOLLE","type":"integer"}"#)
            #expect(twin.status == .conflict)
            let colour = try await browser.post("/api/attributes", json: #"{"name":"farge","type":"colour"}"#)
            #expect(colour.status == .badRequest)
            #expect((try browser.json(colour)["error"] as? String)?.contains("\"type\"") == true)
            let date = try await browser.post("/api/participants/\(eva)/update", json: #"{"attributes":{"startdato":"2024-02-31"}}"#)
            #expect(date.status == .unprocessableContent)
            #expect((try browser.json(date)["error"] as? String)?.contains("date") == true)
            #expect(try Self.snapshot(fixture) == before)

            let set = try await browser.post("/api/participants/\(eva)/update", json: #"{"attributes":{"fast ansatt":"ja","startdato":"2024-02-29","Rolle":"veileder"}}"#)
            #expect(set.status == .ok)
            #expect(try fixture.store.participants().first?.attributes == ["fast ansatt": "true", "startdato": "2024-02-29", "Rolle": "veileder"])

            let label = try await browser.post("/api/attributes/label", json: #"{"name":"rolle","label":"Rolle i NAV"}"#)
            #expect(label.status == .ok)
            #expect(try fixture.store.attributes().first { $0.name == "Rolle" }?.label == "Rolle i NAV")
            let back = try await browser.post("/api/attributes/label", json: #"{"name":"Rolle","label":null}"#)
            #expect(back.status == .ok)
            #expect(try fixture.store.attributes().first { $0.name == "Rolle" }?.label == nil)
            #expect(try await browser.post("/api/attributes/label", json: #"{"name":"yrke","label":"Yrke"}"#).status == .notFound)
        }
    }

    @Test func deletingWithDependentsIsRefusedThenForced() async throws {
        let fixture = try WebFixture()
        let eva = try fixture.store.participant("Eva").id
        try fixture.store.addMemo(on: .participant(eva), text: "Eva snakker mye om tillit.")
        try fixture.store.updateParticipant(eva, attributes: [("rolle", "jobbspesialist")])
        try fixture.code("tillit er alt", ["Tillit"])
        let lines = try fixture.store.transcriptPage(fixture.transcript).lines.count
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let preview = try await browser.get("/api/participants/\(eva)/deletion")
            #expect(preview.status == .ok)
            let counted = try JSONDecoder().decode(DeletionReport.self, from: Data(buffer: preview.body))
            #expect(!counted.wasDeleted && counted.record.name == "Eva")
            #expect(counted.count(of: .transcriptLink) == 1 && counted.count(of: .memo) == 1 && counted.count(of: .attributeValue) == 1)
            #expect(counted.count(of: .turn) == 2 && counted.count(of: .spokenSegment) == 1)
            #expect(counted.linked.map(\.name) == ["intervju-eva"])

            let before = try Self.snapshot(fixture)
            let refused = try await browser.post("/api/participants/\(eva)/delete", json: "{}")
            #expect(refused.status == .conflict)
            let error = try browser.json(refused)
            #expect(error["remedy"] as? String == "force")
            #expect((error["error"] as? String)?.hasPrefix("participant \"Eva\" is in use (") == true)
            #expect(try Self.snapshot(fixture) == before)

            let forced = try await browser.post("/api/participants/\(eva)/delete", json: #"{"force":true}"#)
            #expect(forced.status == .ok)
            let report = try JSONDecoder().decode(DeletionReport.self, from: Data(buffer: forced.body))
            #expect(report.wasDeleted && report.count(of: .memo) == 1)
            #expect(try fixture.store.participants().isEmpty)
            #expect(try fixture.store.memos().isEmpty)
            // The transcript and its coding stay; only who said it is gone.
            #expect(try fixture.store.transcriptPage(fixture.transcript).lines.count == lines)
            #expect(try fixture.store.units().map(\.text) == ["tillit er alt"])
            #expect(try await browser.get("/api/participants/\(eva)/deletion").status == .notFound)

            // Nothing hangs on a new participant: deleted without force.
            let added = try await browser.post("/api/participants", json: #"{"pseudonym":"Testperson"}"#)
            let id = try #require(try browser.json(added)["id"] as? String)
            #expect(try await browser.post("/api/participants/\(id)/delete", json: "{}").status == .ok)
        }
    }

    @Test func hostileInputChangesNothing() async throws {
        let fixture = try WebFixture()
        let eva = try fixture.store.participant("Eva").id
        try fixture.store.defineAttribute("rolle", type: .text)
        let unknown = UUID()
        // Names that break the rules: control characters, a line break, direction overrides, invisible
        // characters, blank, too long.
        let names = ["\u{1B}[2J", "Eva\nOla", "\u{202E}avE", "Ev\u{200B}a", "Eva\u{2066}", "   ", "", String(repeating: "ø", count: 201)]
        try await fixture.test { browser in
            var owner = browser
            try await owner.logIn()
            var reader = browser
            try await reader.logIn(as: "rita", role: .reader)
            let before = try Self.snapshot(fixture)
            // (who, uri, body, csrf override, expected status)
            var cases: [(Browser, String, String, String??, HTTPResponse.Status)] = [
                (reader, "/api/participants", #"{"pseudonym":"Åse"}"#, .none, .forbidden),
                (reader, "/api/participants/\(eva)/rename", #"{"pseudonym":"Åse"}"#, .none, .forbidden),
                (reader, "/api/participants/\(eva)/update", #"{"label":"Informant E"}"#, .none, .forbidden),
                (reader, "/api/participants/\(eva)/delete", #"{"force":true}"#, .none, .forbidden),
                (reader, "/api/attributes", #"{"name":"alder","type":"integer"}"#, .none, .forbidden),
                (reader, "/api/attributes/label", #"{"name":"rolle","label":"Rolle"}"#, .none, .forbidden),
                (owner, "/api/participants", #"{"pseudonym":"Åse"}"#, .some(nil), .forbidden),
                (owner, "/api/participants/\(eva)/delete", #"{"force":true}"#, .some(nil), .forbidden),
                (owner, "/api/attributes", #"{"name":"alder","type":"integer"}"#, .some("wrong"), .forbidden),
                (owner, "/api/participants/\(unknown)/rename", #"{"pseudonym":"Åse"}"#, .none, .notFound),
                (owner, "/api/participants/\(unknown)/update", #"{"label":"X"}"#, .none, .notFound),
                (owner, "/api/participants/\(unknown)/delete", #"{"force":true}"#, .none, .notFound),
                (owner, "/api/participants/not-an-id/delete", #"{"force":true}"#, .none, .badRequest),
                (owner, "/api/participants", #"{"pseudonym":"Åse""#, .none, .badRequest),
                (owner, "/api/participants", #"{"pseudonym":42}"#, .none, .badRequest),
                (owner, "/api/participants", "[]", .none, .badRequest),
                (owner, "/api/participants", #"{"pseudonym":"Åse","attributes":{"alder":34}}"#, .none, .badRequest),
                (owner, "/api/participants/\(eva)/rename", "{}", .none, .badRequest),
                (owner, "/api/participants/\(eva)/update", #"{"attributes":["rolle"]}"#, .none, .badRequest),
                (owner, "/api/participants/\(eva)/delete", "not json", .none, .badRequest),
                (owner, "/api/attributes", #"{"name":"alder"}"#, .none, .badRequest),
                (owner, "/api/participants", #"{"pseudonym":"\#(String(repeating: "ø", count: WebLimits.jsonBody))"}"#, .none, .contentTooLarge),
                // A refused deletion: in use, the remedy says force.
                (owner, "/api/participants/\(eva)/delete", "{}", .none, .conflict),
            ]
            for name in names {
                let status: HTTPResponse.Status = .unprocessableContent
                cases.append((owner, "/api/participants", try Self.body(["pseudonym": name]), .none, status))
                cases.append((owner, "/api/participants/\(eva)/rename", try Self.body(["pseudonym": name]), .none, status))
                cases.append((owner, "/api/attributes", try Self.body(["name": name, "type": "text"]), .none, status))
                cases.append((owner, "/api/participants/\(eva)/update", try Self.body(["attributes": [name: "x"]]), .none, status))
            }
            for (who, uri, body, csrf, status) in cases {
                let response = try await who.post(uri, json: body, csrf: csrf)
                #expect(response.status == status, "\(uri) \(body.prefix(80))")
                let error = try who.json(response)["error"] as? String ?? ""
                #expect(!error.isEmpty && !error.contains("\n"), "one line: \(uri) \(error)")
                // The name is shown with its invisible characters written out, never as they are.
                #expect(!error.unicodeScalars.contains { $0.properties.isBidiControl || $0 == "\u{1B}" }, "\(uri) \(error)")
                #expect(try Self.snapshot(fixture) == before, "\(uri) \(body.prefix(80))")
            }
            #expect(try await owner.get("/api/participants/\(unknown)/deletion").status == .notFound)
            #expect(try await owner.get("/api/participants/nope/deletion").status == .badRequest)
            #expect(try await reader.get("/api/participants/\(eva)/deletion").status == .ok)
            #expect(try Self.snapshot(fixture) == before)
        }
    }
}
