import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing

/// The memos page's routes: every memo listed with what it is on, who wrote it and where its record is
/// read, filtered by kind and words; edits and deletions checked against the text they started from;
/// every refused write changes nothing.
@Suite struct MemoRouteTests {
    /// What a refused write must leave as it was: the event count and every memo.
    struct Snapshot: Equatable {
        var events: Int
        var memos: [MemoEntry]
    }

    static func snapshot(_ fixture: WebFixture) throws -> Snapshot {
        Snapshot(events: try fixture.store.eventCount(), memos: try fixture.store.memos())
    }

    static func list(_ response: TestResponse) throws -> MemoList {
        try JSONDecoder.iso.decode(MemoList.self, from: Data(buffer: response.body))
    }

    /// Five memos, one on each kind of record, the last two by berit: oldest first, project, transcript,
    /// participant, code, segment.
    static func memos(_ fixture: WebFixture) throws -> (segment: Segment.ID, code: Code.ID, ids: [Memo.ID]) {
        let coded = try fixture.code("tillit er alt", ["Relasjon/Tillit"])
        let code = try fixture.codeID("Relasjon/Tillit")
        let eva = try fixture.store.participant("Eva").id
        let berit = try fixture.store.acting(as: "berit")
        let ids = [
            try fixture.store.addMemo(on: .project, text: "Helhetsinntrykk: tillit går igjen.").id,
            try fixture.store.addMemo(on: .transcript(fixture.transcript), text: "Første gjennomlesning av Eva.").id,
            try fixture.store.addMemo(on: .participant(eva), text: "ÅSE nevnes som kollega.").id,
            try berit.addMemo(on: .code(code), text: "Brukes når de snakker om å stole på noen.").id,
            try berit.addMemo(on: .segment(coded.segment.id), text: "Sterkt utsagn – «alt». Hun får det til.").id,
        ]
        return (coded.segment.id, code, ids)
    }

    @Test func theListCarriesWhatEachMemoIsOnAndWhereItIsRead() async throws {
        let fixture = try WebFixture()
        let (segment, code, ids) = try Self.memos(fixture)
        try await fixture.test { browser in
            var reader = browser
            try await reader.logIn(as: "rita", role: .reader)
            let response = try await reader.get("/api/memos")
            #expect(response.status == .ok)
            let all = try Self.list(response)
            #expect(all.total == 5 && all.offset == 0)
            #expect(all.memos.map(\.id) == ids.reversed(), "newest first")
            #expect(all.memos.map(\.author) == ["berit", "berit", "anne", "anne", "anne"])
            #expect(all.memos.map(\.targetKind) == [.segment, .code, .participant, .transcript, .project])

            let onSegment = all.memos[0]
            #expect(onSegment.targetId == segment && onSegment.targetName == segment.shortID)
            let place = try #require(onSegment.place)
            #expect(place.transcriptId == fixture.transcript && place.transcript == "intervju-eva")
            #expect(place.firstLine == 2 && place.lastLine == 2)
            #expect(place.text == "tillit er alt" && place.codes == ["Relasjon/Tillit"])
            #expect(all.memos[1].targetId == code && all.memos[1].targetName == "Relasjon/Tillit" && all.memos[1].place == nil)
            #expect(all.memos[2].targetName == "Eva")
            #expect(all.memos[3].place?.transcriptId == fixture.transcript && all.memos[3].place?.firstLine == nil)
            #expect(all.memos[4].targetName == nil && all.memos[4].on == "project" && !all.memos[4].targetIsDeleted)

            // Filters: a kind; words in any case, æøå folded too, but «far» is not «får».
            #expect(try Self.list(try await reader.get("/api/memos?kind=code")).memos.map(\.id) == [ids[3]])
            #expect(try Self.list(try await reader.get("/api/memos?q=%C3%A5se")).memos.map(\.id) == [ids[2]])
            #expect(try Self.list(try await reader.get("/api/memos?q=TILLIT")).memos.map(\.id) == [ids[0]])
            #expect(try Self.list(try await reader.get("/api/memos?q=f%C3%A5r")).memos.map(\.id) == [ids[4]])
            #expect(try Self.list(try await reader.get("/api/memos?q=far")).total == 0)
            #expect(try Self.list(try await reader.get("/api/memos?kind=segment&q=tillit")).total == 0)
            // Pages.
            let second = try Self.list(try await reader.get("/api/memos?offset=2&limit=2"))
            #expect(second.total == 5 && second.offset == 2 && second.memos.map(\.id) == [ids[2], ids[1]])
            #expect(try Self.list(try await reader.get("/api/memos?offset=10")).memos.isEmpty)
            // One memo, whole.
            let one = try await reader.get("/api/memos/\(ids[3])")
            #expect(one.status == .ok)
            #expect(try reader.json(one)["text"] as? String == "Brukes når de snakker om å stole på noen.")

            for bad in ["kind=note", "kind=Segment", "limit=0", "limit=201", "offset=-1", "offset=x", "q=\(String(repeating: "a", count: 1001))"] {
                let refused = try await reader.get("/api/memos?\(bad)")
                #expect(refused.status == .badRequest, "\(bad)")
                #expect((try reader.json(refused)["error"] as? String)?.isEmpty == false)
            }
            #expect(try await reader.get("/api/memos/\(UUID())").status == .notFound)
            #expect(try await reader.get("/api/memos/nope").status == .badRequest)
            #expect(try await browser.get("/api/memos").status == .unauthorized)
        }
    }

