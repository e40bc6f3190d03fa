import Condensation
import Foundation
import GRDB
import QualCode
import QualCodeKit
import Testing
import WorkMapping
@testable import Privacy

/// A participant who withdraws leaves no trace: their transcript and everything made from it go, and
/// the raw bytes of the project file, its write-ahead log and the backups beside it hold none of their
/// sentences — coded, quoted and edited as a quote, condensed (unit, golden quote, condensate,
/// snapshot), used as work-map evidence, or edited in the transcript. The log keeps that it happened.
@Suite struct WithdrawalTests {
    static let eva = """
        Intervjuer: Hvordan var det å begynne?
        Eva: Vi fikk aldri svar fra fylkeskontoret om tiltaket.
        Eva: Skjemaet om arbeidsevne tok tre kvelder å fylle ut.
        Eva: Lederen min sa at målene kom ovenfra, eh, fra direktoratet.
        Eva: Jeg skrev notatene på bussen hjem hver fredag.
        Eva: Kaffemaskinen på kontoret var det eneste som virket.
        """
    static let ola = """
        Intervjuer: Hva gjør du en vanlig dag?
        Ola: Jeg ringer arbeidsgivere og følger opp deltakerne.
        """
    static let sentences = ["Vi fikk aldri svar fra fylkeskontoret", "Skjemaet om arbeidsevne tok tre kvelder", "målene kom ovenfra",
                            "notatene på bussen hjem", "Kaffemaskinen på kontoret", "Kaffetrakteren",
                            // Words of theirs alone, as the search index keeps its terms (lower case).
                            "fylkeskontoret", "arbeidsevne", "direktoratet", "bussen", "kaffemaskinen", "kaffetrakteren"]

    static func bytes(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.contains(".qualcode") {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test func aWithdrawnParticipantLeavesNoTrace() throws {
        let (store, folder) = try PrivacyFixture.project(title: "Trekking")
        let evaID = try store.addParticipant(pseudonym: "Eva").id
        _ = try store.addParticipant(pseudonym: "Ola")
        var imported: [Transcript.ID] = []
        for (name, text, who) in [("intervju-eva.txt", Self.eva, "Eva"), ("intervju-ola.txt", Self.ola, "Ola")] {
            let file = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            var options = ImportOptions()
            options.participants = [who]
            imported += try store.importTranscripts([file], options: options).map(\.id)
            try FileManager.default.removeItem(at: file)
        }
        let (eva, ola) = (imported[0], imported[1])
        // Coded; quoted with an edited form; condensed with a golden quote and a snapshot; map evidence; edited.
        _ = try store.code(eva, .quote("Vi fikk aldri svar fra fylkeskontoret om tiltaket.", occurrence: nil), codes: ["Tillit"])
        let quoted = try store.code(eva, .quote("Skjemaet om arbeidsevne tok tre kvelder å fylle ut.", occurrence: nil), codes: ["Skjema"]).segment
        _ = try store.editQuote(segment: quoted.id, QuoteUpdate(form: .display("Skjemaet om arbeidsevne tok tre kvelder (…)"), leadIn: "Eva forteller:"))
        let stc = try PrivacyFixture.condense(store, eva, "Lederen min sa at målene kom ovenfra", into: "Styring/Mål", text: "Målene kom ovenfra, sa lederen.")
        _ = try stc.takeSnapshot("før trekking")
        let map = WorkMapping(store)
        let step = try map.addStep("Skrive notater")
        _ = try map.addEvidence(to: .init(.step, step.id), transcript: eva, .quote("Jeg skrev notatene på bussen hjem hver fredag.", occurrence: nil))
        _ = try store.replaceText(in: eva, find: "Kaffemaskinen", with: "Kaffetrakteren")
        _ = try store.code(ola, .quote("Jeg ringer arbeidsgivere", occurrence: nil), codes: ["Tillit"])
        // A merge backup beside the project, holding all of it.
        try store.checkpoint()
        let copy = folder.appendingPathComponent("kopi.qualcode")
        try FileManager.default.copyItem(at: store.url, to: copy)
        _ = try ProjectModules.open(at: copy, coder: "berit").code(ola, .quote("følger opp deltakerne", occurrence: nil), codes: ["Oppfølging"])
        #expect(try store.merge(from: copy).backup != nil)
        try FileManager.default.removeItem(at: copy)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy.path + suffix) }
        #expect(try Self.bytes(folder).values.contains { $0.range(of: Data("Kaffetrakteren".utf8)) != nil })

        let report = try store.withdraw(participant: evaID)
        #expect(report.participant == "Eva" && report.transcripts == ["intervju-eva"] && report.backupsRemoved.count == 1)
        #expect(report.eventsScrubbed > 0 && report.dependents.contains { $0.count > 0 })
        #expect(try store.participants().map(\.pseudonym) == ["Ola"] && store.transcripts().map(\.id) == [ola])
        #expect(try store.events(last: 1).first?.action == "participant.withdraw")
        #expect(try stc.units(group: "Styring/Mål").isEmpty)
        #expect(try store.integrityCheck() == "ok")
        let files = try Self.bytes(folder)
        #expect(Set(files.keys).isSubset(of: ["studie.qualcode", "studie.qualcode-wal", "studie.qualcode-shm"]))
        for (name, data) in files {
            for sentence in Self.sentences {
                #expect(data.range(of: Data(sentence.utf8)) == nil, "«\(sentence)» left in \(name)")
            }
        }
        // Ola's work stays.
        #expect(try store.transcript(ola).text == Self.ola)
    }

