import Foundation
import ZIPFoundation

/// Reads entries out of an untrusted ZIP package (a .docx) with the checks a hostile file needs:
/// entry paths that escape the archive are refused, unpacked sizes are counted as bytes arrive,
/// whatever the headers claim, so a ZIP bomb stops at the limit, and an entry whose size or checksum
/// differs from its header is refused as damaged.
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

    /// The bytes of one entry; refuses more than `limit` unpacked bytes, and an entry whose bytes do
    /// not agree with its header: more or fewer than its declared size (unpacking stops as soon as it
    /// passes it), or another checksum. ZIPFoundation neither compares the checksum nor, for
    /// compressed entries, the size, so a lying header would otherwise reach the XML parser.
    func data(_ path: String, limit: Int) throws(ImportError) -> Data {
        guard let entry = archive[path] else { throw .missingEntry(file: file, entry: path) }
        let declared = Int(clamping: entry.uncompressedSize)
        if !entry.isCompressed && entry.compressedSize != entry.uncompressedSize {
            throw .damagedEntry(file: file, entry: path,
                                damage: .sizesDisagree(compressed: Int(clamping: entry.compressedSize), uncompressed: declared))
        }
        var data = Data()
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                if data.count + chunk.count > limit { throw SizeExceeded() }
                if data.count + chunk.count > declared { throw LargerThanDeclared() }
                data.append(chunk)
            }
        } catch is SizeExceeded {
            throw .entryTooLarge(file: file, entry: path, limit: limit)
        } catch is LargerThanDeclared {
            throw .damagedEntry(file: file, entry: path, damage: .largerThanDeclared(declared: declared))
        } catch {
            throw .damagedEntry(file: file, entry: path, damage: .corrupt)
        }
        guard data.count == declared else {
            throw .damagedEntry(file: file, entry: path, damage: .smallerThanDeclared(declared: declared, actual: data.count))
        }
        // A checksum of 0 is what ZIPFoundation reports when a data descriptor could not be read.
        guard checksum == entry.checksum || entry.checksum == 0 else {
            throw .damagedEntry(file: file, entry: path, damage: .checksumMismatch)
        }
        return data
    }

    private struct SizeExceeded: Error {}
    private struct LargerThanDeclared: Error {}
}
