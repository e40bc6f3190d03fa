import Foundation

/// Recognises speaker turns in plain text: lines such as `Intervjuer: …`, `I: …`, `Eva: …`, or in
/// Markdown `**E:** …`.
///
/// A label counts as a speaker when the speaker map names it, when it is a participant's pseudonym
/// or a usual interviewer label, or when it opens at least two lines, so a sentence that happens to
/// contain a colon is not mistaken for a speaker. Lines without a label that follow a turn continue
/// it (a long answer over several paragraphs).
public struct SpeakerTurns: Sendable {
    /// Labels that mean the interviewer or moderator when nothing else says so.
    public static let interviewerLabels: Set<String> = [
        "i", "int", "intervjuer", "interviewer", "moderator", "mod", "forsker", "researcher", "q",
    ]

    /// Label in the text → speaker name (`I` → `Intervjuer`, `E` → `Eva`).
    public var speakerMap: [String: String]
    public var knownNames: [String]

    public init(speakerMap: [String: String] = [:], knownNames: [String] = []) {
        self.speakerMap = speakerMap
        self.knownNames = knownNames
    }

    /// Parses `I=Intervjuer,E=Eva`.
    public static func parseMap(_ spec: String) throws(StoreError) -> [String: String] {
        var map: [String: String] = [:]
        for pair in spec.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .invalidInput(.speakerMap, value: String(pair), expected: "LABEL=NAME pairs separated by commas, such as \"I=Intervjuer,E=Eva\"")
            }
            map[parts[0]] = parts[1]
        }
        return map
    }

    public func turns(in text: String) -> [ImportedTurn] { turns(in: ScalarText(text)) }

    public func turns(in scalars: ScalarText) -> [ImportedTurn] {
        var candidates: [(line: Int, label: String, contentStart: Int)] = []
        var labelCounts: [String: Int] = [:]
        for line in 1...scalars.rawLineCount {
            let range = scalars.rawLineRange(line)
            if let (label, contentOffset) = Self.label(in: scalars, range) {
                candidates.append((line, label, range.lowerBound + contentOffset))
                labelCounts[label, default: 0] += 1
            }
        }
        let mapKeys = Set(speakerMap.keys.map { $0.lowercased() })
        let names = Set(knownNames.map { $0.lowercased() })
        let accepted = candidates.filter { c in
            let key = c.label.lowercased()
            return mapKeys.contains(key) || names.contains(key) || Self.interviewerLabels.contains(key)
                || (labelCounts[c.label] ?? 0) >= 2
        }
        var byLine: [Int: (label: String, contentStart: Int)] = [:]
        for c in accepted { byLine[c.line] = (c.label, c.contentStart) }

        var turns: [ImportedTurn] = []
        for line in 1...scalars.rawLineCount {
            let range = scalars.rawLineRange(line)
            if let found = byLine[line] {
                let speaker = speakerMap.first { $0.key.lowercased() == found.label.lowercased() }?.value ?? found.label
                turns.append(ImportedTurn(speaker: speaker, start: found.contentStart, end: range.upperBound))
            } else if !turns.isEmpty, !range.isEmpty, scalars.scalars[range.lowerBound] != "#" {
                turns[turns.count - 1].end = range.upperBound
            }
        }
        return turns.filter { $0.end > $0.start }
    }

    /// The speaker label at the start of a line and where the words after it begin.
    static func label(in text: ScalarText, _ range: Range<Int>) -> (String, Int)? {
        var i = range.lowerBound
        let limit = min(range.upperBound, range.lowerBound + 48)
        var bold = false
        if i + 1 < limit, text.scalars[i] == "*" || text.scalars[i] == "_", text.scalars[i + 1] == text.scalars[i] {
            bold = true
            i += 2
        }
        let labelStart = i
        while i < limit, text.scalars[i] != ":" { i += 1 }
        guard i < limit, i > labelStart else { return nil }
        var labelEnd = i
        if bold, labelEnd - labelStart > 2, text.scalars[labelEnd - 1] == "*" || text.scalars[labelEnd - 1] == "_" {
            labelEnd -= 2  // `**I**:`
        }
        let label = text.slice(labelStart, labelEnd)
        guard isLabel(label) else { return nil }
        i += 1  // the colon
        if bold, i + 1 < range.upperBound, text.scalars[i] == "*" || text.scalars[i] == "_" { i += 2 }  // `**I:**`
        guard i < range.upperBound, text.scalars[i] == " " || text.scalars[i] == "\t" else { return nil }
        while i < range.upperBound, text.scalars[i] == " " || text.scalars[i] == "\t" { i += 1 }
        guard i < range.upperBound else { return nil }
        return (label, i - range.lowerBound)
    }

    private static func isLabel(_ label: String) -> Bool {
        guard let first = label.unicodeScalars.first, first.properties.isAlphabetic || first.properties.numericType != nil,
              label.split(separator: " ").count <= 3, label.count <= 40 else { return false }
        return label.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || " .-'".unicodeScalars.contains($0)
        }
    }
}
