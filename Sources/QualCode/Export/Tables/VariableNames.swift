import Foundation

/// Variable names that SPSS, R and Stata all accept: ASCII letters, digits and `_`, starting with a
/// letter, at most 32 characters (Stata's limit; SPSS allows 64), unique without regard to case,
/// and no reserved word. Norwegian letters are transliterated (æ → ae, ø → oe, å → aa), other
/// accents dropped, anything else becomes `_`.
///
/// For example, the attribute «erfaring_år» becomes `erfaring_aar`, and the code «Fag og personal»
/// `k_fag_og_personal`.
struct VariableNames {
    static let maximumLength = 32

    /// Words the three packages reserve (compared in lower case).
    static let reserved: Set<String> = [
        "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",  // SPSS
        "if", "else", "repeat", "while", "function", "for", "next", "break", "true", "false", "null", "inf", "nan", "na", "in",  // R
        "byte", "int", "long", "float", "double", "str", "strl", "using", "_all", "_n", "_b", "_cons", "_pi", "_rc", "_skip",  // Stata
    ]

    private var taken: Set<String> = []

    /// A new unique name for `label`, optionally after a prefix such as `k_`.
    mutating func name(for label: String, prefix: String = "") -> String {
        var stem = prefix + Self.slug(label)
        if stem.hasSuffix("_") { stem.removeLast() }
        if stem.isEmpty || !(stem.first!.isASCII && stem.first!.isLetter) { stem = "v_" + stem }
        if Self.reserved.contains(stem) || Self.isStataStringType(stem) { stem += "_v" }
        stem = Self.clipped(stem, to: Self.maximumLength)
        var name = stem
        var n = 2
        while taken.contains(name) {
            let suffix = "_\(n)"
            name = Self.clipped(stem, to: Self.maximumLength - suffix.count) + suffix
            n += 1
        }
        taken.insert(name)
        return name
    }

    /// Lower-case ASCII with runs of other characters as one `_`, no `_` at either end.
    static func slug(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased().precomposedStringWithCanonicalMapping {
            let piece: String
            switch ch {
            case "æ": piece = "ae"
            case "ø": piece = "oe"
            case "å": piece = "aa"
            case "ß": piece = "ss"
            default:
                // Drop accents: decompose and keep the ASCII base letter (é → e, ü → u).
                piece = String(String(ch).decomposedStringWithCanonicalMapping.unicodeScalars.filter(\.isASCII).map(Character.init))
            }
            let clean = piece.filter { ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            if clean.isEmpty || clean.count != piece.count {
                if !out.isEmpty && !out.hasSuffix("_") { out.append("_") }
            }
            out += clean
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }

    /// Stata reads `str1` … `str2045` as string types.
    static func isStataStringType(_ name: String) -> Bool {
        name.hasPrefix("str") && name.count > 3 && name.dropFirst(3).allSatisfy(\.isNumber)
    }

    static func clipped(_ name: String, to length: Int) -> String {
        var clipped = String(name.prefix(length))
        while clipped.hasSuffix("_") && clipped.count > 1 { clipped.removeLast() }
        return clipped
    }
}
