import Foundation
import QualCode
import QualCodeKit
import Testing
@testable import Exchange

/// Broken, hostile and huge files get one clear error, and nothing is left behind: no half-made project,
/// no file replaced.
@Suite struct HostileInputTests {
    static let minimal = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="Kort">
        <Sources><TextSource guid="6d7c5e2a-1b3f-4c8d-9e0a-1f2b3c4d5e6f" name="Siv" plainTextPath="internal://siv.txt"/></Sources>
        </Project>
        """
    static let siv = Data("Siv: Vi får en henvisning fra veilederen, eh, og så ringer jeg.".utf8)

    /// Imports `file`, expects it to fail, and checks that no project file was left at the target.
    func refused(_ file: URL, in folder: URL) throws -> Error {
        let target = folder.appendingPathComponent("ny.qualcode")
        var caught: Error?
        do { _ = try Exchange.importRefiProject(from: file, to: target, coder: "anne", extensions: ProjectModules.all) } catch { caught = error }
        for suffix in ["", "-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: target.path + suffix)) }
        return try #require(caught)
    }

    @Test func aWellFormedMinimalPackageImports() throws {
        let folder = try Study.folder()
        let file = try Study.package([("project.qde", Data(Self.minimal.utf8)), ("sources/siv.txt", Self.siv)], at: folder.appendingPathComponent("kort.qdpx"))
        let report = try Exchange.importRefiProject(from: file, to: folder.appendingPathComponent("ny.qualcode"), coder: "anne", extensions: ProjectModules.all)
        #expect(report.transcripts == 1)
    }

    @Test func aTruncatedPackageIsRefused() throws {
        let folder = try Study.folder()
        let whole = try Study.package([("project.qde", Data(Self.minimal.utf8)), ("sources/siv.txt", Self.siv)], at: folder.appendingPathComponent("hel.qdpx"))
        let data = try Data(contentsOf: whole)
        let cut = folder.appendingPathComponent("kuttet.qdpx")
        try data.prefix(data.count / 2).write(to: cut)
        let error = try refused(cut, in: folder)
        #expect(error is ImportError || error is ExchangeError)
    }

    @Test func anEntryThatEscapesThePackageIsRefused() throws {
        let folder = try Study.folder()
        let file = try Study.package([("project.qde", Data(Self.minimal.utf8)), ("../../siv.txt", Self.siv)], at: folder.appendingPathComponent("ut.qdpx"))
        guard case .unsafeEntryPath? = try refused(file, in: folder) as? ImportError else { Issue.record("not refused as unsafe"); return }
    }

    @Test func aSourcePathThatEscapesIsRefused() throws {
        let folder = try Study.folder()
        let qde = Self.minimal.replacingOccurrences(of: "internal://siv.txt", with: "relative://../../etc/passwd")
        let file = try Study.package([("project.qde", Data(qde.utf8))], at: folder.appendingPathComponent("sti.qdpx"))
        guard case .unsafeSourcePath? = try refused(file, in: folder) as? ExchangeError else { Issue.record("not refused as unsafe"); return }
    }

    @Test func aZipBombStopsAtTheLimit() throws {
        let folder = try Study.folder()
        let huge = Data(repeating: UInt8(ascii: "a"), count: TranscriptReader.maxTextSize + 1)
        let file = try Study.package([("project.qde", Data(Self.minimal.utf8)), ("sources/siv.txt", huge)], at: folder.appendingPathComponent("bombe.qdpx"))
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        #expect(size < 1 << 20)
        guard case .entryTooLarge? = try refused(file, in: folder) as? ImportError else { Issue.record("not stopped at the limit"); return }
    }

    @Test func aDocumentTypeIsRefused() throws {
        let folder = try Study.folder()
        let doctype = "<!DOCTYPE Project [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<Project "
        let qde = Self.minimal.replacingOccurrences(of: "<Project ", with: doctype)
        let file = try Study.package([("project.qde", Data(qde.utf8)), ("sources/siv.txt", Self.siv)], at: folder.appendingPathComponent("dtd.qdpx"))
        #expect(try refused(file, in: folder) as? ExchangeError == .forbiddenDTD(file: "dtd.qdpx/project.qde"))
    }

    @Test func aMissingSourceFileIsNamed() throws {
        let folder = try Study.folder()
        let file = try Study.package([("project.qde", Data(Self.minimal.utf8))], at: folder.appendingPathComponent("mangler.qdpx"))
        #expect(try refused(file, in: folder) as? ExchangeError == .missingSource(file: "mangler.qdpx", source: "Siv", path: "internal://siv.txt"))
    }

    @Test func brokenXMLAndOtherRootsAreRefused() throws {
        let folder = try Study.folder()
        let broken = try Study.package([("project.qde", Data(Self.minimal.prefix(150).utf8))], at: folder.appendingPathComponent("brutt.qdpx"))
        guard case .malformedXML? = try refused(broken, in: folder) as? ExchangeError else { Issue.record("not refused as malformed"); return }
        let other = folder.appendingPathComponent("annet.qde")
        try Data("<?xml version=\"1.0\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes/></CodeBook>".utf8).write(to: other)
        guard case .notRefi? = try refused(other, in: folder) as? ExchangeError else { Issue.record("not refused as another root"); return }
        let none = try Study.package([("les-meg.txt", Self.siv)], at: folder.appendingPathComponent("tom.qdpx"))
        #expect(try refused(none, in: folder) as? ExchangeError == .noProjectInPackage(file: "tom.qdpx", found: []))
        let notZip = folder.appendingPathComponent("tekst.qdpx")
        try Self.siv.write(to: notZip)
        #expect(try refused(notZip, in: folder) as? ExchangeError == .notAPackage(file: "tekst.qdpx"))
        let missing = folder.appendingPathComponent("finnes-ikke.qdpx")
        #expect(try refused(missing, in: folder) as? ExchangeError == .notFound(path: missing.path))
    }

    @Test func anExistingProjectFileIsNeverReplaced() throws {
        let folder = try Study.folder()
        let file = try Study.package([("project.qde", Data(Self.minimal.utf8)), ("sources/siv.txt", Self.siv)], at: folder.appendingPathComponent("kort.qdpx"))
        let target = folder.appendingPathComponent("finnes.qualcode")
        try Data("mitt eget".utf8).write(to: target)
        #expect(throws: ExchangeError.destinationExists(path: target.path)) {
            try Exchange.importRefiProject(from: file, to: target, coder: "anne", extensions: ProjectModules.all)
        }
        #expect(try Data(contentsOf: target) == Data("mitt eget".utf8))
    }
}

extension HostileInputTests {
    /// A bare project file reads its sources from the `sources/` (or `Sources/`) folder beside it.
    @Test func aBareProjectFileReadsItsSourcesBesideIt() throws {
        let folder = try Study.folder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Sources"), withIntermediateDirectories: true)
        try Self.siv.write(to: folder.appendingPathComponent("Sources/siv.txt"))
        let file = folder.appendingPathComponent("Kort.QDE")
        try Data(Self.minimal.utf8).write(to: file)
        let target = folder.appendingPathComponent("ny.qualcode")
        let report = try Exchange.importRefiProject(from: file, to: target, coder: "anne", extensions: ProjectModules.all)
        #expect(report.transcripts == 1)
        let text = try Study.records(try ProjectModules.open(at: target, coder: "anne")).transcripts.first?.text
        #expect(text == String(decoding: Self.siv, as: UTF8.self))
    }
}
