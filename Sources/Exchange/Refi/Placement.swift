import Foundation

/// Where a source's selections land in the stored text, under the convention that fits them best.
struct Placement {
    /// A selection placed: stored-text offsets, end exclusive.
    struct Placed {
        var selection: RefiSelection
        var start: Int
        var end: Int
        /// Found by its quoted text (its `name`) rather than by its positions.
        var reanchored: Bool
    }

    let convention: OffsetConvention
    /// Ends name the last character rather than the one after it.
    let endInclusive: Bool
    /// Every convention places the selections alike (no CRLF, nothing outside the BMP where they lie).
    let conventionsAgree: Bool
    var placed: [Placed] = []
    var unplaced: [UnplacedSelection] = []

    /// Scores each convention over all the source's selections — the quoted text in `name` where it
    /// matches, and starts and ends that fall between words — and places them by the best one; ties go
    /// to the convention the writing tool is known for (`origin`), else to the standard's.
    init(_ all: [RefiSelection], in text: inout SourceText, origin: String?, conventions: [OffsetConvention]? = nil) {
        // A selection without usable positions has no say in the convention and cannot be placed.
        let selections = all.filter { $0.badPosition == nil }
        unplaced = all.compactMap { s in s.badPosition.map { UnplacedSelection(s, reason: .badPosition($0)) } }
        let order = conventions ?? OffsetConvention.preferred(origin: origin)
        // Each counting with exclusive ends (what tools write) and then with the end on the last
        // character (the standard's wording); a tie keeps the earlier.
        let candidates = [false, true].flatMap { inclusive in order.map { ($0, inclusive) } }
        var best: (index: Int, score: Int)?
        var spans: [[Range<Int>?]] = []
        for (index, (convention, inclusive)) in candidates.enumerated() {
            let mapped = selections.map { s -> Range<Int>? in
                guard let start = text.offset(s.start, convention),
                      let end = inclusive ? text.offset(after: s.end, convention) : text.offset(s.end, convention), start < end else { return nil }
                return start..<end
            }
            spans.append(mapped)
            var score = 0
            // A selection whose start and end are one position counts for none: read with inclusive ends it
            // would become a character of its own and tip the balance (an inclusive reading of exclusive ends
            // scores as well at every word end, so only ties keep exclusive ends).
            for (s, span) in zip(selections, mapped) {
                guard let span, s.end > s.start else { continue }
                score += 1 + (text.isBoundary(span.lowerBound) ? 1 : 0) + (text.isBoundary(span.upperBound) ? 1 : 0)
                if let quote = Self.quote(s.name), Self.quote(text.slice(span.lowerBound, span.upperBound)) == quote { score += 10 }
            }
            if best == nil || score > best!.score { best = (index, score) }
        }
        let winner = best?.index ?? 0
        (convention, endInclusive) = candidates[winner]
        let exclusive = spans.prefix(order.count)
        conventionsAgree = exclusive.count > 1 && !endInclusive && exclusive.allSatisfy { $0 == exclusive.first! }
        let chosen = spans[winner]
        var index: [UInt64: [Int]]?
        for (selection, span) in zip(selections, chosen) {
            var placedSpan = span
            var reanchored = false
            // A selection whose quoted text is not where its positions point is looked for by that text,
            // nearest to where it was said to be. Only a name as long as the selection is taken for its
            // text: a label («Tillit») or a quote cut short («Oh, that was…») would move it wrongly.
            if let quote = Self.quote(selection.name), Self.isQuote(quote, of: selection),
               placedSpan.map({ Self.quote(text.slice($0.lowerBound, $0.upperBound)) != quote }) ?? true,
               let found = Self.find(selection.name!, in: text, near: placedSpan?.lowerBound ?? min(selection.start, text.count), index: &index) {
                placedSpan = found
                reanchored = true
            }
            guard let span = placedSpan else {
                unplaced.append(UnplacedSelection(selection, reason: Self.reason(selection, convention, endInclusive, &text)))
                continue
            }
            guard text.scalars[span].contains(where: { !$0.properties.isWhitespace }) else {
                unplaced.append(UnplacedSelection(selection, reason: .onlyWhitespace))
                continue
            }
            placed.append(Placed(selection: selection, start: span.lowerBound, end: span.upperBound, reanchored: reanchored))
        }
    }

