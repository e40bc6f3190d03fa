import Foundation
import GRDB
import QualCode
import QualCodeKit
import Testing
@testable import Exchange

/// Files a reviewer made to break the importers and exporter: each gets one clear error or a safe result.
@Suite struct ReviewFixTests {
    /// Codes nested `levels` deep, as a codebook or as a project's codebook.
    static func nested(_ levels: Int, root: String) -> String {
        let open = (0..<levels).map { "<Code guid=\"\(UUID().uuidString)\" name=\"Nivå \($0)\" isCodable=\"true\">" }.joined()
        let codes = "<Codes>" + open + String(repeating: "</Code>", count: levels) + "</Codes>"
        return root == "CodeBook"
            ? "<?xml version=\"1.0\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\(codes)</CodeBook>"
            : "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Dyp\"><CodeBook>\(codes)</CodeBook></Project>"
    }

    @Test func aCodeTreeDeeperThanTheLimitIsRefused() throws {
        let folder = try Study.folder()
        let limit = NameRules.maximumCodeDepth
        for levels in [limit + 1, 5_000] {
            let file = folder.appendingPathComponent("dyp\(levels).qde")
            try Data(Self.nested(levels, root: "Project").utf8).write(to: file)
            let target = folder.appendingPathComponent("dyp\(levels).qualcode")
            #expect(throws: ExchangeError.codesTooDeep(file: file.lastPathComponent, depth: levels, limit: limit)) {
                try Exchange.importRefiProject(from: file, to: target, coder: "anne", extensions: ProjectModules.all)
            }
            for suffix in ["", "-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: target.path + suffix)) }
        }
        let store = try Study.project(in: folder)
        let before = try Study.records(store).codes
        let codebook = folder.appendingPathComponent("dyp.qdc")
        try Data(Self.nested(5_000, root: "CodeBook").utf8).write(to: codebook)
        #expect(throws: ExchangeError.codesTooDeep(file: "dyp.qdc", depth: 5_000, limit: limit)) { try Exchange(store).importRefiCodebook(from: codebook) }
        #expect(try Study.records(store).codes == before)
        #expect(ExchangeError.codesTooDeep(file: "dyp.qdc", depth: 5_000, limit: limit).description.contains("5000 levels"))

        let deepest = folder.appendingPathComponent("dypest.qdc")
        try Data(Self.nested(limit, root: "CodeBook").utf8).write(to: deepest)
        #expect(try Exchange(store).importRefiCodebook(from: deepest).added.count == limit)
    }
}

extension ReviewFixTests {
    /// Taguette's export with one value changed: a column of another kind, or NULL where an id belongs.
    @Test(arguments: [
        ("UPDATE highlights SET start_offset = 'abc' WHERE id = 1", "highlights.start_offset holds text where a whole number belongs"),
        ("UPDATE highlights SET document_id = 'en' WHERE id = 2", "highlights.document_id holds text where a whole number belongs"),
        ("UPDATE highlights SET document_id = NULL WHERE id = 2", "highlights.document_id is empty (NULL) in a row"),
        ("INSERT INTO highlight_tags VALUES (NULL, 1)", "highlight_tags.highlight_id is empty (NULL) in a row"),
        ("UPDATE documents SET contents = x'C3FFFE' WHERE id = 1", "documents.contents holds binary data where text belongs"),
        ("UPDATE highlight_tags SET tag_id = 'to' WHERE highlight_id = 4", "highlight_tags.tag_id holds text where a whole number belongs"),
    ])
    func aTaguetteValueOfTheWrongKindIsRefused(change: String, reason: String) throws {
        let folder = try Study.folder()
        let source = folder.appendingPathComponent("taguette.sqlite3")
        try TaguetteTests.export(at: source)
        try DatabaseQueue(path: source.path).write { db in try db.execute(sql: change) }
        let target = folder.appendingPathComponent("fra-taguette.qualcode")
        #expect(throws: ExchangeError.notTaguette(file: "taguette.sqlite3", reason: reason)) {
            try Exchange.importTaguette(from: source, to: target, coder: "anne", extensions: ProjectModules.all)
        }
        for suffix in ["", "-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: target.path + suffix)) }
    }

    @Test func aTaguetteBlobOfTextAndANullOffsetStillImport() throws {
        let folder = try Study.folder()
        let source = folder.appendingPathComponent("taguette.sqlite3")
        try TaguetteTests.export(at: source)
        try DatabaseQueue(path: source.path).write { db in
            try db.execute(sql: "UPDATE documents SET contents = CAST(contents AS BLOB), name = NULL, description = NULL WHERE id = 1")
            try db.execute(sql: "UPDATE highlights SET end_offset = NULL WHERE id = 4")
        }
        let report = try Exchange.importTaguette(from: source, to: folder.appendingPathComponent("ny.qualcode"), coder: "anne", extensions: ProjectModules.all)
        #expect(report.transcripts == 1 && report.sources.first?.placed == 3)
    }
}

