import Foundation

/// The order in which attribute values become columns: numbers by size, dates by date, text
/// alphabetically as Norwegian sorts it (… x y z æ ø å, case ignored).
enum AttributeValueOrder {
    static func sorted(_ values: Set<String>, type: AttributeType) -> [String] {
        switch type {
        case .integer, .float:
            return values.sorted { (Double($0) ?? .infinity, $0) < (Double($1) ?? .infinity, $1) }
        case .text, .boolean, .date:
            return values.sorted { (key($0), $0) < (key($1), $1) }
        }
    }

    /// A key that sorts æ, ø and å after z, in that order.
    static func key(_ value: String) -> String {
        var out = ""
        for ch in value.lowercased().precomposedStringWithCanonicalMapping {
            switch ch {
            case "æ", "ä": out += "{0"
            case "ø", "ö": out += "{1"
            case "å": out += "{2"
            default: out.append(ch)
            }
        }
        return out
    }
}
