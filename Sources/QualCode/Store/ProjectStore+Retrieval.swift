import Foundation
import GRDB

/// A coded segment with the lines around it, as `retrieve` shows it.
public struct RetrievedSegment: Hashable, Sendable, Codable {
    public var segment: SegmentInfo
    public var participants: [String]
    public var codes: [String]
    public var before: [NumberedLine]
    public var after: [NumberedLine]
}

/// One full-text hit: where it is, who said it, and a keyword-in-context snippet.
public struct SearchHit: Hashable, Sendable, Codable {
    public var transcript: String
    public var line: Int
    public var speaker: String?
    public var participant: String?
    /// The line around the match, with matched words wrapped in `**`.
    public var snippet: String
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
    /// order, each with `context` lines before and after from the transcript.
    public func retrieve(code reference: String, context: Int = 0, includeChildren: Bool = false) throws -> [RetrievedSegment] {
        try pool.read { db in
            let code = try Self.code(db, reference)
            var ids = [code.id]
            if includeChildren {
                var i = 0
                while i < ids.count {
                    ids += try UUID.fetchAll(db, sql: "SELECT id FROM code WHERE parentId = ?", arguments: [ids[i]])
                    i += 1
                }
            }
            let marks = databaseQuestionMarks(count: ids.count)
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id, s.transcriptId, t.slug, s.start, s."end", s.text, s.isOrphaned,
                  (SELECT MAX(line) FROM passage WHERE passage.transcriptId = s.transcriptId AND passage.start <= s.start) AS firstLine,
                  (SELECT MAX(line) FROM passage WHERE passage.transcriptId = s.transcriptId AND passage.start < s."end") AS lastLine,
                  (SELECT group_concat(name, char(31)) FROM (SELECT DISTINCT c.name FROM coding g JOIN code c ON c.id = g.codeId
                     WHERE g.segmentId = s.id ORDER BY c.name)) AS codes,
                  (SELECT group_concat(pseudonym, char(31)) FROM (SELECT DISTINCT p.pseudonym FROM segmentParticipant sp
                     JOIN participant p ON p.id = sp.participantId WHERE sp.segmentId = s.id ORDER BY p.pseudonym)) AS participants
                FROM segment s JOIN transcript t ON t.id = s.transcriptId
                WHERE s.id IN (SELECT segmentId FROM coding WHERE codeId IN (\(marks)))
                ORDER BY t.slug, s.start
                """, arguments: StatementArguments(ids))
            // Context counts lines with text: blank lines between turns are not worth showing.
            let beforeStatement = try db.makeStatement(sql: """
                SELECT line, text FROM passage WHERE transcriptId = ? AND line < ? ORDER BY line DESC LIMIT ?
                """)
            let afterStatement = try db.makeStatement(sql: """
                SELECT line, text FROM passage WHERE transcriptId = ? AND line > ? ORDER BY line LIMIT ?
                """)
            return try rows.map { row in
                let first: Int = row["firstLine"] ?? 1, last: Int = row["lastLine"] ?? first
                let transcriptId: UUID = row["transcriptId"]
                var before: [NumberedLine] = [], after: [NumberedLine] = []
                if context > 0 {
                    let numbered = { (row: Row) in NumberedLine(number: row["line"], speaker: nil, text: row["text"], codes: []) }
                    before = try Row.fetchAll(beforeStatement, arguments: [transcriptId, first, context]).map(numbered).reversed()
                    after = try Row.fetchAll(afterStatement, arguments: [transcriptId, last, context]).map(numbered)
                }
                let info = SegmentInfo(id: row["id"], transcript: row["slug"], start: row["start"], end: row["end"],
                                       firstLine: first, lastLine: last, text: row["text"], isOrphaned: row["isOrphaned"])
                return RetrievedSegment(segment: info, participants: Self.split(row["participants"]), codes: Self.split(row["codes"]),
                                        before: before, after: after)
            }
        }
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
                SELECT t.slug, p.line, p.start, p.transcriptId,
                  snippet(passageFTS, 0, '**', '**', '…', 16) AS snippet,
                  (SELECT turn.speaker FROM turn WHERE turn.transcriptId = p.transcriptId AND turn.start < p.start + length(p.text)
                     AND turn."end" > p.start ORDER BY turn.start LIMIT 1) AS speaker,
                  (SELECT pt.pseudonym FROM turn JOIN participant pt ON pt.id = turn.participantId
                     WHERE turn.transcriptId = p.transcriptId AND turn.start < p.start + length(p.text) AND turn."end" > p.start
                     ORDER BY turn.start LIMIT 1) AS participant,
                  (SELECT group_concat(pp.pseudonym, ', ') FROM transcriptParticipant tp JOIN participant pp ON pp.id = tp.participantId
                     WHERE tp.transcriptId = p.transcriptId) AS linked,
                  (SELECT COUNT(*) FROM turn WHERE turn.transcriptId = p.transcriptId) AS turnCount
                FROM passageFTS JOIN passage p ON p.id = passageFTS.rowid JOIN transcript t ON t.id = p.transcriptId
                WHERE passageFTS MATCH ?
                ORDER BY t.slug, p.line
                LIMIT ?
                """, arguments: [parsed.expression, limit])
            let hits = rows.map { row in
                // Without speaker turns, the transcript's only participant said everything in it.
                let linked: String? = row["linked"]
                let participant: String? = row["participant"] ?? ((row["turnCount"] as Int) == 0 && linked?.contains(",") == false ? linked : nil)
                return SearchHit(transcript: row["slug"], line: row["line"], speaker: row["speaker"], participant: participant,
                                 snippet: row["snippet"])
            }
            return SearchResult(query: query, expression: parsed.expression, total: total, hits: hits)
        }
    }
}