extension ReviewFixTests {
    static let hostileGUIDs = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="GUID-er">
        <CodeBook><Codes>
          <Code guid="k-1" name="Tillit" isCodable="true"/>
          <Code guid="k-1" name="Ledelse" isCodable="true"/>
        </Codes></CodeBook>
        <Sources>
          <TextSource guid="../../../../tmp/x/PWNED" name="Siv" plainTextPath="internal://siv.txt"/>
          <TextSource guid="A1B2C3D4-0000-4000-8000-000000000001" name="Ola" plainTextPath="internal://ola.txt"/>
          <TextSource guid="{a1b2c3d4-0000-4000-8000-000000000001}" name="Kari" plainTextPath="internal://kari.txt"/>
        </Sources>
        </Project>
        """

    @Test func aGUIDThatIsNoGUIDNeverNamesAFileAndARepeatedOneIsNotKept() throws {
        let folder = try Study.folder()
        let texts = ["siv": "Siv: Vi får en henvisning fra veilederen.", "ola": "Ola: Jeg ringer tilbake samme dag.", "kari": "Kari: Det tar tid, eh, mye tid."]
        let file = try Study.package([("project.qde", Data(Self.hostileGUIDs.utf8))] + texts.map { ("sources/\($0.key).txt", Data($0.value.utf8)) },
                                     at: folder.appendingPathComponent("guid.qdpx"))
        let first = folder.appendingPathComponent("guid.qualcode")
        let report = try Exchange.importRefiProject(from: file, to: first, coder: "anne", extensions: ProjectModules.all)
        #expect(report.guidsNotKept == ["code \"k-1\": used before in the file", "source \"../../../../tmp/x/PWNED\": not a GUID that can be written back",
                                        "source \"{a1b2c3d4-0000-4000-8000-000000000001}\": used before in the file"])

        let export = try Exchange(try ProjectModules.open(at: first, coder: "anne")).refiProject()
        let entries = try Study.entries(export.data)
        #expect(entries.keys.allSatisfy { !$0.contains("..") })
        #expect(entries.keys.filter { $0.hasPrefix("sources/") }.count == 3)
        let qde = String(decoding: try #require(entries["project.qde"]), as: UTF8.self)
        #expect(!qde.contains("PWNED"))
        #expect(qde.components(separatedBy: "guid=\"k-1\"").count == 2)
        #expect(qde.components(separatedBy: "A1B2C3D4-0000-4000-8000-000000000001").count == 2)

        let again = folder.appendingPathComponent("igjen.qdpx")
        try export.data.write(to: again)
        let second = folder.appendingPathComponent("igjen.qualcode")
        let back = try Exchange.importRefiProject(from: again, to: second, coder: "anne", extensions: ProjectModules.all)
        #expect(back.guidsNotKept.isEmpty)
        let records = try Study.records(try ProjectModules.open(at: second, coder: "anne"))
        #expect(Dictionary(uniqueKeysWithValues: records.transcripts.map { ($0.title, $0.text) })
                == ["Siv": texts["siv"]!, "Ola": texts["ola"]!, "Kari": texts["kari"]!])
        #expect(Set(records.codes.map(\.name)) == ["Tillit", "Ledelse"])
    }
}

extension ReviewFixTests {
    @Test func aTranscriptTitleIsHeldToTheNameRules() throws {
        let folder = try Study.folder()
        let long = "Intervju med Siv\n\u{9B}om tillit " + String(repeating: "og tid ", count: 700)
        let qde = HostileInputTests.minimal.replacingOccurrences(of: "name=\"Siv\"", with: "name=\"\(long.replacingOccurrences(of: "\n", with: "&#10;"))\"")
        let file = try Study.package([("project.qde", Data(qde.utf8)), ("sources/siv.txt", HostileInputTests.siv)], at: folder.appendingPathComponent("lang.qdpx"))
        let target = folder.appendingPathComponent("lang.qualcode")
        let report = try Exchange.importRefiProject(from: file, to: target, coder: "anne", extensions: ProjectModules.all)
        let transcript = try #require(try Study.records(try ProjectModules.open(at: target, coder: "anne")).transcripts.first)
        #expect(transcript.title.hasPrefix("Intervju med Siv om tillit og tid"))
        #expect(transcript.title.count <= NameRules.maximumLength && transcript.title.hasSuffix("…") && NameRules.problem(in: transcript.title) == nil)
        #expect(transcript.slug.count <= NameRules.maximumLength)
        #expect(report.renamed.count == 1 && report.renamed.allSatisfy { !$0.contains("\n") })

        let blank = HostileInputTests.minimal.replacingOccurrences(of: "name=\"Siv\"", with: "name=\"&#10;\u{200B}\"")
        let other = try Study.package([("project.qde", Data(blank.utf8)), ("sources/siv.txt", HostileInputTests.siv)], at: folder.appendingPathComponent("blank.qdpx"))
        let second = folder.appendingPathComponent("blank.qualcode")
        _ = try Exchange.importRefiProject(from: other, to: second, coder: "anne", extensions: ProjectModules.all)
        #expect(try Study.records(try ProjectModules.open(at: second, coder: "anne")).transcripts.first?.title == "siv")
    }
}

extension ReviewFixTests {
    @Test func aMemoOnALeftOutSegmentGoesWithItsTranscript() throws {
        let folder = try Study.folder()
        let store = try Study.project(in: folder)
        let eva = try store.resolve.transcript("intervju-eva")
        _ = try store.replaceText(in: eva, find: "(latter) tillit er alt, skjønner du.", with: "")
        let records = try Study.records(store)
        let orphan = try #require(records.segments.first { $0.isOrphaned })
        let memo = try #require(records.memos.first { $0.targetKind == .segment && $0.targetId == orphan.id })

        let export = try Exchange(store).refiProject()
        #expect(export.summary.orphanedSegmentsLeftOut == 1 && export.summary.orphanedSegmentMemosOnTranscript == 1)
        let package = folder.appendingPathComponent("studie.qdpx")
        try export.data.write(to: package)
        let copy = folder.appendingPathComponent("kopi.qualcode")
        _ = try Exchange.importRefiProject(from: package, to: copy, coder: "anne", extensions: ProjectModules.all)
        let back = try #require(try Study.records(try ProjectModules.open(at: copy, coder: "anne")).memos.first { $0.id == memo.id })
        #expect(back.targetKind == .transcript && back.targetId == eva)
    }
}

extension ReviewFixTests {
    @Test func aSourceThatIsNotUTF8IsNamedInTheImportersWords() throws {
        let folder = try Study.folder()
        let latin1 = try #require("Siv: Vi får en henvisning fra veilederen, og så ringer jeg.".data(using: .isoLatin1))
        let file = try Study.package([("project.qde", Data(HostileInputTests.minimal.utf8)), ("sources/siv.txt", latin1)], at: folder.appendingPathComponent("latin.qdpx"))
        let target = folder.appendingPathComponent("latin.qualcode")
        #expect(throws: ExchangeError.notUTF8(file: "latin.qdpx: internal://siv.txt", offset: 9)) {
            try Exchange.importRefiProject(from: file, to: target, coder: "anne", extensions: ProjectModules.all)
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(!ExchangeError.notUTF8(file: "latin.qdpx", offset: 17).description.contains("--"))
    }

    @Test func aRenamedLineHoldsNoLineBreak() throws {
        let folder = try Study.folder()
        let store = try Study.project(in: folder)
        let codebook = folder.appendingPathComponent("falsk.qdc")
        try Data("""
            <?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
            <Code guid="k-1" name="a&#10;  new: Falsk/Sti" isCodable="true"/></Codes></CodeBook>
            """.utf8).write(to: codebook)
        let report = try Exchange(store).importRefiCodebook(from: codebook)
        #expect(report.renamed.count == 1 && report.renamed.allSatisfy { !$0.contains("\n") })
    }
}

extension ReviewFixTests {
    /// 2,000 quotes whose positions are all shifted, in a long text: each is looked for near where it was
    /// said to be, not by a walk over the whole text (which took minutes).
    @Test func shiftedQuotesInALongTextArePlacedQuickly() throws {
        var lines: [String] = []
        for n in 0..<12_000 { lines.append("Eva \(n): Vi snakket om tillit nummer \(n), eh, og det tok tid.") }
        let raw = lines.joined(separator: "\n")
        var text = SourceText(raw: raw)
        let scalars = Array(raw.unicodeScalars)
        var selections: [RefiSelection] = []
        var offset = 0
        for (n, line) in lines.enumerated() {
            let length = line.unicodeScalars.count
            if n % 6 == 0 {
                let quote = "tillit nummer \(n),"
                let start = offset + String(line[..<line.range(of: quote)!.lowerBound]).unicodeScalars.count
                selections.append(RefiSelection(guid: UUID().uuidString, name: quote, start: start + 7, end: start + 7 + quote.unicodeScalars.count,
                                                creatingUser: nil, created: nil))
            }
            offset += length + 1
        }
        #expect(selections.count == 2_000 && scalars.count > 600_000)
        let clock = ContinuousClock()
        var placement: Placement?
        let took = clock.measure { placement = Placement(selections, in: &text, origin: nil, conventions: [.codePoints]) }
        let placed = try #require(placement).placed
        #expect(placed.count == 2_000 && placed.allSatisfy(\.reanchored))
        #expect(placed.allSatisfy { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) == $0.selection.name })
        #expect(took < .seconds(20))
    }
}
