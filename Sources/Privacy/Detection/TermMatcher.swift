import Foundation
import QualCode

/// Finds dictionary terms in a text ignoring case, at word boundaries: not inside a longer word, but
/// before a genitive «s» («Karis mor»). A longer term is tried before a shorter one that starts it.
struct TermMatcher {
    private let terms: [(term: PrivacyTerm, scalars: [Unicode.Scalar])]

    init(_ terms: [PrivacyTerm]) {
        self.terms = terms.compactMap { term in
            let scalars = Self.folded(Array(term.text.precomposedStringWithCanonicalMapping.unicodeScalars))
            return scalars.isEmpty ? nil : (term, scalars)
        }.sorted { $0.scalars.count > $1.scalars.count }
    }

    func findings(in text: ScalarText) -> [Finding] {
        guard !terms.isEmpty else { return [] }
        let s = Self.folded(text.scalars)
        var found: [Finding] = []
        for (term, needle) in terms {
            var i = 0
            while i + needle.count <= s.count {
                defer { i += 1 }
                guard s[i] == needle[0], i == 0 || !s[i - 1].isWordScalar else { continue }
                guard s[i..<(i + needle.count)].elementsEqual(needle) else { continue }
                let end = i + needle.count
                let after = end < s.count ? s[end] : nil
                let genitive = after == "s" && (end + 1 == s.count || !s[end + 1].isWordScalar)
                guard after == nil || !after!.isWordScalar || genitive else { continue }
                let original = text.slice(i, end)
                found.append(Finding(kind: term.kind, start: i, end: end, line: text.line(at: i), text: original,
                                     replacement: term.kind == .pronoun ? Self.casedLike(original, term.replacement) : term.replacement))
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
