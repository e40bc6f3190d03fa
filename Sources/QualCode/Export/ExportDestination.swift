import Foundation

/// Checks an export's target before any work is done, so a typo in a folder name is reported at
/// once and nothing is written.
public enum ExportDestination {
    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` when `url` is a folder, its folder does not
    ///   exist, or it is one of `inputs` (the project file, a reference document).
    public static func check(_ url: URL, protecting inputs: [URL] = []) throws {
        let manager = FileManager.default
        // Writing over the project (or its write-ahead log) or the reference document would destroy it.
        let target = url.standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs {
            let path = input.standardizedFileURL.resolvingSymlinksInPath().path
            if [path, path + "-wal", path + "-shm"].contains(target) {
                throw ExportError.cannotWrite(path: url.path, reason: "it is \(input.lastPathComponent), which this export reads")
            }
        }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ExportError.cannotWrite(path: url.path, reason: "it is a folder")
        }
        let folder = url.deletingLastPathComponent()
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExportError.cannotWrite(path: url.path, reason: "the folder \(folder.path) does not exist")
        }
    }
}
