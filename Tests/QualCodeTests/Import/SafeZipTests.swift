import Foundation
@testable import QualCode
import Testing
import ZIPFoundation

/// Packages whose headers lie about an entry: each is built, then its central directory patched.
@Suite struct SafeZipTests {
    /// The fields of a central-directory header, by their offset in it.
    enum Field: Int {
        case checksum = 16, compressedSize = 20, uncompressedSize = 24
    }

    static let text = Fixtures.document(String(repeating: Fixtures.paragraph("Vi får til mye i teamet, og tillit er alt."), count: 40))

    /// A one-entry package holding `word/document.xml`, compressed or stored.
    func package(_ folder: TemporaryFolder, _ name: String, compressed: Bool) throws -> URL {
        let url = folder.file(name)
        let archive = try Archive(url: url, accessMode: .create)
        let data = Data(Self.text.utf8)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: compressed ? .deflate : .none) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        return url
    }

    /// Overwrites one 32-bit field of the entry's central-directory header (the header readers trust).
    func patch(_ url: URL, _ field: Field, _ change: (UInt32) -> UInt32) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        let start = try #require((0...(bytes.count - 4)).first { Array(bytes[$0..<$0 + 4]) == signature })
        let at = start + field.rawValue
        let old = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        let new = change(old)
        for i in 0..<4 { bytes[at + i] = UInt8(truncatingIfNeeded: new >> (8 * UInt32(i))) }
        try Data(bytes).write(to: url)
    }

    func damage(of url: URL) -> ZipEntryDamage? {
        do {
            _ = try SafeZip(url: url, file: url.lastPathComponent).data("word/document.xml", limit: 1 << 20)
            return nil
        } catch {
            guard case let .damagedEntry(_, entry, damage) = error, entry == "word/document.xml" else { return nil }
            return damage
        }
    }

    static let size = Self.text.utf8.count

    @Test func anHonestPackageReadsBack() throws {
        let folder = try TemporaryFolder()
        for compressed in [true, false] {
            let url = try package(folder, "ærlig-\(compressed).docx", compressed: compressed)
            let data = try SafeZip(url: url, file: "ærlig.docx").data("word/document.xml", limit: 1 << 20)
            #expect(String(decoding: data, as: UTF8.self) == Self.text)
        }
    }

    @Test func aCompressedEntryLargerThanItsHeaderSaysIsRefusedWhileUnpacking() throws {
        let folder = try TemporaryFolder()
        let url = try package(folder, "større.docx", compressed: true)
        try patch(url, .uncompressedSize) { $0 - 100 }
        #expect(damage(of: url) == .largerThanDeclared(declared: Self.size - 100))
    }

    @Test func aCompressedEntrySmallerThanItsHeaderSaysIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = try package(folder, "mindre.docx", compressed: true)
        try patch(url, .uncompressedSize) { $0 + 100 }
        #expect(damage(of: url) == .smallerThanDeclared(declared: Self.size + 100, actual: Self.size))
    }

    @Test func aStoredEntryWhoseTwoSizesDisagreeIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = try package(folder, "lagret.docx", compressed: false)
        try patch(url, .uncompressedSize) { $0 - 100 }
        #expect(damage(of: url) == .sizesDisagree(compressed: Self.size, uncompressed: Self.size - 100))
    }

    @Test func aStoredEntryCutShortByBothSizesFailsItsChecksum() throws {
        let folder = try TemporaryFolder()
        let url = try package(folder, "kortet.docx", compressed: false)
        try patch(url, .uncompressedSize) { $0 - 100 }
        try patch(url, .compressedSize) { $0 - 100 }
        #expect(damage(of: url) == .checksumMismatch)
    }

    @Test func aWrongChecksumIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = try package(folder, "sjekksum.docx", compressed: true)
        try patch(url, .checksum) { $0 ^ 0x5A5A }
        #expect(damage(of: url) == .checksumMismatch)
    }

    @Test func theImportSaysTheFileIsDamagedInOneLine() throws {
        let folder = try TemporaryFolder()
        let url = try package(folder, "intervju-løgn.docx", compressed: true)
        try patch(url, .uncompressedSize) { $0 - 100 }
        let error = ImportError.damagedEntry(file: "intervju-løgn.docx", entry: "word/document.xml",
                                             damage: .largerThanDeclared(declared: Self.size - 100))
        #expect(throws: error) { try TranscriptReader.read(url: url) }
        #expect(error.description == "intervju-løgn.docx: the file is damaged: archive entry word/document.xml is larger than its header "
            + "says (more than \(Self.size - 100) bytes); nothing was imported.")
    }
}