    private static func reason(_ selection: RefiSelection, _ convention: OffsetConvention, _ inclusive: Bool,
                               _ text: inout SourceText) -> UnplacedReason {
        if selection.end < selection.start || (selection.end == selection.start && !inclusive) { return .empty }
        let length = text.length(convention)
        return selection.start > length || selection.end > length ? .outsideText(length: text.count) : .splitsCharacter
    }

    /// Whether a selection's name can be its text: a few characters long at least, and as long as the
    /// selection give or take what another counting (UTF-16, CRLF) and collapsed spaces make.
    static func isQuote(_ quote: String, of selection: RefiSelection) -> Bool {
        let length = quote.unicodeScalars.count, span = selection.end - selection.start
        return length >= 3 && abs(length - span) <= max(2, span / 10)
    }

    /// Quoted text compared as a person reads it: runs of whitespace as one space, ends trimmed, NFC.
    static func quote(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = text.precomposedStringWithCanonicalMapping.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// The occurrence of `quote` nearest to `near`, if the stored text holds it (line ends as LF); of two
    /// as near, the earlier. Only the places where the quote's first two characters stand are tried
    /// (`index`, made once per text), nearest first.
    private static func find(_ quote: String, in text: SourceText, near: Int, index: inout [UInt64: [Int]]?) -> Range<Int>? {
        let needle = Array(SourceText(raw: quote).scalars)
        let scalars = text.scalars
        guard needle.count >= 2, needle.count <= scalars.count else { return nil }
        if index == nil {
            var made: [UInt64: [Int]] = [:]
            for i in 0..<(scalars.count - 1) { made[pair(scalars[i], scalars[i + 1]), default: []].append(i) }
            index = made
        }
        guard let starts = index?[pair(needle[0], needle[1])] else { return nil }
        func matches(_ i: Int) -> Bool {
            guard i + needle.count <= scalars.count else { return false }
            for k in 2..<needle.count where scalars[i + k] != needle[k] { return false }
            return true
        }
        // The first start at or after `near`; then outwards, the nearer side first.
        var low = 0, high = starts.count
        while low < high { let mid = (low + high) / 2; if starts[mid] < near { low = mid + 1 } else { high = mid } }
        var before = low - 1, after = low
        while before >= 0 || after < starts.count {
            let takeBefore = after >= starts.count || (before >= 0 && near - starts[before] <= starts[after] - near)
            let i = takeBefore ? starts[before] : starts[after]
            if takeBefore { before -= 1 } else { after += 1 }
            if matches(i) { return i..<(i + needle.count) }
        }
        return nil
    }

    private static func pair(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }
}

/// A selection that could not be placed in its source's text; imports list every one.
public struct UnplacedSelection: Sendable, Hashable, Codable {
    public var guid: String
    /// The selection's name, often the quoted text.
    public var name: String?
    public var start: Int
    public var end: Int
    public var reason: UnplacedReason

    init(_ selection: RefiSelection, reason: UnplacedReason) {
        guid = selection.guid
        name = selection.name
        start = selection.start
        end = selection.end
        self.reason = reason
    }
}

/// Why a selection could not be placed.
public enum UnplacedReason: Sendable, Hashable, Codable {
    /// Its positions lie past the end of the text (`length` characters).
    case outsideText(length: Int)
    /// Its end is not after its start.
    case empty
    /// A position falls inside a character (half of an emoji in UTF-16).
    case splitsCharacter
    /// It covers only spaces and line ends.
    case onlyWhitespace
    /// A position that is no whole number of 0 or more, as the file wrote it (`startPosition="-3"`).
    case badPosition(String)

    public var description: String {
        switch self {
        case let .outsideText(length): "outside the text (\(length) characters)"
        case .empty: "its end is not after its start"
        case .splitsCharacter: "a position falls inside a character"
        case .onlyWhitespace: "it covers only whitespace"
        case let .badPosition(written): "its position \(written) is not a whole number of 0 or more"
        }
    }
}
