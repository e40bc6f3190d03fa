import Foundation

/// A transcript's plain text viewed as Unicode scalars, with its lines indexed.
///
/// Every stored offset in QualCode counts Unicode scalars over LF-normalised text, end exclusive
/// (DESIGN.md, invariant 2). This type is the one place that turns such offsets into text and
/// line numbers, so no caller counts `Character`s or UTF-16 units by accident.
public struct ScalarText: Sendable {
    public let scalars: [Unicode.Scalar]
    /// The scalar offset at which each line of the file starts, blank ones included; `rawLineStarts[0] == 0`.
    /// For working on the text line by line (diffs, speaker labels); people see ``lineStarts``.
    public let rawLineStarts: [Int]
    /// The scalar offset at which each numbered line starts. Only lines that hold more than whitespace
    /// are numbered, as MAXQDA numbers paragraphs: a transcript with a blank line between turns would
    /// otherwise count every turn twice, and `--lines 21` would land on the wrong one.
    public let lineStarts: [Int]

    public init(_ text: String) {
        // One pass, no generic `Array(_:)` over the view (it counts first, then copies scalar by scalar
        // through unspecialised code).
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        var starts = [0]
        var numbered: [Int] = []
        var lineHasText = false
        for s in text.unicodeScalars {
            if s == "\n" {
                if lineHasText { numbered.append(starts[starts.count - 1]) }
                lineHasText = false
                scalars.append(s)
                starts.append(scalars.count)
                continue
            }
            if !lineHasText && !s.isSpace { lineHasText = true }
            scalars.append(s)
        }
        if lineHasText { numbered.append(starts[starts.count - 1]) }
        self.scalars = scalars
        self.rawLineStarts = starts
        self.lineStarts = numbered
    }

    public var count: Int { scalars.count }
    /// Numbered lines: those holding more than whitespace. Zero for a text of whitespace only.
    public var lineCount: Int { lineStarts.count }
    public var rawLineCount: Int { rawLineStarts.count }

