import Foundation

/// The text of a Taguette document as Taguette counts its highlights: the document's HTML text nodes
/// put together, entities decoded, tags left out (the line ends between block elements are text nodes
/// and count; `<br>` does not).
enum TaguetteHTML {
    static func text(_ html: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(html.unicodeScalars)
        var i = 0
        var skipping: String?
        while i < scalars.count {
            let s = scalars[i]
            if s == "<" {
                // A comment, or a tag up to its «>».
                if scalars[i...].starts(with: "<!--".unicodeScalars) {
                    i = index(of: "-->", in: scalars, from: i + 4).map { $0 + 3 } ?? scalars.count
                    continue
                }
                let close = scalars[i...].firstIndex(of: ">") ?? scalars.count - 1
                let tag = String(String.UnicodeScalarView(scalars[(i + 1)..<close])).lowercased()
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
                if let open = skipping {
                    if tag.hasPrefix("/") && name == open { skipping = nil }
                } else if !tag.hasPrefix("/") && (name == "script" || name == "style") && !tag.hasSuffix("/") {
                    skipping = String(name)
                }
                i = close + 1
                continue
            }
            if skipping != nil { i += 1; continue }
            if s == "&", let (decoded, length) = entity(scalars, at: i) {
                out.append(contentsOf: decoded.unicodeScalars)
                i += length
                continue
            }
            out.append(s)
            i += 1
        }
        return String(out)
    }

    private static func index(of needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        var i = start
        while i + pattern.count <= scalars.count {
            if Array(scalars[i..<(i + pattern.count)]) == pattern { return i }
            i += 1
        }
        return nil
    }

    private static let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]

    /// The text an entity stands for and how many scalars it takes, or nil for an `&` that starts none.
    private static func entity(_ scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        guard let end = scalars[start...].prefix(12).firstIndex(of: ";") else { return nil }
        let body = String(String.UnicodeScalarView(scalars[(start + 1)..<end]))
        let length = end - start + 1
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            return UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { (String($0), length) }
        }
        if body.hasPrefix("#") { return UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { (String($0), length) } }
        return named[body].map { ($0, length) }
    }
}
