import Foundation
import GRDB
import Testing
@testable import QualCode

/// Deleting a transcript or a participant: what depends on it is listed first, the deletion is refused
/// while work or links hang on it unless forced, and a refusal changes nothing.
@Suite struct DeletionTests {
    static let interview = SyntheticInterviews.eva

    /// Eva's interview imported twice (the second time allowed as a duplicate), Siri in a group with Eva,
    /// and a participant nobody has heard yet.
    static func project(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Eva", attributes: [("rolle", "metodeveileder")])
        try store.addParticipant(pseudonym: "Siri", attributes: [("rolle", "jobbspesialist"), ("tjeneste", "IPS")])
        try store.addParticipant(pseudonym: "Åsmund", attributes: [("rolle", "leder")])
        var options = ImportOptions()
        options.participants = ["Eva"]
        let eva = try folder.write("intervju-eva.txt", interview)
        try store.importTranscripts([eva], options: options)
        options.allowDuplicate = true
        try store.importTranscripts([eva], options: options)
        options.participants = ["Eva", "Siri"]
        try store.importTranscripts([try folder.write("gruppe.txt", """
            Ordstyrer: Hva er det navske?
            Eva: Det navske er skjemaene, at alt skal dokumenteres to ganger.
            Siri: Og at deltakerne venter på svar i ukevis.
            """)], options: options)
        return store
    }

    static func rows(_ store: ProjectStore, _ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    static func lastEvent(_ store: ProjectStore) throws -> (action: String, payload: [String: Any]) {
        let event = try #require(try store.events(last: 1).first)
        return (event.action, try JSONSerialization.jsonObject(with: Data(event.payload.utf8)) as! [String: Any])
    }
}

// MARK: - Transcripts

extension DeletionTests {
    @Test func aDuplicateImportGoesWithoutForceAndTakesItsTurnsAndIndex() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let copy = try store.resolve.transcript("intervju-eva-2")
        let preview = try store.transcriptDeletion(copy)
        #expect(!preview.wasDeleted && preview.blocking.isEmpty)
        #expect(preview.count(of: .turn) == 4 && preview.count(of: .coding) == 0)
        #expect(preview.linked == [RecordReference(.participant, try store.resolve.participant("Eva"), "Eva")])
        #expect(try store.transcripts().count == 3)  // a preview changes nothing

        let report = try store.deleteTranscript(copy)
        #expect(report.wasDeleted)
        var expected = preview
        expected.wasDeleted = true
        #expect(report == expected)
        #expect(try store.transcripts().map(\.name) == ["gruppe", "intervju-eva"])
        #expect(try store.search("skjemaene").total == 2)  // the copy's passages left the index
        #expect(try Self.rows(store, "SELECT COUNT(*) FROM turn WHERE transcriptId = ?", [copy]) == 0)
        #expect(try Self.rows(store, "SELECT COUNT(*) FROM passage WHERE transcriptId = ?", [copy]) == 0)
        #expect(try store.participants().first { $0.pseudonym == "Eva" }?.transcripts == 2)
        let event = try Self.lastEvent(store)
        #expect(event.action == "transcript.delete")
        #expect(event.payload["id"] as? String == copy.uuidString && event.payload["name"] as? String == "intervju-eva-2")
        #expect(event.payload["file"] as? String == "intervju-eva.txt" && event.payload["force"] as? Bool == false)
        #expect(event.payload["dependents"] as? [String: Int] == ["turn": 4])
        #expect(throws: StoreError.missing(.transcript, copy)) { try store.deleteTranscript(copy) }
    }

