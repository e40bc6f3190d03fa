import Foundation
@testable import QualCode
import Testing

/// A code tree is at most ``NameRules/maximumCodeDepth`` levels deep, however a code gets there: a path,
/// a path under a deep code, a move, a merge. (Three thousand levels made every write take minutes.)
@Suite struct CodeDepthTests {
    static let limit = NameRules.maximumCodeDepth

    static func path(_ levels: Int, prefix: String = "n") -> String {
        (1...levels).map { "\(prefix)\($0)" }.joined(separator: "/")
    }

    @Test func aPathAsDeepAsAllowedIsTakenAndOneDeeperIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        try store.addCode(Self.path(Self.limit))
        let before = try ProjectSnapshot(store)
        let tooDeep = StoreError.invalidName(what: "code", name: Self.path(Self.limit + 1), problem: .tooDeep(limit: Self.limit))
        #expect(throws: tooDeep) { try store.addCode(Self.path(Self.limit + 1)) }
        #expect(throws: tooDeep) { try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: [Self.path(Self.limit + 1)]) }
        // A short path that ends under the deepest code: resolved from there, one level too many.
        let under = "n\(Self.limit)/ny"
        #expect(throws: StoreError.invalidName(what: "code", name: under, problem: .tooDeep(limit: Self.limit))) {
            try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: [under])
        }
        #expect(throws: StoreError.self) { try store.addCode("ny", parent: try store.resolve.code("n\(Self.limit)")) }
        // Three thousand levels are refused before any work is done.
        #expect(throws: StoreError.self) { try store.addCode(Self.path(3_000)) }
        #expect(try ProjectSnapshot(store) == before)
        #expect(tooDeep.description.contains("at most \(Self.limit)"))
    }

    @Test func aMoveOrMergeThatWouldGoTooDeepIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        try store.addCode(Self.path(Self.limit))          // n1/…/n20
        try store.addCode(Self.path(3, prefix: "m"))      // m1/m2/m3
        let before = try ProjectSnapshot(store)
        let deepest = try store.resolve.code("n\(Self.limit - 1)")
        // m1 with two levels below it under n19 would end at level 22.
        #expect(throws: StoreError.self) { try store.moveCode(try store.resolve.code("m1"), under: deepest) }
        // Merging m1 into n19: m2 (and m3 below it) would go under n19.
        #expect(throws: StoreError.self) { try store.mergeCode(try store.resolve.code("m1"), into: deepest) }
        #expect(try ProjectSnapshot(store) == before)
        // m3 alone fits under n19 (level 20), and merging into a shallow code is fine.
        try store.moveCode(try store.resolve.code("m3"), under: deepest)
        _ = try store.mergeCode(try store.resolve.code("m2"), into: try store.resolve.code("n1"))
        #expect(try store.codeTree().map(\.depth).max() == Self.limit - 1)
    }

    @Test func aDeeperTreeFromAnOlderFileIsReadAndMayBeMadeShallower() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        // 25 levels, as a file from before the limit may hold.
        try store.pool.write { db in
            var parent: UUID?
            for level in 1...25 {
                let code = Code(name: "d\(level)", color: "#336699", parentId: parent)
                try code.insert(db)
                parent = code.id
            }
        }
        let deepest = try store.resolve.code(Self.path(25, prefix: "d"))
        #expect(try store.codeTree().count == 25)
        _ = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: [Self.path(25, prefix: "d")])
        // Nothing deeper, but shallower is fine even while still past the limit: d25 merged up, then
        // d5 and the 19 levels below it moved from under d4 to under d1 (21 levels, from 24).
        #expect(throws: StoreError.self) { try store.addCode("ny", parent: deepest) }
        try store.addCode("side/under")
        #expect(throws: StoreError.invalidName(what: "code", name: "d2", problem: .tooDeep(limit: Self.limit))) {
            try store.moveCode(try store.resolve.code("d2"), under: try store.resolve.code("under"))  // 25 → 26 levels
        }
        _ = try store.mergeCode(deepest, into: try store.resolve.code("d3"))
        try store.moveCode(try store.resolve.code("d5"), under: try store.resolve.code("d1"))
        #expect(try store.codeTree().map(\.depth).max() == 20)
        #expect(try store.units().map(\.codes) == [["d3"]])
    }
}
