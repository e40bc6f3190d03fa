import Foundation
import GRDB
@testable import QualCode
import Testing

/// A redaction puts a replacement in the place of a word and leaves the word nowhere: coded passages
/// stay coded on the replacement, the log says a redaction happened without the word, earlier log
/// entries and orphaned segments lose it, and neither the project file nor its write-ahead log holds
/// its bytes afterwards. The log stays append-only for everything else.
@Suite struct RedactionTests {
    static let interview = """
        Intervjuer: Hvem ringte deg?
        Eva: Tordis ringte, eh, fra kontoret i Lillevik. Tordis er sjefen min (latter).
        Eva: Karianne het den andre, hun var grei. Tordisvik er et sted.
        """

    static func bytes(of store: ProjectStore) throws -> Data {
        var data = try Data(contentsOf: store.url)
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: store.url.path + "-wal")) { data += wal }
        return data
    }

    @Test func aRedactedNameIsGoneFromTheTextTheLogAndTheFile() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        let transcript = try store.importTranscripts([try folder.write("eva.txt", Self.interview)])[0].id
        // An earlier edit wrote the name into the log («removed»), and the segment it orphaned keeps it.
        let orphan = try store.code(transcript, .quote("Tordis ringte", occurrence: nil), codes: ["Fyll"]).segment
        _ = try store.replaceText(in: transcript, find: "Tordis ringte, eh, fra", with: "Noen ringte fra")
        #expect(try store.units().first { $0.id == orphan.id }.map { $0.isOrphaned && $0.text == "Tordis ringte" } == true)
        let whole = try store.code(transcript, .quote("Tordis", occurrence: 1), codes: ["Leder"]).segment
        let around = try store.code(transcript, .quote("Tordis er sjefen min", occurrence: nil), codes: ["Leder"]).segment
        _ = try store.replaceText(in: transcript, find: "ringte fra", with: "ringte, Tordis, fra")
        #expect(try Self.bytes(of: store).range(of: Data("Tordis ringte".utf8)) != nil)

        let text = try store.transcript(transcript).text
        let scalars = ScalarText(text)
        let edits = scalars.occurrences(of: "Tordis").filter { start in
            // Whole words only: not «Tordisvik».
            start + 6 >= scalars.count || !scalars.scalars[start + 6].isWordScalar
        }.map { TextEdit(start: $0, end: $0 + 6, replacement: "[navn]") }
        #expect(edits.count == 2)
        let report = try store.applyEdits(edits, to: transcript, expectedText: text, purpose: .redaction)
        #expect(report.orphaned.isEmpty)

        let after = try store.transcript(transcript).text
        #expect(after.contains("Noen ringte, [navn], fra kontoret") && after.contains("[navn] er sjefen min") && after.contains("Tordisvik"))
        #expect(try store.units().first { $0.id == orphan.id }?.text == "[navn] ringte")
        // Coded passages stay coded, on the replacement.
        let units = try store.units()
        let wholeUnit = try #require(units.first { $0.id == whole.id })
        #expect(wholeUnit.text == "[navn]" && !wholeUnit.isOrphaned)
        #expect(units.first { $0.id == around.id }?.text == "[navn] er sjefen min")
        // The log: a redaction recorded without the word; the earlier edits' entries scrubbed; nothing else changed.
        let events = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT action, payload FROM event ORDER BY id") }
        let redact = try #require(events.last)
        #expect(redact["action"] as String == "transcript.redact")
        for event in events {
            let payload: String = event["payload"]
            #expect(!payload.replacingOccurrences(of: "Tordisvik", with: "").contains("Tordis"), "\(event["action"] as String): \(payload)")
        }
        #expect(events.filter { ($0["action"] as String) == "transcript.edit" }.count == 2)
        // Not in the file, its free pages, the search index or the write-ahead log; «Tordisvik» is another word.
        let bytes = try Self.bytes(of: store)
        var rest = bytes
        while let range = rest.range(of: Data("Tordisvik".utf8)) { rest.replaceSubrange(range, with: Data(count: range.count)) }
        #expect(rest.range(of: Data("Tordis".utf8)) == nil)
        #expect(try store.search("Tordis").hits.isEmpty)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func theLogStaysAppendOnlyOutsideAScrub() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        _ = try store.addCode("Tillit")
        #expect(throws: (any Error).self) { try store.pool.write { db in try db.execute(sql: "UPDATE event SET payload = '{}'") } }
        #expect(throws: (any Error).self) { try store.pool.write { db in try db.execute(sql: "DELETE FROM event") } }
        // Even with the permit a scrub holds, only a payload may change.
        #expect(throws: (any Error).self) {
            try store.pool.write { db in
                try db.execute(sql: "INSERT INTO eventScrubPermit (id) VALUES (1)")
                try db.execute(sql: "UPDATE event SET actor = 'noen andre'")
            }
        }
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM eventScrubPermit") } == 0)
    }

    @Test func wholeWordsOnly() {
        #expect("Kari og Karis mor, ikke Karianne eller AKari. Kari".replacingWholeWords("Kari", with: "[navn]")
                == "[navn] og [navn]s mor, ikke Karianne eller AKari. [navn]")
        #expect("han handlet, hans hund".replacingWholeWords("han", with: "hen") == "hen handlet, hens hund")
    }
}
