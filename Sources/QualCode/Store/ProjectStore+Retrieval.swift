import Foundation
import GRDB

/// A coded segment with the lines around it, as `retrieve` shows it.
public struct RetrievedSegment: Hashable, Sendable, Codable {
    public var segment: SegmentInfo
    /// The transcript the segment lies in (``SegmentInfo/transcript`` is its name), for a link to it.
    public var transcriptId: Transcript.ID
    /// Pseudonyms of who said it, sorted; `participantReferences` gives their ids in the same order.
    public var participants: [String]
    public var participantReferences: [ParticipantReference]
    public var codes: [String]
    public var codeIDs: [Code.ID]
    public var before: [NumberedLine]
    public var after: [NumberedLine]
}

/// A window of a longer retrieval, and the size of the whole.
public struct RetrievalPage: Hashable, Sendable, Codable {
    public var total: Int
    public var offset: Int
    public var segments: [RetrievedSegment]
}

/// One full-text hit: where it is, who said it, and a keyword-in-context snippet.
public struct SearchHit: Hashable, Sendable, Codable {
    public var transcript: String
    public var transcriptId: Transcript.ID
    public var line: Int
    public var speaker: String?
    public var participant: String?
    /// The line around the match, with matched words wrapped in `**`.
    public var snippet: String
    /// The whole line's text and where it lies: Unicode-scalar offsets in the transcript, end exclusive
    /// (what coding by offsets takes, so a front end can code the hit's line).
    public var text: String
    public var start: Int
    public var end: Int
    /// Where the matched words lie, in the same offsets (empty in the rare line holding the private-use
    /// characters the marking uses).
    public var matches: [Match]

    /// One matched word or phrase: scalar offsets in the transcript, end exclusive.
    public struct Match: Hashable, Sendable, Codable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) { self.start = start; self.end = end }
    }

    /// The matches in a line FTS5 marked with `open` and `close` around each, as offsets from `lineStart`.
    static func matches(in marked: String, open: Unicode.Scalar, close: Unicode.Scalar, lineStart: Int) -> [Match] {
        var result: [Match] = []
        var offset = lineStart, opened: Int?
        for scalar in marked.unicodeScalars {
            if scalar == open { opened = offset } else if scalar == close, let from = opened {
                result.append(Match(start: from, end: offset)); opened = nil
            } else { offset += 1 }
        }
        return result
    }
}

/// Search hits, capped at the limit asked for, with the full count.
public struct SearchResult: Hashable, Sendable, Codable {
    public var query: String
    public var expression: String
    public var total: Int
    public var hits: [SearchHit]
}

extension ProjectStore {
    /// Every segment carrying `code` (or, with `includeChildren`, any code below it), in transcript
    /// order, each with `context` lines with text before and after it.
    ///
    /// - Throws: ``StoreError/onlyChildrenCoded(code:childSegments:)`` when the code alone has no segments
    ///   but the codes below it have some, so an empty answer is never mistaken for «nothing coded».
    public func retrieve(code: Code.ID, context: Int = 0, includeChildren: Bool = false) throws -> [RetrievedSegment] {
        try pool.read { db in
            let rows = try Self.segmentRows(db, in: .carrying(try Self.codeSelection(db, code, includeChildren: includeChildren)))
            return try Self.retrieved(db, rows, context: context)
        }
    }

