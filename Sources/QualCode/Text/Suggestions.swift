import Foundation

/// The known names nearest to one a person mistyped, for «did you mean …?»: a transcript, a code path,
/// a participant, an attribute in a label template.
///
/// Names are compared without case or accents (`Tillit` and `tillit`, `Andre` and `André` are the same),
/// while æ, ø and å stay letters of their own, as they are in Norwegian: `far` is one letter from `får`.
/// The distance is the number of letters inserted, deleted, changed, or swapped with their neighbour;
/// a short name may be one letter off, a longer one two or three.
///
/// For example:
/// ```swift
/// Suggestions.nearest(to: "role", among: ["rolle", "tjeneste"])  // ["rolle"]
/// ```
public enum Suggestions {
    /// The one or two `candidates` nearest to `typed`, nearest first; none when nothing is near.
    public static func nearest(to typed: String, among candidates: some Sequence<String>, limit: Int = 2) -> [String] {
        nearest(to: typed, among: candidates, limit: limit) { [$0] }
    }

    /// The one or two `candidates` nearest to `typed`, each compared by the nearest of its `keys` (a
    /// transcript by its name, the words of its name and its participants' pseudonyms), nearest first,
    /// in the given order among equals.
    public static func nearest<Candidate>(to typed: String, among candidates: some Sequence<Candidate>, limit: Int = 2,
                                          keys: (Candidate) -> [String]) -> [Candidate] {
        let target = fold(typed)
        let allowed = allowance(for: target.count)
        var scored: [(distance: Int, index: Int, candidate: Candidate)] = []
        for (index, candidate) in candidates.enumerated() {
            let best = keys(candidate).map { distance(target, fold($0), atMost: allowed) }.min() ?? Int.max
            if best <= allowed { scored.append((best, index, candidate)) }
        }
        return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(limit).map(\.candidate)
    }

    /// «"a" or "b"» for a sentence that asks «did you mean …?»; `quoted` writes one name.
    package static func alternatives(_ names: [String], quoted: (String) -> String = { "\"\($0)\"" }) -> String {
        names.map(quoted).joined(separator: " or ")
    }

    /// How many edits a name of `length` letters may be off: none for one or two letters (anything is
    /// near those), then one, two, three.
    static func allowance(for length: Int) -> Int {
        switch length {
        case ..<3: 0
        case ..<6: 1
        case ..<10: 2
        default: 3
        }
    }

    /// Lower case, accents dropped, æ, ø and å kept.
    static func fold(_ text: String) -> [Character] {
        var folded: [Character] = []
        for character in text.lowercased() {
            if character == "æ" || character == "ø" || character == "å" {
                folded.append(character)
            } else {
                folded.append(contentsOf: String(character).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil))
            }
        }
        return folded
    }

    /// Edits from `a` to `b` (optimal string alignment: insert, delete, change, swap neighbours), or
    /// more than `limit` once it is sure to exceed it.
    static func distance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowBest = current[0]
            for j in 1...b.count {
                let change = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + change)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
                rowBest = min(rowBest, current[j])
            }
            if rowBest > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