    static func focusGroup(_ text: String, participants: [String]) throws -> (ProjectStore, Transcript.ID, URL) {
        let (store, folder) = try PrivacyFixture.project(title: "Gruppe")
        for name in participants { _ = try store.addParticipant(pseudonym: name) }
        let file = folder.appendingPathComponent("fokusgruppe.txt")
        try Data(text.utf8).write(to: file)
        var options = ImportOptions()
        options.participants = participants
        let transcript = try store.importTranscripts([file], options: options)[0].id
        try FileManager.default.removeItem(at: file)
        return (store, transcript, folder)
    }

    /// In a focus group their turns give way to «[trukket]»: the others' words and codings stay (one
    /// reaching into their turn keeps its place), segments wholly in their turns go with what hangs on
    /// them, and the raw bytes keep none of their sentences.
    @Test func aFocusGroupLosesTheirTurnsAndKeepsTheOthers() throws {
        let text = """
            Moderator: Hva synes dere om oppfølgingen?
            Eva: Saksbehandleren ringte meg aldri tilbake etter møtet i mars.
            Ola: For meg gikk det greit, jeg fikk svar samme uke.
            Eva: Jeg gruet meg til hvert eneste brev fra kontoret.
            Ola: Brevene var vanskelige å forstå, det er sant.
            """
        let (store, transcript, folder) = try Self.focusGroup(text, participants: ["Eva", "Ola"])
        let eva = try store.resolve.participant("Eva")
        _ = try store.code(transcript, .quote("ringte meg aldri tilbake", occurrence: nil), codes: ["Oppfølging"])
        _ = try store.code(transcript, .quote("jeg fikk svar samme uke", occurrence: nil), codes: ["Oppfølging"])
        _ = try store.code(transcript, .quote("Brevene var vanskelige å forstå", occurrence: nil), codes: ["Brev"])
        // From Eva's turn into Ola's: it stays, re-anchored on what is left.
        _ = try store.code(transcript, .quote("fra kontoret.\nOla: Brevene", occurrence: nil), codes: ["Overgang"])
        let stc = try PrivacyFixture.condense(store, transcript, "Jeg gruet meg til hvert eneste brev", into: "Kontakt/Brev", text: "Brevene skremte.")
        _ = try stc.takeSnapshot("før")
        let preview = try store.withdrawalPreview(participant: eva)
        #expect(preview.transcripts.isEmpty && preview.focusGroups == ["fokusgruppe"] && preview.turnsWithdrawn == 2)
        #expect(preview.dependents.first { $0.kind == .segment }?.count == 2)

        let report = try store.withdraw(participant: eva)
        #expect(report.focusGroups == preview.focusGroups && report.turnsWithdrawn == 2 && report.dependents == preview.dependents)
        let after = try store.transcript(transcript).text
        #expect(after == """
            Moderator: Hva synes dere om oppfølgingen?
            Eva: [trukket]
            Ola: For meg gikk det greit, jeg fikk svar samme uke.
            Eva: [trukket]
            Ola: Brevene var vanskelige å forstå, det er sant.
            """)
        let kept = try store.pool.read { try String.fetchAll($0, sql: "SELECT text FROM segment WHERE transcriptId = ? ORDER BY text", arguments: [transcript]) }
        #expect(kept == ["Brevene var vanskelige å forstå", "[trukket]\nOla: Brevene", "jeg fikk svar samme uke"])
        #expect(try store.participants().map(\.pseudonym) == ["Ola"])
        #expect(try store.integrityCheck() == "ok")
        for (name, data) in try Self.bytes(folder) {
            for sentence in ["ringte meg aldri tilbake", "gruet meg til hvert", "møtet i mars", "Saksbehandleren", "gruet"] {
                #expect(data.range(of: Data(sentence.utf8)) == nil, "«\(sentence)» left in \(name)")
            }
        }
    }

    /// Linked to a shared transcript with no turn of theirs, their words cannot be told from the others'.
    @Test func aSharedTranscriptWithoutTheirTurnsIsRefusedWithNothingChanged() throws {
        let (store, _, _) = try Self.focusGroup("Ola: Vi er enige.\nKari: Ikke helt.\n", participants: ["Eva", "Ola"])
        let eva = try store.resolve.participant("Eva")
        let events = try store.eventCount()
        #expect(throws: StoreError.sharedTranscripts(participant: "Eva", transcripts: ["fokusgruppe"])) { try store.withdrawalPreview(participant: eva) }
        #expect(throws: StoreError.sharedTranscripts(participant: "Eva", transcripts: ["fokusgruppe"])) { try store.withdraw(participant: eva) }
        #expect(try store.eventCount() == events && store.participants().count == 2)
    }

    /// A short passage of theirs («Oslo», «Ja.») is everybody's word: another participant's golden
    /// quote and condensate that hold it are left as they were, while a golden quote of theirs goes.
    @Test func aWithdrawalLeavesOthersWordsThatShareAShortPassage() throws {
        let (store, folder) = try PrivacyFixture.project(title: "Trekking")
        let evaID = try store.addParticipant(pseudonym: "Eva").id
        _ = try store.addParticipant(pseudonym: "Ola")
        var imported: [Transcript.ID] = []
        for (name, text, who) in [("eva.txt", "Eva: Ja. Jeg flyttet til Oslo.\n", "Eva"), ("ola.txt", "Ola: Ja. Oslo er fint om våren.\n", "Ola")] {
            let file = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            var options = ImportOptions()
            options.participants = [who]
            imported += try store.importTranscripts([file], options: options).map(\.id)
        }
        let (eva, ola) = (imported[0], imported[1])
        _ = try store.code(eva, .quote("Oslo", occurrence: nil), codes: ["Sted"])
        _ = try store.code(eva, .quote("Ja.", occurrence: nil), codes: ["Svar"])
        let stc = Condensation(store)
        _ = try stc.addGroup("Byen")
        _ = try stc.addSubgroup("Byen", "Trivsel")
        _ = try stc.addSubgroup("Byen", "Flytting")
        let theirs = try stc.addUnit(eva, .quote("Jeg flyttet til Oslo.", occurrence: nil), groups: ["Byen/Flytting"])
        try stc.condense("Byen/Flytting", text: "Jeg flyttet.", golden: theirs.segment.id)
        let unit = try stc.addUnit(ola, .quote("Oslo er fint om våren.", occurrence: nil), groups: ["Byen/Trivsel"])
        try stc.condense("Byen/Trivsel", text: "Ja. Oslo er fint, syns jeg.", golden: unit.segment.id)
        _ = try store.withdraw(participant: evaID)
        let texts = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT condensate, goldenText FROM stcGroup WHERE condensate IS NOT NULL ORDER BY condensate")
                .map { [$0["condensate"] as String?, $0["goldenText"] as String?] }
        }
        #expect(texts == [["Ja. Oslo er fint, syns jeg.", "Oslo er fint om våren."], ["Jeg flyttet.", ProjectStore.withdrawnMark]])
    }

    /// A copy made before a withdrawal or a redaction still holds the words taken out: a merge refuses
    /// it, naming what it holds, and changes nothing; a copy made since merges.
    @Test func aMergeDoesNotBringErasedWordsBack() throws {
        let text = "Moderator: Hvem var det?\nEva: Det var naboen min i Hamar.\nOla: Jeg husker ikke.\n"
        let (store, transcript, folder) = try Self.focusGroup(text, participants: ["Eva", "Ola"])
        let before = folder.appendingPathComponent("før.qualcode")
        try store.checkpoint()
        try FileManager.default.copyItem(at: store.url, to: before)
        _ = try store.withdraw(participant: try store.resolve.participant("Eva"))
        let events = try store.eventCount()
        #expect(throws: StoreError.mergeRefused(path: before.path, reason: .holdsErasedWords(participants: ["Eva"], transcripts: ["fokusgruppe"]))) {
            try store.merge(from: before)
        }
        #expect(try store.eventCount() == events && !store.transcript(transcript).text.contains("Hamar"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("before-merge") }.isEmpty)

        // A redaction likewise; a copy made after it has nothing to refuse.
        let redacted = folder.appendingPathComponent("etter.qualcode")
        try store.checkpoint()
        try FileManager.default.copyItem(at: store.url, to: redacted)
        _ = try ProjectModules.open(at: redacted, coder: "berit").code(transcript, .quote("Jeg husker ikke.", occurrence: nil), codes: ["Minne"])
        let old = try store.transcript(transcript).text
        let start = old.unicodeScalars.count - "ikke.\n".unicodeScalars.count
        _ = try store.applyEdits([TextEdit(start: start, end: start + 4, replacement: "[nei]")], to: transcript, expectedText: old, purpose: .redaction)
        #expect(throws: StoreError.mergeRefused(path: redacted.path, reason: .holdsErasedWords(participants: [], transcripts: ["fokusgruppe"]))) {
            try store.merge(from: redacted)
        }
        let since = folder.appendingPathComponent("siden.qualcode")
        try store.checkpoint()
        try FileManager.default.copyItem(at: store.url, to: since)
        _ = try ProjectModules.open(at: since, coder: "berit").code(transcript, .quote("Jeg husker", occurrence: nil), codes: ["Minne"])
        #expect(try store.merge(from: since).backup != nil)
    }
}
