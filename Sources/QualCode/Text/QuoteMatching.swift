import Foundation

/// What a quote had to be forgiven to match the transcript: the changes Word and people make when they
/// copy text. Listed so a user is told how a quote matched, never left to guess.
public enum QuoteNormalisation: String, Sendable, Hashable, Codable, CaseIterable {
    /// `...` for `…` or the other way round.
    case ellipsis
    /// Straight `"` for «», “” or „ (and the other way round).
    case quotationMarks
    /// Straight `'` for ’, ‘ or ´.
    case apostrophes
    /// A hyphen for an en or em dash (Word turns ` - ` into ` – `).
    case dashes
    /// Runs of spaces, tabs or line breaks for one space.
    case spaces
    /// A small letter at the start for a capital («jeg» for «Jeg») or the other way round.
    case initialCapital

    public var words: String {
        switch self {
        case .ellipsis: return "ellipsis"
        case .quotationMarks: return "quotation marks"
        case .apostrophes: return "apostrophes"
        case .dashes: return "dashes"
        case .spaces: return "spaces"
        case .initialCapital: return "capital letter at the start"
        }
    }
}

/// Where a quote occurs in a transcript: exactly, or else after forgiving what copying changes.
public struct QuoteMatch: Sendable, Hashable {
    /// Scalar offsets of each occurrence, end exclusive.
    public var spans: [Range<Int>]
    /// Empty for an exact match; otherwise what had to be forgiven for at least one occurrence.
    public var normalised: [QuoteNormalisation]
}

/// A line that comes close to a quote that does not occur: for «did you mean …?».
public struct QuoteSuggestion: Sendable, Hashable, Codable {
    public var line: Int
    /// The part of the line that matches best, about as long as the quote.
    public var text: String
}

/// Finds a quote in a transcript the way a person expects: the exact text if it occurs; otherwise the
/// text after folding ellipses, quotation marks, apostrophes, dashes, runs of whitespace and the case
/// of the quote's first letter. Folding keeps, for every folded scalar, where it came from, so a match
/// in the folded text is a span of the stored text.
public struct QuoteMatcher: Sendable {
    private let text: ScalarText

    public init(_ text: ScalarText) { self.text = text }

    /// Every occurrence of `quote`: the exact ones if there are any, else those after folding.
    public func match(_ quote: String) -> QuoteMatch {
        let length = quote.unicodeScalars.count
        let exact = text.occurrences(of: quote).map { $0..<($0 + length) }.filter(isWhole)
        if !exact.isEmpty { return QuoteMatch(spans: exact, normalised: []) }
        // Folded only now: most quotes are pasted from the transcript and match exactly.
        let folded = Folded(text.scalars[...])
        let needle = Folded(Array(quote.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars)[...])
        guard let first = needle.scalars.first else { return QuoteMatch(spans: [], normalised: []) }
        var spans: [Range<Int>] = []
        var used: Set<QuoteNormalisation> = []
        let n = needle.scalars.count
        var i = 0
        while i + n <= folded.scalars.count {
            if Folded.sameInitial(folded.scalars[i], first) {
                var j = 1
                while j < n && folded.scalars[i + j] == needle.scalars[j] { j += 1 }
                if j == n, isWhole(folded.origin[i].lowerBound..<folded.origin[i + n - 1].upperBound) {
                    spans.append(folded.origin[i].lowerBound..<folded.origin[i + n - 1].upperBound)
                    for k in 0..<n {
                        let mine = Array(text.scalars[folded.origin[i + k]]), theirs = Array(needle.source[needle.origin[k]])
                        if mine != theirs { used.insert(k == 0 && folded.scalars[i].properties.isAlphabetic ? .initialCapital : Folded.kind(of: needle.scalars[k])) }
                    }
                    // The quote's own leading or trailing whitespace was trimmed.
                    if quote.unicodeScalars.first?.isSpace == true || quote.unicodeScalars.last?.isSpace == true { used.insert(.spaces) }
                }
            }
            i += 1
        }
        return QuoteMatch(spans: spans, normalised: QuoteNormalisation.allCases.filter(used.contains))
    }

    /// Whether a span starts and ends between characters as a reader sees them: «👍» is not in «👍🏽»,
    /// nor «q» in «q̇» (a letter with a combining mark that has no composed form), nor «👩» in «👩‍💻».
    private func isWhole(_ span: Range<Int>) -> Bool {
        isCharacterBoundary(span.lowerBound) && isCharacterBoundary(span.upperBound)
    }

