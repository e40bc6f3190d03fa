import Foundation

extension TextMetrics {
    /// `label` broken into lines no wider than `maxWidth`: words fill a line while they fit; a word wider
    /// than a line is broken after a hyphen or slash where one fits («IPS-|kvalitetsskala»), else between
    /// characters. The label is ``cleaned(_:)`` first, so what is measured is what is drawn. An empty
    /// label gives no lines.
    public func lines(_ label: String, fitting maxWidth: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in Self.unbreakableRuns(Self.cleaned(label)) {
            let candidate = line.isEmpty ? word : line + " " + word
            if width(of: candidate) <= maxWidth {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            var rest = word
            while width(of: rest) > maxWidth, rest.count > 1 {
                let (head, tail) = breakWord(rest, fitting: maxWidth)
                lines.append(head)
                rest = tail
            }
            line = rest
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The label as it is drawn: control characters dropped (XML cannot carry most of them), any other
    /// run of white space one space, trimmed. No-break spaces stay, so «65 %» keeps together.
    public static func cleaned(_ label: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in label.unicodeScalars {
            if scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "\u{2007}" {
                // No-break spaces are glyphs, not break opportunities.
            } else if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            } else if scalar.properties.generalCategory == .control || !isXMLCharacter(scalar) {
                continue
            }
            if pendingSpace { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// The label's words, a section sign kept with the number after it and a number with the per cent
    /// sign after it («§ 5», «65 %»), as Norwegian typesetting keeps them even where the author typed a
    /// plain space.
    static func unbreakableRuns(_ cleaned: String) -> [String] {
        var runs: [String] = []
        for word in cleaned.split(separator: " ").map(String.init) {
            if let last = runs.last, last == "§" || last == "§§" || word == "%" || word == "‰" {
                runs[runs.count - 1] = last + " " + word
            } else {
                runs.append(word)
            }
        }
        return runs
    }

    /// Characters XML 1.0 allows in text (besides the controls, U+FFFE and U+FFFF are not allowed).
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The head of `word` that fits, up to its last hyphen, dash or slash if it has one there, else the
    /// longest that fits (at least one character); and the rest.
    private func breakWord(_ word: String, fitting maxWidth: Double) -> (String, String) {
        let characters = Array(word)
        var used = 0.0
        var fits = 0
        var afterHyphen = 0
        for (index, character) in characters.enumerated() {
            used += width(of: String(character))
            guard used <= maxWidth else { break }
            fits = index + 1
            if "-‐–—/".contains(character), index > 0 { afterHyphen = index + 1 }
        }
        // After a hyphen the word still reads as written; between letters it does not.
        let cut = afterHyphen > 0 ? afterHyphen : max(fits, 1)
        return (String(characters[..<cut]), String(characters[cut...]))
    }
}
