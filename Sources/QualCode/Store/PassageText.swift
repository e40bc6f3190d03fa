import Foundation
import GRDB

/// A stretch of a transcript cut from the lines it touches (the `passage` rows the full-text index
/// keeps), without reading the rest of the transcript. The stored text is those lines with runs of
/// line ends between them, so the lines give back every character and their line numbers.
enum PassageText {
    struct Cut {
        var text: String
        var firstLine: Int
        var lastLine: Int
    }

    /// The text of `start..<end` with its first and last line, or nil when the stretch reaches past
    /// the last line with text (the caller then reads the whole transcript, which knows its length).
    static func cut(_ db: Database, transcript: UUID, start: Int, end: Int) throws -> Cut? {
        let statement = try db.cachedStatement(sql: """
            SELECT line, start, text FROM passage
             WHERE transcriptId = ?1 AND start < ?3
               AND start >= ifnull((SELECT start FROM passage WHERE transcriptId = ?1 AND start <= ?2 ORDER BY start DESC LIMIT 1), 0)
             ORDER BY start
            """)
        let rows = try Row.fetchAll(statement, arguments: [transcript, start, end])
        var text = String.UnicodeScalarView()
        var cursor = start
        var lines: [TranscriptPage.Line] = []
        for row in rows {
            let line: Int = row[0], lineStart: Int = row[1], lineText: String = row[2]
            let scalars = lineText.unicodeScalars
            let lineEnd = lineStart + scalars.count
            lines.append(TranscriptPage.Line(number: line, start: lineStart, end: lineEnd))
            if cursor < lineStart {
                // Only line ends lie between two lines with text.
                text.append(contentsOf: repeatElement("\n", count: lineStart - cursor))
                cursor = lineStart
            }
            if cursor < lineEnd {
                let from = scalars.index(scalars.startIndex, offsetBy: cursor - lineStart)
                let to = scalars.index(from, offsetBy: min(end, lineEnd) - cursor)
                text.append(contentsOf: scalars[from..<to])
                cursor = min(end, lineEnd)
            }
        }
        guard cursor == end else { return nil }
        return Cut(text: String(text), firstLine: line(at: start, in: lines), lastLine: line(at: max(start, end - 1), in: lines))
    }

    /// The line holding `offset` (as ``ScalarText/line(at:)`` counts), from the lines with text in text
    /// order: the last one starting at or before it, plus one for each line end after that line's own.
    static func line(at offset: Int, in lines: [TranscriptPage.Line]) -> Int {
        var lo = 0, hi = lines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lines[mid].start <= offset { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return 1 + offset }
        let found = lines[lo - 1]
        return found.number + max(0, offset - found.end)
    }
}
