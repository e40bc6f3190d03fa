import Foundation
import ZIPFoundation

/// Reads entries out of an untrusted ZIP package (a .docx) with the checks a hostile file needs:
/// entry paths that escape the archive are refused, and unpacked sizes are counted as bytes arrive,
/// whatever the headers claim, so a ZIP bomb stops at the limit.
struct SafeZip {
    let archive: Archive
    let file: String

    init(url: URL, file: String) throws(ImportError) {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .notAZip(file: file)
        }
        for entry in archive {
            let path = entry.path
            let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
            if path.hasPrefix("/") || path.hasPrefix("\\") || parts.contains("..") || path.contains(":") {
                throw .unsafeEntryPath(file: file, entry: path)
            }
        }
        self.archive = archive
        self.file = file
    }

    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The bytes of one entry; refuses more than `limit` unpacked bytes.
    func data(_ path: String, limit: Int) throws(ImportError) -> Data {
        guard let entry = archive[path] else { throw .missingEntry(file: file, entry: path) }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if data.count + chunk.count > limit { throw SizeExceeded() }
                data.append(chunk)
            }
        } catch is SizeExceeded {
            throw .entryTooLarge(file: file, entry: path, limit: limit)
        } catch {
            throw .unreadable(file: file, reason: "entry \(path) is corrupt")
        }
        return data
    }

    private struct SizeExceeded: Error {}
}
