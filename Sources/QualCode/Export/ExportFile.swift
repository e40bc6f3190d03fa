import Foundation

/// Writes an export to disk in one step: the file appears complete or not at all.
public enum ExportFile {
    public static func write(_ data: Data, to url: URL) throws {
        do { try data.write(to: url, options: .atomic) } catch {
            throw ExportError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
