import Foundation
import GRDB
import Testing
@testable import QualCode

/// Who said each segment, worked out from scratch the way the old `segmentParticipant` view did, to hold
/// the maintained `segmentSpeaker` rows against.
func speakersFromScratch(_ db: Database) throws -> Set<String> {
    Set(try Row.fetchAll(db, sql: """
        SELECT hex(s.id) AS s, hex(turn.participantId) AS p FROM segment s JOIN turn ON turn.transcriptId = s.transcriptId
           AND s.start < turn."end" AND s."end" > turn.start WHERE turn.participantId IS NOT NULL
        UNION
        SELECT hex(s.id), hex(tp.participantId) FROM segment s JOIN transcriptParticipant tp ON tp.transcriptId = s.transcriptId
         WHERE NOT EXISTS (SELECT 1 FROM turn WHERE turn.transcriptId = s.transcriptId AND turn.participantId IS NOT NULL)
        """).map { "\($0["s"] as String)/\($0["p"] as String)" })
}

func maintainedSpeakers(_ db: Database) throws -> Set<String> {
    Set(try Row.fetchAll(db, sql: "SELECT hex(segmentId) AS s, hex(participantId) AS p FROM segmentSpeaker")
        .map { "\($0["s"] as String)/\($0["p"] as String)" })
}

@Suite struct MigrationTests {
    /// The demo project as the landed version 0.1 wrote it (before names were unique per parent and
    /// before the segment → speaker table), with the condensation module's tables in it.
    static let landed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/landed-0.1.qualcode")

    @Test func aFileWrittenByTheLandedVersionMigratesAndKeepsEverything() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("gammel.qualcode")
        try FileManager.default.copyItem(at: Self.landed, to: url)
        let (oldPaths, oldCodings, oldView) = try DatabaseQueue(path: url.path).read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM code ORDER BY name"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM coding") ?? 0,
             try speakersFromScratch(db))
        }
        #expect(oldCodings == 111 && oldPaths.count == 22)

        // The core alone opens it and leaves the condensation tables be.
        let store = try ProjectStore.open(at: url, coder: "migrering")
        #expect(try store.integrityCheck() == "ok")
        try store.pool.read { db in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'code'") ?? ""
            #expect(!sql.contains("UNIQUE"))
            #expect(try maintainedSpeakers(db) == oldView)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stcGroup") ?? 0 > 0)
        }
        // Only lines with text are numbered now: segments keep their text, their lines follow the new numbers.
        try store.pool.read { db in
            for transcript in try Transcript.fetchAll(db) {
                let text = ScalarText(transcript.text)
                let numbers = try Int.fetchAll(db, sql: "SELECT line FROM passage WHERE transcriptId = ? AND line > 0 ORDER BY start",
                                               arguments: [transcript.id])
                #expect(numbers == Array(1...text.lineCount), "\(transcript.slug)")
                for segment in try Segment.filter(Segment.Columns.transcriptId == transcript.id).fetchAll(db) {
                    #expect(text.slice(segment.start, segment.end) == segment.text)
                    let lines = try #require(try Row.fetchOne(db, sql: "SELECT firstLine, lastLine FROM segment WHERE id = ?", arguments: [segment.id]))
                    #expect(lines[0] as Int == text.line(at: segment.start) && lines[1] as Int == text.line(at: max(segment.start, segment.end - 1)))
                }
            }
        }
        let counts = try store.counts()
        #expect(counts.codings == oldCodings && counts.codes == 22)
        #expect(try store.codeTree().map(\.name).sorted() == oldPaths.sorted())

        // What the migration allows: a name again under another parent.
        let parent = try #require(try store.codeTree().first { $0.depth == 0 && !$0.name.isEmpty })
        let child = try #require(try store.codeTree().first { $0.depth == 1 })
        try store.addCode(child.name, parent: parent.path == child.path.components(separatedBy: "/")[0] ? nil : parent.id)
        #expect(try store.codeTree().filter { $0.name == child.name }.count == 2)
        #expect(throws: StoreError.self) { try store.resolve.code(child.name) }
    }

    @Test func theSpeakersOfSegmentsFollowEditsTurnsAndLinks() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        for name in ["Eva", "Siri"] { try store.addParticipant(pseudonym: name) }
        let group = try folder.write("gruppe.txt", """
            Intervjuer: Hva tenker dere om tillit?
            Eva: Tillit er alt for meg.
            Siri: For meg handler det om tid.
            Eva: Og om å bli sett.
            """)
        var options = ImportOptions()
        options.participants = ["Eva", "Siri"]
        try store.importTranscripts([group], options: options)
        let plain = try folder.write("notat.txt", "Et notat uten talere, skrevet etter besøket.")
        try store.importTranscripts([plain], options: ImportOptions())
        _ = try store.code("gruppe", .quote("Tillit er alt", occurrence: nil), codes: ["Tillit"])
        _ = try store.code("gruppe", .lines(2...3), codes: ["Tid"])
        _ = try store.code("notat", .quote("uten talere", occurrence: nil), codes: ["Notat"])
        func check(_ step: String) throws {
            let (maintained, fresh) = try store.pool.read { db in (try maintainedSpeakers(db), try speakersFromScratch(db)) }
            #expect(maintained == fresh, "\(step)")
        }
        try check("after coding")
        _ = try store.replaceText(in: "gruppe", find: "Tillit er alt for meg.", with: "Tja.\nSiri: Tillit er alt for meg.")
        try check("after an edit that gives the words to another speaker")
        try store.updateTranscript("notat", TranscriptUpdate(participants: try store.participantIDs("Siri")))
        try check("after linking a participant")
        try store.updateTranscript("gruppe", TranscriptUpdate(participants: try store.participantIDs("Siri")))
        try check("after relinking the group")
        _ = try store.uncode(segment: try store.units(code: "Tid")[0].id, codes: [])
        try check("after removing a segment")
        // The participant list counts from the maintained rows, orphaned segments left out.
        let fresh = try store.pool.read { db in
            let siri = try Participant.filter(Column("pseudonym") == "Siri").fetchOne(db)!.id.uuidString.replacingOccurrences(of: "-", with: "")
            let live = Set(try String.fetchAll(db, sql: "SELECT hex(id) FROM segment WHERE NOT isOrphaned"))
            return try speakersFromScratch(db).filter { $0.hasSuffix("/" + siri) && live.contains(String($0.prefix(32))) }.count
        }
        #expect(fresh > 0)
        #expect(try store.participants().first { $0.pseudonym == "Siri" }!.segments == fresh)
    }
}
