import Foundation
import GRDB
import Testing
@testable import QualCode

/// Findings of the ninth review: each test failed before its fix.
@Suite struct Review9Tests {
    // MARK: - Short ids

    /// A short id needs four hex digits; dashes are not digits. `----` or `a---` named whichever memo
    /// (or segment, or quote export) was the only one whose id ended that way — `memo delete -- ----`
    /// deleted the project's only memo.
    @Test(arguments: ["----", "a---", "-a-a-", "0-0-"])
    func aShortIdOfDashesOrFewerThanFourDigitsNamesNothing(reference: String) throws {
        let folder = try TemporaryFolder()
        let store = try MemoEditingTests.project(folder)
        try MemoEditingTests.insert(store, id: "01900000-0000-7000-8000-00000000a00a")
        #expect(throws: StoreError.self) { try store.resolve.memo(reference) }
        #expect(try store.resolve.memo("a00a") == UUID(uuidString: "01900000-0000-7000-8000-00000000a00a"))
        #expect(try store.resolve.memo("0000-a00a") == UUID(uuidString: "01900000-0000-7000-8000-00000000a00a"))
    }
}
