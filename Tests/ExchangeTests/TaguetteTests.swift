import Foundation
import GRDB
import QualCode
import QualCodeKit
import Testing
@testable import Exchange

/// A Taguette export (its SQLite file): documents are HTML, highlights UTF-8 byte offsets into their text.
@Suite struct TaguetteTests {
    static let html = "<p>Intervjuer: Hva tenker du om tillit?</p>\n<p>Eva: Tillit er alt 😀 &amp; litt til, eh, (latter) men det tar tid.</p>\n"
        + "<p>Eva: Lederne er «fraværende» på små kontorer.</p>"
    static let text = "Intervjuer: Hva tenker du om tillit?\nEva: Tillit er alt 😀 & litt til, eh, (latter) men det tar tid.\n"
        + "Eva: Lederne er «fraværende» på små kontorer."

    static func bytes(_ quote: String) -> (Int, Int) {
        let range = text.range(of: quote)!
        return (text[..<range.lowerBound].utf8.count, text[..<range.upperBound].utf8.count)
    }

    /// A Taguette-shaped export with three highlights (one whose offsets are off by three, one past the end).
    static func export(at url: URL) throws {
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE projects (id INTEGER PRIMARY KEY, name VARCHAR(200), description TEXT, created DATETIME);
                CREATE TABLE documents (id INTEGER PRIMARY KEY, name VARCHAR(200), description TEXT, filename VARCHAR(200), created DATETIME,
                  project_id INTEGER, text_direction VARCHAR(13), contents TEXT);
                CREATE TABLE highlights (id INTEGER PRIMARY KEY, document_id INTEGER, start_offset INTEGER, end_offset INTEGER, snippet TEXT);
                CREATE TABLE tags (id INTEGER PRIMARY KEY, project_id INTEGER, path VARCHAR(200), description TEXT);
                CREATE TABLE highlight_tags (highlight_id INTEGER, tag_id INTEGER, PRIMARY KEY (highlight_id, tag_id));
                CREATE TABLE commands (id INTEGER PRIMARY KEY, date DATETIME, user_login VARCHAR(30), project_id INTEGER, document_id INTEGER, payload TEXT);
                INSERT INTO projects VALUES (1, 'Tillit i tjenesten', 'Hva gir tillit?', '2024-05-01 09:00:00.000000');
                INSERT INTO tags VALUES (1, 1, 'tillit', 'Utsagn om tillit'), (2, 1, 'ledelse/mangel', '');
                """)
            try db.execute(sql: "INSERT INTO documents VALUES (1, 'Intervju Eva', 'Telefonintervju', 'eva.html', '2024-05-01 09:10:00.000000', 1, 'LEFT_TO_RIGHT', ?)",
                           arguments: [html])
            let tillit = bytes("Tillit er alt 😀 & litt til"), leder = bytes("«fraværende» på små"), tid = bytes("det tar tid")
            try db.execute(sql: "INSERT INTO highlights VALUES (1, 1, ?, ?, '<p>Tillit er alt 😀 &amp; litt til</p>'), (2, 1, ?, ?, '«fraværende» på små'), "
                           + "(3, 1, ?, ?, 'det tar tid'), (4, 1, 900, 950, '')",
                           arguments: [tillit.0, tillit.1, leder.0, leder.1, tid.0 - 3, tid.1 - 3])
            try db.execute(sql: """
                INSERT INTO highlight_tags VALUES (1, 1), (2, 2), (2, 1), (3, 1), (4, 1);
                INSERT INTO commands VALUES (1, '2024-05-02 10:15:30.123456', 'kari', 1, 1, '{"type": "highlight_add", "id": 1, "tags": [1]}'),
                                            (2, '2024-05-02 10:16:00.000000', 'ola', 1, 1, '{"type": "highlight_add", "id": 2, "tags": [2, 1]}');
                """)
        }
    }

    @Test func highlightsLandOnTheirWords() throws {
        let folder = try Study.folder()
        let source = folder.appendingPathComponent("taguette.sqlite3")
        try Self.export(at: source)
        let target = folder.appendingPathComponent("fra-taguette.qualcode")
        let report = try Exchange.importTaguette(from: source, to: target, coder: "anne", extensions: ProjectModules.all)
        let place = try #require(report.sources.first)
        #expect(place.convention == .utf8Bytes && place.placed == 3 && place.reanchored == 1)
        #expect(place.unplaced.map(\.reason) == [.outsideText(length: Self.text.unicodeScalars.count)])
        #expect(report.renamed == ["\"ledelse/mangel\" → \"ledelse∕mangel\""])

        let store = try ProjectModules.open(at: target, coder: "anne")
        let records = try Study.records(store)
        #expect(records.info?.title == "Tillit i tjenesten" && records.info?.researchQuestion == "Hva gir tillit?")
        #expect(records.transcripts.first?.text == Self.text)
        #expect(Set(records.segments.map(\.text)) == ["Tillit er alt 😀 & litt til", "«fraværende» på små", "det tar tid"])
        let texts = Dictionary(uniqueKeysWithValues: records.segments.map { ($0.id, $0.text) })
        let coders = Set(records.codings.map { [texts[$0.segmentId] ?? "", $0.coder] })
        #expect(coders == [["Tillit er alt 😀 & litt til", "kari"], ["«fraværende» på små", "ola"], ["det tar tid", "anne"]])
        #expect(records.codings.count == 4)
        #expect(records.codes.first { $0.name == "tillit" }?.definition == "Utsagn om tillit")
        #expect(records.memos.map(\.text) == ["Telefonintervju"] && records.memos.first?.targetKind == .transcript)
        // What came from Taguette goes out as valid REFI-QDA: its ids became GUIDs.
        let file = folder.appendingPathComponent("project.qde")
        try #require(try Study.entries(try Exchange(store).refiProject().data)["project.qde"]).write(to: file)
        #expect(try Study.validate(file, schema: "Project-mrt2019.xsd") == nil)
    }

    @Test func aFileThatIsNoTaguetteExportIsRefused() throws {
        let folder = try Study.folder()
        let text = folder.appendingPathComponent("tekst.sqlite3")
        try Data("Eva: tillit er alt".utf8).write(to: text)
        #expect(throws: ExchangeError.notTaguette(file: "tekst.sqlite3", reason: "not an SQLite database")) {
            try Exchange.importTaguette(from: text, to: folder.appendingPathComponent("a.qualcode"), coder: "anne", extensions: ProjectModules.all)
        }
        let other = folder.appendingPathComponent("annet.sqlite3")
        try DatabaseQueue(path: other.path).write { db in try db.execute(sql: "CREATE TABLE documents (id INTEGER)") }
        #expect(throws: ExchangeError.notTaguette(file: "annet.sqlite3", reason: "it has no highlights table")) {
            try Exchange.importTaguette(from: other, to: folder.appendingPathComponent("b.qualcode"), coder: "anne", extensions: ProjectModules.all)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("b.qualcode").path))
        // Taguette's tables without a document in them: refused, not an empty project.
        let empty = folder.appendingPathComponent("tom.sqlite3")
        try Self.export(at: empty)
        try DatabaseQueue(path: empty.path).write { db in try db.execute(sql: "DELETE FROM highlight_tags; DELETE FROM highlights; DELETE FROM documents") }
        #expect(throws: ExchangeError.noTaguetteDocuments(file: "tom.sqlite3")) {
            try Exchange.importTaguette(from: empty, to: folder.appendingPathComponent("c.qualcode"), coder: "anne", extensions: ProjectModules.all)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("c.qualcode").path))
    }

    @Test func htmlTextIsWhatTaguetteCounts() {
        #expect(TaguetteHTML.text(Self.html) == Self.text)
        #expect(TaguetteHTML.text("<p>a<br>b</p><!-- x --><script>var y = '<p>';</script><p>&#229;&#xF8; &unknown; &</p>") == "abåø &unknown; &")
    }
}
