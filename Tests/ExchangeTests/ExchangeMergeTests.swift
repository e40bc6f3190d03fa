import Foundation
import GRDB
import QualCode
import QualCodeKit
import Testing
@testable import Exchange

/// A merge carries the GUIDs another tool gave the other copy's records, under the ids those records
/// have here, so the merged project exports them as they came in.
@Suite struct ExchangeMergeTests {
    @Test func guidsFromAnotherToolComeAlongInAMerge() throws {
        let folder = try Study.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let theirs = try Study.project(in: folder)
        let code = try #require(try theirs.codeTree().first { $0.path.hasSuffix("Tillit") })
        try theirs.pool.write { db in
            try db.execute(sql: "INSERT INTO exchangeGUID (kind, key, guid) VALUES ('code', ?, '{ABCDEF01-2345-6789-ABCD-EF0123456789}')",
                           arguments: [code.id.uuidString.lowercased()])
            try db.execute(sql: "INSERT INTO exchangeGUID (kind, key, guid) VALUES ('user', 'anne', 'bruker-anne')")
        }
        let oursFolder = folder.appendingPathComponent("vår")
        try FileManager.default.createDirectory(at: oursFolder, withIntermediateDirectories: true)
        let ours = try ProjectModules.create(at: oursFolder.appendingPathComponent("vår.qualcode"), title: "Felles", coder: "berit")
        let report = try ours.merge(from: theirs.url)
        #expect(!report.modulesNotCarried.contains("exchange"))
        let here = try #require(try ours.codeTree().first { $0.path == code.path })
        let codebook = String(decoding: try Exchange(ours).refiCodebook().data, as: UTF8.self)
        #expect(codebook.contains("guid=\"{ABCDEF01-2345-6789-ABCD-EF0123456789}\""))
        let project = try Exchange(ours).refiProject()
        #expect(project.summary.codes > 0)
        // A second merge brings nothing new.
        let again = try ours.merge(from: theirs.url)
        #expect(again.backup == nil)
        #expect(try ours.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM exchangeGUID WHERE key = ?", arguments: [here.id.uuidString.lowercased()]) } == 1)
    }
}
