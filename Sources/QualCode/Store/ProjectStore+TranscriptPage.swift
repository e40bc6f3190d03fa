import Foundation
import GRDB

/// A participant as a page links it: the id, and the name to show.
public struct ParticipantReference: Hashable, Sendable, Codable {
    public var id: Participant.ID
    public var pseudonym: String

    public init(id: Participant.ID, pseudonym: String) {
        self.id = id
        self.pseudonym = pseudonym
    }
}

/// Everything a page needs to show one transcript and its codings, read in one go: the text, its
/// numbered lines, the speaker turns and every coding with its code. Offsets are Unicode scalars,
/// end exclusive, as everywhere in the store (a browser converts them at its edge).
public struct TranscriptPage: Hashable, Sendable, Codable {
    /// A line with text, as every listing numbers it.
    public struct Line: Hashable, Sendable, Codable {
        public var number: Int
        public var start: Int
        public var end: Int
    }

    public struct Turn: Hashable, Sendable, Codable {
        public var ordinal: Int
        public var speaker: String
        public var participant: ParticipantReference?
        public var start: Int
        public var end: Int
        public var line: Int
        /// Milliseconds into the recording, for transcripts from subtitles.
        public var startTime: Int?
        public var endTime: Int?
    }

    public struct Coding: Hashable, Sendable, Codable {
        public var id: QualCode.Coding.ID
        public var segment: Segment.ID
        public var code: Code.ID
        public var coder: String
        public var start: Int
        public var end: Int
        public var firstLine: Int
        public var lastLine: Int
        public var isOrphaned: Bool
        public var createdAt: Date
    }

    /// A code used on the page: its path, the shortest name that tells it apart, its colour.
    public struct CodeLabel: Hashable, Sendable, Codable {
        public var id: Code.ID
        public var path: String
        public var label: String
        public var color: String?
    }

    /// A memo on one of the page's segments.
    public struct SegmentMemo: Hashable, Sendable, Codable {
        public var id: Memo.ID
        public var segment: Segment.ID
        public var text: String
        public var author: String
        public var createdAt: Date
    }

    public var transcript: TranscriptSummary
    public var text: String
    public var lines: [Line]
    public var turns: [Turn]
    /// In text order.
    public var codings: [Coding]
    public var codes: [CodeLabel]
    /// The memos on the page's segments, oldest first.
    public var memos: [SegmentMemo]
}

extension ProjectStore {
    /// One transcript as a page shows it. Its cost grows with the transcript and its codings, not with
    /// the project.
    public func transcriptPage(_ id: Transcript.ID) throws -> TranscriptPage {
        try pool.read { db in
            guard let summary = try Self.summaries(db, only: id).first,
                  let text = try String.fetchOne(db, sql: "SELECT text FROM transcript WHERE id = ?", arguments: [id]) else {
                throw StoreError.missing(.transcript, id)
            }
            var lines: [TranscriptPage.Line] = []
            for row in try Row.fetchAll(db, sql: "SELECT line, start, text FROM passage WHERE transcriptId = ? ORDER BY start", arguments: [id]) {
                let start: Int = row[1], lineText: String = row[2]
                lines.append(.init(number: row[0], start: start, end: start + lineText.unicodeScalars.count))
            }
            func line(at offset: Int) -> Int { PassageText.line(at: offset, in: lines) }
            var names: [UUID: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT p.id, p.pseudonym FROM participant p WHERE p.id IN (SELECT participantId FROM turn WHERE transcriptId = ?)
                """, arguments: [id]) {
                names[row[0]] = row[1]
            }
            let turns = try Row.fetchAll(db, sql: """
                SELECT ordinal, speaker, participantId, start, "end", startTime, endTime FROM turn WHERE transcriptId = ? ORDER BY start
                """, arguments: [id]).map { row -> TranscriptPage.Turn in
                let participant: UUID? = row[2]
                return .init(ordinal: row[0], speaker: row[1], participant: participant.flatMap { p in names[p].map { .init(id: p, pseudonym: $0) } },
                             start: row[3], end: row[4], line: line(at: row[3]), startTime: row[5], endTime: row[6])
            }
            let codings = try Row.fetchAll(db, sql: """
                SELECT g.id, g.segmentId, g.codeId, g.coder, g.createdAt, s.start, s."end", s.isOrphaned
                  FROM segment s JOIN coding g ON g.segmentId = s.id
                 WHERE s.transcriptId = ? ORDER BY s.start, s."end"
                """, arguments: [id]).map { row -> TranscriptPage.Coding in
                let start: Int = row[5], end: Int = row[6]
                return .init(id: row[0], segment: row[1], code: row[2], coder: row[3], start: start, end: end,
                             firstLine: line(at: start), lastLine: line(at: max(start, end - 1)), isOrphaned: row[7], createdAt: row[4])
            }
            let index = try CodeIndex(db)
            let used = Set(codings.map(\.code))
            let codes = index.codes.filter { used.contains($0.id) }
                .map { TranscriptPage.CodeLabel(id: $0.id, path: index.path(of: $0.id), label: index.label(of: $0.id), color: $0.color) }
                .sorted { $0.path.lowercased() < $1.path.lowercased() }
            let memos = try Row.fetchAll(db, sql: """
                SELECT m.id, m.targetId, m.text, m.author, m.createdAt FROM memo m
                 WHERE m.targetKind = 'segment' AND m.targetId IN (SELECT id FROM segment WHERE transcriptId = ?)
                 ORDER BY m.createdAt
                """, arguments: [id]).map { row in
                TranscriptPage.SegmentMemo(id: row[0], segment: row[1], text: row[2], author: row[3], createdAt: row[4])
            }
            return TranscriptPage(transcript: summary, text: text, lines: lines.filter { $0.number > 0 }, turns: turns, codings: codings,
                                  codes: codes, memos: memos)
        }
    }
}
