import Foundation

/// Writing Graphviz's DOT language: quoted strings and node ids. All escaping of the Graphviz export
/// is here.
enum DOT {
    /// `text` as a DOT string in double quotes that Graphviz draws as exactly these characters:
    ///
    /// - `"` is escaped and `\` doubled (a lone backslash would start one of Graphviz's label escapes,
    ///   `\N` the node's name, `\l` a left-aligned line);
    /// - a line break (LF, CR, CRLF, U+0085, U+2028, U+2029) becomes `\n`, a centred line;
    /// - other control characters become a space (a NUL would end the string for the parser; an ESC or
    ///   a tab has no place in a label);
    /// - characters that turn the writing direction are dropped, so a label cannot read backwards;
    /// - everything else, «», æøå and emoji included, is written as it is (DOT files are UTF-8).
    static func quoted(_ text: String) -> String {
        var out = "\""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n" where previousWasCR: continue
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": out += "\\n"
            case _ where directionMarks.contains(scalar.value): continue
            case _ where scalar.properties.generalCategory == .control: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The characters of a line of DOT with ``quoted(_:)``'s escapes undone (`\n` a line break, `\"`
    /// and `\\` themselves), so its words read as they were written.
    static func unquoted(_ line: String) -> String {
        var out = ""
        var escaped = false
        for scalar in line.unicodeScalars {
            if escaped {
                out.unicodeScalars.append(scalar == "n" ? "\n" : scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A node's id: `n_` and the 32 hex digits of its UUID, the same for the same node in every export.
    static func id(_ uuid: UUID) -> String {
        "n_" + uuid.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// An attribute list, `[name=value, …]`, in the order given; values are quoted.
    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.isEmpty ? "" : " [" + pairs.map { "\($0.0)=\(quoted($0.1))" }.joined(separator: ", ") + "]"
    }

    /// Left-to-right and right-to-left marks, embeddings, overrides and isolates.
    private static let directionMarks: Set<UInt32> = [0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
}
