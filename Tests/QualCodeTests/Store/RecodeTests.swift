import Foundation
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
}
