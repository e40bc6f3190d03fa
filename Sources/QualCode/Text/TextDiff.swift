import Foundation

/// Turns "old text, new text" into the smallest sensible list of ``TextEdit``s.
///
/// Used when a user edits a whole transcript in `$EDITOR`: lines are matched first (Myers' diff), then
/// each changed run of lines is narrowed to the scalars that really differ, so a typo fixed in line 40
/// becomes one small edit and segments elsewhere are only shifted, never touched.
public enum TextDiff {
    /// Above this many differing lines (or words within a changed block) the middle is treated as one
    /// replaced block; Myers keeps one frontier per step, so this also bounds memory (≈ 32 MB).
    static let maxEdits = 2_000

    public static func edits(from old: ScalarText, to newText: String) -> [TextEdit] {
        let new = ScalarText(newText)
        let oldLines = (1...old.rawLineCount).map { old.rawLineText($0) }
        let newLines = (1...new.rawLineCount).map { new.rawLineText($0) }
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
                    oldStart = old.rawLineRange(oldLine).upperBound
                    newStart = new.rawLineRange(newLine).upperBound
                }
                edits += refined(old: old, oldStart..<oldEnd, new: new, newStart..<newEnd)
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
        line < lineCount ? text.rawLineStarts[line] : text.count
    }

    /// A changed block diffed again word by word, so two typos fixed on one line are two edits and the
    /// words between them stay anchored.
    private static func refined(old: ScalarText, _ o: Range<Int>, new: ScalarText, _ n: Range<Int>) -> [TextEdit] {
        let oldTokens = tokens(old, o), newTokens = tokens(new, n)
        var edits: [TextEdit] = []
        var i = 0, j = 0
        for (mi, mj) in matchedLines(oldTokens.map(\.text), newTokens.map(\.text)) + [(oldTokens.count, newTokens.count)] {
            if mi > i || mj > j {
                let os = i < oldTokens.count ? oldTokens[i].start : o.upperBound
                let oe = mi < oldTokens.count ? oldTokens[mi].start : o.upperBound
                let ns = j < newTokens.count ? newTokens[j].start : n.upperBound
                let ne = mj < newTokens.count ? newTokens[mj].start : n.upperBound
                if let edit = narrowed(old: old, os..<oe, new: new, ns..<ne) { edits.append(edit) }
            }
            i = mi + 1
            j = mj + 1
        }
        return edits
    }

    /// Runs of letters and digits, and every other scalar on its own, covering `range` without gaps.
    private static func tokens(_ text: ScalarText, _ range: Range<Int>) -> [(text: String, start: Int)] {
        var result: [(text: String, start: Int)] = []
        var i = range.lowerBound
        while i < range.upperBound {
            var j = i + 1
            if text.scalars[i].isWordScalar {
                while j < range.upperBound && text.scalars[j].isWordScalar { j += 1 }
            }
            result.append((text.slice(i, j), i))
            i = j
        }
        return result
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

    /// Myers' O((N+M)·D) diff; returns matched index pairs. Gives up (no matches) past `maxEdits`.
    private static func myers(_ a: [String], _ b: [String]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return [] }
        let maxD = min(n + m, maxEdits)
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
