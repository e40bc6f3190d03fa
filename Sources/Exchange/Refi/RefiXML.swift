import Foundation
import QualCode

/// Builds REFI-QDA XML with every attribute and text escaped in one place; attributes whose value is
/// nil are left out.
struct RefiXML {
    private(set) var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var open: [String] = []

    mutating func start(_ name: String, _ attributes: [(String, String?)] = []) {
        output += "<" + name + Self.attributes(attributes) + ">"
        open.append(name)
    }

    mutating func empty(_ name: String, _ attributes: [(String, String?)] = []) {
        output += "<" + name + Self.attributes(attributes) + "/>"
    }

    mutating func element(_ name: String, text: String) {
        output += "<" + name + ">" + XMLWriter.escape(text, attribute: false) + "</" + name + ">"
    }

    mutating func end() {
        output += "</" + open.removeLast() + ">"
    }

    private static func attributes(_ attributes: [(String, String?)]) -> String {
        var out = ""
        for case let (key, value?) in attributes { out += " " + key + "=\"" + XMLWriter.escape(value, attribute: true) + "\"" }
        return out
    }
}
