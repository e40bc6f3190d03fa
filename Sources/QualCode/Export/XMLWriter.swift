import Foundation

/// Builds XML text with every attribute value and text node escaped in one place, so no renderer
/// ever concatenates user text into markup.
package struct XMLWriter {
    private(set) var output = ""
    private var open: [String] = []

    /// The XML declaration a standalone part starts with; a writer starts without it, because a part
    /// nested in a Flat-OPC package must not carry one.
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    init() {}

    /// `<name attr="…">`; close it with ``end()``.
    mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        start(name, attributes.map { ($0.key, $0.value) })
    }

    mutating func start(_ name: String, _ attributes: [(String, String)]) {
        output += "<" + name
        appendAttributes(attributes)
        output += ">"
        open.append(name)
    }

    /// `<name attr="…"/>`.
    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        empty(name, attributes.map { ($0.key, $0.value) })
    }

    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        output += "<" + name
        appendAttributes(attributes)
        output += "/>"
    }

    mutating func end() {
        output += "</" + open.removeLast() + ">"
    }

    /// `<name>text</name>`.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        start(name, attributes)
        self.text(text)
        end()
    }

    /// `<?target data?>`.
    mutating func processingInstruction(_ target: String, _ data: String) {
        output += "<?" + target + " " + data + "?>\n"
    }

    /// Markup that another XMLWriter already built and escaped (a part nested in a Flat-OPC package).
    mutating func raw(_ markup: String) {
        output += markup
    }

    mutating func text(_ text: String) {
        output += Self.escape(text, attribute: false)
    }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (key, value) in attributes { output += " " + key + "=\"" + Self.escape(value, attribute: true) + "\"" }
    }

    /// Escapes markup characters and drops the control characters XML 1.0 cannot carry (also what the
    /// web server's form pages put into HTML: text and double-quoted attributes alike).
    package static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
