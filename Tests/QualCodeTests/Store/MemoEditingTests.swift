import Foundation
import GRDB
import Testing
@testable import QualCode

/// Memos shown whole, edited, deleted, named by short ids, and never left pointing at a deleted record.
@Suite struct MemoEditingTests {
    static func project(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Eva")
        var options = ImportOptions()
        options.participants = ["Eva"]
        try store.importTranscripts([try folder.write("intervju-eva.txt", DeletionTests.interview)], options: options)
        return store
    }

    /// A memo with a chosen id, as another coder's file or an older version might hold it.
    static func insert(_ store: ProjectStore, id: String, on target: MemoTarget = .project, text: String = "Notat.") throws {
        try store.pool.write { db in try Memo(id: UUID(uuidString: id)!, target: target, text: text, author: "anne").insert(db) }
    }

    @Test func aLongMemoComesBackWhole() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let paragraph = "Tillit går igjen hos alle: «vi må stole på hverandre», sier Eva, og det handler om tid.\n\n"
        let text = String(repeating: paragraph, count: 2_500)  // about 225,000 characters
        let added = try store.addMemo(on: .transcript(try store.resolve.transcript("eva")), text: text)
        let shown = try store.memo(try store.resolve.memo(added.id.shortID))
        #expect(shown.text == text && shown.on == "transcript:intervju-eva" && shown.author == "tester" && !shown.targetIsDeleted)
        #expect(try store.memos().first?.text == text)
    }

    @Test func aMemoIsNamedByItsShortIdLikeASegment() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        try Self.insert(store, id: "01900000-0000-7000-8000-00000000aaaa")
        try Self.insert(store, id: "01900000-0000-7000-8000-11110000aaaa")
        try Self.insert(store, id: "01900000-0000-7000-8000-000012345678")
        #expect(try store.resolve.memo("12345678") == UUID(uuidString: "01900000-0000-7000-8000-000012345678"))
        #expect(try store.resolve.memo("5678") == UUID(uuidString: "01900000-0000-7000-8000-000012345678"))
        #expect(try store.resolve.memo("01900000-0000-7000-8000-00000000AAAA") == UUID(uuidString: "01900000-0000-7000-8000-00000000aaaa"))
        #expect(try store.resolve.memo("000000000aaaa") == UUID(uuidString: "01900000-0000-7000-8000-00000000aaaa"))
        // The same last eight digits: told apart by the whole id.
        #expect(throws: StoreError.ambiguous(what: "memo", reference: "aaaa", candidates: [
            "01900000-0000-7000-8000-00000000aaaa", "01900000-0000-7000-8000-11110000aaaa",
        ])) { try store.resolve.memo("aaaa") }
        for unknown in ["bbbb", "abc", "ikke-en-id", "", "'; DROP TABLE memo; --", "%%%%"] {
            #expect(throws: StoreError.notFound(what: "memo", reference: unknown, candidates: [])) { try store.resolve.memo(unknown) }
        }
        #expect(try store.memos().count == 3)
    }

    @Test func editingReplacesTheTextAndKeepsTheRest() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let memo = try store.addMemo(on: .participant(try store.resolve.participant("Eva")), text: "Første inntrykk.")
        let edited = try store.acting(as: "berit").updateMemo(memo.id, text: "Andre inntrykk: mer om tid.", original: "Første inntrykk.")
        #expect(edited.text == "Andre inntrykk: mer om tid." && edited.author == "tester" && edited.on == "participant:Eva")
        #expect(abs(edited.createdAt.timeIntervalSince(memo.createdAt)) < 0.001 && edited.id == memo.id)  // stored to the millisecond
        let event = try #require(try store.events(last: 1).first)
        #expect(event.action == "memo.update" && event.actor == "berit" && event.payload.contains(memo.id.uuidString))
        // Decomposed letters are stored composed, as in new memos.
        #expect(try store.updateMemo(memo.id, text: "Tro\u{300} og a\u{30A}penhet").text == "Trò og åpenhet")
    }

    @Test func aRefusedEditChangesNothing() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let memo = try store.addMemo(text: "Prosjektnotat.")
        let events = try store.eventCount()
        #expect(throws: StoreError.unchanged(.memo, name: memo.id.shortID)) { try store.updateMemo(memo.id, text: "Prosjektnotat.") }
        #expect(throws: StoreError.changedMeanwhile(.memo, name: memo.id.shortID)) {
            try store.updateMemo(memo.id, text: "Min versjon.", original: "Det jeg åpnet.")
        }
        #expect(throws: StoreError.self) { try store.updateMemo(memo.id, text: " \n\t ") }
        let huge = String(repeating: "ø", count: Memo.maximumLength + 1)
        let tooLong = #expect(throws: StoreError.tooLong(what: "memo", length: Memo.maximumLength + 1, limit: Memo.maximumLength)) {
            try store.updateMemo(memo.id, text: huge)
        }
        #expect((tooLong?.description.count ?? .max) < 200)
        #expect(throws: StoreError.tooLong(what: "memo", length: Memo.maximumLength + 1, limit: Memo.maximumLength)) {
            try store.addMemo(text: huge)
        }
        let missing = UUID()
        #expect(throws: StoreError.missing(.memo, missing)) { try store.updateMemo(missing, text: "Ny.") }
        #expect(try store.eventCount() == events && store.memos().map(\.text) == ["Prosjektnotat."])
        // Exactly the limit is taken.
        #expect(try store.updateMemo(memo.id, text: String(repeating: "å", count: Memo.maximumLength)).text.count == Memo.maximumLength)
    }

    @Test func deletingAMemoLogsIt() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let keep = try store.addMemo(text: "Blir.")
        let memo = try store.addMemo(on: .transcript(try store.resolve.transcript("eva")), text: "Går.")
        #expect(try store.deleteMemo(memo.id).text == "Går.")
        #expect(try store.memos().map(\.id) == [keep.id])
        let event = try #require(try store.events(last: 1).first)
        #expect(event.action == "memo.delete" && event.payload.contains(memo.id.uuidString) && !event.payload.contains("Går."))
        #expect(throws: StoreError.missing(.memo, memo.id)) { try store.deleteMemo(memo.id) }
    }
}

