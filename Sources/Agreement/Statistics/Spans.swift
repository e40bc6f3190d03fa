import Foundation

/// A stretch of a transcript in Unicode scalar offsets, end exclusive.
struct Span: Hashable, Comparable, Sendable {
    var start: Int
    var end: Int

    static func < (a: Span, b: Span) -> Bool { (a.start, a.end) < (b.start, b.end) }

    func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }
}

extension Array where Element == Span {
    /// The spans sorted and joined where they overlap or touch: the characters they cover, as few spans.
    func covered() -> [Span] {
        var merged: [Span] = []
        for span in sorted() where span.start < span.end {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1].end = Swift.max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    /// The spans sorted and joined where they overlap (not where they only touch): the passages several
    /// marks make together.
    func clustered() -> [Span] {
        var clusters: [Span] = []
        for span in sorted() where span.start < span.end {
            if let last = clusters.last, span.start < last.end {
                clusters[clusters.count - 1].end = Swift.max(last.end, span.end)
            } else {
                clusters.append(span)
            }
        }
        return clusters
    }

    /// In covered (sorted, disjoint) spans: whether any overlaps `unit`. Binary search for the first
    /// span that ends after the unit starts.
    func anyOverlaps(_ unit: Span) -> Bool {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid].end <= unit.start { low = mid + 1 } else { high = mid }
        }
        return low < count && self[low].start < unit.end
    }
}

/// Runs of characters on which every coder's decision stays the same: the boundaries of every coder's
/// coverage cut the transcript `0..<length` into pieces, each one weighted unit.
///
/// - Parameter coverage: per coder, the covered spans (sorted, disjoint), or nil when the coder did not
///   code the transcript (a missing decision).
func characterRuns(length: Int, coverage: [[Span]?]) -> [(weight: Int, decisions: [Bool?])] {
    var cuts: Set<Int> = [0, length]
    for spans in coverage { for span in spans ?? [] { cuts.insert(min(max(span.start, 0), length)); cuts.insert(min(max(span.end, 0), length)) } }
    let points = cuts.sorted()
    var cursor = Array(repeating: 0, count: coverage.count)
    var runs: [(weight: Int, decisions: [Bool?])] = []
    for (a, b) in zip(points, points.dropFirst()) where a < b {
        let decisions: [Bool?] = coverage.indices.map { c in
            guard let spans = coverage[c] else { return nil }
            while cursor[c] < spans.count, spans[cursor[c]].end <= a { cursor[c] += 1 }
            return cursor[c] < spans.count && spans[cursor[c]].start <= a
        }
        runs.append((b - a, decisions))
    }
    return runs
}
