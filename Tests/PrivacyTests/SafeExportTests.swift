import Foundation
import GRDB
import QualCode
import QualCodeKit
import Testing
import WorkMapping
@testable import Privacy

/// Dismissals and the safe export's screen: a dismissed finding is known again where it stands after
/// edits elsewhere and in an export quoting it, not where the same words stand elsewhere (unless
/// dismissed everywhere); it keeps no words; the screen looks at every string a document or table holds.
@Suite struct SafeExportTests {
    static let interview = """
        Intervjuer: Hvor lenge varte det?
        Eva: Saken fikk nummer 41 22 33 44, tror jeg. Han ringte fra 912 34 567 hver uke.
        Eva: Kontoret svarte på 912 34 567 bare om morgenen, og han sa ingenting.
        """

    static func project() throws -> (ProjectStore, Transcript.ID) {
        let (store, transcript, _) = try RedactionApplyTests.project(text: interview)
        return (store, transcript)
    }

    static func findings(_ privacy: Privacy, _ transcript: Transcript.ID) throws -> [Finding] {
        try privacy.scan([transcript], pronouns: true)[0].findings
    }

    @Test func aDismissalHoldsWhereItStandsAndNoWhereElse() throws {
        let (store, transcript) = try Self.project()
        let privacy = Privacy(store)
        let phones = try Self.findings(privacy, transcript).filter { $0.kind == .phoneNumber }
        #expect(phones.map(\.text) == ["41 22 33 44", "912 34 567", "912 34 567"])
        #expect(try privacy.dismiss([phones[0].id, phones[1].id]) == 2)
        var now = try Self.findings(privacy, transcript).filter { $0.kind == .phoneNumber }
        #expect(now.map(\.dismissed) == [true, true, false])

        // An edit before them changes their numbers, not the decision.
        let text = try store.transcript(transcript).text
        _ = try store.applyEdits([TextEdit(start: 0, end: 0, replacement: "Dato: mars\n")], to: transcript, expectedText: text)
        now = try Self.findings(privacy, transcript).filter { $0.kind == .phoneNumber }
        #expect(now.map(\.dismissed) == [true, true, false] && now[1].id != phones[1].id)

        // The rows hold fingerprints, not the words.
        let rows = try store.pool.read { try Row.fetchAll($0, sql: "SELECT * FROM privacyDismissal") }
        #expect(rows.count == 2 && !rows.description.contains("912") && !rows.description.contains("ringte"))

        // Everywhere: the other occurrence too; restoring takes back every dismissal covering it.
        #expect(try privacy.dismiss([now[2].id], everywhere: true) == 1)
        #expect(try Self.findings(privacy, transcript).filter { $0.kind == .phoneNumber }.allSatisfy(\.dismissed))
        #expect(try privacy.restore([now[2].id]) == 1)
        #expect(try Self.findings(privacy, transcript).filter { $0.kind == .phoneNumber }.map(\.dismissed) == [true, true, false])

        // A number no scan gives is refused with nothing changed.
        #expect(throws: PrivacyError.nothingToApply(notFound: ["ffffffffffff"])) { try privacy.dismiss(["ffffffffffff"]) }
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM privacyDismissal") } == 2)
    }

    @Test func theScreenLooksAtEveryStringAndHonoursDismissals() throws {
        let (store, transcript) = try Self.project()
        let privacy = Privacy(store)
        try privacy.setPronounPolicy(.hen)
        let screen = try privacy.safeExportScreen(key: nil)
        var document = Document(blocks: [.paragraph([.text("Innledning"), .footnote([.text("Ring 912 34 567.")])])])
        #expect(throws: PrivacyError.self) { try screen.check(document.visibleTexts) }
        document.blocks = [.table(Table(caption: "Tabell", header: ["Sitat"], rows: [["kom innom"]], notes: ["han ringte"]))]
        #expect(throws: PrivacyError.self) { try screen.check(document.visibleTexts) }
        document.blocks = [.blockQuote([.text("Saken fikk nummer 41 22 33 44")], label: [.text("(Eva)")])]
        #expect(throws: PrivacyError.self) { try screen.check(document.visibleTexts) }

        let year = try Self.findings(privacy, transcript).first { $0.text == "41 22 33 44" }!
        try privacy.dismiss([year.id])
        // The quote with its label: the words before the number are the transcript's.
        try privacy.safeExportScreen(key: nil).check(document.visibleTexts)
        #expect(throws: PrivacyError.self) {
            try privacy.safeExportScreen(key: nil).check(["I et annet intervju: 41 22 33 44 sier hun."])
        }

