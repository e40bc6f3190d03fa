import Foundation
import GRDB
import Testing
@testable import QualCode

/// Edges of a tree whose names repeat under different parents, found in review.
@Suite struct CodeTreeEdgeTests {
    @Test func mergingACodeIntoItsParentKeepsTheCodingsOfItsNamesakeChild() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["A/B/B/C"])
        _ = try store.code("eva", .quote("Tillit er alt.", occurrence: nil), codes: ["A/B/B"])
        _ = try store.code("eva", .quote("sparringspartner", occurrence: nil), codes: ["A/B"])
        let codings = try store.counts().codings
        _ = try store.mergeCode("A/B", into: "A")
        #expect(try store.counts().codings == codings)
        let tree = try store.codeTree()
        // A/B went into A; its child B moved up under A (A/B again) with its own child C.
        #expect(tree.map(\.path) == ["A", "A/B", "A/B/C"])
        #expect(tree.first { $0.path == "A" }?.segments == 1)
        #expect(tree.first { $0.path == "A/B" }?.segments == 1)
        #expect(tree.first { $0.path == "A" }?.segmentsWithChildren == 3)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aTargetTakingTheMergedCodesPlaceMeetsNoNamesake() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        try store.addCode("A/A")
        _ = try store.mergeCode("/A", into: "A/A")
        #expect(try store.codeTree().map(\.path) == ["A"])
        try store.addCode("Tillit")
        try store.addCode("Ledelse/tillit")
        let before = try ProjectSnapshot(store)
        #expect(throws: StoreError.duplicate(what: "code", name: "tillit")) { try store.mergeCode("Ledelse", into: "Ledelse/tillit") }
        #expect(try ProjectSnapshot(store) == before)
    }

    @Test func aPathAnchoredAtTheTopStaysThereWhenItIsCreated() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        try store.addCode("X/Ny")
        let made = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["/Ny/B"])
        #expect(made.createdCodes == ["Ny/B"])
        #expect(try store.codeTree().map(\.path) == ["Ny", "Ny/B", "X", "X/Ny"])
    }

    @Test func theRollUpOfATopLevelCodeCountsItsOwnSegmentsToo() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Balansekunst"])
        _ = try store.code("eva", .quote("Tillit er alt.", occurrence: nil), codes: ["Balansekunst/Sparringspartner"])
        let top = try #require(try store.codeTree().first { $0.path == "Balansekunst" })
        #expect(top.segments == 1 && top.segmentsWithChildren == 2 && top.participantsWithChildren == 1)
    }

    @Test func codesCaughtInAParentCycleAreStillListed() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        try store.addCode("A")
        try store.addCode("B")
        // A damaged file: each the other's parent (the store itself refuses such a move).
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "UPDATE code SET parentId = (SELECT id FROM code WHERE name = 'B') WHERE name = 'A'")
            try db.execute(sql: "UPDATE code SET parentId = (SELECT id FROM code WHERE name = 'A') WHERE name = 'B'")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        #expect(Set(try store.codeTree().map(\.name)) == ["A", "B"])
    }

    @Test func aDamagedOlderFileIsRefusedInOneLineAndLeftAsItWas() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("skadet.qualcode")
        try FileManager.default.copyItem(at: MigrationTests.landed, to: url)
        try DatabaseQueue(path: url.path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: """
                INSERT INTO coding (id, segmentId, codeId, coder, createdAt)
                SELECT x'00000000000000000000000000000001', segmentId, x'00000000000000000000000000000002', 'x', createdAt FROM coding LIMIT 1
                """)
        }
        func state() throws -> [String] {
            try DatabaseQueue(path: url.path).read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                    + [try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'code'") ?? "",
                       String(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM coding") ?? 0)]
            }
        }
        let before = try state()
        #expect {
            _ = try ProjectStore.open(at: url, coder: "x")
        } throws: { error in
            guard case let .migrationFailed(path, reason) = error as? StoreError else { return false }
            return path == url.path && reason.contains("FOREIGN KEY") && !"\(error)".contains("\n")
        }
        #expect(try state() == before)
    }
}
