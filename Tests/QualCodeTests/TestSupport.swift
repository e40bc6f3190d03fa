import Foundation
@_exported import TestSupport
import QualCode
import Testing
import ZIPFoundation

/// A fresh temporary folder per test, removed when the value goes away.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let target = file(name)
        try Data(text.utf8).write(to: target)
        return target
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let target = file(name)
        try Data(bytes).write(to: target)
        return target
    }

    /// A new project in this folder.
    func project(coder: String = "tester") throws -> ProjectStore {
        try ProjectStore.create(at: file("studie.qualcode"), title: "Metodeveilederes erfaringer",
                                researchQuestion: "Hvordan erfarer en metodeveileder sin rolle?", coder: coder)
    }

    /// A .docx package with the given entries (path → contents).
    @discardableResult
    func docx(_ name: String, entries: [(String, String)]) throws -> URL {
        let target = file(name)
        let archive = try Archive(url: target, accessMode: .create)
        for (path, text) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return target
    }

    /// A minimal Word document whose body is `body` (OOXML inside `<w:body>`).
    @discardableResult
    func docx(_ name: String, body: String) throws -> URL {
        try docx(name, entries: [
            ("[Content_Types].xml", Fixtures.contentTypes),
            ("_rels/.rels", Fixtures.rootRels),
            ("word/document.xml", Fixtures.document(body)),
        ])
    }
}

enum Fixtures {
    /// The bundled demo project's folder.
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Projects/metodeveiledere")

    static func demoFile(_ name: String) -> URL { demo.appendingPathComponent(name) }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """
    static let rootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """
    static func document(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """
    }
    static func paragraph(_ text: String) -> String { "<w:p><w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>" }

    /// A short synthetic interview with speaker labels, æøå, fillers and an emoji.
    static let interview = """
        Intervjuer: Hvordan er det å være metodeveileder?
        Eva: Eh, det er en kjempegod jobb, egentlig. Jeg får være sparringspartner for de andre. (latter)
        Intervjuer: Hva betyr tillit for deg?
        Eva: Tillit er alt. Uten tillit får vi ingenting til 🙂 Og så er det det navske, da.
        Intervjuer: Og far din, jobbet han i Nav?
        Eva: Nei, han dro sør til Spania. Men tillit er alt, det sier jeg ofte.
        """
}

/// What a refused command must leave behind: the same events and a healthy file.
struct ProjectSnapshot: Equatable {
    var events: Int
    var transcripts: Int
    var integrity: String

    init(_ store: ProjectStore) throws {
        events = try store.eventCount()
        transcripts = try store.transcripts().count
        integrity = try store.integrityCheck()
    }
}

/// SplitMix64: a small seeded generator, so a failing fuzz run can be repeated.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
