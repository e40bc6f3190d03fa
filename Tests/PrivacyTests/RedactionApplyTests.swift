import Condensation
import Foundation
import GRDB
import QualCode
import QualCodeKit
import Testing
@testable import Privacy

/// Applying findings: chosen by number or by kind, through the core's redaction, so codings survive on
/// the replacements and the words are gone from the transcript, the condensation's golden quotes,
/// condensates and snapshots, the log, and the raw bytes of the project file and its write-ahead log.
@Suite struct RedactionApplyTests {
    static let interview = """
        Intervjuer: Hvem hjalp deg?
        Eva: Tordis på kontoret, eh, hun ringte fra 912 34 567. Tordis er grei (latter).
        Eva: Jeg jobbet hos Brødrene Testvik AS før. Skriv til tordis.t@eksempel.no.
        """

    static func project(text: String = interview) throws -> (ProjectStore, Transcript.ID, URL) {
        let (store, folder) = try PrivacyFixture.project(title: "Personvern")
        let file = folder.appendingPathComponent("intervju-eva.txt")
        try Data(text.utf8).write(to: file)
        let transcript = try store.importTranscripts([file])[0].id
        return (store, transcript, folder)
    }

    static func key() throws -> PseudonymKey {
        var key = PseudonymKey()
        try key.set(.init(pseudonym: "Eva", realName: "Tordis Testdatter"))
        try key.setTerm(PrivacyTerm(text: "Brødrene Testvik AS", kind: .employer))
        return key
    }

    static func bytes(_ store: ProjectStore) throws -> Data {
        var data = try Data(contentsOf: store.url)
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: store.url.path + "-wal")) { data += wal }
        return data
    }

    @Test func chosenFindingsAreAppliedAndLeaveNoTrace() throws {
        let (store, transcript, _) = try Self.project()
        let stc = try PrivacyFixture.condense(store, transcript, "Tordis er grei", into: "Hjelp/Kolleger", text: "Tordis hjelper Eva med det meste.")
        _ = try stc.takeSnapshot("før")
        let privacy = Privacy(store)
        let key = try Self.key()
        let scan = try privacy.scan(key: key)
        let found = try #require(scan.first?.findings)
        #expect(found.map(\.kind) == [.name, .phoneNumber, .name, .employer, .email])
        #expect(found.allSatisfy { $0.id.count == 12 } && Set(found.map(\.id)).count == 5)
        // The same scan gives the same numbers.
        #expect(try privacy.scan(key: key).first?.findings.map(\.id) == found.map(\.id))

        // First only the phone number, by its number; then every name and the employer.
        let phone = try #require(found.first { $0.kind == .phoneNumber })
        let first = try privacy.apply(RedactionChoice(ids: [phone.id, "000000000000"]), key: key)
        #expect(first.applied == 1 && first.notFound == ["000000000000"])
        #expect(try store.transcript(transcript).text.contains("ringte fra [telefonnummer]."))
        let second = try privacy.apply(RedactionChoice(kinds: [.name, .employer]), key: key)
        #expect(second.applied == 3 && second.transcripts.first?.byKind == ["name": 2, "employer": 1])
        let text = try store.transcript(transcript).text
        #expect(text.contains("Eva på kontoret") && text.contains("Eva er grei") && text.contains("hos [arbeidsgiver] før"))
        #expect(text.contains("tordis.t@eksempel.no"))  // not chosen: still there
        #expect(throws: PrivacyError.nothingToApply(notFound: [phone.id])) { try privacy.apply(RedactionChoice(ids: [phone.id]), key: key) }

        // The unit is still a unit, on the replacement; the golden quote, the condensate and the snapshot lost the name.
        #expect(try stc.units(group: "Hjelp/Kolleger").map(\.text) == ["Eva er grei"])
        let golden = try store.pool.read { db in try Row.fetchOne(db, sql: "SELECT condensate, goldenText FROM stcGroup WHERE goldenText IS NOT NULL") }
        #expect(golden?["condensate"] as String? == "Eva hjelper Eva med det meste.")
        #expect((golden?["goldenText"] as String?)?.contains("Tordis") == false)
        let model = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT model FROM stcSnapshot") } ?? ""
        #expect(!model.contains("Tordis") && model.contains("Eva er grei"))
        #expect(try String(describing: stc.snapshot("før")).contains("Tordis") == false)
        let bytes = try Self.bytes(store)
        for word in ["Tordis ", "Tordis\"", "912 34 567", "Testvik"] {
            #expect(bytes.range(of: Data(word.utf8)) == nil, "\(word) left in the file")
        }
        #expect(try store.integrityCheck() == "ok")
    }

    /// A pronoun made «hen» identifies no one: the same word in a code's name, the log and the
    /// condensation's notes is someone's ordinary writing and stays as it was.
    @Test func pronounsAreNotScrubbedFromTheRestOfTheProject() throws {
        let (store, transcript, _) = try Self.project()
        _ = try store.addCode("Han og hun")
        let stc = Condensation(store)
        _ = try stc.addTheme("Omsorg", note: "Han sier hun hjelper")
        let report = try Privacy(store).apply(RedactionChoice(kinds: [.pronoun], pronouns: true))
        #expect(report.applied == 1)
        #expect(try store.transcript(transcript).text.contains("eh, hen ringte"))
        let payloads = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT payload FROM event WHERE action = 'code.add'") }
        #expect(payloads.contains { $0.contains("Han og hun") }, "\(payloads)")
        let note = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT note FROM stcTheme") }
        #expect(note == "Han sier hun hjelper")
    }
}
