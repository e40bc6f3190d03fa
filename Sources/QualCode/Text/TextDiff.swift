import Foundation

/// Turns "old text, new text" into the smallest sensible list of ``TextEdit``s.
///
/// Used when a user edits a whole transcript in `$EDITOR`: lines are matched first (Myers' diff), then
/// each changed run of lines is narrowed to the scalars that really differ, so a typo fixed in line 40
/// becomes one small edit and segments elsewhere are only shifted, never touched.
public enum TextDiff {
    /// Above this many differing lines the middle is treated as one replaced block.
    static let maxLineEdits = 4_000

    public static func edits(from old: ScalarText, to newText: String) -> [TextEdit] {
        let new = ScalarText(newText)
        let oldLines = (1...old.lineCount).map { old.lineText($0) }
        let newLines = (1...new.lineCount).map { new.lineText($0) }
        let matches = matchedLines(oldLines, newLines)

        var edits: [TextEdit] = []
        var oldLine = 0, newLine = 0  // 0-based next unmatched lines
        for (mo, mn) in matches + [(oldLines.count, newLines.count)] {
            if mo > oldLine || mn > newLine {
                // Lines oldLine..<mo were replaced by newLine..<mn; compare them as one block of scalars.
                var oldStart = blockStart(old, line: oldLine, lineCount: oldLines.count)
                let oldEnd = blockStart(old, line: mo, lineCount: oldLines.count)
                var newStart = blockStart(new, line: newLine, lineCount: newLines.count)
                let newEnd = blockStart(new, line: mn, lineCount: newLines.count)
                if mo == oldLines.count && oldLine > 0 {
                    // The last block runs to the end, where the last line has no line feed: start it at
                    // the line feed that ends the previous (matched) line, on both sides.
                    oldStart = old.lineRange(oldLine).upperBound
                    newStart = new.lineRange(newLine).upperBound
                }
                if let edit = narrowed(old: old, oldStart..<oldEnd, new: new, newStart..<newEnd) { edits.append(edit) }
            }
            oldLine = mo + 1
            newLine = mn + 1
        }
        // A safety net: the edits must reproduce the new text exactly; if they ever do not, one
        // narrowed edit over the whole text still does.
        if let revision = try? TextRevision(original: old, edits: edits), revision.newText == newText {
            return edits
        }
        return narrowed(old: old, 0..<old.count, new: new, 0..<new.count).map { [$0] } ?? []
    }

    /// Scalar offset where 0-based `line` starts; the text's end for `line == lineCount`.
    private static func blockStart(_ text: ScalarText, line: Int, lineCount: Int) -> Int {
        line < lineCount ? text.lineStarts[line] : text.count
    }

    private static func narrowed(old: ScalarText, _ o: Range<Int>, new: ScalarText, _ n: Range<Int>) -> TextEdit? {
        TextEdit(start: o.lowerBound, end: o.upperBound, replacement: new.slice(n.lowerBound, n.upperBound)).narrowed(in: old)
    }

    /// Pairs of (old, new) 0-based line indices that stay, in order (a longest common subsequence).
    static func matchedLines(_ a: [String], _ b: [String]) -> [(Int, Int)] {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix
            && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)]), midB = Array(b[prefix..<(b.count - suffix)])
        var result = (0..<prefix).map { ($0, $0) }
        result += myers(midA, midB).map { ($0.0 + prefix, $0.1 + prefix) }
        result += (0..<suffix).map { (a.count - suffix + $0, b.count - suffix + $0) }
        return result
    }

    /// Myers' O((N+M)·D) diff; returns matched index pairs. Gives up (no matches) past `maxLineEdits`.
    private static func myers(_ a: [String], _ b: [String]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return [] }
        let maxD = min(n + m, maxLineEdits)
        let offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...maxD {
            trace.append(v)
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { found = true; break outer }
                k += 2
            }
        }
        guard found else { return [] }
        // Walk back through the saved frontiers to collect the diagonal (matching) moves.
        var pairs: [(Int, Int)] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let vd = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) ? k + 1 : k - 1
            let prevX = d == 0 ? 0 : vd[offset + prevK]
            let prevY = prevX - prevK
            while x > prevX && y > prevY && x > 0 && y > 0 && a[x - 1] == b[y - 1] {
                pairs.append((x - 1, y - 1))
                x -= 1; y -= 1
            }
            if d == 0 { break }
            x = prevX; y = prevY
        }
        return pairs.reversed()
    }
}
