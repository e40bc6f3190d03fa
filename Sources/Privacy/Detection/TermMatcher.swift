import Foundation
import QualCode

/// Finds dictionary terms in a text ignoring case, at word boundaries: not inside a longer word, but
/// before a genitive «s» («Karis mor»). A longer term is tried before a shorter one that starts it.
///
/// The text is walked once, word by word: each word is looked up among the terms that start with it
/// (and, for a genitive, without its «s»), so a key of hundreds of names costs about what one does.
struct TermMatcher {
    /// `capitalised`: a name written with a capital («Dag», «Per», «Liv») is that name only where the
    /// text writes it so; in lower case it is a word («hver dag»).
    private typealias Entry = (term: PrivacyTerm, scalars: [Unicode.Scalar], capitalised: Bool)
    /// Terms by their first word, folded; each list longest first.
    private let byFirstWord: [String: [Entry]]
    /// Terms that do not start with a letter or digit («[x]»), looked for at every place.
    private let others: [Entry]

    init(_ terms: [PrivacyTerm]) {
        var byFirstWord: [String: [Entry]] = [:], others: [Entry] = []
        for term in terms {
            let scalars = Self.folded(Array(term.text.precomposedStringWithCanonicalMapping.unicodeScalars))
            guard let first = scalars.first else { continue }
            let capitalised = term.kind == .name && term.text.first?.isUppercase == true
            guard first.isWordScalar else { others.append((term, scalars, capitalised)); continue }
            let word = String(String.UnicodeScalarView(scalars.prefix { $0.isWordScalar }))
            byFirstWord[word, default: []].append((term, scalars, capitalised))
        }
        self.byFirstWord = byFirstWord.mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } }
        self.others = others.sorted { $0.scalars.count > $1.scalars.count }
    }

    func findings(in text: ScalarText) -> [Finding] {
        guard !byFirstWord.isEmpty || !others.isEmpty else { return [] }
        let s = Self.folded(text.scalars)
        var found: [Finding] = []
        func matches(_ needle: [Unicode.Scalar], at i: Int) -> Bool {
            guard i + needle.count <= s.count, s[i..<(i + needle.count)].elementsEqual(needle) else { return false }
            let end = i + needle.count
            let after = end < s.count ? s[end] : nil
            let genitive = after == "s" && (end + 1 == s.count || !s[end + 1].isWordScalar)
            return after == nil || !after!.isWordScalar || genitive
        }
        func add(_ entry: Entry, at i: Int) {
            let end = i + entry.scalars.count
            let original = text.slice(i, end)
            found.append(Finding(kind: entry.term.kind, start: i, end: end, line: text.line(at: i), text: original,
                                 replacement: entry.term.kind == .pronoun ? Self.casedLike(original, entry.term.replacement) : entry.term.replacement))
        }
        var i = 0
        while i < s.count {
            guard s[i].isWordScalar, i == 0 || !s[i - 1].isWordScalar else { i += 1; continue }
            var j = i
            while j < s.count, s[j].isWordScalar { j += 1 }
            var word = String(String.UnicodeScalarView(s[i..<j]))
            var candidates = byFirstWord[word] ?? []
            // «Karis»: the word without its genitive «s» may start a term.
            if s[j - 1] == "s", j - i > 1 {
                word.removeLast()
                candidates += byFirstWord[word] ?? []
            }
            for entry in candidates where matches(entry.scalars, at: i) && (!entry.capitalised || text.scalars[i].properties.isUppercase) {
                add(entry, at: i)
            }
            i = j
        }
        for entry in others {
            for start in s.indices where s[start] == entry.scalars[0] && (start == 0 || !s[start - 1].isWordScalar) {
                if matches(entry.scalars, at: start) { add(entry, at: start) }
            }
        }
        return found
    }

    /// Each scalar lowercased where that gives one scalar (so offsets stay the text's own).
    private static func folded(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        scalars.map { scalar in
            if scalar.value < 0x80 { return scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 32)! : scalar }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            return lower.count == 1 ? lower.first! : scalar
        }
    }

    /// «Hun» → «Hen»: a pronoun's replacement keeps its capital at the start of a sentence.
    private static func casedLike(_ original: String, _ replacement: String) -> String {
        guard let first = original.first, first.isUppercase else { return replacement }
        return replacement.prefix(1).uppercased() + replacement.dropFirst()
    }
}