    @Test func aCodedTranscriptIsRefusedAndNothingChanges() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let eva = try store.resolve.transcript("intervju-eva")
        let coded = try store.code(eva, .quote("Tillit er alt", occurrence: nil), codes: ["Tillit", "Relasjon"])
        try store.addMemo(on: .segment(coded.segment.id), text: "Sterkt utsagn.")
        try store.addMemo(on: .transcript(eva), text: "Første gjennomlesning.")
        let before = try ProjectSnapshot(store)
        let tree = try store.codeTree()
        let refusal = #expect(throws: StoreError.self) { try store.deleteTranscript(eva) }
        guard case let .inUse(report)? = refusal else { Issue.record("expected inUse, got \(String(describing: refusal))"); return }
        #expect(report.record == RecordReference(.transcript, eva, "intervju-eva") && !report.wasDeleted)
        #expect(report.blocking.map(\.kind) == [.coding, .memo] && report.count(of: .coding) == 2 && report.count(of: .memo) == 2)
        #expect(report.count(of: .segment) == 1)
        #expect(refusal?.remedy == .forceDeletion(report.dependents.filter { $0.count > 0 }))
        let words = refusal?.description ?? ""
        #expect(words.contains("intervju-eva") && words.contains("2 codings") && words.contains("nothing was deleted") && !words.contains("--"))
        #expect(try ProjectSnapshot(store) == before)
        #expect(try store.codeTree() == tree && store.memos().count == 2)
    }

    @Test func forceDeletesEverythingAnchoredInTheTranscriptAndKeepsTheRest() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let eva = try store.resolve.transcript("intervju-eva")
        let trust = try store.code(eva, .quote("Tillit er alt", occurrence: nil), codes: ["Tillit"])
        _ = try store.acting(as: "berit").code(eva, .quote("Tillit er alt", occurrence: nil), codes: ["Tillit"])
        let time = try store.code(eva, .quote("Tid er det vi har minst av", occurrence: nil), codes: ["Tid"])
        let gone = try store.code(eva, .quote("Skjemaene tar den", occurrence: nil), codes: ["Tid"])
        _ = try store.replaceText(in: eva, find: " Skjemaene tar den.", with: "")  // orphans the last one
        let elsewhere = try store.code("gruppe", .quote("Det navske er skjemaene", occurrence: nil), codes: ["Tid"])
        try store.addMemo(on: .transcript(eva), text: "Om intervjuet.")
        try store.addMemo(on: .segment(time.segment.id), text: "Om tid.")
        try store.addMemo(on: .segment(elsewhere.segment.id), text: "Fra gruppen: blir stående.")
        try store.editQuote(segment: trust.segment.id, QuoteUpdate(leadIn: "Eva forteller:"))
        try store.recordQuoteUses([(trust.segment.id, "(Eva)"), (elsewhere.segment.id, "(Eva)")], file: "prøve.docx")

        let report = try store.deleteTranscript(eva, force: true)
        #expect(report.wasDeleted)
        #expect(report.count(of: .segment) == 2 && report.count(of: .orphanedSegment) == 1)
        #expect(report.count(of: .coding) == 4 && report.count(of: .memo) == 2 && report.count(of: .quoteEdit) == 1)
        #expect(report.count(of: .quoteUse) == 1 && report.count(of: .turn) == 4)
        _ = gone
        for table in ["segment", "turn", "passage", "transcriptParticipant"] {
            #expect(try Self.rows(store, "SELECT COUNT(*) FROM \(table) WHERE transcriptId = ?", [eva]) == 0, "\(table)")
        }
        #expect(try Self.rows(store, "SELECT COUNT(*) FROM coding") == 1)
        #expect(try Self.rows(store, "SELECT COUNT(*) FROM quote") == 0 && Self.rows(store, "SELECT COUNT(*) FROM quoteUse") == 1)
        #expect(try store.memos().map(\.text) == ["Fra gruppen: blir stående."])
        #expect(try store.participants().map(\.pseudonym) == ["Eva", "Siri", "Åsmund"])
        let tree = Dictionary(uniqueKeysWithValues: try store.codeTree().map { ($0.name, $0) })
        #expect(tree["Tillit"]?.segments == 0 && tree["Tillit"]?.codings == 0 && tree["Tid"]?.segments == 1 && tree["Tid"]?.participants == 1)
        try CodeTallyTests.check(store, "after deleting the transcript")
        let event = try Self.lastEvent(store)
        #expect(event.action == "transcript.delete" && event.payload["force"] as? Bool == true)
        #expect(event.payload["dependents"] as? [String: Int] == ["segment": 2, "orphanedSegment": 1, "coding": 4, "memo": 2, "quoteEdit": 1,
                                                                   "quoteUse": 1, "turn": 4])
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.pool.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }
}

// MARK: - Participants

