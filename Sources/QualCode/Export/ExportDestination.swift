import Foundation

/// Checks an export's target before any work is done, so a typo in a folder name is reported at
/// once and nothing is written.
public enum ExportDestination {
    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` when `url` is one of `inputs` (the project
    ///   file, a reference document), or is what ``ExportFile`` refuses: a folder, a socket, a block
    ///   device, or a path whose folder does not exist.
    public static func check(_ url: URL, protecting inputs: [URL] = []) throws {
        // Writing over the project (or its write-ahead log) or the reference document would destroy it.
        let target = url.standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs {
            let path = input.standardizedFileURL.resolvingSymlinksInPath().path
            if [path, path + "-wal", path + "-shm"].contains(target) {
                throw ExportError.cannotWrite(path: url.path, reason: "it is \(input.lastPathComponent), which this export reads")
            }
        }
        // A folder, a socket, a block device or a missing folder: refused as the write would refuse it.
        try ExportFile.check(url)
    }
}
