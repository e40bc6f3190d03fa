import Foundation

/// What is wrong with a name a person gave.
public enum NameProblem: Sendable, Hashable, Codable {
    /// Control characters (other than none: names are one line) or line and paragraph separators, which
    /// a terminal would obey (ESC[2J clears the screen) or a listing would break on; or characters that
    /// turn text around or take no room, which make a name read as another.
    case controlCharacters
    /// Longer than ``NameRules/maximumLength`` characters.
    case tooLong(limit: Int)
    /// A code path with nothing between two slashes (`Tillit//Brudd`).
    case emptyPathPart
    /// A code that would sit more than ``NameRules/maximumCodeDepth`` levels down the tree.
    case tooDeep(limit: Int)
}

/// The one rule for names people give — codes, participants, attributes, coders, titles: one line,
/// trimmed, precomposed and with one plain space for any run of spaces, at most ``maximumLength`` characters. Transcript text is stored as it is;
/// only names are held to this.
public enum NameRules {
    /// Long enough for any code or title seen in a thesis, short enough for a table cell.
    public static let maximumLength = 200

    /// How many levels a code tree may have: deeper than any codebook in the field (three or four
    /// levels are usual), and a bound on the work a path costs to resolve and label.
    public static let maximumCodeDepth = 20

    /// `raw` trimmed, precomposed and with single plain spaces, or the reason it cannot be a name.
    ///
    /// - Throws: ``StoreError/emptyName(what:)`` for a blank one, ``StoreError/invalidName(what:name:problem:)``.
    public static func checked(_ raw: String, what: String) throws -> String {
        // Any run of spaces (a no-break or thin space, two spaces) is one space: they look the same.
        let name = raw.split(whereSeparator: { $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .spaceSeparator } })
            .joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !name.isEmpty else { throw StoreError.emptyName(what: what) }
        if let problem = problem(in: name) { throw StoreError.invalidName(what: what, name: name, problem: problem) }
        return name
    }

    /// Why `text` is not one line of plain text of at most ``maximumLength`` characters (control or
    /// separator characters, direction changes, characters that take no room), or nil: the rule for names,
    /// and for other short text printed where a name would be (a quote's lead-in).
    public static func problem(in text: String) -> NameProblem? {
        if text.unicodeScalars.contains(where: isForbidden) || !text.invisibleScalarOffsets.isEmpty { return .controlCharacters }
        if text.count > maximumLength { return .tooLong(limit: maximumLength) }
        return nil
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return scalar.isBidiControl
        }
    }
}
