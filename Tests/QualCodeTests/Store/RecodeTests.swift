import Foundation
import GRDB
@testable import QualCode
import Testing

/// Changing a coding's code keeps the segment and what hangs on it.
@Suite struct RecodeTests {
    @Test func theCodingMovesAndTheSegmentKeepsItsMemoAndQuote() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let coded = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel"])
        let segment = coded.segment.id
        try store.addMemo(on: .segment(segment), text: "Sagt med ettertrykk.")
        try store.editQuote(segment: segment, QuoteUpdate(leadIn: "Eva forteller:"))
        let trivsel = try store.resolve.code("Trivsel")
        let result = try store.recode(segment: segment, from: trivsel, to: "Arbeid/Mestring")
        #expect(result.from == "Trivsel" && result.to == "Mestring")
        #expect(result.createdCodes == ["Arbeid/Mestring"])
        #expect(result.segment.id == segment && !result.wasAlreadyCoded)
        #expect(try store.units().map(\.codes) == [["Mestring"]])
        #expect(try store.memos(on: .segment(segment)).count == 1)
        #expect(try store.quoteDetails(segment: segment).leadIn == "Eva forteller:")
        // The code left behind stays in the tree, with no codings.
        #expect(try store.codeTree().first { $0.path == "Trivsel" }?.segments == 0)
    }

    @Test func aCodeAlreadyThereTakesTheOldCodingsPlace() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let coded = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel", "Mestring"])
        let result = try store.recode(segment: coded.segment.id, from: try store.resolve.code("Trivsel"), to: "Mestring")
        #expect(result.wasAlreadyCoded)
        #expect(try store.units().map(\.codes) == [["Mestring"]])
    }

    @Test func whatCannotBeMovedIsRefusedAndChangesNothing() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let coded = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel"])
        _ = try store.code("eva", .quote("det navske", occurrence: nil), codes: ["Tillit"])
        let segment = coded.segment.id
        let trivsel = try store.resolve.code("Trivsel"), tillit = try store.resolve.code("Tillit")
        let before = try ProjectSnapshot(store)
        // To itself; a code the coder does not have there; an unknown segment; a typo of an existing code; bad names.
        #expect(throws: StoreError.unchanged(.coding, name: "Trivsel")) { try store.recode(segment: segment, from: trivsel, to: "Trivsel") }
        #expect(throws: StoreError.self) { try store.recode(segment: segment, from: tillit, to: "Mestring") }
        #expect(throws: StoreError.missing(.segment, tillit)) { try store.recode(segment: tillit, from: trivsel, to: "Mestring") }
        #expect(throws: StoreError.similarCode(name: "Tilit", similar: ["Tillit"])) {
            try store.recode(segment: segment, from: trivsel, to: "Tilit", newCodes: .createUnlessSimilar())
        }
        for bad in ["", "A//B", "Ny\u{202E}kode", String(repeating: "ø", count: 201)] {
            #expect(throws: StoreError.self, "\(bad)") { try store.recode(segment: segment, from: trivsel, to: bad) }
        }
        // Another coder's coding of the same code is not this coder's to move.
        let berit = try ProjectStore.open(at: store.url, coder: "berit")
        #expect(throws: StoreError.self) { try berit.recode(segment: segment, from: trivsel, to: "Mestring") }
        #expect(try ProjectSnapshot(store) == before)
    }

    @Test func undoMovesAChangedCodingBackAndThenTakesBackTheCodingBeforeIt() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let coded = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel"])
        let segment = coded.segment.id
        try store.editQuote(segment: segment, QuoteUpdate(leadIn: "Eva forteller:"))
        let trivsel = try store.resolve.code("Trivsel")
        let codingIDs = { try store.pool.read { try UUID.fetchAll($0, sql: "SELECT id FROM coding ORDER BY id") } }
        let original = try codingIDs()
        try store.recode(segment: segment, from: trivsel, to: "Mestring")
        #expect(try store.history(limit: 1)[0].action == "coding.change")

        let undone = try #require(try store.undoLastCoding())
        #expect(undone.restored == "Trivsel" && undone.result.removed == ["Mestring"] && !undone.result.segmentDeleted)
        #expect(try store.units().map(\.codes) == [["Trivsel"]])
        // The old coding, with its own id: the segment and its quote edits stayed.
        #expect(try codingIDs() == original)
        #expect(try store.quoteDetails(segment: segment).leadIn == "Eva forteller:")

        // The next undo takes back the coding the change was made on, not the change again.
        let second = try #require(try store.undoLastCoding())
        #expect(second.restored == nil && second.result.removed == ["Trivsel"] && second.result.segmentDeleted)
        #expect(try store.units().isEmpty)
        #expect(try store.undoLastCoding() == nil)
    }

    @Test func undoAfterAChangeToACodeAlreadyThereBringsTheOldCodeBackBesideIt() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let coded = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel", "Mestring"])
        try store.recode(segment: coded.segment.id, from: try store.resolve.code("Trivsel"), to: "Mestring")
        let undone = try #require(try store.undoLastCoding())
        #expect(undone.restored == "Trivsel" && undone.result.removed.isEmpty)
        #expect(try Set(store.units()[0].codes) == ["Trivsel", "Mestring"])
    }

    @Test func aChangeThatCannotBeMovedBackIsRefusedAndNothingOlderIsUndone() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("Tillit er alt", occurrence: 1), codes: ["Tillit"])
        let coded = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel"])
        try store.editQuote(segment: coded.segment.id, QuoteUpdate(leadIn: "Eva forteller:"))
        let trivsel = try store.resolve.code("Trivsel")
        try store.recode(segment: coded.segment.id, from: trivsel, to: "Mestring")
        _ = try store.deleteCode(trivsel)
        // The change cannot go back to a code that is gone; the coding before it, on another passage,
        // is not what the coder is looking at, so nothing is undone and the reason is given.
        let before = try ProjectSnapshot(store)
        let error = #expect(throws: StoreError.self) { try store.undoLastCoding() }
        #expect(error?.description.contains("the old code no longer exists") == true, "\(String(describing: error))")
        #expect(try ProjectSnapshot(store) == before)
        #expect(try Set(store.units().map(\.codes)) == [["Mestring"], ["Tillit"]])
        #expect(try store.quoteDetails(segment: coded.segment.id).leadIn == "Eva forteller:")
        // Once the change is taken back by hand, undo goes on with the steps before it.
        try store.uncode(segment: coded.segment.id, codes: [], force: true)
        #expect(try store.undoLastCoding()?.result.removed == ["Tillit"])
    }

    @Test func aChangeWhoseOldCodeCameBackIsTakenBackWithoutADoubleCoding() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let coded = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["A"])
        try store.recode(segment: coded.segment.id, from: try store.resolve.code("A"), to: "B")
        _ = try store.code("eva", .offsets(start: coded.segment.start, end: coded.segment.end), codes: ["A"])
        // The newest step is the new coding of A: undone first, then the change (B goes, A back).
        #expect(try store.undoLastCoding()?.result.removed == ["A"])
        #expect(try store.undoLastCoding()?.restored == "A")
        #expect(try store.units().map(\.codes) == [["A"]])
    }

    @Test func undoWalksBackThroughSeveralChangesOneAtATime() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let coded = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["A"])
        let segment = coded.segment.id
        try store.addMemo(on: .segment(segment), text: "Viktig.")
        try store.recode(segment: segment, from: try store.resolve.code("A"), to: "B")
        try store.recode(segment: segment, from: try store.resolve.code("B"), to: "C")
        #expect(try store.undoLastCoding()?.restored == "B")
        #expect(try store.units().map(\.codes) == [["B"]])
        #expect(try store.undoLastCoding()?.restored == "A")
        #expect(try store.units().map(\.codes) == [["A"]])
        // Then the first coding, which has a memo: refused, and nothing changed.
        #expect(throws: StoreError.self) { try store.undoLastCoding() }
        #expect(try store.units().map(\.codes) == [["A"]] && store.memos(on: .segment(segment)).count == 1)
    }

    @Test func anUndoIsNotAStepOfItsOwn() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("Tillit er alt", occurrence: 1), codes: ["Tillit"])
        let coded = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel", "Mestring"])
        try store.recode(segment: coded.segment.id, from: try store.resolve.code("Trivsel"), to: "Mestring")
        #expect(try store.undoLastCoding()?.restored == "Trivsel")
        // The coding the undo put back is not the newest step: the first coding's codes go, newest first.
        #expect(try store.undoLastCoding()?.result.removed == ["Mestring"])
        #expect(try store.undoLastCoding()?.result.removed == ["Trivsel"])
        #expect(try store.undoLastCoding()?.result.removed == ["Tillit"])
        #expect(try store.units().isEmpty && store.undoLastCoding() == nil)
    }

    @Test func aSegmentSharingItsSpanWithAnotherKeepsItsCodingWhereAsked() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let long = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel"])
        let short = try store.code("eva", .quote("kjempegod", occurrence: nil), codes: ["Kort"])
        try store.editQuote(segment: short.segment.id, QuoteUpdate(leadIn: "Eva sier:"))
        // An edit shrinks the longer segment to the shorter one's span: two segments, one span.
        _ = try store.replaceText(in: try store.resolve.transcript("eva"), find: " jobb,", with: ",")
        let spans = try store.pool.read { try Row.fetchAll($0, sql: "SELECT start, \"end\" FROM segment").map { [$0[0] as Int, $0[1] as Int] } }
        #expect(spans.count == 2 && Set(spans).count == 1)
        // Each change stays on the segment asked for: neither takes the other's place or is deleted.
        try store.recode(segment: short.segment.id, from: try store.resolve.code("Kort"), to: "Ny")
        try store.recode(segment: long.segment.id, from: try store.resolve.code("Trivsel"), to: "Mestring")
        let codes = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT segmentId, code.name FROM coding JOIN code ON code.id = coding.codeId")
                .map { ($0[0] as UUID, $0[1] as String) }
        }
        #expect(Dictionary(uniqueKeysWithValues: codes) == [short.segment.id: "Ny", long.segment.id: "Mestring"])
        #expect(try store.quoteDetails(segment: short.segment.id).leadIn == "Eva sier:")
        #expect(try store.units().count == 2)
    }
}