extension DeletionTests {
    @Test func aParticipantWithOnlyAttributesGoesWithoutForce() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let asmund = try store.resolve.participant("Åsmund")
        try store.addParticipant(pseudonym: "Bodil")  // keeps the attribute «rolle» in use
        let report = try store.deleteParticipant(asmund)
        #expect(report.wasDeleted && report.linked.isEmpty && report.count(of: .attributeValue) == 1)
        #expect(try store.participants().map(\.pseudonym) == ["Bodil", "Eva", "Siri"])
        #expect(try Self.rows(store, "SELECT COUNT(*) FROM attributeValue WHERE participantId = ?", [asmund]) == 0)
        let event = try Self.lastEvent(store)
        #expect(event.action == "participant.delete" && event.payload["pseudonym"] as? String == "Åsmund")
    }

    @Test func aParticipantInUseIsRefusedWithWhatDependsOnThem() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        _ = try store.code("gruppe", .quote("Og at deltakerne venter", occurrence: nil), codes: ["Venting"])
        let siri = try store.resolve.participant("Siri")
        try store.addMemo(on: .participant(siri), text: "Ny i jobben.")
        let before = try ProjectSnapshot(store)
        let preview = try store.participantDeletion(siri)
        #expect(preview.blocking.map(\.kind) == [.transcriptLink, .turn, .memo])
        #expect(preview.count(of: .transcriptLink) == 1 && preview.count(of: .turn) == 1 && preview.count(of: .spokenSegment) == 1)
        #expect(preview.count(of: .attributeValue) == 2 && preview.linked.map(\.name) == ["gruppe"])
        #expect(throws: StoreError.inUse(preview)) { try store.deleteParticipant(siri) }
        #expect(try ProjectSnapshot(store) == before)
        #expect(try store.participants().count == 3 && store.memos().count == 1)
        #expect(StoreError.inUse(preview).description.contains("detaches 1 speaker turn"))
    }

    @Test func forceDetachesTurnsAndWorksOutWhoSaidWhatAgain() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let said = try store.code("gruppe", .quote("Og at deltakerne venter", occurrence: nil), codes: ["Venting"])
        let both = try store.code("gruppe", .lines(2...3), codes: ["Det navske"])
        let siri = try store.resolve.participant("Siri")
        try store.addMemo(on: .participant(siri), text: "Ny i jobben.")
        let report = try store.deleteParticipant(siri, force: true)
        #expect(report.wasDeleted && report.count(of: .spokenSegment) == 2 && report.count(of: .memo) == 1)
        // The turn keeps its speaker label but names nobody; who said the segments follows.
        let group = try store.resolve.transcript("gruppe")
        let turns = try store.pool.read { db in try Turn.filter(Turn.Columns.transcriptId == group).fetchAll(db) }
        #expect(turns.contains { $0.speaker == "Siri" && $0.participantId == nil })
        let units = Dictionary(uniqueKeysWithValues: try store.units().map { ($0.id, $0.participants) })
        #expect(units[said.segment.id] == [] && units[both.segment.id] == ["Eva"])
        #expect(try store.memos().isEmpty)
        #expect(try Self.rows(store, "SELECT COUNT(*) FROM attributeValue WHERE participantId = ?", [siri]) == 0)
        #expect(try store.transcripts().first { $0.name == "gruppe" }?.participants == ["Eva"])
        #expect(try store.codeTree().first { $0.name == "Venting" }?.participants == 0)
        try CodeTallyTests.check(store, "after deleting Siri")
        let event = try Self.lastEvent(store)
        #expect(event.action == "participant.delete" && event.payload["force"] as? Bool == true)
        #expect(event.payload["transcripts"] as? [String] == [try store.resolve.transcript("gruppe").uuidString])
        #expect(throws: StoreError.missing(.participant, siri)) { try store.participantDeletion(siri) }
    }

    @Test func theLastParticipantOfATranscriptWithoutTurnsLeavesItsSegmentsUnsaid() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Une")
        var options = ImportOptions()
        options.participants = ["Une"]
        try store.importTranscripts([try folder.write("notat.txt", "Et notat uten talere om tillit og tid.")], options: options)
        _ = try store.code("notat", .quote("tillit", occurrence: nil), codes: ["Tillit"])
        #expect(try store.codeTree()[0].participants == 1)
        try store.deleteParticipant(try store.resolve.participant("Une"), force: true)
        #expect(try store.codeTree()[0].participants == 0 && store.units()[0].participants.isEmpty)
        try CodeTallyTests.check(store, "after deleting Une")
    }
}

// MARK: - Renaming

