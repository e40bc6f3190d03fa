import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Privacy
import QualCode
import QualCodeWeb
import Testing

/// The owner's pages on the server: the ethics register (approvals, consents, the deletion plan, the
/// audio deletion log) and withdrawing a participant (a preview, then the withdrawal confirmed by the
/// pseudonym). Nobody else gets either; every refused write says why in one line and changes nothing.
@Suite struct EthicsRouteTests {
    static func register(_ browser: Browser, _ response: TestResponse) throws -> EthicsRegister {
        try JSONDecoder().decode(EthicsRegister.self, from: Data(buffer: response.body))
    }

    struct Snapshot: Equatable {
        var events: Int
        var register: EthicsRegister
        var participants: [String]
        var transcripts: [String]
    }

    static func snapshot(_ fixture: WebFixture) throws -> Snapshot {
        Snapshot(events: try fixture.store.eventCount(), register: try Privacy(fixture.store).ethicsRegister(),
                 participants: try fixture.store.participants().map(\.pseudonym), transcripts: try fixture.store.transcripts().map(\.name))
    }

    static func json(_ fields: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
    }

    @Test func theOwnerKeepsTheRegisterAndItsWarningsFollow() async throws {
        let fixture = try WebFixture()
        let eva = try fixture.store.participant("Eva").id
        try await fixture.test { browser in
            var owner = browser
            try await owner.logIn()
            let empty = try Self.register(owner, try await owner.get("/api/ethics"))
            #expect(empty.warnings == ["No consent is recorded for Eva.", "No approval is recorded (Sikt, an ethics committee)."])

            let approved = try await owner.post("/api/ethics/approvals", json: #"{"body":" Sikt ","reference":"123456","date":"2026-01-15","note":"Meldeskjema"}"#)
            #expect(approved.status == .ok)
            #expect(try Self.register(owner, approved).approvals == [EthicsApproval(body: "Sikt", reference: "123456", date: "2026-01-15", note: "Meldeskjema")])

            let consent = try await owner.post("/api/ethics/consents", json: try Self.json(["participant": eva.uuidString, "date": "2026-02-01", "form": "skriftlig samtykke"]))
            #expect(consent.status == .ok)
            let withConsent = try Self.register(owner, consent)
            #expect(withConsent.consents.map(\.participant) == ["Eva"] && withConsent.withoutConsent.isEmpty)

            // Dates in the past: the audio is overdue until its deletion is logged.
            let planned = try await owner.post("/api/ethics/plan", json: #"{"audioBy":"2020-06-30","dataBy":""}"#)
            #expect(planned.status == .ok)
            let plan = try Self.register(owner, planned)
            #expect(plan.deleteAudioBy == "2020-06-30" && plan.deleteDataBy == nil)
            #expect(plan.warnings == ["Audio was to be deleted by 2020-06-30; no deletion is logged for Eva."])

            let deleted = try await owner.post("/api/ethics/audio-deletions", json: try Self.json(["participant": eva.uuidString, "date": "2020-06-01", "method": "slettet fra opptaker"]))
            #expect(deleted.status == .ok)
            let done = try Self.register(owner, deleted)
            #expect(done.audioDeletions.map(\.participant) == ["Eva"] && done.audioDeletions.first?.recordedBy == "anne")
            #expect(done.warnings.isEmpty)
            #expect(try Self.register(owner, try await owner.get("/api/ethics")) == done)
        }
    }

    @Test func nobodyButTheOwnerSeesOrChangesTheRegister() async throws {
        let fixture = try WebFixture()
        let eva = try fixture.store.participant("Eva").id
        let before = try Self.snapshot(fixture)
        try await fixture.test { browser in
            var coder = browser, reader = browser, owner = browser
            try await coder.logIn(as: "lars", role: .coder)
            try await reader.logIn(as: "rita", role: .reader)
            try await owner.logIn()
            let writes = [("/api/ethics/approvals", #"{"body":"Sikt","reference":"1","date":"2026-01-15"}"#),
                          ("/api/ethics/consents", try Self.json(["participant": eva.uuidString, "date": "2026-02-01", "form": "muntlig"])),
                          ("/api/ethics/plan", #"{"audioBy":"2026-06-30"}"#),
                          ("/api/ethics/audio-deletions", try Self.json(["participant": eva.uuidString, "date": "2026-02-01"])),
                          ("/api/participants/\(eva)/withdraw", #"{"confirm":"Eva"}"#)]
            for someone in [coder, reader] {
                #expect(try await someone.get("/api/ethics").status == .forbidden)
                #expect(try await someone.get("/api/participants/\(eva)/withdrawal").status == .forbidden)
                for (uri, body) in writes {
                    let refused = try await someone.post(uri, json: body)
                    #expect(refused.status == .forbidden, "\(uri)")
                    #expect((try someone.json(refused)["error"] as? String)?.hasPrefix("only the project's owner may do this") == true)
                }
            }
            #expect(try await browser.get("/api/ethics").status == .unauthorized)
            for (uri, body) in writes {
                #expect(try await browser.post(uri, json: body).status == .unauthorized, "\(uri)")
                #expect(try await owner.post(uri, json: body, csrf: .some(nil)).status == .forbidden, "\(uri)")
            }
        }
        #expect(try Self.snapshot(fixture) == before)
    }

    @Test func badInputToTheRegisterIsRefusedInOneLineWithNothingChanged() async throws {
        let fixture = try WebFixture()
        let eva = try fixture.store.participant("Eva").id
        let before = try Self.snapshot(fixture)
        let long = String(repeating: "å", count: 501)
        try await fixture.test { browser in
            var owner = browser
            try await owner.logIn()
            let refusals: [(String, String, HTTPResponse.Status, String?)] = [
                ("approvals", #"{"body":"Sikt","reference":"1","date":"15.13.2026"}"#, .unprocessableContent,
                 #""15.13.2026" is not a date: expected YYYY-MM-DD; nothing was changed."#),
                ("approvals", #"{"body":"Sikt","reference":"1","date":"2026-02-30"}"#, .unprocessableContent, nil),
                ("approvals", #"{"body":"  ","reference":"1","date":"2026-01-15"}"#, .unprocessableContent, "The approving body is empty; nothing was changed."),
                ("approvals", try Self.json(["body": long, "reference": "1", "date": "2026-01-15"]), .badRequest,
                 "body is 501 characters long, more than 500; nothing was changed"),
                ("approvals", try Self.json(["body": "Sikt", "reference": "1", "date": "2026-01-15", "note": String(repeating: "x", count: 2_001)]), .badRequest, nil),
                ("approvals", try Self.json(["body": "Sikt", "reference": "1", "date": String(repeating: "2", count: 41)]), .badRequest, nil),
                ("approvals", #"{"body":"Sikt","reference":"1"}"#, .badRequest, #"the request body is not the JSON this route takes ("date" is missing)"#),
                ("approvals", #"{"body":"Sikt","#, .badRequest, nil),
                ("approvals", #"{"body":["Sikt"],"reference":"1","date":"2026-01-15"}"#, .badRequest, nil),
                ("approvals", "{\"body\":\"" + String(repeating: "S", count: 2_000_000) + "\",\"reference\":\"1\",\"date\":\"2026-01-15\"}", .contentTooLarge, nil),
                ("consents", try Self.json(["participant": UUID().uuidString, "date": "2026-02-01", "form": "muntlig"]), .notFound, nil),
                ("consents", try Self.json(["participant": "Eva", "date": "2026-02-01", "form": "muntlig"]), .badRequest, nil),
                ("consents", try Self.json(["participant": eva.uuidString, "date": "i går", "form": "muntlig"]), .unprocessableContent, nil),
                ("consents", try Self.json(["participant": eva.uuidString, "date": "2026-02-01", "form": long]), .badRequest, nil),
                ("plan", "{}", .badRequest, "give audioBy, dataBy or both (YYYY-MM-DD); nothing was changed"),
                ("plan", #"{"audioBy":"2026-06-30","dataBy":"snart"}"#, .unprocessableContent, nil),
                ("audio-deletions", try Self.json(["participant": UUID().uuidString, "date": "2026-02-01"]), .notFound, nil),
                ("audio-deletions", try Self.json(["participant": eva.uuidString, "date": "2026-02-01", "method": long]), .badRequest, nil),
            ]
            for (route, body, status, message) in refusals {
                let response = try await owner.post("/api/ethics/\(route)", json: body)
                #expect(response.status == status, "\(route) \(body.prefix(80))")
                let error = try owner.json(response)["error"] as? String ?? ""
                #expect(!error.isEmpty && !error.contains("\n") && error.count < 400, "\(route): \(error)")
                if let message { #expect(error == message) }
            }
        }
        #expect(try Self.snapshot(fixture) == before)
    }

    // MARK: - Withdrawal

    /// Kari with an interview of her own, a coded passage in it and a quote export made from it.
    static func withKari(_ fixture: WebFixture) throws -> Participant.ID {
        let file = fixture.folder.appendingPathComponent("intervju-kari.txt")
        try Data("Intervjuer: Hva gjør du?\nKari: Jeg følger opp folk på arbeidsplassen i Lillevik.\n".utf8).write(to: file)
        var options = ImportOptions()
        options.participants = ["Kari"]
        let kari = try fixture.store.addParticipant(pseudonym: "Kari").id
        let transcript = try #require(try fixture.store.importTranscripts([file], options: options).first?.id)
        let text = try fixture.store.transcript(transcript).text
        let range = try #require(text.range(of: "følger opp folk"))
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
        _ = try fixture.store.code(transcript, .offsets(start: start, end: start + 15), codes: ["Oppfølging"])
        return kari
    }

    @Test func theOwnerSeesWhatGoesAndWithdrawsByTypingThePseudonym() async throws {
        let fixture = try WebFixture()
        let kari = try Self.withKari(fixture)
        try await fixture.test { browser in
            var owner = browser
            try await owner.logIn()
            let before = try Self.snapshot(fixture)
            let preview = try await owner.get("/api/participants/\(kari)/withdrawal")
            #expect(preview.status == .ok)
            let report = try JSONDecoder().decode(WithdrawalReport.self, from: Data(buffer: preview.body))
            #expect(report.participant == "Kari" && report.transcripts == ["intervju-kari"] && report.focusGroups.isEmpty)
            #expect(report.dependents.contains { $0.kind.id == "coding" && $0.count == 1 })
            #expect(try Self.snapshot(fixture) == before)

            // Anything but the pseudonym exactly is refused, with nothing changed.
            for typed in ["", "kari", "Kari Nordmann", "Eva"] {
                let refused = try await owner.post("/api/participants/\(kari)/withdraw", json: try Self.json(["confirm": typed]))
                #expect(refused.status == .unprocessableContent, "\(typed)")
                #expect(try owner.json(refused)["error"] as? String == "type the participant's pseudonym exactly to confirm the withdrawal; nothing was changed")
            }
            #expect(try await owner.post("/api/participants/\(kari)/withdraw", json: "{}").status == .badRequest)
            #expect(try await owner.post("/api/participants/\(kari)/withdraw", json: #"{"confirm": 1}"#).status == .badRequest)
            #expect(try Self.snapshot(fixture) == before)

            let withdrawn = try await owner.post("/api/participants/\(kari)/withdraw", json: #"{"confirm":" Kari "}"#)
            #expect(withdrawn.status == .ok)
            let done = try JSONDecoder().decode(ParticipantWithdrawal.self, from: Data(buffer: withdrawn.body))
            #expect(done.report.transcripts == ["intervju-kari"] && !done.removedFromKey)
            #expect(try fixture.store.participants().map(\.pseudonym) == ["Eva"])
            #expect(try fixture.store.transcripts().map(\.name) == ["intervju-eva"])
            // She is gone: a second try finds no one.
            #expect(try await owner.get("/api/participants/\(kari)/withdrawal").status == .notFound)
            #expect(try await owner.post("/api/participants/\(kari)/withdraw", json: #"{"confirm":"Kari"}"#).status == .notFound)
            #expect(try await owner.get("/api/participants/not-an-id/withdrawal").status == .badRequest)
        }
    }

    @Test func aSealedKeyTheServerCannotOpenStopsTheWithdrawalBeforeAnythingGoes() async throws {
        let fixture = try WebFixture()
        let kari = try Self.withKari(fixture)
        let privacy = Privacy(fixture.store)
        try privacy.createKey(passphrase: "korrekt hest batteri stift")
        let before = try Self.snapshot(fixture)
        try await fixture.test { browser in
            var owner = browser
            try await owner.logIn()
            let refused = try await owner.post("/api/participants/\(kari)/withdraw", json: #"{"confirm":"Kari"}"#)
            #expect(refused.status == .serviceUnavailable)
            #expect((try owner.json(refused)["error"] as? String)?.contains("its passphrase is needed; nothing was changed") == true)
        }
        #expect(try Self.snapshot(fixture) == before)
    }
}
