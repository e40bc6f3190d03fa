import Foundation
import ZIPFoundation

/// Files that belong together — the wide data set and its data dictionary — as one ZIP archive, for a
/// front end that hands over a single file (a download from the browser).
///
/// For example:
/// ```swift
/// let report = try store.exportWideDataSet(options, to: ExportTarget(path: folder + "/datasett.csv", format: .csv))
/// let zip = try ExportArchive.zip([URL(fileURLWithPath: report.path)] + [report.dictionaryPath].compactMap { $0 }.map(URL.init(fileURLWithPath:)))
/// ```
public enum ExportArchive {
    /// The files, each under its own name (no folders), in the order given.
    ///
    /// - Throws: ``ExportError/archiveFailed(reason:)`` when a file cannot be read or two have one name.
    public static func zip(_ files: [URL]) throws -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            var names = Set<String>()
            for file in files {
                let name = file.lastPathComponent
                guard names.insert(name).inserted else { throw ExportError.archiveFailed(reason: "two files are named \(name)") }
                let data = try Data(contentsOf: file)
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw ExportError.archiveFailed(reason: "the archive has no data") }
            return data
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError.archiveFailed(reason: error.localizedDescription)
        }
    }
}
