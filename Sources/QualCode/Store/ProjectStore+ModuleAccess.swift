import Foundation
import GRDB

/// What the method modules built on the store (`Condensation`, later work mapping) read of the core's
/// tables, inside a transaction they already hold. A module keeps SQL on its own tables; every
/// question about transcripts, codes, codings, participants and memos comes through here, so the
/// core can change its schema without breaking a module.
///
/// Each function takes the `Database` of a `pool.read` or `pool.write` the module opened, and is only
/// valid inside that closure.
extension ProjectStore {
    // MARK: - Project

    /// The project's title.
    package static func projectTitle(_ db: Database) throws -> String {
        try ProjectInfo.fetchOne(db)?.title ?? ""
    }

    /// How many participants have at least one transcript (the «alle syv» of a results chapter).
    package static func participantsWithTranscriptCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT participantId) FROM transcriptParticipant") ?? 0
    }

    // MARK: - Participants and transcripts

    /// The participants by pseudonym, with their attribute values (no counts).
    package static func participants(_ db: Database) throws -> [ParticipantSummary] {
        try participantSummaries(db, withCounts: false)
    }

    /// The participant attributes, by name, with their types and display names.
    package static func attributes(_ db: Database) throws -> [Attribute] {
        try Attribute.fetchAll(db).sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
    }

    /// The transcripts by short name, each with its participants.
    package static func transcripts(_ db: Database) throws -> [TranscriptSummary] {
        try summaries(db)
    }

    // MARK: - Codes

    /// The code with this id, if there is one.
    package static func code(_ db: Database, id: UUID) throws -> Code? {
        try Code.fetchOne(db, key: id)
    }

    /// The segment with this id, if there is one.
    package static func segment(_ db: Database, id: Segment.ID) throws -> Segment? {
        try Segment.fetchOne(db, key: id)
    }

    /// The codes with these ids that exist, in no particular order.
    package static func codes(_ db: Database, ids: some Collection<UUID>) throws -> [Code] {
        guard !ids.isEmpty else { return [] }
        var codes: [Code] = []
        for chunk in chunked(Array(ids)) { codes += try Code.fetchAll(db, keys: chunk) }
        return codes
    }

    /// The codes directly under `parentId` (the top-level codes for nil), by name.
    package static func codes(_ db: Database, under parentId: UUID?) throws -> [Code] {
        try Code.filter(Code.Columns.parentId == parentId).order(Code.Columns.name.collating(.nocase)).fetchAll(db)
    }

    /// The code's full path from the root (`Organisering/Fag og personal/Ledelse`), the reference that
    /// names it whatever other codes share its name.
    package static func path(_ db: Database, of code: Code) throws -> String {
        (try ancestors(db, of: code).reversed().map(\.name) + [code.name]).joined(separator: "/")
    }

    // MARK: - Codings

    /// Where a code was applied: the segment, its transcript and who coded it.
    package struct CodingPlace: Hashable, Sendable {
        package var code: UUID
        package var segment: UUID
        package var transcriptId: UUID
        /// The transcript's short name (its slug).
        package var transcript: String
        package var coder: String
        /// The segment's offsets (Unicode scalars, end exclusive).
        package var start: Int
        package var end: Int
        /// True when a transcript edit removed the segment's text.
        package var isOrphaned: Bool
    }

    /// The codings of `codes` (by `coder` only, when given), in transcript and text order.
    package static func codings(_ db: Database, of codes: some Collection<UUID>, by coder: String? = nil) throws -> [CodingPlace] {
        guard !codes.isEmpty else { return [] }
        var places: [CodingPlace] = []
        for chunk in chunked(Array(codes)) {
            var arguments = StatementArguments(chunk)
            if let coder { arguments += [coder] }
            places += try Row.fetchAll(db, sql: """
                SELECT k.codeId, k.segmentId, k.coder, s.transcriptId, t.slug, s.isOrphaned, s.start, s."end"
                  FROM coding k JOIN segment s ON s.id = k.segmentId JOIN transcript t ON t.id = s.transcriptId
                 WHERE k.codeId IN (\(databaseQuestionMarks(count: chunk.count)))\(coder == nil ? "" : " AND k.coder = ?")
                 ORDER BY t.slug, s.start, s."end"
                """, arguments: arguments).map {
                CodingPlace(code: $0["codeId"], segment: $0["segmentId"], transcriptId: $0["transcriptId"], transcript: $0["slug"],
                            coder: $0["coder"], start: $0["start"], end: $0["end"], isOrphaned: $0["isOrphaned"])
            }
        }
        // Chunks come back each in order; one stable sort puts them together again.
        if codes.count > chunkSize {
            places = places.enumerated().sorted { a, b in
                (a.element.transcript, a.element.start, a.element.end, a.offset) < (b.element.transcript, b.element.start, b.element.end, b.offset)
            }.map(\.element)
        }
        return places
    }

    /// Everyone who has made a coding, by name.
    package static func coders(_ db: Database) throws -> [String] {
        try codingsByCoder(db).map(\.coder)
    }

    /// How many codings each coder has made (orphaned ones too), by name.
    package static func codingsByCoder(_ db: Database) throws -> [(coder: String, codings: Int)] {
        try Row.fetchAll(db, sql: "SELECT coder, COUNT(*) AS n FROM coding GROUP BY coder ORDER BY coder").map { ($0["coder"], $0["n"]) }
    }

    /// Every coding these coders made, of any code, in the transcripts given (all when nil), in
    /// transcript and text order; orphaned segments included and flagged.
    package static func codings(_ db: Database, by coders: [String], in transcripts: [UUID]? = nil) throws -> [CodingPlace] {
        guard !coders.isEmpty, transcripts?.isEmpty != true else { return [] }
        var arguments = StatementArguments(coders)
        var filter = ""
        if let transcripts {
            arguments += StatementArguments(transcripts)
            filter = " AND s.transcriptId IN (\(databaseQuestionMarks(count: transcripts.count)))"
        }
        return try Row.fetchAll(db, sql: """
            SELECT k.codeId, k.segmentId, k.coder, s.transcriptId, t.slug, s.isOrphaned, s.start, s."end"
              FROM coding k JOIN segment s ON s.id = k.segmentId JOIN transcript t ON t.id = s.transcriptId
             WHERE k.coder IN (\(databaseQuestionMarks(count: coders.count)))\(filter)
             ORDER BY t.slug, s.start, s."end"
            """, arguments: arguments).map {
            CodingPlace(code: $0["codeId"], segment: $0["segmentId"], transcriptId: $0["transcriptId"], transcript: $0["slug"],
                        coder: $0["coder"], start: $0["start"], end: $0["end"], isOrphaned: $0["isOrphaned"])
        }
    }

    /// Whether someone may log in to the served project under this name (compared as logins compare it).
    package static func isAccount(_ db: Database, name: String) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT 1 FROM account WHERE folded = ?", arguments: [folded(name)]) != nil
    }

    /// The transcript's stored text (scalar offsets index it), or nil when there is no such transcript.
    package static func transcriptText(_ db: Database, id: UUID) throws -> String? {
        try String.fetchOne(db, sql: "SELECT text FROM transcript WHERE id = ?", arguments: [id])
    }

    /// Whether anyone coded `segment` with `code`.
    package static func isCoded(_ db: Database, segment: UUID, with code: UUID) throws -> Bool {
        try Coding.filter(Coding.Columns.segmentId == segment && Coding.Columns.codeId == code).fetchCount(db) > 0
    }

    // MARK: - Segments

    /// Who said each of `segments` (pseudonyms), as the `segmentParticipant` view has it: the speakers
    /// of the turns a segment overlaps, or the transcript's participants when it has no speaker turns.
    /// Segments nobody is known to have said are left out.
    package static func speakers(_ db: Database, of segments: some Collection<UUID>) throws -> [UUID: Set<String>] {
        var speakers: [UUID: Set<String>] = [:]
        for chunk in chunked(Array(Set(segments))) {
            for row in try Row.fetchAll(db, sql: """
                SELECT sp.segmentId, p.pseudonym FROM segmentParticipant sp JOIN participant p ON p.id = sp.participantId
                 WHERE sp.segmentId IN (\(databaseQuestionMarks(count: chunk.count)))
                """, arguments: StatementArguments(chunk)) {
                speakers[row["segmentId"], default: []].insert(row["pseudonym"])
            }
        }
        return speakers
    }

    /// The segments with these ids as the code retrieval lists them — text, lines, transcript, who
    /// said it — without context lines, in no particular order; ids that name no segment are left out.
    /// A module shows a passage's quote through this, as `retrieve` shows it.
    package static func retrievedSegments(_ db: Database, ids: some Collection<UUID>) throws -> [RetrievedSegment] {
        var segments: [RetrievedSegment] = []
        for chunk in chunked(Array(Set(ids))) {
            segments += try retrieved(db, try segmentRows(db, in: .listed(Array(chunk))), context: 0)
        }
        return segments
    }

    /// Whether a segment still says what it said: its stored text, whether an edit orphaned it, and
    /// whether the transcript still holds that text at the segment's offsets.
    package struct SegmentAnchor: Hashable, Sendable {
        package var text: String
        package var isOrphaned: Bool
        package var isInPlace: Bool
    }

    /// The anchor of the segment with this id, or nil when there is no such segment.
    package static func anchor(_ db: Database, segment id: UUID) throws -> SegmentAnchor? {
        // substr counts characters, which for SQLite TEXT are Unicode scalars: the unit of offsets.
        try Row.fetchOne(db, sql: """
            SELECT s.text, s.isOrphaned, s.text = substr(t.text, s.start + 1, s."end" - s.start) AS inPlace
              FROM segment s JOIN transcript t ON t.id = s.transcriptId WHERE s.id = ?
            """, arguments: [id]).map { SegmentAnchor(text: $0["text"], isOrphaned: $0["isOrphaned"], isInPlace: $0["inPlace"]) }
    }

    // MARK: - Memos

    /// Whether anyone wrote a memo on the project as a whole.
    package static func hasProjectMemo(_ db: Database) throws -> Bool {
        try Memo.filter(Memo.Columns.targetKind == MemoTarget.Kind.project).fetchCount(db) > 0
    }

    /// The short names (slugs) of the transcripts nobody wrote a memo on, in name order.
    package static func transcriptsWithoutMemo(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT slug FROM transcript t
             WHERE NOT EXISTS (SELECT 1 FROM memo m WHERE m.targetKind = 'transcript' AND m.targetId = t.id)
             ORDER BY slug
            """)
    }

    /// The memos with these ids that exist, in no particular order (a module's own table names them).
    package static func memos(_ db: Database, ids: some Collection<UUID>) throws -> [Memo] {
        var memos: [Memo] = []
        for chunk in chunked(Array(ids)) { memos += try Memo.fetchAll(db, keys: chunk) }
        return memos
    }

    // MARK: - Helpers

    /// Bound parameters per statement, well below SQLite's limit.
    private static let chunkSize = 500

    private static func chunked(_ ids: [UUID]) -> [ArraySlice<UUID>] {
        stride(from: 0, to: ids.count, by: chunkSize).map { ids[$0..<min($0 + chunkSize, ids.count)] }
    }
}