extension DeletionTests {
    @Test func renamingKeepsEveryLink() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let eva = try store.resolve.participant("Eva")
        _ = try store.code("intervju-eva", .quote("Tillit er alt", occurrence: nil), codes: ["Tillit"])
        try store.addMemo(on: .participant(eva), text: "Erfaren.")
        let renamed = try store.renameParticipant(eva, to: "  Elin ")
        #expect(renamed.id == eva && renamed.pseudonym == "Elin")
        #expect(try store.resolve.participant("elin") == eva)
        #expect(throws: StoreError.self) { try store.resolve.participant("Eva") }
        #expect(try store.transcripts().filter { $0.participants.contains("Elin") }.count == 3)
        #expect(try store.units()[0].participants == ["Elin"])
        #expect(try store.memos()[0].on == "participant:Elin")
        #expect(try store.participants().first { $0.id == eva }?.attributes == ["rolle": "metodeveileder"])
        let event = try Self.lastEvent(store)
        #expect(event.action == "participant.rename" && event.payload["from"] as? String == "Eva" && event.payload["to"] as? String == "Elin")
        // Only the case: the same participant, so no clash with itself.
        #expect(try store.renameParticipant(eva, to: "ELIN").pseudonym == "ELIN")
    }

    @Test(arguments: [
        ("siri", StoreError.duplicate(what: "participant", name: "siri")),
        ("   ", StoreError.emptyName(what: "participant")),
        ("Eva", StoreError.unchanged(.participant, name: "\"Eva\"")),
        ("Ev\u{1B}[2Ja", StoreError.invalidName(what: "participant", name: "Ev\u{1B}[2Ja", problem: .controlCharacters)),
        ("Eva\u{2028}Elin", StoreError.invalidName(what: "participant", name: "Eva\u{2028}Elin", problem: .controlCharacters)),
        ("Eva\nElin", StoreError.invalidName(what: "participant", name: "Eva\nElin", problem: .controlCharacters)),
        // Names that read as other names: a direction override, a zero-width space.
        ("\u{202E}avE", StoreError.invalidName(what: "participant", name: "\u{202E}avE", problem: .controlCharacters)),
        ("Ev\u{200B}a", StoreError.invalidName(what: "participant", name: "Ev\u{200B}a", problem: .controlCharacters)),
        // One rule for every name: ``NameRules``, 200 characters.
        (String(repeating: "æ", count: 201), StoreError.invalidName(what: "participant", name: String(repeating: "æ", count: 201),
                                                                    problem: .tooLong(limit: NameRules.maximumLength))),
    ])
    func aRenameThatCannotBeIsRefusedAndChangesNothing(name: String, error: StoreError) throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let eva = try store.resolve.participant("Eva")
        let before = try ProjectSnapshot(store)
        #expect(throws: error) { try store.renameParticipant(eva, to: name) }
        #expect(!error.description.unicodeScalars.contains { $0.isControlOrSeparator || $0.isBidiControl || $0.isInvisibleFormat })
        #expect(try ProjectSnapshot(store) == before && store.participants().map(\.pseudonym) == ["Eva", "Siri", "Åsmund"])
        #expect(throws: StoreError.missing(.participant, UUID(uuidString: "00000000-0000-0000-0000-000000000000")!)) {
            try store.renameParticipant(UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, to: "Ny")
        }
    }

    @Test func aNewParticipantFollowsTheSameNameRules() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        #expect(throws: StoreError.self) { try store.addParticipant(pseudonym: "Tab\tben") }
        #expect(throws: StoreError.invalidName(what: "participant", name: String(repeating: "ø", count: 201), problem: .tooLong(limit: 200))) {
            try store.addParticipant(pseudonym: String(repeating: "ø", count: 201))
        }
        // A name as long as the rule allows is taken, as for a code.
        try store.addParticipant(pseudonym: String(repeating: "ø", count: NameRules.maximumLength))
        try store.deleteParticipant(try store.resolve.participant(String(repeating: "ø", count: NameRules.maximumLength)), force: false)
        // Composed and decomposed «Åse» are one name.
        try store.addParticipant(pseudonym: "A\u{30A}se")
        #expect(try store.participants()[0].pseudonym == "Åse")
        #expect(throws: StoreError.duplicate(what: "participant", name: "Åse")) { try store.addParticipant(pseudonym: "Åse") }
        let csv = try folder.write("deltakere.csv", "pseudonym,rolle\nOla\u{7},leder\n")
        #expect(throws: ImportError.self) { try store.importParticipants(csv: csv) }
        #expect(try store.participants().count == 1)
    }
}
