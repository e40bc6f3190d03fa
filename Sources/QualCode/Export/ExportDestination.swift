import Foundation

/// Checks an export's target before any work is done, so a typo in a folder name is reported at
/// once and nothing is written.
public enum ExportDestination {
    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` when `url` is a folder or its folder does
    ///   not exist.
    public static func check(_ url: URL) throws {
        let manager = FileManager.default
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