        // Where the project has it, the refusal names the number and place; else the project's own text.
        do {
            try privacy.safeExportScreen(key: nil).check(["Han ringte fra 912 34 567.", "Ring 22 33 44 55."])
            Issue.record("not refused")
        } catch let PrivacyError.unsafeExport(found) {
            let phone = found.first { $0.text == "912 34 567" }
            #expect(phone?.transcript == "intervju-eva" && phone?.line == 2 && phone?.id?.count == 12)
            #expect(found.first { $0.text == "22 33 44 55" }?.transcript == nil)
            #expect(found.contains { $0.kind == .pronoun })
            #expect(!PrivacyError.unsafeExport(found).description.contains("\n"))
        }
    }

    @Test func aSealedKeyNotOpenRefusesASafeExport() throws {
        let (store, _) = try Self.project()
        let privacy = Privacy(store)
        try privacy.createKey(passphrase: "lang nok setning")
        #expect(throws: PrivacyError.keyNeededForSafeExport(path: privacy.keyURL.path)) { try privacy.safeExportScreen(key: nil) }
        let key = try privacy.key(passphrase: "lang nok setning")
        _ = try privacy.safeExportScreen(key: key)
    }

    @Test func aWithdrawalTakesTheDismissalsMadeInTheirTranscripts() throws {
        let (store, transcript) = try Self.project()
        let eva = try store.addParticipant(pseudonym: "Eva").id
        try store.pool.write { try $0.execute(sql: "INSERT INTO transcriptParticipant (transcriptId, participantId) VALUES (?, ?)", arguments: [transcript, eva]) }
        let privacy = Privacy(store)
        try privacy.dismiss(Set(try Self.findings(privacy, transcript).map(\.id)), everywhere: true)
        _ = try store.withdraw(participant: eva)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM privacyDismissal") } == 0)
    }

    /// A dismissal made in a coder's copy comes in with a merge, once.
    @Test func aMergeCarriesDismissals() throws {
        let (store, transcript) = try Self.project()
        try store.checkpoint()
        let copy = store.url.deletingLastPathComponent().appendingPathComponent("kopi.qualcode")
        try FileManager.default.copyItem(at: store.url, to: copy)
        let theirs = Privacy(try ProjectModules.open(at: copy, coder: "berit"))
        let number = try Self.findings(theirs, transcript).first { $0.text == "41 22 33 44" }!.id
        try theirs.dismiss([number])
        let privacy = Privacy(store)
        #expect(try !Self.findings(privacy, transcript).first { $0.id == number }!.dismissed)
        let report = try store.merge(from: copy)
        #expect(report.counts.first { $0.kind == .privacyDismissal }?.new == 1)
        #expect(try Self.findings(privacy, transcript).first { $0.id == number }!.dismissed)
        #expect(try store.merge(from: copy).backup == nil)
    }
}

/// A map drawing's labels are wrapped to fit their boxes; the safe export screens the words, not the
/// wrapped lines, so an address or a name broken over two lines is still found.
@Suite struct SafeMapDrawingTests {
    @Test func aLabelBrokenOverLinesIsStillScreened() throws {
        let (store, _) = try SafeExportTests.project()
        let map = WorkMapping(store)
        let step = try map.addStep("Kartlegging")
        _ = try map.addAction("Skriver til kari.testdatter.saksbehandler@kommunen.example.no om saken", in: step.id)
        let screen = try Privacy(store).safeExportScreen(key: nil)
        #expect(throws: PrivacyError.self) { try map.drawing(MapDrawingRequest(.dot), screen: screen) }
        #expect(throws: PrivacyError.self) { try map.drawing(MapDrawingRequest(.svg), screen: screen) }
    }

    /// A decision made from a scan of a text that changed meanwhile (another browser's redaction) is
    /// refused: the places and the words around them would be another text's.
    @Test func aDecisionOnATextThatChangedMeanwhileIsRefused() throws {
        let (store, transcript) = try SafeExportTests.project()
        let privacy = Privacy(store)
        let scanned = try privacy.scan([transcript], key: nil, pronouns: true, kinds: [], keepingTexts: true)[0]
        let text = try store.transcript(transcript).text
        _ = try store.applyEdits([TextEdit(start: 0, end: 0, replacement: "Dato: mars\n")], to: transcript, expectedText: text)
        #expect(throws: StoreError.changedMeanwhile(.transcript, name: "intervju-eva")) {
            try store.pool.read { try Privacy.unchangedText($0, scanned) }
        }
        let again = try privacy.scan([transcript], key: nil, pronouns: true, kinds: [], keepingTexts: true)[0]
        #expect(try store.pool.read { try Privacy.unchangedText($0, again) } != text)
    }
}