    /// One page of ``retrieve(code:context:includeChildren:)``: the segments from `offset` (counted from 0
    /// in the same order), at most `limit` of them, and how many there are in all. A browser shows a
    /// code's thousands of segments a page at a time; only the page's text and context are read.
    public func retrieve(code: Code.ID, context: Int = 0, includeChildren: Bool = false, offset: Int, limit: Int) throws -> RetrievalPage {
        guard offset >= 0 else { throw StoreError.invalidInput(.offset, value: String(offset), expected: "0 or more") }
        guard limit >= 1 else { throw StoreError.invalidInput(.limit, value: String(limit), expected: "1 or more") }
        return try pool.read { db in
            let set = SegmentSet.carrying(try Self.codeSelection(db, code, includeChildren: includeChildren))
            let order = try TranscriptOrder(db)
            var keys: [(id: UUID, transcript: UUID, start: Int, end: Int)] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT s.id, s.transcriptId, s.start, s.\"end\" FROM segment s WHERE \(set.contains("s.id"))",
                                             arguments: set.arguments)
            while let row = try cursor.next() { keys.append((row[0], row[1], row[2], row[3])) }
            let window = order.sorted(keys) { ($0.transcript, $0.start, $0.end) }.dropFirst(offset).prefix(limit).map(\.id)
            let rows = try Self.segmentRows(db, in: .listed(Array(window)))
            return RetrievalPage(total: keys.count, offset: offset, segments: try Self.retrieved(db, rows, context: context))
        }
    }

    /// Listing rows with `context` numbered lines before and after each, read per segment through one
    /// prepared statement: two index ranges by line, the segment's position already known.
    static func retrieved(_ db: Database, _ rows: [SegmentRow], context: Int) throws -> [RetrievedSegment] {
        let statement = context > 0 ? try db.cachedStatement(sql: """
            SELECT line, text, start FROM (SELECT line, text, start FROM passage WHERE transcriptId = ?1 AND line < ?2 AND line > 0 ORDER BY line DESC LIMIT ?4)
            UNION ALL
            SELECT line, text, start FROM (SELECT line, text, start FROM passage WHERE transcriptId = ?1 AND line > ?3 ORDER BY line LIMIT ?4)
            """) : nil
        let index = context > 0 ? try CodeIndex(db) : nil
        return try rows.map { row in
            var before: [NumberedLine] = [], after: [NumberedLine] = []
            if let statement, let index {
                let lines = try Row.fetchCursor(statement, arguments: [row.transcriptId, row.info.firstLine, row.info.lastLine, context])
                while let line = try lines.next() {
                    let text: String = line[1], start: Int = line[2]
                    let numbered = NumberedLine(number: line[0], speaker: nil, text: text, codes: [], codeIDs: [], start: start,
                                                end: start + text.unicodeScalars.count)
                    if numbered.number < row.info.firstLine { before.append(numbered) } else { after.append(numbered) }
                }
                before.reverse()
                let shown = before + after
                // The codes on the lines shown around a segment, so a reader sees what is coded next to it.
                if let first = shown.map(\.start).min(), let last = shown.map(\.end).max() {
                    let coded = try CodedSpan.all(db, transcript: row.transcriptId, from: first, to: last, index: index)
                    func withCodes(_ line: inout NumberedLine) {
                        let codes = CodedSpan.codes(over: line.start, line.end, coded)
                        (line.codes, line.codeIDs) = (codes.map(\.label), codes.map(\.code))
                    }
                    for i in before.indices { withCodes(&before[i]) }
                    for i in after.indices { withCodes(&after[i]) }
                }
            }
            return RetrievedSegment(segment: row.info, transcriptId: row.transcriptId, participants: row.participants.map(\.pseudonym),
                                    participantReferences: row.participants, codes: row.codes.map(\.label),
                                    codeIDs: row.codes.map(\.id), before: before, after: after)
        }
    }

    /// The code, or the code and every code below it; refuses a code whose own segments are none while
    /// those below it have some (see ``StoreError/onlyChildrenCoded(code:childSegments:)``).
    package static func codeSelection(_ db: Database, _ code: Code.ID, includeChildren: Bool) throws -> [Code.ID] {
        let index = try CodeIndex(db)
        guard index.byID[code] != nil else { throw StoreError.missing(.code, code) }
        if includeChildren { return index.subtree(of: code) }
        // Listings show orphaned segments, so they count here: a code whose own segments were all edited
        // away still lists them, and children holding only such segments still make a parent's empty listing.
        if let count = try segmentsOnlyInChildren(db, code, index: index, countingOrphaned: true) {
            throw StoreError.onlyChildrenCoded(code: index.path(of: code), childSegments: count)
        }
        return [code]
    }

    /// How many segments the codes below `code` hold when `code` itself holds none, or nil when it
    /// holds some or nothing below it does (segments whose text was removed left out unless
    /// `countingOrphaned`: the listings show them, the exports do not). Asked for on its own, such a code
    /// gives an empty listing where the user expects its children's segments; every read and export
    /// that takes codes checks this one way.
    package static func segmentsOnlyInChildren(_ db: Database, _ code: Code.ID, index: CodeIndex,
                                               countingOrphaned: Bool = false) throws -> Int? {
        func count(_ codes: [Code.ID]) throws -> Int {
            try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT g.segmentId) FROM coding g JOIN segment s ON s.id = g.segmentId
                 WHERE \(countingOrphaned ? "" : "NOT s.isOrphaned AND ")g.codeId IN (\(databaseQuestionMarks(count: codes.count)))
                """, arguments: StatementArguments(codes)) ?? 0
        }
        let below = Array(index.subtree(of: code).dropFirst())
        guard !below.isEmpty, try count([code]) == 0 else { return nil }
        let inChildren = try count(below)
        return inChildren > 0 ? inChildren : nil
    }

    /// Full-text search over every transcript line. `query` uses words, "phrases", prefix*, AND, OR,
    /// NOT and parentheses; «får» does not match «far».
    ///
    /// - Throws: ``FullTextQueryError`` for a query that cannot be parsed; SQLite never sees raw input.
    public func search(_ query: String, limit: Int = 200) throws -> SearchResult {
        let parsed = try FullTextQuery(query)
        return try pool.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM passageFTS WHERE passageFTS MATCH ?",
                                         arguments: [parsed.expression]) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT t.slug, p.line, p.start, p.transcriptId, p.text,
                  snippet(passageFTS, 0, '**', '**', '…', 16) AS snippet,
                  highlight(passageFTS, 0, char(57344), char(57345)) AS marked,
                  (SELECT turn.speaker FROM turn WHERE turn.transcriptId = p.transcriptId AND turn.start < p.start + length(p.text)
                     AND turn."end" > p.start ORDER BY turn.start LIMIT 1) AS speaker,
                  (SELECT pt.pseudonym FROM turn JOIN participant pt ON pt.id = turn.participantId
                     WHERE turn.transcriptId = p.transcriptId AND turn.start < p.start + length(p.text) AND turn."end" > p.start
                     ORDER BY turn.start LIMIT 1) AS participant
                FROM passageFTS JOIN passage p ON p.id = passageFTS.rowid JOIN transcript t ON t.id = p.transcriptId
                WHERE passageFTS MATCH ?
                ORDER BY passageFTS.rowid
                LIMIT ?
                """, arguments: [parsed.expression, limit])
            // FTS5 hands out matches in rowid order, so `LIMIT` stops after `limit` of them. Ordering
            // by slug and line in SQL meant joining, sorting and running every subquery (snippet too)
            // for all matches — 29,089 of them for «veiledning tillit» in the benchmark — to keep 200.
            // The hits are the first `limit` in passage order (transcripts in import order, lines in
            // order), shown sorted by transcript and line.
            var sole: [UUID: String?] = [:]
            let soleStatement = try db.cachedStatement(sql: """
                SELECT (SELECT COUNT(*) FROM turn WHERE turn.transcriptId = ?1) AS turnCount,
                  (SELECT group_concat(pp.pseudonym, ', ') FROM transcriptParticipant tp JOIN participant pp ON pp.id = tp.participantId
                     WHERE tp.transcriptId = ?1) AS linked
                """)
            var hits: [SearchHit] = []
            for row in rows {
                var participant: String? = row["participant"]
                if participant == nil {
                    // Without speaker turns, the transcript's only participant said everything in it.
                    let id: UUID = row["transcriptId"]
                    if sole[id] == nil {
                        let r = try Row.fetchOne(soleStatement, arguments: [id])
                        let linked: String? = r?["linked"]
                        sole[id] = .some((r?["turnCount"] as Int?) == 0 && linked?.contains(",") == false ? linked : nil)
                    }
                    participant = sole[id]!
                }
                let text: String = row["text"], start: Int = row["start"], marked: String = row["marked"]
                let (open, close): (Unicode.Scalar, Unicode.Scalar) = ("\u{E000}", "\u{E001}")
                let ambiguous = text.unicodeScalars.contains { $0 == open || $0 == close }
                hits.append(SearchHit(transcript: row["slug"], transcriptId: row["transcriptId"], line: row["line"], speaker: row["speaker"], participant: participant,
                                      snippet: row["snippet"], text: text, start: start, end: start + text.unicodeScalars.count,
                                      matches: ambiguous ? [] : SearchHit.matches(in: marked, open: open, close: close, lineStart: start)))
            }
            hits.sort { ($0.transcript, $0.line) < ($1.transcript, $1.line) }
            return SearchResult(query: query, expression: parsed.expression, total: total, hits: hits)
        }
    }
}
