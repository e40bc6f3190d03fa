import Foundation

/// A tmpfs of a few hundred KiB mounted for one test, so a full disk is met for real (SQLite gets
/// ENOSPC and reports SQLITE_FULL). Mounting needs root, which this project's machines and CI have;
/// where `mount` is refused, ``isAvailable`` is false and the tests that need one are skipped.
public final class TinyDisk: @unchecked Sendable {
    public let url: URL

    /// Whether a tmpfs can be mounted here (tried once).
    public static let isAvailable: Bool = (try? TinyDisk(kibibytes: 64)) != nil

    public init(kibibytes: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-tiny-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        guard getuid() == 0, Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kibibytes)k,mode=0755", "tmpfs", url.path]) else {
            try? FileManager.default.removeItem(at: url)
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    deinit {
        _ = Self.run("/bin/umount", [url.path])
        try? FileManager.default.removeItem(at: url)
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes a file of zeros as large as the disk lets it be, leaving `bytes` free (roughly: tmpfs
    /// counts whole pages), and returns it so a test can delete it to free the space again.
    @discardableResult
    public func fill(leaving bytes: Int) throws -> URL {
        let filler = file("fyll.bin")
        let free = try FileManager.default.attributesOfFileSystem(forPath: url.path)[.systemFreeSize] as? Int ?? 0
        try Data(count: max(0, free - bytes)).write(to: filler)
        return filler
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