    /// Whether `offset` lies between two characters (grapheme clusters): the scalar there does not
    /// extend the one before (a combining mark, a joiner, an emoji modifier, a variation selector, a
    /// spacing mark), nor follows a zero-width joiner, nor is the second of a flag's regional indicators.
    private func isCharacterBoundary(_ offset: Int) -> Bool {
        guard offset > 0, offset < text.count else { return true }
        let next = text.scalars[offset], previous = text.scalars[offset - 1]
        if next.value < 0x300 && previous.value < 0x300 { return true }
        let properties = next.properties
        if properties.isGraphemeExtend || properties.isEmojiModifier || properties.isVariationSelector
            || properties.generalCategory == .spacingMark || next.value == 0x200D || previous.value == 0x200D {
            return false
        }
        let isRegionalIndicator = { (s: Unicode.Scalar) in (0x1F1E6...0x1F1FF).contains(s.value) }
        if isRegionalIndicator(next) {
            var run = 0
            while offset - run > 0 && isRegionalIndicator(text.scalars[offset - run - 1]) { run += 1 }
            return run % 2 == 0
        }
        return true
    }

    /// Up to `limit` numbered lines that share the most words with `quote`, best first, each with the
    /// stretch of the line that holds those words.
    public func nearest(to quote: String, limit: Int = 3) -> [QuoteSuggestion] {
        let wanted = Set(Self.words(quote))
        guard !wanted.isEmpty, text.lineCount > 0 else { return [] }
        var scored: [(score: Int, line: Int, text: String)] = []
        for line in 1...text.lineCount {
            let range = text.lineRange(line)
            let words = Self.wordSpans(text.scalars[range], offset: range.lowerBound)
            // The window of as many words as the quote has that holds the most of its words.
            let width = max(1, wanted.count)
            var best = 0, bestAt = 0
            for startIndex in words.indices {
                let window = words[startIndex..<min(words.count, startIndex + width)]
                let score = Set(window.map(\.word)).intersection(wanted).count
                if score > best { best = score; bestAt = startIndex }
            }
            guard best > 0 else { continue }
            let window = words[bestAt..<min(words.count, bestAt + width)]
            let snippet = text.slice(window.first!.span.lowerBound, window.last!.span.upperBound)
            scored.append((best, line, snippet))
        }
        // Half the quote's words at least, or the suggestion is noise.
        let threshold = max(1, (wanted.count + 1) / 2)
        return scored.filter { $0.score >= threshold }
            .sorted { ($0.score, -$0.line) > ($1.score, -$1.line) }
            .prefix(limit).map { QuoteSuggestion(line: $0.line, text: $0.text) }
    }

    private static func words(_ text: String) -> [String] {
        wordSpans(Array(text.unicodeScalars)[...], offset: 0).map(\.word)
    }

    private static func wordSpans(_ scalars: ArraySlice<Unicode.Scalar>, offset: Int) -> [(word: String, span: Range<Int>)] {
        var result: [(String, Range<Int>)] = []
        var start: Int?
        var current = String.UnicodeScalarView()
        for (i, s) in zip(scalars.indices, scalars) {
            if s.isWordScalar {
                if start == nil { start = i }
                current.append(contentsOf: String(s).lowercased().unicodeScalars)
            } else if let begun = start {
                result.append((String(current), (begun - scalars.startIndex + offset)..<(i - scalars.startIndex + offset)))
                start = nil
                current = String.UnicodeScalarView()
            }
        }
        if let begun = start { result.append((String(current), (begun - scalars.startIndex + offset)..<(scalars.endIndex - scalars.startIndex + offset))) }
        return result
    }
}

/// Scalars with copying's differences folded away, each remembering the range of source scalars it
/// stands for.
private struct Folded {
    var scalars: [Unicode.Scalar] = []
    var origin: [Range<Int>] = []
    let source: ArraySlice<Unicode.Scalar>

    init(_ source: ArraySlice<Unicode.Scalar>) {
        self.source = source
        scalars.reserveCapacity(source.count)
        origin.reserveCapacity(source.count)
        var i = source.startIndex
        while i < source.endIndex {
            let s = source[i]
            if s.isSpace {
                var j = i + 1
                while j < source.endIndex && source[j].isSpace { j += 1 }
                append(" ", i..<j)
                i = j
            } else if s == ".", i + 2 < source.endIndex, source[i + 1] == ".", source[i + 2] == "." {
                append("…", i..<(i + 3))
                i += 3
            } else {
                append(Self.fold(s), i..<(i + 1))
                i += 1
            }
        }
    }

    private mutating func append(_ scalar: Unicode.Scalar, _ range: Range<Int>) {
        scalars.append(scalar)
        origin.append(range)
    }

    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s {
        case "«", "»", "“", "”", "„", "‟", "″": return "\""
        case "’", "‘", "‚", "‛", "´", "`", "′": return "'"
        case "–", "—", "‒", "−": return "-"
        default: return s
        }
    }

    static func kind(of folded: Unicode.Scalar) -> QuoteNormalisation {
        switch folded {
        case "…": return .ellipsis
        case "\"": return .quotationMarks
        case "'": return .apostrophes
        case "-": return .dashes
        default: return .spaces
        }
    }

    /// The first letter of a quote matches whatever its case.
    static func sameInitial(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        a == b || (a.properties.isAlphabetic && String(a).lowercased() == String(b).lowercased())
    }
}
