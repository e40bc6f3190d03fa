import Foundation
@testable import QualCode
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `ExportFile`, the one way an export reaches a path: a file is replaced in one step, a symbolic
/// link stays a link, a device or a named pipe is written through, and a folder, a socket or a block
/// device is refused. Tests run as root here: no device but /dev/null and /dev/full is written.
@Suite struct ExportFileTests {
    static let bytes = Data("kode,definisjon\nTillit,Å stole på noen\n".utf8)

    /// The file type bits of `path`, not following a link.
    static func type(_ path: String) -> mode_t? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT
    }

    /// What the folder holds besides `expected`: a temporary file left behind would show here.
    static func leftovers(_ folder: TemporaryFolder, expecting expected: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { !expected.contains($0) }.sorted()
    }

    static func reason(_ body: () throws -> Void) -> (path: String, reason: String)? {
        do {
            try body()
            return nil
        } catch let ExportError.cannotWrite(path, reason) {
            return (path, reason)
        } catch {
            return ("", "\(error)")
        }
    }

    // MARK: - Files

    @Test func aNewFileIsCreatedWhole() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("kodebok.csv")
        try ExportFile.write(Self.bytes, to: url)
        #expect(try Data(contentsOf: url) == Self.bytes)
        #expect(Self.type(url.path) == S_IFREG)
        #expect(try Self.leftovers(folder, expecting: ["kodebok.csv"]).isEmpty)
    }

    @Test func aRegularFileIsReplacedAndKeepsItsPermissions() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("kodebok.csv", "gammelt innhold som er lengre enn det nye, så ingenting blir igjen av det")
        #expect(chmod(url.path, 0o640) == 0)
        try ExportFile.write(Self.bytes, to: url)
        #expect(try Data(contentsOf: url) == Self.bytes)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try Self.leftovers(folder, expecting: ["kodebok.csv"]).isEmpty)
    }

    @Test func aMissingFolderIsRefusedByName() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("finnes-ikke/kodebok.csv")
        let failure = Self.reason { try ExportFile.write(Self.bytes, to: url) }
        #expect(failure?.path == url.path)
        #expect(failure?.reason == "the folder \(folder.file("finnes-ikke").path) does not exist")
        #expect(try Self.leftovers(folder, expecting: []).isEmpty)
    }

    // MARK: - Symbolic links

    @Test func aSymbolicLinkStaysAndItsTargetIsWritten() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.file("ekte"), withIntermediateDirectories: true)
        let target = try folder.write("ekte/kodebok.csv", "gammelt")
        // A chain of two links, the first one relative.
        try FileManager.default.createSymbolicLink(atPath: folder.file("mellom.csv").path, withDestinationPath: target.path)
        try FileManager.default.createSymbolicLink(atPath: folder.file("lenke.csv").path, withDestinationPath: "mellom.csv")
        try ExportFile.write(Self.bytes, to: folder.file("lenke.csv"))
        #expect(Self.type(folder.file("lenke.csv").path) == S_IFLNK)
        #expect(Self.type(folder.file("mellom.csv").path) == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("lenke.csv").path) == "mellom.csv")
        #expect(try Data(contentsOf: target) == Self.bytes)
        #expect(try Self.leftovers(folder, expecting: ["ekte", "mellom.csv", "lenke.csv"]).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("ekte").path) == ["kodebok.csv"])
    }

    @Test func aDanglingLinkCreatesItsTarget() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.file("lenke.csv").path, withDestinationPath: "ny.csv")
        try ExportFile.write(Self.bytes, to: folder.file("lenke.csv"))
        #expect(Self.type(folder.file("lenke.csv").path) == S_IFLNK)
        #expect(try Data(contentsOf: folder.file("ny.csv")) == Self.bytes)
        // A link into a folder that does not exist is refused, and the link is left alone.
        try FileManager.default.createSymbolicLink(atPath: folder.file("borte.csv").path, withDestinationPath: "mangler/ny.csv")
        #expect(Self.reason { try ExportFile.write(Self.bytes, to: folder.file("borte.csv")) }?.reason.hasPrefix("the folder ") == true)
        #expect(Self.type(folder.file("borte.csv").path) == S_IFLNK)
    }

    @Test func aLoopOfLinksIsRefused() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.file("a.csv").path, withDestinationPath: "b.csv")
        try FileManager.default.createSymbolicLink(atPath: folder.file("b.csv").path, withDestinationPath: "a.csv")
        #expect(Self.reason { try ExportFile.write(Self.bytes, to: folder.file("a.csv")) }?.reason.contains("loop") == true)
        #expect(try Self.leftovers(folder, expecting: ["a.csv", "b.csv"]).isEmpty)
    }

    @Test func aSnapshotPutsBackTheFileALinkPointsTo() throws {
        let folder = try TemporaryFolder()
        let target = try folder.write("ekte.csv", "gammelt")
        try FileManager.default.createSymbolicLink(atPath: folder.file("lenke.csv").path, withDestinationPath: "ekte.csv")
        let earlier = ExportFile.Snapshot(of: folder.file("lenke.csv"))
        try ExportFile.write(Self.bytes, to: folder.file("lenke.csv"))
        earlier.restore()
        #expect(try String(contentsOf: target, encoding: .utf8) == "gammelt")
        #expect(Self.type(folder.file("lenke.csv").path) == S_IFLNK)

        // A link to nothing: the file the export created goes, the link stays.
        try FileManager.default.createSymbolicLink(atPath: folder.file("ny-lenke.csv").path, withDestinationPath: "ny.csv")
        let nothing = ExportFile.Snapshot(of: folder.file("ny-lenke.csv"))
        try ExportFile.write(Self.bytes, to: folder.file("ny-lenke.csv"))
        nothing.restore()
        #expect(Self.type(folder.file("ny.csv").path) == nil)
        #expect(Self.type(folder.file("ny-lenke.csv").path) == S_IFLNK)
    }

    // MARK: - Devices and pipes

    @Test func devNullTakesTheBytesAndStaysADevice() throws {
        try ExportFile.write(Self.bytes, to: URL(fileURLWithPath: "/dev/null"))
        #expect(try ExportFile.check(URL(fileURLWithPath: "/dev/null")) == .stream)
        #expect(Self.type("/dev/null") == S_IFCHR)
        // A snapshot never reads a device (/dev/full would read zeros for ever) and restores nothing.
        ExportFile.Snapshot(of: URL(fileURLWithPath: "/dev/full")).restore()
        #expect(Self.type("/dev/full") == S_IFCHR)
    }

    @Test func aFullDeviceGivesOneClearError() throws {
        let failure = Self.reason { try ExportFile.write(Self.bytes, to: URL(fileURLWithPath: "/dev/full")) }
        #expect(failure?.path == "/dev/full")
        #expect(failure?.reason == "No space left on device")
        #expect(ExportError.cannotWrite(path: "/dev/full", reason: "No space left on device").description
            == "/dev/full: cannot be written (No space left on device); nothing was written.")
        #expect(Self.type("/dev/full") == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.hasPrefix(".qualcode") }.isEmpty)
    }

    @Test func aNamedPipeWithAReaderGetsEveryByte() throws {
        let folder = try TemporaryFolder()
        let pipe = folder.file("rør")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        // More than a pipe's buffer, so the write has to wait for the reader.
        let data = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let received = Received()
        let done = DispatchSemaphore(value: 0)
        let path = pipe.path
        Thread.detachNewThread {
            received.read(path)
            done.signal()
        }
        // The reader is there once its open() is waiting; until then the pipe has no reader.
        var written = false
        for _ in 0..<500 where !written {
            do {
                try ExportFile.write(data, to: pipe)
                written = true
            } catch let ExportError.cannotWrite(_, reason) where reason.contains("no program is reading") {
                usleep(10_000)
            }
        }
        #expect(written)
        if !written {
            // Lets the reader's open() return, so its thread ends.
            let release = open(path, O_WRONLY | O_NONBLOCK)
            if release >= 0 { close(release) }
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(received.data == data)
        #expect(Self.type(pipe.path) == S_IFIFO)
        #expect(try Self.leftovers(folder, expecting: ["rør"]).isEmpty)
    }

    @Test func aNamedPipeWithoutAReaderIsRefusedAtOnce() throws {
        let folder = try TemporaryFolder()
        let pipe = folder.file("rør")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        let start = Date()
        let failure = Self.reason { try ExportFile.write(Self.bytes, to: pipe) }
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(failure?.reason == "it is a named pipe that no program is reading from")
        #expect(Self.type(pipe.path) == S_IFIFO)
        #expect(try Self.leftovers(folder, expecting: ["rør"]).isEmpty)
    }

    // MARK: - Refused

    @Test func aFolderIsRefusedAndNothingWritten() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.file("mappe"), withIntermediateDirectories: true)
        // Also through a link to it.
        try FileManager.default.createSymbolicLink(atPath: folder.file("lenke").path, withDestinationPath: "mappe")
        for name in ["mappe", "lenke"] {
            let failure = Self.reason { try ExportFile.write(Self.bytes, to: folder.file(name)) }
            #expect(failure?.path == folder.file(name).path)
            #expect(failure?.reason == "it is a folder")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("mappe").path).isEmpty)
        #expect(try Self.leftovers(folder, expecting: ["mappe", "lenke"]).isEmpty)
    }

    @Test func aSocketIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("sokkel").path
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(Self.reason { try ExportFile.write(Self.bytes, to: URL(fileURLWithPath: path)) }?.reason == "it is a socket, not a file")
        #expect(Self.type(path) == S_IFSOCK)
        #expect(Self.reason { try ExportDestination.check(URL(fileURLWithPath: path)) }?.reason == "it is a socket, not a file")
    }

    @Test func aBlockDeviceIsRefusedWithoutBeingOpened() throws {
        // Any block device will do: it is only looked at, never opened.
        let devices = (try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []
        guard let device = devices.map({ "/dev/" + $0 }).first(where: { Self.type($0) == S_IFBLK }) else { return }
        // Checked, not written: were the refusal broken, a write would go to a real disk.
        #expect(Self.reason { try ExportFile.check(URL(fileURLWithPath: device)) }?.reason
            == "it is a block device (a disk), not a file")
        #expect(Self.type(device) == S_IFBLK)
    }
}

/// What the reader of a named pipe received.
private final class Received: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = Data()
    var data: Data { lock.withLock { storage } }

    func read(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            lock.withLock { storage.append(contentsOf: buffer[..<count]) }
        }
    }
}
