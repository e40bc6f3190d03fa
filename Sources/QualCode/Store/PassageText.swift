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
               AND start >= ifnull((SELECT start FROM passage WHERE transcriptId = ?1 AND start <= ?2 AND line > 0 ORDER BY start DESC LIMIT 1), 0)
             ORDER BY start
            """)
        // Built as UTF-8 bytes: the lines are counted in Unicode scalars, and walking a String's scalar
        // view generically cost more than the reads.
        var text: [UInt8] = []
        var cursor = start
        var lines: [TranscriptPage.Line] = []
        let rows = try Row.fetchCursor(statement, arguments: [transcript, start, end])
        while let row = try rows.next() {
            let line: Int = row[0], lineStart: Int = row[1]
            var lineText: String = row[2]
            if cursor < lineStart {
                // Only line ends lie between two lines with text.
                text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: lineStart - cursor))
                cursor = lineStart
            }
            let (scalars, bytes) = lineText.withUTF8 { utf8 in
                let (count, range) = scalarSlice(utf8, from: cursor - lineStart, to: end - lineStart)
                text.append(contentsOf: utf8[range])
                return (count, range)
            }
            let lineEnd = lineStart + scalars
            lines.append(TranscriptPage.Line(number: line, start: lineStart, end: lineEnd))
            if !bytes.isEmpty { cursor = min(end, lineEnd) }
        }
        guard cursor == end else { return nil }
        return Cut(text: String(decoding: text, as: UTF8.self), firstLine: line(at: start, in: lines), lastLine: line(at: max(start, end - 1), in: lines))
    }

    /// The number of Unicode scalars in `utf8`, and the bytes of those from scalar `from` up to scalar
    /// `to` (both clamped to the text).
    static func scalarSlice(_ utf8: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (count: Int, bytes: Range<Int>) {
        var scalar = 0, lower = utf8.count, upper = utf8.count
        for (i, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 {
            if scalar == from { lower = i }
            if scalar == to { upper = i }
            scalar += 1
        }
        return (scalar, min(lower, upper)..<upper)
    }

    /// The line holding `offset` (as ``ScalarText/line(at:)`` counts), from the transcript's passages in
    /// text order: the last numbered one starting at or before it, or 1.
    static func line(at offset: Int, in lines: [TranscriptPage.Line]) -> Int {
        var lo = 0, hi = lines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lines[mid].start <= offset { lo = mid + 1 } else { hi = mid }
        }
        // Whitespace-only lines (number 0) count with the numbered line above them.
        while lo > 0 && lines[lo - 1].number == 0 { lo -= 1 }
        return lo > 0 ? lines[lo - 1].number : 1
    }
}