    /// The text between two scalar offsets (clamped to the text).
    public func slice(_ start: Int, _ end: Int) -> String {
        let lo = max(0, min(start, count)), hi = max(lo, min(end, count))
        // Encoded straight to UTF-8; `UnicodeScalarView.append(contentsOf:)` goes through unspecialised
        // generic code, one value-witness call per scalar.
        var utf8: [UInt8] = []
        utf8.reserveCapacity((hi - lo) * 2)
        for i in lo..<hi {
            UTF8.encode(scalars[i]) { utf8.append($0) }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The text between two scalar offsets on one line: runs of whitespace (line breaks included)
    /// become one space and the ends are trimmed, as a quote reads in running text.
    public func collapsedSlice(_ start: Int, _ end: Int) -> String {
        let lo = max(0, min(start, count)), hi = max(lo, min(end, count))
        var utf8: [UInt8] = []
        utf8.reserveCapacity(hi - lo)
        var pendingSpace = false
        for i in lo..<hi {
            let s = scalars[i]
            if s.isSpace { pendingSpace = !utf8.isEmpty; continue }
            if pendingSpace { utf8.append(0x20); pendingSpace = false }
            UTF8.encode(s) { utf8.append($0) }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// A string of the given scalars, encoded straight to UTF-8.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count)
        for s in scalars { UTF8.encode(s) { utf8.append($0) } }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The number of the line that holds the scalar at `offset`: the last numbered line starting at or
    /// before it (so whitespace-only lines count with the line above them), and 1 before the first.
    public func line(at offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lineStarts[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        return max(1, lo)
    }

    /// Scalar range of a numbered line (1-based), without its line feed.
    public func lineRange(_ line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        return start..<rawLineEnd(from: start)
    }

    public func lineText(_ line: Int) -> String {
        let r = lineRange(line)
        return slice(r.lowerBound, r.upperBound)
    }

    /// Scalar range of a line of the file (1-based, blank lines included), without its line feed.
    public func rawLineRange(_ line: Int) -> Range<Int> {
        let start = rawLineStarts[line - 1]
        let end = line < rawLineStarts.count ? rawLineStarts[line] - 1 : count
        return start..<end
    }

    public func rawLineText(_ line: Int) -> String {
        let r = rawLineRange(line)
        return slice(r.lowerBound, r.upperBound)
    }

    /// Where the line starting at `start` ends: its line feed, or the end of the text.
    private func rawLineEnd(from start: Int) -> Int {
        var end = start
        while end < count && scalars[end] != "\n" { end += 1 }
        return end
    }

    /// Every scalar offset at which `needle` starts.
    public func occurrences(of needle: String) -> [Int] {
        let n = Array(needle.unicodeScalars)
        guard !n.isEmpty, n.count <= scalars.count else { return [] }
        var result: [Int] = []
        let first = n[0]
        var i = 0
        let last = scalars.count - n.count
        while i <= last {
            if scalars[i] == first {
                var j = 1
                while j < n.count && scalars[i + j] == n[j] { j += 1 }
                if j == n.count { result.append(i) }
            }
            i += 1
        }
        return result
    }
}

extension String {
    /// Number of Unicode scalars, the unit of every stored offset.
    public var scalarCount: Int { unicodeScalars.count }

    /// Words as a reader counts them: runs of letters or digits.
    public var wordCount: Int {
        var count = 0
        var inWord = false
        for s in unicodeScalars {
            let isWordScalar = s.isWordScalar
            if isWordScalar && !inWord { count += 1 }
            inWord = isWordScalar
        }
        return count
    }
}

extension Unicode.Scalar {
    /// A letter or digit: part of a word. ASCII is answered without a property lookup
    /// (`_swift_stdlib_getBinaryProperties` is a table search).
    public var isWordScalar: Bool {
        let v = value
        return v < 0x80
            ? (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
            : properties.isAlphabetic || properties.numericType != nil
    }

    /// A control character (C0, DEL, C1) or a line or paragraph separator (U+2028, U+2029).
    public var isControlOrSeparator: Bool {
        let v = value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029
    }

    /// A character that changes the direction of the text around it: U+202E shows «gnp.exe» as «exe.png».
    public var isBidiControl: Bool {
        switch value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// A character that takes no room or shows as blank (zero-width space, BOM, soft hyphen, word
    /// joiner, tag and filler characters, every default-ignorable or format character), so two names
    /// that look the same would be different. The joiners, variation selectors and tags that emoji and
    /// some scripts need are not counted here: they are invisible only where they join nothing
    /// (``String/invisibleScalarOffsets``).
    public var isInvisibleFormat: Bool {
        if isJoinerInContext { return false }
        switch value {
        // Letters and symbols that draw nothing: Hangul fillers, the blank Braille pattern.
        case 0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0: return true
        default: return properties.isDefaultIgnorableCodePoint || properties.generalCategory == .format
        }
    }

    /// Zero-width (non-)joiner, variation selectors and tag characters: parts of an emoji or a word
    /// between visible characters, a way to make a look-alike anywhere else.
    public var isJoinerInContext: Bool {
        switch value {
        case 0x200C, 0x200D, 0x180B...0x180D, 0x180F, 0xFE00...0xFE0F, 0xE0020...0xE007F, 0xE0100...0xE01EF: return true
        default: return false
        }
    }

    /// Whitespace, line breaks included; ASCII without a property lookup.
    public var isSpace: Bool {
        let v = value
        return v < 0x80 ? v == 0x20 || (v >= 0x09 && v <= 0x0D) : properties.isWhitespace
    }
}

extension String {
    /// The positions (in scalars) of the characters that take no room where they stand: every
    /// ``Unicode/Scalar/isInvisibleFormat`` one, and the joiners, selectors and tags that join nothing
    /// they are made for. A zero-width joiner joins emoji (👩‍👩‍👧) or letters of a script that shapes
    /// its letters (Devanagari, Sinhala, Arabic), never two Latin letters («Til‍lit» reads as «Tillit»);
    /// a zero-width non-joiner sits between letters of such a script (Persian); an emoji variation
    /// selector follows an emoji (❤️, 1️⃣), another one an ideograph; tag characters spell a flag's
    /// region after 🏴 and end with the cancel tag.
    public var invisibleScalarOffsets: Set<Int> {
        let scalars = Array(unicodeScalars)
        func at(_ i: Int) -> Unicode.Scalar? { scalars.indices.contains(i) ? scalars[i] : nil }
        /// An emoji a joiner may follow or precede (not the ASCII digits and signs keycaps start with).
        func isEmoji(_ s: Unicode.Scalar?) -> Bool { s.map { $0.value > 0xFF && $0.properties.isEmoji } ?? false }
        /// A letter or mark of a script whose letters join and where the joiners choose a form: Arabic
        /// and Syriac, the Indic scripts from Devanagari to Sinhala, Myanmar, Khmer, Mongolian.
        func isShapingLetter(_ s: Unicode.Scalar?) -> Bool {
            guard let s else { return false }
            switch s.value {
            case 0x0600...0x08FF, 0x0900...0x0DFF, 0x1000...0x109F, 0x1780...0x18AF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: break
            default: return false
            }
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return s.properties.isAlphabetic
            }
        }
        /// The emoji before position `i`, past its skin tone or presentation selector.
        func emojiBefore(_ i: Int) -> Bool {
            var j = i - 1
            while let s = at(j), s.properties.isEmojiModifier || s.value == 0xFE0F { j -= 1 }
            return isEmoji(at(j))
        }
        var hidden = Set<Int>()
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            switch scalar.value {
            case 0x1F3F4:
                // A flag of a region: its tags (digits and small letters) and the cancel tag, all or none.
                var j = i + 1
                while let s = at(j), (0xE0030...0xE0039).contains(s.value) || (0xE0061...0xE007A).contains(s.value) { j += 1 }
                if j > i + 1, at(j)?.value == 0xE007F { i = j + 1; continue }
            case 0xE0020...0xE007F:
                hidden.insert(i)
            case 0x200D:
                let joinsEmoji = emojiBefore(i) && isEmoji(at(i + 1))
                // In a shaping script also at a word's end (Malayalam's older chillu letters: ന്‍).
                let shapes = isShapingLetter(at(i - 1)) && (isShapingLetter(at(i + 1)) || at(i + 1).map { $0.isSpace } ?? true)
                if !joinsEmoji && !shapes { hidden.insert(i) }
            case 0x200C:
                if !(isShapingLetter(at(i - 1)) && isShapingLetter(at(i + 1))) { hidden.insert(i) }
            case 0xFE0E, 0xFE0F:
                // After an emoji shown as text by default (❤️, ™️), or a digit starting a keycap (1️⃣);
                // after 😀, which is an emoji already, or after a plain digit, it changes nothing seen.
                guard let previous = at(i - 1), previous.properties.isEmoji, !previous.properties.isEmojiModifier else {
                    hidden.insert(i); break
                }
                let keycap = previous.value < 0x80 && at(i + 1)?.value == 0x20E3
                if previous.value < 0x80 ? !keycap : (scalar.value == 0xFE0F && previous.properties.isEmojiPresentation) {
                    hidden.insert(i)
                }
            case 0xFE00...0xFE0D, 0xE0100...0xE01EF:
                // Ideographic variants (a name's kanji as the family writes it).
                if !(at(i - 1)?.properties.isIdeographic ?? false) { hidden.insert(i) }
            case 0x180B...0x180D, 0x180F:
                // Mongolian free variation selectors, after a Mongolian letter.
                if !(at(i - 1).map { (0x1820...0x18AF).contains($0.value) } ?? false) { hidden.insert(i) }
            default:
                if scalar.isInvisibleFormat { hidden.insert(i) }
            }
            i += 1
        }
        return hidden
    }

    /// The text on one line: line breaks and runs of spaces become single spaces, ends trimmed —
    /// how a quote or an example reads in running text.
    public var collapsedWhitespace: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The text with control characters, line or paragraph separators and direction overrides written
    /// as `\u{1B}`, so a value quoted in a message or printed to a terminal cannot move the cursor, clear
    /// the screen or turn the rest of the line around.
    /// With `keepingLineBreaks`, line feeds and tabs stay as they are (a memo printed whole).
    /// With `invisible`, characters that take no room are written out too (a name refused for one).
    public func escapingControlCharacters(keepingLineBreaks: Bool = false, invisible: Bool = false) -> String {
        let hidden = invisible ? invisibleScalarOffsets : []
        let escaped = { (scalar: Unicode.Scalar) in scalar.isControlOrSeparator || scalar.isBidiControl }
        guard !hidden.isEmpty || unicodeScalars.contains(where: escaped) else { return self }
        var out = String.UnicodeScalarView()
        for (offset, scalar) in unicodeScalars.enumerated() {
            if (escaped(scalar) || hidden.contains(offset)) && !(keepingLineBreaks && (scalar == "\n" || scalar == "\t")) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A one-line form of user text for messages and table cells: line breaks and tabs become
    /// spaces, and text longer than `limit` characters is cut with «…».
    public func truncated(to limit: Int = 60) -> String {
        let flat = replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
