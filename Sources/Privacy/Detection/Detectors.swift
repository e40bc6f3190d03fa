import Foundation
import QualCode

/// The detectors, run over one text: numbers (national identity numbers with valid check digits, phone
/// numbers), e-mail addresses, the dictionary's terms, and gendered pronouns when asked for. They only
/// find; applying a replacement is the caller's choice.
public enum Detectors {
    /// Every finding in `text`, in text order; where two overlap, the earlier (and then the longer) is kept.
    ///
    /// - Parameters:
    ///   - terms: names, places and employers to look for, matched ignoring case at word boundaries
    ///     (and before a genitive «s»: «Karis»).
    ///   - pronouns: whether gendered pronouns are findings (the project's policy is «hen»).
    public static func scan(_ text: ScalarText, terms: [PrivacyTerm] = [], pronouns: Bool = false) -> [Finding] {
        var found = numbers(in: text) + emails(in: text)
        found += TermMatcher(terms + (pronouns ? PrivacyTerm.pronouns : [])).findings(in: text)
        found.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var kept: [Finding] = []
        for finding in found where kept.last.map({ finding.start >= $0.end }) ?? true { kept.append(finding) }
        return kept
    }

    // MARK: - Numbers

    /// Runs of digits, grouped by single spaces, hyphens or dots («912 34 567», «010190 12345»), with
    /// a country code («+47», «0047») where one is written.
    static func numbers(in text: ScalarText) -> [Finding] {
        let s = text.scalars
        var found: [Finding] = []
        var i = 0
        while i < s.count {
            let startsHere = s[i].isDigit || (s[i] == "+" && i + 1 < s.count && s[i + 1].isDigit)
            guard startsHere, i == 0 || !(s[i - 1].isWordScalar || s[i - 1] == "+") else { i += 1; continue }
            let start = i
            let plus = s[i] == "+"
            var j = plus ? i + 1 : i
            var digits: [Int] = [], groups: [Int] = [], group = 0
            var spans: [Range<Int>] = []  // each group's scalars
            while j < s.count {
                if let digit = s[j].digitValue { digits.append(digit); group += 1; j += 1; continue }
                if group > 0, [" ", "\u{00A0}", "-", "."].contains(s[j]), j + 1 < s.count, s[j + 1].isDigit {
                    groups.append(group)
                    spans.append((j - group)..<j)
                    group = 0
                    j += 1
                    continue
                }
                break
            }
            if group > 0 { groups.append(group); spans.append((j - group)..<j) }
            i = j
            // «12345678kr», «2020a»: part of a word, not a number on its own.
            if j < s.count, s[j].isWordScalar { continue }
            func add(_ kind: FindingKind, _ start: Int, _ end: Int) {
                found.append(Finding(kind: kind, start: start, end: end, line: text.line(at: start), text: text.slice(start, end),
                                     replacement: PrivacyTerm.usualReplacement(for: kind)))
            }
            if let kind = classify(digits, groups: groups, plus: plus) { add(kind, start, j); continue }
            // «91234567 92345678», «ring 91234567 2 ganger»: numbers side by side, each found on its own
            // (the longest that is one, from the left).
            var g = 0
            while g < groups.count {
                let before = groups[..<g].reduce(0, +)
                let match = (g + 1...groups.count).reversed().lazy.compactMap { last -> (FindingKind, Int)? in
                    guard last - g < groups.count else { return nil }
                    let count = groups[g..<last].reduce(0, +)
                    return classify(Array(digits[before..<(before + count)]), groups: Array(groups[g..<last]), plus: plus && g == 0)
                        .map { ($0, last) }
                }.first
                guard let (kind, last) = match else { g += 1; continue }
                add(kind, g == 0 ? start : spans[g].lowerBound, spans[last - 1].upperBound)
                g = last
            }
        }
        return found
    }

    private static func classify(_ digits: [Int], groups: [Int], plus: Bool) -> FindingKind? {
        var body = digits[...], bodyGroups = groups[...]
        var countryCode = false
        if plus || ((groups.first == 4 || groups.first == 12) && digits.starts(with: [0, 0, 4, 7])) {
            let length = plus ? 2 : 4
            // «+47 912 34 567», or the code written onto the number: «+4791234567», «004791234567».
            guard let first = groups.first, first == length || first == length + 8, digits.prefix(length).suffix(2) == [4, 7] else { return nil }
            body = body.dropFirst(length)
            bodyGroups = first == length ? bodyGroups.dropFirst() : [8]
            countryCode = true
        }
        if !countryCode, body.count == 11, [[11], [6, 5]].contains(Array(bodyGroups)), NationalIdentityNumber.isValid(Array(body)) {
            return .nationalIdentityNumber
        }
        // Eight digits from 2 to 9 first, written as Norwegians write phone numbers; «2024 2025» is two years.
        if body.count == 8, let first = body.first, first >= 2,
           countryCode || [[8], [3, 2, 3], [2, 2, 2, 2]].contains(Array(bodyGroups)) {
            return .phoneNumber
        }
        return nil
    }

    // MARK: - E-mail

    /// `local@domain.tld`: the local part of letters, digits and `._%+-`, a domain with a dot and a
    /// top level of two letters or more; a full stop after it ends the sentence, not the address.
    static func emails(in text: ScalarText) -> [Finding] {
        let s = text.scalars
        var found: [Finding] = []
        var lastEnd = 0
        for at in s.indices where s[at] == "@" && at >= lastEnd {
            var start = at
            while start > 0, s[start - 1].isWordScalar || "._%+-".unicodeScalars.contains(s[start - 1]) { start -= 1 }
            while start < at, s[start] == "." { start += 1 }
            var end = at + 1
            while end < s.count, s[end].isWordScalar || s[end] == "-" || s[end] == "." { end += 1 }
            while end > at + 1, s[end - 1] == "." || s[end - 1] == "-" { end -= 1 }
            guard start < at, end > at + 1 else { continue }
            let domain = String(String.UnicodeScalarView(s[(at + 1)..<end]))
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
                  let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { continue }
            found.append(Finding(kind: .email, start: start, end: end, line: text.line(at: start), text: text.slice(start, end),
                                 replacement: PrivacyTerm.usualReplacement(for: .email)))
            lastEnd = end
        }
        return found
    }
}

extension Unicode.Scalar {
    var isDigit: Bool { value >= 0x30 && value <= 0x39 }
    var digitValue: Int? { isDigit ? Int(value - 0x30) : nil }
}
