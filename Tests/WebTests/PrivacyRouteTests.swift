import Agreement
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Privacy
import QualCode
import QualCodeWeb
import Testing

/// The transcript's «Personvern» panel on the server: the findings of one transcript with the key's state
/// and the pronoun policy, and replacing, dismissing and restoring them — each refused with one line and
/// nothing changed for a number no finding has, hostile or huge input, a reader, or a missing CSRF token.
@Suite struct PrivacyRouteTests {
    /// Invented: a synthetic national identity number (month + 80, valid check digits), a phone number
    /// and an e-mail address, and a real name the key knows.
    static let interview = """
        Intervjuer: Hvordan får vi tak i deg?
        Kari: Fødselsnummeret mitt er 15879010079, og du kan ringe 912 34 567.
        Kari: Eller skriv til kari.prove@eksempel.no, spør etter Tordis Testdatter.
        """

    /// The fixture's project with Kari's interview imported beside Eva's.
    static func fixture() throws -> (WebFixture, Transcript.ID) {
        let fixture = try WebFixture()
        let file = fixture.folder.appendingPathComponent("intervju-kari.txt")
        try Data(interview.utf8).write(to: file)
        var options = ImportOptions()
        options.participants = ["Kari"]
        _ = try fixture.store.addParticipant(pseudonym: "Kari")
        let transcript = try #require(try fixture.store.importTranscripts([file], options: options).first?.id)
        return (fixture, transcript)
    }

    struct Listed: Decodable {
        var transcript: UUID
        var name: String
        var hasKey: Bool
        var keyOpen: Bool
        var policy: String
        var findings: [Finding]
    }

    static func listed(_ browser: Browser, _ transcript: Transcript.ID) async throws -> Listed {
        let response = try await browser.get("/api/transcripts/\(transcript)/privacy")
        #expect(response.status == .ok)
        return try JSONDecoder().decode(Listed.self, from: Data(buffer: response.body))
    }

    /// What a refused request must leave as it was: the events, the text and the dismissals as a scan sees them.
    struct Snapshot: Equatable {
        var events: Int
        var text: String
        var findings: [Finding]
    }

    static func snapshot(_ fixture: WebFixture, _ transcript: Transcript.ID) throws -> Snapshot {
        Snapshot(events: try fixture.store.eventCount(), text: try fixture.store.transcript(transcript).text,
                 findings: try Privacy(fixture.store).scan([transcript], pronouns: true).first?.findings ?? [])
    }

    @Test func theFindingsOfOneTranscriptAreListedForAnyoneWhoMayReadIt() async throws {
        let (fixture, transcript) = try Self.fixture()
        try await fixture.test { browser in
            var reader = browser
            try await reader.logIn(as: "rita", role: .reader)
            let listed = try await Self.listed(reader, transcript)
            #expect(listed.transcript == transcript && listed.name == "intervju-kari")
            #expect(listed.findings.map(\.kind) == [.nationalIdentityNumber, .phoneNumber, .email])
            #expect(listed.findings.map(\.text) == ["15879010079", "912 34 567", "kari.prove@eksempel.no"])
            #expect(listed.findings.map(\.line) == [2, 2, 3])
            #expect(listed.findings.map(\.replacement) == ["[fødselsnummer]", "[telefonnummer]", "[e-post]"])
            #expect(listed.findings.allSatisfy { !$0.dismissed && $0.id.count == 12 })
            // No key: nothing to say about it; the policy leaves pronouns as spoken.
            #expect(!listed.hasKey && !listed.keyOpen && listed.policy == "as-spoken")
            // Offsets are the store's (Unicode scalars), as codings count them.
            let text = try fixture.store.transcript(transcript).text
            let scalars = Array(text.unicodeScalars)
            for finding in listed.findings {
                #expect(String(String.UnicodeScalarView(scalars[finding.start..<finding.end])) == finding.text)
            }
            #expect(try await browser.get("/api/transcripts/\(transcript)/privacy").status == .unauthorized)
            #expect(try await reader.get("/api/transcripts/\(UUID())/privacy").status == .notFound)
            #expect(try await reader.get("/api/transcripts/not-an-id/privacy").status == .badRequest)
        }
    }