    @Test func aMemoIsEditedAndDeletedOnlyFromTheTextItShows() async throws {
        let fixture = try WebFixture()
        let (_, _, ids) = try Self.memos(fixture)
        let original = "Første gjennomlesning av Eva."
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let body = { (text: String, from: String) in
                String(decoding: try JSONEncoder().encode(["text": text, "original": from]), as: UTF8.self)
            }
            let edited = try await browser.post("/api/memos/\(ids[1])/update", json: try body("Første gjennomlesning: mye om tillit.", original))
            #expect(edited.status == .ok)
            #expect(try browser.json(edited)["text"] as? String == "Første gjennomlesning: mye om tillit.")
            #expect(try browser.json(edited)["author"] as? String == "anne")

            // The page still shows the old text: its edit and its deletion are refused, nothing changed.
            let before = try Self.snapshot(fixture)
            let stale = try await browser.post("/api/memos/\(ids[1])/update", json: try body("Min versjon.", original))
            #expect(stale.status == .conflict)
            #expect((try browser.json(stale)["error"] as? String)?.contains("changed by someone else") == true)
            let staleDelete = try await browser.post("/api/memos/\(ids[1])/delete", json: try Self.json(["original": original]))
            #expect(staleDelete.status == .conflict)
            #expect(try Self.snapshot(fixture) == before)
            // The same text, or none: refused.
            let now = "Første gjennomlesning: mye om tillit."
            #expect(try await browser.post("/api/memos/\(ids[1])/update", json: try body(now, now)).status == .unprocessableContent)
            #expect(try await browser.post("/api/memos/\(ids[1])/update", json: try body(" \n ", now)).status == .unprocessableContent)
            #expect(try Self.snapshot(fixture) == before)

            // Another coder's memo may be edited too (a team shares its memos); the author stays.
            let theirs = try await browser.post("/api/memos/\(ids[3])/update", json: #"{"text":"Brukes om å stole på noen."}"#)
            #expect(theirs.status == .ok)
            #expect(try browser.json(theirs)["author"] as? String == "berit")

            let deleted = try await browser.post("/api/memos/\(ids[1])/delete", json: try Self.json(["original": now]))
            #expect(deleted.status == .ok)
            #expect(try browser.json(deleted)["text"] as? String == now)
            #expect(try fixture.store.memos().map(\.id) == [ids[0], ids[2], ids[3], ids[4]])
            // Without `original` (a script), the deletion is not checked.
            #expect(try await browser.post("/api/memos/\(ids[0])/delete", json: "{}").status == .ok)
            #expect(try await browser.post("/api/memos/\(ids[0])/delete", json: "{}").status == .notFound)
        }
    }

    @Test func hostileInputChangesNothing() async throws {
        let fixture = try WebFixture()
        let (_, _, ids) = try Self.memos(fixture)
        let unknown = UUID()
        try await fixture.test { browser in
            var owner = browser
            try await owner.logIn()
            var reader = browser
            try await reader.logIn(as: "rita", role: .reader)
            let before = try Self.snapshot(fixture)
            let cases: [(Browser, String, String, String??, HTTPResponse.Status)] = [
                (reader, "/api/memos", #"{"kind":"project","text":"Lest."}"#, .none, .forbidden),
                (reader, "/api/memos/\(ids[0])/update", #"{"text":"Lest."}"#, .none, .forbidden),
                (reader, "/api/memos/\(ids[0])/delete", "{}", .none, .forbidden),
                (owner, "/api/memos/\(ids[0])/update", #"{"text":"Ny."}"#, .some(nil), .forbidden),
                (owner, "/api/memos/\(ids[0])/delete", "{}", .some(nil), .forbidden),
                (owner, "/api/memos/\(ids[0])/delete", "{}", .some("wrong"), .forbidden),
                (owner, "/api/memos/\(unknown)/update", #"{"text":"Ny."}"#, .none, .notFound),
                (owner, "/api/memos/\(unknown)/delete", "{}", .none, .notFound),
                (owner, "/api/memos/not-an-id/delete", "{}", .none, .badRequest),
                (owner, "/api/memos/\(ids[0])/update", #"{"text":"Ny.""#, .none, .badRequest),
                (owner, "/api/memos/\(ids[0])/update", #"{"text":7}"#, .none, .badRequest),
                (owner, "/api/memos/\(ids[0])/update", "{}", .none, .badRequest),
                (owner, "/api/memos/\(ids[0])/delete", "[1,2", .none, .badRequest),
                (owner, "/api/memos/\(ids[0])/delete", #"{"original":false}"#, .none, .badRequest),
                (owner, "/api/memos", #"{"kind":"note","text":"x"}"#, .none, .badRequest),
                (owner, "/api/memos", #"{"kind":"segment","id":"\#(unknown)","text":"x"}"#, .none, .notFound),
                (owner, "/api/memos", #"{"kind":"code","text":"x"}"#, .none, .unprocessableContent),
                (owner, "/api/memos", #"{"kind":"project","text":"   "}"#, .none, .unprocessableContent),
                (owner, "/api/memos/\(ids[0])/update", try Self.json(["text": String(repeating: "ø", count: WebLimits.jsonBody)]), .none, .contentTooLarge),
                (owner, "/api/memos", String(repeating: "{", count: 100_000), .none, .badRequest),
            ]
            for (who, uri, body, csrf, status) in cases {
                let response = try await who.post(uri, json: body, csrf: csrf)
                #expect(response.status == status, "\(uri) \(body.prefix(80))")
                let error = try who.json(response)["error"] as? String ?? ""
                #expect(!error.isEmpty && !error.contains("\n"), "one line: \(uri) \(error)")
                #expect(try Self.snapshot(fixture) == before, "\(uri) \(body.prefix(80))")
            }
        }
    }

    static func json(_ fields: [String: String]) throws -> String {
        String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
    }
}

extension JSONDecoder {
    /// The API's dates are ISO 8601.
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
