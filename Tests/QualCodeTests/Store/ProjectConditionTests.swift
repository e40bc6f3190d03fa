import Foundation
import GRDB
@testable import QualCode
import Testing

/// Conditions of the file rather than of the data — busy, read-only, a full disk — are said as such,
/// never as «not a QualCode project», and change nothing.
@Suite(.serialized) struct ProjectConditionTests {
    /// Runs `command` through the shell; true when it exited 0.
    @discardableResult
    private func shell(_ command: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// `folder` made unwritable the way this user can: a read-only bind mount for root (whom file modes
    /// do not stop), file modes for anyone else. Returns the path to use and how to undo it.
    private func readOnlyView(of folder: URL) throws -> (URL, () -> Void) {
        if getuid() == 0 {
            let view = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + "-ro")
            try FileManager.default.createDirectory(at: view, withIntermediateDirectories: true)
            let ok = shell("mount --bind '\(folder.path)' '\(view.path)' && mount -o remount,ro,bind '\(view.path)'")
            try #require(ok, "a read-only bind mount is needed to make a folder read-only for root")
            return (view, { self.shell("umount '\(view.path)'"); try? FileManager.default.removeItem(at: view) })
        }
        shell("chmod -R a-w '\(folder.path)'")
        return (folder, { self.shell("chmod -R u+w '\(folder.path)'") })
    }

    @Test func aReadOnlyProjectCanBeReadAndRefusesChangesLeavingNoSideFiles() throws {
        let folder = try TemporaryFolder()
        let projectFolder = folder.file("prosjekt")
        try FileManager.default.createDirectory(at: projectFolder, withIntermediateDirectories: true)
        let url = projectFolder.appendingPathComponent("studie.qualcode")
        do {
            let store = try ProjectStore.create(at: url, title: "Lesetilgang", coder: "anne")
            try store.importTranscripts([try folder.write("eva.txt", "Eva: Tilliten kom etter hvert, «sakte men sikkert».\n")])
            _ = try store.code("eva", .quote("sakte men sikkert", occurrence: nil), codes: ["Tillit"])
        }
        let before = try Data(contentsOf: url)
        let (view, undo) = try readOnlyView(of: projectFolder)
        defer { undo() }
        let readOnlyURL = view.appendingPathComponent("studie.qualcode")
        let store = try ProjectStore.open(at: readOnlyURL, coder: "berit")
        #expect(try store.codeTree().map(\.name) == ["Tillit"])
        #expect(try store.retrieve(code: "Tillit").map(\.segment.text) == ["sakte men sikkert"])
        do {
            _ = try store.addMemo(text: "Et notat som ikke kan lagres.")
            Issue.record("a change to a read-only project must be refused")
        } catch {
            #expect(StoreError.interpreting(error) == .projectReadOnly(path: nil))
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: view.path).sorted()
        #expect(left == ["studie.qualcode"])
        #expect(try Data(contentsOf: readOnlyURL) == before)
    }

    @Test func aProjectAnotherWriterHoldsIsBusyNotBroken() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("studie.qualcode")
        _ = try ProjectStore.create(at: url, title: "Travelt", coder: "anne")
        // Another program in the middle of a long write: it holds the write lock until it commits.
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: url.path, configuration: holding)
        try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        // Opening needs the lock for a moment (SQLite checks the journal mode): busy, said as such.
        #expect(throws: StoreError.projectBusy(path: url.path)) { try ProjectStore.open(at: url, coder: "berit", busyTimeout: 0.2) }
        try other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        let store = try ProjectStore.open(at: url, coder: "berit", busyTimeout: 0.2)
        try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        // Open already, reads go on beside the other writer; a write waits, then fails as busy.
        #expect(try store.codeTree().isEmpty)
        do {
            _ = try store.addMemo(text: "Venter på tur.")
            Issue.record("a write while another holds the lock must fail as busy")
        } catch {
            #expect(StoreError.interpreting(error, path: url.path) == .projectBusy(path: url.path))
        }
        #expect(try store.memos().isEmpty)
    }

    @Test func aFullDiskIsSaidAsSuchAndTheChangeRollsBack() throws {
        // A disk that fills up: a small tmpfs, which only root can mount (file modes cannot fake it).
        try #require(getuid() == 0, "mounting a small tmpfs needs root")
        let folder = try TemporaryFolder()
        let disk = folder.file("liten-disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        try #require(shell("mount -t tmpfs -o size=2m tmpfs '\(disk.path)'"))
        defer { shell("umount '\(disk.path)'") }
        let url = disk.appendingPathComponent("studie.qualcode")
        let store = try ProjectStore.create(at: url, title: "Full disk", coder: "anne")
        _ = try store.addMemo(text: "Før disken ble full.")
        // Fill what is left, then ask for more than a page.
        shell("dd if=/dev/zero of='\(disk.path)/fyll' bs=4k 2>/dev/null; true")
        do {
            _ = try store.addMemo(text: String(repeating: "Et langt notat om tillit og «det navske». ", count: 20_000))
            Issue.record("a write on a full disk must fail")
        } catch {
            #expect(StoreError.interpreting(error) == .diskFull(path: nil), "\(error)")
        }
        try FileManager.default.removeItem(at: disk.appendingPathComponent("fyll"))
        #expect(try store.memos().map(\.text) == ["Før disken ble full."])
        #expect(try store.integrityCheck() == "ok")
    }
}