// MARK: - A memo goes with its record

extension MemoEditingTests {
    @Test func removingASegmentsLastCodingIsRefusedWhileItHasAMemo() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let coded = try store.code("eva", .quote("Tillit er alt", occurrence: nil), codes: ["Tillit"])
        try store.addMemo(on: .segment(coded.segment.id), text: "Ironisk?")
        let before = try ProjectSnapshot(store)
        let tillit = try store.resolve.code("Tillit")
        let refusal = #expect(throws: StoreError.self) { try store.uncode(segment: coded.segment.id, codes: []) }
        guard case let .inUse(report)? = refusal else { Issue.record("expected inUse"); return }
        #expect(report.record.kind == .segment && report.count(of: .memo) == 1)
        #expect(try ProjectSnapshot(store) == before && store.units().count == 1)
        // Recoding first keeps the segment, and the memo with it.
        _ = try store.code("eva", .quote("Tillit er alt", occurrence: nil), codes: ["Relasjon"])
        let moved = try store.uncode(segment: coded.segment.id, codes: [tillit])
        #expect(try moved.removed == ["Tillit"] && !moved.segmentDeleted && store.memos().count == 1)
        let forced = try store.uncode(segment: coded.segment.id, codes: [], force: true)
        #expect(try forced.segmentDeleted && forced.memosDeleted == 1 && store.memos().isEmpty)
        #expect(try store.events(last: 1).first?.action == "segment.remove")
    }

    @Test func deletingACodeTakesTheMemosOnItAndOnItsSegments() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let coded = try store.code("eva", .quote("Tillit er alt", occurrence: nil), codes: ["Tillit/Tvil"])
        let shared = try store.code("eva", .quote("Tid er det vi har minst av", occurrence: nil), codes: ["Tillit", "Tid"])
        try store.addMemo(on: .code(try store.resolve.code("Tillit")), text: "Definisjon.")
        try store.addMemo(on: .code(try store.resolve.code("Tvil")), text: "Under.")
        try store.addMemo(on: .segment(coded.segment.id), text: "Går med segmentet.")
        try store.addMemo(on: .segment(shared.segment.id), text: "Blir: segmentet har Tid.")
        let report = try store.deleteCode(try store.resolve.code("Tillit"), force: true)
        #expect(report.memosRemoved == 3)
        #expect(try store.memos().map(\.text) == ["Blir: segmentet har Tid."])
    }

    @Test func memosOnADeletedParticipantOrTranscriptGoWithIt() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        try store.addParticipant(pseudonym: "Siri")
        try store.addMemo(on: .participant(try store.resolve.participant("Siri")), text: "Aldri intervjuet.")
        try store.addMemo(text: "Prosjekt.")
        try store.deleteParticipant(try store.resolve.participant("Siri"), force: true)
        try store.deleteTranscript(try store.resolve.transcript("eva"), force: true)
        #expect(try store.memos().map(\.text) == ["Prosjekt."])
        let dangling = try store.pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM memo m WHERE m.targetKind != 'project' AND NOT EXISTS (
                  SELECT 1 FROM transcript WHERE id = m.targetId UNION ALL SELECT 1 FROM segment WHERE id = m.targetId
                  UNION ALL SELECT 1 FROM participant WHERE id = m.targetId UNION ALL SELECT 1 FROM code WHERE id = m.targetId)
                """) ?? -1
        }
        #expect(dangling == 0)
    }

    @Test func aMemoLeftBehindByAnOlderVersionIsListedAsOnADeletedRecordAndCanBeDeleted() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        try Self.insert(store, id: "01900000-0000-7000-8000-0000000000ab", on: .segment(UUID(uuidString: "01900000-0000-7000-8000-00000000dead")!))
        let memo = try store.memos()[0]
        #expect(memo.targetIsDeleted && memo.on == "segment:0000dead (deleted)")
        try store.deleteMemo(try store.resolve.memo("00ab"))
        #expect(try store.memos().isEmpty)
    }

    @Test func aDeletionFromAnOldTextIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let memo = try store.addMemo(text: "Første utkast.")
        try store.updateMemo(memo.id, text: "Andre utkast.")
        let events = try store.eventCount()
        #expect(throws: StoreError.changedMeanwhile(.memo, name: memo.id.shortID)) { try store.deleteMemo(memo.id, original: "Første utkast.") }
        #expect(try store.eventCount() == events)
        #expect(try store.memos().map(\.text) == ["Andre utkast."])
        try store.deleteMemo(memo.id, original: "Andre utkast.")
        #expect(try store.memos().isEmpty)
    }

    @Test func aListingIsFilteredAndPagedAndSaysWhereEachMemoIsRead() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let transcript = try store.resolve.transcript("eva")
        let quote = "Skjemaene tar den"
        let coded = try store.code(transcript, .quote(quote, occurrence: nil), codes: ["Ledelse/Tillit"])
        try store.addMemo(text: "Prosjekt: Østlandet først.")
        try store.addMemo(on: .segment(coded.segment.id), text: "østlandet igjen, og «får»")
        try store.addMemo(on: .transcript(transcript), text: "Les på nytt.")
        let all = try store.memos(MemoFilter(newestFirst: true))
        #expect(all.total == 3 && all.memos.map(\.targetKind) == [.transcript, .segment, .project])
        #expect(all.memos[0].place == MemoPlace(transcriptId: transcript, transcript: "intervju-eva"))
        let onSegment = try #require(all.memos[1].place)
        #expect(onSegment.text == quote && onSegment.codes == ["Ledelse/Tillit"] && onSegment.firstLine == 4 && coded.segment.firstLine == 4)
        #expect(try store.memos(MemoFilter(containing: "ØSTLANDET")).memos.map(\.targetKind) == [.project, .segment])
        #expect(try store.memos(MemoFilter(containing: "far")).total == 0)
        #expect(try store.memos(MemoFilter(kind: .segment, containing: "får")).total == 1)
        let page = try store.memos(MemoFilter(), offset: 1, limit: 1)
        #expect(page.total == 3 && page.offset == 1 && page.memos.map(\.targetKind) == [.segment])
        #expect(throws: StoreError.self) { try store.memos(MemoFilter(), offset: -1) }
        #expect(throws: StoreError.self) { try store.memos(MemoFilter(), limit: 0) }
    }
}
