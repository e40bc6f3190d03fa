import Foundation

/// Reads WebVTT (Teams, Zoom) and SRT captions into speaker turns.
///
/// Teams marks speakers with voice tags (`<v Eva>…</v>`); Zoom and most SRT files prefix the cue
/// text with `Name: `. Consecutive cues by the same speaker are joined into one turn, which keeps the
/// first cue's start time and the last cue's end time. Other tags are stripped and the common
/// character references decoded.
enum SubtitleReader {
    struct Cue {
        var speaker: String?
        var text: String
        var start: Int
        var end: Int
    }

    static func cues(_ text: String, format: SourceFormat, file: String) throws(ImportError) -> [Cue] {
        let lines = text.components(separatedBy: "\n")
        var index = 0
        if format == .vtt {
            guard let first = lines.first, first.hasPrefix("WEBVTT") else { throw .missingHeader(file: file, expected: "WEBVTT") }
            index = 1
            while index < lines.count && !lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
        }
        var cues: [Cue] = []
        var cueNumber = 0
        while index < lines.count {
            // Skip blank lines between blocks.
            while index < lines.count && lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
            guard index < lines.count else { break }
            let blockStart = index
            var block: [String] = []
            while index < lines.count && !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
                block.append(lines[index]); index += 1
            }
            if format == .vtt, let head = block.first,
               head.hasPrefix("NOTE") || head.hasPrefix("STYLE") || head.hasPrefix("REGION") { continue }
            cueNumber += 1
            // The timing is the first line, or the second after a cue identifier / SRT number.
            var timingLine = 0
            if !block[0].contains("-->") && !looksLikeTiming(block[0]) {
                timingLine = 1
                guard block.count > 1 else {
                    throw .badCueTiming(file: file, line: blockStart + 1, cue: cueNumber, problem: .unreadable(found: block[0], format: format))
                }
            }
            let start: Int, end: Int
            do {
                (start, end) = try timing(block[timingLine], format: format)
            } catch {
                throw .badCueTiming(file: file, line: blockStart + timingLine + 1, cue: cueNumber, problem: error)
            }
            let payload = block[(timingLine + 1)...].joined(separator: " ")
            var (speaker, words) = format == .vtt ? voice(payload) : (nil, payload)
            words = decodeReferences(stripTags(words)).trimmingCharacters(in: .whitespaces)
            if speaker == nil, let (prefix, rest) = speakerPrefix(words) { speaker = prefix; words = rest }
            if words.isEmpty { continue }
            cues.append(Cue(speaker: speaker, text: words, start: start, end: end))
        }
        return cues
    }

    /// Joins cues into text lines `Speaker: words` and turns over the words.
    static func transcript(from cues: [Cue]) -> (text: String, turns: [ImportedTurn]) {
        var merged: [Cue] = []
        for cue in cues {
            if let last = merged.last, last.speaker != nil, last.speaker == cue.speaker {
                merged[merged.count - 1].text += " " + cue.text
                merged[merged.count - 1].end = cue.end
            } else {
                merged.append(cue)
            }
        }
        var text = ""
        var offset = 0
        var turns: [ImportedTurn] = []
        for (i, cue) in merged.enumerated() {
            if i > 0 { text += "\n"; offset += 1 }
            let words = cue.text.precomposedStringWithCanonicalMapping
            if let speaker = cue.speaker {
                let prefix = speaker + ": "
                text += prefix
                offset += prefix.scalarCount
                turns.append(ImportedTurn(speaker: speaker, start: offset, end: offset + words.scalarCount,
                                          startTime: cue.start, endTime: cue.end))
            }
            text += words
            offset += words.scalarCount
        }
        return (text, turns)
    }

    /// A line that starts like a clock time (`00:01…`) is a broken timing, not a cue identifier.
    private static func looksLikeTiming(_ line: String) -> Bool {
        let head = line.prefix(3)
        return head.count == 3 && head.prefix(2).allSatisfy(\.isASCII) && head.prefix(2).allSatisfy(\.isNumber) && head.last == ":"
    }

    /// Milliseconds of `hh:mm:ss.mmm --> hh:mm:ss.mmm`. Hours may be left out (WebVTT allows it), and
    /// the milliseconds may follow a dot (WebVTT) or a comma (SRT) in either format, as most players
    /// accept: the value is the same either way.
    static func timing(_ line: String, format: SourceFormat) throws(CueTimingProblem) -> (start: Int, end: Int) {
        let unreadable = CueTimingProblem.unreadable(found: line, format: format)
        let parts = line.components(separatedBy: "-->")
        guard parts.count == 2 else { throw unreadable }
        let startField = parts[0].trimmingCharacters(in: .whitespaces)
        let endField = parts[1].trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
        guard let start = try milliseconds(startField), let end = try milliseconds(endField) else { throw unreadable }
        guard end >= start else { throw .endsBeforeStart(start: startField, end: endField) }
        return (start, end)
    }

    /// Nil when the field is not a timestamp at all; throws when it is one that cannot be.
    private static func milliseconds(_ field: String) throws(CueTimingProblem) -> Int? {
        let pieces = field.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        guard pieces.count == 2, let ms = digits(pieces[1], count: 3...3) else { return nil }
        let clock = pieces[0].split(separator: ":", omittingEmptySubsequences: false)
        // Hours are optional in WebVTT and never more than a few digits; minutes and seconds are two.
        guard clock.count == 2 || clock.count == 3,
              let m = digits(clock[clock.count - 2], count: 2...2), let s = digits(clock[clock.count - 1], count: 2...2),
              let h = clock.count == 3 ? digits(clock[0], count: 1...4) : 0 else { return nil }
        guard m < 60 else { throw .outOfRange(timestamp: field, unit: .minutes, value: m) }
        guard s < 60 else { throw .outOfRange(timestamp: field, unit: .seconds, value: s) }
        return ((h * 60 + m) * 60 + s) * 1000 + ms
    }

    /// A run of ASCII digits of an allowed length, as a number (no signs, no other digits).
    private static func digits(_ text: Substring, count: ClosedRange<Int>) -> Int? {
        guard count.contains(text.count), text.allSatisfy({ $0.isASCII && $0.isWholeNumber }) else { return nil }
        return Int(text)
    }

    /// `<v Eva Hansen>text</v>` or `<v.loud Eva>text` → ("Eva Hansen", "text").
    private static func voice(_ payload: String) -> (String?, String) {
        guard let open = payload.range(of: "<v"), let close = payload.range(of: ">", range: open.upperBound..<payload.endIndex)
        else { return (nil, payload) }
        var tag = String(payload[open.upperBound..<close.lowerBound])
        if tag.hasPrefix(".") { tag = String(tag.drop(while: { $0 != " " })) }
        guard tag.first == " " else { return (nil, payload) }
        let name = decodeReferences(tag.trimmingCharacters(in: .whitespaces))
        let rest = String(payload[close.upperBound...])
        return (name.isEmpty ? nil : name, rest)
    }

    private static func stripTags(_ text: String) -> String {
        var result = ""
        var inTag = false
        for ch in text {
            if ch == "<" { inTag = true; continue }
            if ch == ">" && inTag { inTag = false; continue }
            if !inTag { result.append(ch) }
        }
        return result
    }

    private static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&nbsp;", with: "\u{00A0}").replacingOccurrences(of: "&lrm;", with: "")
            .replacingOccurrences(of: "&rlm;", with: "").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A Zoom-style `Name: ` prefix of at most three words.
    private static func speakerPrefix(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon]
        let after = text[text.index(after: colon)...]
        guard !name.isEmpty, name.count <= 40, after.first == " ",
              name.split(separator: " ").count <= 3,
              name.first?.isLetter == true, name.allSatisfy({ $0.isLetter || $0.isNumber || " .-'".contains($0) })
        else { return nil }
        return (String(name), after.trimmingCharacters(in: .whitespaces))
    }
}
