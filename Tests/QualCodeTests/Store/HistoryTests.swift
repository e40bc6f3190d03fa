import Foundation
@testable import QualCode
import Testing

/// The event log read as history: records named as they are now, gone ones listed as gone.
@Suite struct HistoryTests {
    @Test func recordsAreNamedAsTheyAreToday() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let coded = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel"])
        let code = try store.resolve.code("Trivsel")
        try store.updateCode(code, name: "Arbeidsglede")
        let history = try store.history(limit: 10)
        #expect(history.map(\.id) == history.map(\.id).sorted(by: >))
        let coding = try #require(history.first { $0.action == "coding.add" })
        #expect(coding.details["code"] == "Arbeidsglede")
        #expect(coding.details["transcript"] == "intervju-eva")
        #expect(coding.details["segment"] == "«kjempegod jobb»")
        #expect(coding.actor == "tester")
        _ = try store.uncode(segment: coded.segment.id, codes: [])
        let after = try store.history(limit: 10)
        let old = try #require(after.first { $0.action == "coding.add" })
        #expect(old.deleted.contains("segment") && old.details["segment"] == nil)
        // Paging: the events before a given one.
        let page = try store.history(before: after[1].id, limit: 2)
        #expect(page.map(\.id) == [after[2].id, after[3].id])
        #expect(throws: StoreError.self) { try store.history(limit: 0) }
    }
}