    @Test func aReplacementChangesTheTextAndTheCodingStaysOnIt() async throws {
        let (fixture, transcript) = try Self.fixture()
        let text = try fixture.store.transcript(transcript).text
        let sentence = "du kan ringe 912 34 567"
        let range = try #require(text.range(of: sentence))
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
        _ = try fixture.store.code(transcript, .offsets(start: start, end: start + sentence.unicodeScalars.count), codes: ["Kontakt"])
        try await fixture.test { browser in
            var owner = browser
            try await owner.logIn()
            let phone = try #require(try await Self.listed(owner, transcript).findings.first { $0.kind == .phoneNumber })
            let applied = try await owner.post("/api/transcripts/\(transcript)/privacy/apply", json: #"{"ids":["\#(phone.id)"]}"#)
            #expect(applied.status == .ok)
            let report = try owner.json(applied)
            #expect(report["applied"] as? Int == 1)
            #expect(report["byKind"] as? [String: Int] == ["phoneNumber": 1])
            #expect(report["segmentsChanged"] as? Int == 1)
            let now = try fixture.store.transcript(transcript).text
            #expect(now.contains("du kan ringe [telefonnummer]") && !now.contains("912 34 567"))
            // The coded passage is coded still, on the replacement.
            let page = try owner.json(try await owner.get("/api/transcripts/\(transcript)"))
            let codings = try #require(page["codings"] as? [[String: Any]])
            #expect(codings.count == 1)
            let coding = try #require(codings.first)
            let scalars = Array(now.unicodeScalars)
            let from = try #require(coding["start"] as? Int), to = try #require(coding["end"] as? Int)
            #expect(String(String.UnicodeScalarView(scalars[from..<to])) == "du kan ringe [telefonnummer]")
            #expect(try await Self.listed(owner, transcript).findings.map(\.kind) == [.nationalIdentityNumber, .email])
            // The same number again: applied already, so no finding has it.
            let again = try await owner.post("/api/transcripts/\(transcript)/privacy/apply", json: #"{"ids":["\#(phone.id)"]}"#)
            #expect(again.status == .notFound)
            #expect(try owner.json(again)["error"] as? String == "No finding has the number \"\(phone.id)\" (applied already, or the text changed since the scan); nothing was changed.")

            // Every finding not dismissed, in one go.
            let all = try await owner.post("/api/transcripts/\(transcript)/privacy/apply", json: #"{"all":true}"#)
            #expect(all.status == .ok)
            #expect(try owner.json(all)["applied"] as? Int == 2)
            #expect(try await Self.listed(owner, transcript).findings.isEmpty)
            let none = try await owner.post("/api/transcripts/\(transcript)/privacy/apply", json: #"{"all":true}"#)
            #expect(none.status == .unprocessableContent)
            #expect(try owner.json(none)["error"] as? String == "No finding to apply; nothing was changed.")
        }
    }

    @Test func aFindingIsDismissedHereOrEverywhereAndRestored() async throws {
        let (fixture, transcript) = try Self.fixture()
        try await fixture.test { browser in
            var coder = browser
            try await coder.logIn(as: "lars", role: .coder)
            let found = try await Self.listed(coder, transcript).findings
            let number = try #require(found.first { $0.kind == .nationalIdentityNumber })
            let dismissed = try await coder.post("/api/transcripts/\(transcript)/privacy/dismiss", json: #"{"ids":["\#(number.id)"]}"#)
            #expect(dismissed.status == .ok)
            #expect(try coder.json(dismissed)["count"] as? Int == 1)
            var listed = try await Self.listed(coder, transcript).findings
            #expect(listed.map(\.dismissed) == [true, false, false])
            // «Erstatt alle» passes a dismissed finding by.
            let all = try await coder.post("/api/transcripts/\(transcript)/privacy/apply", json: #"{"all":true}"#)
            #expect(try coder.json(all)["applied"] as? Int == 2)
            #expect(try fixture.store.transcript(transcript).text.contains("15879010079"))
            // The log says who dismissed it, not the words.
            let history = try fixture.store.history(before: nil, limit: 20)
            let entry = try #require(history.first { $0.action == "privacy.dismiss" })
            #expect(entry.actor == "lars")

            listed = try await Self.listed(coder, transcript).findings
            let restored = try await coder.post("/api/transcripts/\(transcript)/privacy/restore", json: #"{"ids":["\#(listed[0].id)"]}"#)
            #expect(restored.status == .ok)
            #expect(try coder.json(restored)["count"] as? Int == 1)
            #expect(try await Self.listed(coder, transcript).findings.map(\.dismissed) == [false])
            // Restoring one that is not dismissed: no dismissed finding has the number.
            #expect(try await coder.post("/api/transcripts/\(transcript)/privacy/restore", json: #"{"ids":["\#(listed[0].id)"]}"#).status == .notFound)

            // Everywhere: the same number in another transcript is dismissed too.
            let other = fixture.folder.appendingPathComponent("intervju-kari-2.txt")
            try Data("Kari: Nummeret er 15879010079.\n".utf8).write(to: other)
            let second = try #require(try fixture.store.importTranscripts([other]).first?.id)
            let again = try #require(try await Self.listed(coder, transcript).findings.first)
            let everywhere = try await coder.post("/api/transcripts/\(transcript)/privacy/dismiss", json: #"{"ids":["\#(again.id)"],"everywhere":true}"#)
            #expect(everywhere.status == .ok)
            #expect(try await Self.listed(coder, second).findings.map(\.dismissed) == [true])
        }
    }

    @Test func aCoderWorkingBlindIsNotToldHowManyCodedPassagesChanged() async throws {
        let (fixture, transcript) = try Self.fixture()
        try Agreement(fixture.store).setBlindCoding(true)
        try await fixture.test { browser in
            var coder = browser
            try await coder.logIn(as: "lars", role: .coder)
            let applied = try await coder.post("/api/transcripts/\(transcript)/privacy/apply", json: #"{"all":true}"#)
            #expect(applied.status == .ok)
            let report = try coder.json(applied)
            #expect(report["applied"] as? Int == 3)
            #expect(report["segmentsChanged"] == nil)
        }
    }

    // MARK: - The key

    @Test func theKeysNamesAreLookedForOnlyWhenTheServerCouldOpenIt() async throws {
        let (fixture, transcript) = try Self.fixture()
        let privacy = Privacy(fixture.store)
        try privacy.createKey(passphrase: "korrekt hest batteri stift")
        try privacy.changeKey(passphrase: "korrekt hest batteri stift") { try $0.set(.init(pseudonym: "Kari", realName: "Tordis Testdatter")) }
        // Started without the passphrase: the page says the key's names are not looked for.
        try await fixture.test { browser in
            var owner = browser
            try await owner.logIn()
            let listed = try await Self.listed(owner, transcript)
            #expect(listed.hasKey && !listed.keyOpen)
            #expect(!listed.findings.contains { $0.kind == .name })
        }
        // Started with it: the real name is a finding, replaced by the pseudonym.
        let opened = WebApp(store: fixture.store, owner: "anne", loginToken: fixture.app.loginToken, keyPassphrase: "korrekt hest batteri stift")
        try await Application(router: opened.router()).test(.router) { client in
            var owner = Browser(client: client, app: opened)
            try await owner.logIn()
            let listed = try await Self.listed(owner, transcript)
            #expect(listed.hasKey && listed.keyOpen)
            let name = try #require(listed.findings.first { $0.kind == .name })
            #expect(name.text == "Tordis Testdatter" && name.replacement == "Kari")
            #expect(try await owner.post("/api/transcripts/\(transcript)/privacy/apply", json: #"{"ids":["\#(name.id)"]}"#).status == .ok)
            #expect(try fixture.store.transcript(transcript).text.contains("spør etter Kari."))
        }
    }

    // MARK: - Hostile input

    @Test func refusedRequestsSayWhyInOneLineAndChangeNothing() async throws {
        let (fixture, transcript) = try Self.fixture()
        let before = try Self.snapshot(fixture, transcript)
        let some = try #require(before.findings.first?.id)
        try await fixture.test { browser in
            var owner = browser, reader = browser
            try await owner.logIn()
            try await reader.logIn(as: "rita", role: .reader)
            let base = "/api/transcripts/\(transcript)/privacy"
            let refusals: [(String, String, HTTPResponse.Status)] = [
                ("apply", #"{"ids": ["#, .badRequest),
                ("apply", "[]", .badRequest),
                ("apply", #"{"ids": "\#(some)"}"#, .badRequest),
                ("apply", "{}", .badRequest),
                ("apply", #"{"all": false}"#, .badRequest),
                ("apply", #"{"ids": ["\#(some)"], "all": true}"#, .badRequest),
                ("apply", #"{"ids": []}"#, .badRequest),
                ("apply", #"{"ids": ["ABCDEF012345"]}"#, .badRequest),
                ("apply", #"{"ids": ["\u0000\u001b[31m"]}"#, .badRequest),
                ("apply", #"{"ids": ["000000000000"]}"#, .notFound),
                ("apply", #"{"ids": ["\#(some)", "000000000000"]}"#, .notFound),
                ("dismiss", #"{"ids": ["000000000000"]}"#, .notFound),
                ("dismiss", #"{"everywhere": true}"#, .badRequest),
                ("dismiss", #"{"ids": ["\#(some)"], "everywhere": "yes"}"#, .badRequest),
                ("restore", #"{"ids": ["\#(some)"]}"#, .notFound),
                ("restore", #"{"ids": [1, 2]}"#, .badRequest),
                ("apply", "{\"ids\": [" + Array(repeating: "\"\(some)\"", count: 5_001).joined(separator: ",") + "]}", .badRequest),
                ("apply", "{\"ids\": [\"" + String(repeating: "a", count: 2_000_000) + "\"]}", .contentTooLarge),
            ]
            for (route, body, status) in refusals {
                let response = try await owner.post("\(base)/\(route)", json: body)
                #expect(response.status == status, "\(route) \(body.prefix(80))")
                let error = try owner.json(response)["error"] as? String ?? ""
                #expect(!error.isEmpty && !error.contains("\n") && error.count < 400, "\(route) \(body.prefix(80)): \(error)")
            }
            // Unknown and malformed transcripts.
            #expect(try await owner.post("/api/transcripts/\(UUID())/privacy/apply", json: #"{"all": true}"#).status == .notFound)
            #expect(try await owner.post("/api/transcripts/\(UUID())/privacy/dismiss", json: #"{"ids": ["\#(some)"]}"#).status == .notFound)
            #expect(try await owner.post("/api/transcripts/x/privacy/restore", json: #"{"ids": ["\#(some)"]}"#).status == .badRequest)
            // A reader reads and does not decide; a request without the CSRF token is no one's.
            for route in ["apply", "dismiss", "restore"] {
                #expect(try await reader.post("\(base)/\(route)", json: #"{"ids": ["\#(some)"]}"#).status == .forbidden)
                #expect(try await owner.post("\(base)/\(route)", json: #"{"ids": ["\#(some)"]}"#, csrf: .some(nil)).status == .forbidden)
                #expect(try await owner.post("\(base)/\(route)", json: #"{"ids": ["\#(some)"]}"#, csrf: .some("forged")).status == .forbidden)
                #expect(try await browser.post("\(base)/\(route)", json: #"{"ids": ["\#(some)"]}"#).status == .unauthorized)
            }
        }
        #expect(try Self.snapshot(fixture, transcript) == before)
    }
}
