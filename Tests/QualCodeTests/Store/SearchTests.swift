import Foundation
@testable import QualCode
import Testing

@Suite struct SearchTests {
    @Test func norwegianLettersAreLettersOfTheirOwn() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        #expect(try store.search("får").hits.map(\.line) == [2, 4])
        #expect(try store.search("far").hits.map(\.line) == [5])
        #expect(try store.search("sør").total == 1)
        #expect(try store.search("sør").hits.map(\.transcriptId) == [try store.resolve.transcript("eva")])
        #expect(try store.search("sor").total == 0)
        #expect(try store.search("FÅR").total == 2)
    }

    @Test func phrasesPrefixesAndBooleans() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        #expect(try store.search("\"tillit er alt\"").hits.map(\.line) == [4, 6])
        #expect(try store.search("tillit NOT spania").hits.map(\.line) == [3, 4])
        #expect(try store.search("sparring*").total == 1)
        #expect(try store.search("navske OR spania").total == 2)
        #expect(try store.search("(navske OR spania) AND tillit").total == 2)
        #expect(try store.search("«det navske»").total == 1)
    }

    @Test func hitsNameSpeakerAndParticipantWithASnippet() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let hit = try #require(try store.search("navske").hits.first)
        #expect(hit.transcript == "intervju-eva")
        #expect(hit.participant == "Eva")
        #expect(hit.snippet.contains("**navske**"))
        let question = try #require(try store.search("metodeveileder").hits.first)
        #expect(question.speaker == "Intervjuer" && question.participant == nil)
    }

    @Test(arguments: ["", "   ", "\"ubalansert", "(tillit", "tillit)", "NOT tillit", "tillit AND", "tillit OR OR far", "\"\"", "-", "*"])
    func malformedQueriesAreClearErrors(query: String) throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        #expect(throws: FullTextQueryError.self) { try store.search(query) }
    }

    @Test func userTextNeverReachesFTS5Syntax() throws {
        #expect(try FullTextQuery("tillit NEAR/2 far").expression == "((\"tillit\" AND \"NEAR/2\") AND \"far\")")
        #expect(try FullTextQuery("text:tillit").expression == "\"text:tillit\"")
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        #expect(try store.search("text:tillit ^far").total == 0)
        // Control characters separate words (a NUL inside a quoted FTS5 term ended the string: an SQLite error).
        #expect(try FullTextQuery("tillit\u{0}alt").expression == FullTextQuery("tillit alt").expression)
        #expect(try FullTextQuery("\"tillit\u{0}er\u{E}alt\"").expression == "\"tillit er alt\"")
        #expect(try store.search("Tillit\u{0}alt").total == store.search("Tillit alt").total)
        #expect(throws: FullTextQueryError.empty) { try FullTextQuery("\u{0}\u{1B}") }
    }
}

@Suite struct RetrievalTests {
    @Test func retrievesSegmentsWithContextAndParticipants() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("Tillit er alt.", occurrence: nil), codes: ["Tillit"])
        _ = try store.code("eva", .quote("tillit er alt", occurrence: nil), codes: ["Tillit"])
        let segments = try store.retrieve(code: "Tillit", context: 1)
        #expect(segments.map(\.segment.firstLine) == [4, 6])
        #expect(segments[0].before.map(\.number) == [3])
        #expect(segments[0].after.map(\.number) == [5])
        #expect(segments[1].after.isEmpty)
        #expect(segments.allSatisfy { $0.participants == ["Eva"] })
        let units = try store.units(code: "Tillit")
        #expect(units.map(\.lines) == ["4", "6"])
    }

    @Test func showsNumberedLinesWithCodes() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("det navske", occurrence: nil), codes: ["Det navske"])
        let (_, lines) = try store.lines(of: "eva", range: 3...4)
        #expect(lines.map(\.number) == [3, 4])
        #expect(lines[1].codes == ["Det navske"] && lines[0].codes.isEmpty)
        #expect(lines[1].speaker == "Eva")
        #expect(throws: StoreError.self) { try store.lines(of: "eva", range: 5...9) }
    }
}

@Suite struct MemoTests {
    @Test func memosAttachToEveryKindOfRecord() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let segment = try store.code("eva", .quote("det navske", occurrence: nil), codes: ["Det navske"]).segment
        try store.addMemo(text: "Første gjennomlesning: mye om tillit og det «navske».")
        try store.addMemo(on: "transcript:eva", text: "Eva er tydelig.")
        try store.addMemo(on: "participant:Eva", text: "Lang erfaring.")
        try store.addMemo(on: "code:Det navske", text: "Brukes om byråkrati.")
        try store.addMemo(on: "segment:\(segment.id.shortID)", text: "Godt sitat.")
        #expect(try store.memos().map(\.on) == ["project", "transcript:intervju-eva", "participant:Eva", "code:Det navske", "segment:\(segment.id.shortID)"])
        #expect(try store.memos(on: "code:Det navske").map(\.text) == ["Brukes om byråkrati."])
        #expect(throws: StoreError.self) { try store.addMemo(on: "kode:x", text: "feil") }
        #expect(throws: StoreError.self) { try store.addMemo(on: "project", text: "  ") }
    }

    @Test func listingsCarryParticipantIdsBesideTheirNames() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("det navske", occurrence: nil), codes: ["Det navske"])
        let eva = try store.resolve.participant("Eva")
        let reference = ParticipantReference(id: eva, pseudonym: "Eva")
        #expect(try store.transcripts().first?.participantReferences == [reference])
        #expect(try store.units().map(\.participantReferences) == [[reference]])
        #expect(try store.retrieve(code: "Det navske").map(\.participantReferences) == [[reference]])
        try store.updateParticipant(eva, label: "Veileder", attributes: [])
        let nobody = UUID()
        #expect(throws: StoreError.missing(.participant, nobody)) { try store.updateParticipant(nobody, attributes: []) }
    }

    @Test func memosTakeTypedTargetsAndListTheirIds() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let segment = try store.code("eva", .quote("det navske", occurrence: nil), codes: ["Det navske"]).segment
        let eva = try store.resolve.transcript("eva")
        #expect(try store.resolve.memoTarget("transcript:eva") == .transcript(eva))
        #expect(try store.resolve.memoTarget("segment:\(segment.id.shortID)") == .segment(segment.id))
        #expect(try store.resolve.memoTarget("project") == .project)
        let entry = try store.addMemo(on: .transcript(eva), text: "Eva er tydelig.")
        #expect(entry.on == "transcript:intervju-eva" && entry.targetKind == .transcript && entry.targetId == eva)
        try store.addMemo(on: .segment(segment.id), text: "Godt sitat.")
        #expect(try store.memos(on: .segment(segment.id)).map(\.targetId) == [segment.id])
        let nobody = UUID()
        #expect(throws: StoreError.missing(.code, nobody)) { try store.addMemo(on: .code(nobody), text: "feil") }
    }
}
