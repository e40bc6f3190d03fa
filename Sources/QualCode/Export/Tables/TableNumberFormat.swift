import Foundation

/// The one number format of the standard tables: a decimal comma in Norwegian («33,3 %»), a
/// decimal point in English («33.3%»). Counts are written without thousands separators, so a CSV
/// cell stays a number.
public struct TableNumberFormat: Sendable, Hashable {
    public var language: DocumentLanguage

    public init(_ language: DocumentLanguage) { self.language = language }

    public var decimalSeparator: Character { language == .nb ? "," : "." }

    public func integer(_ value: Int) -> String { String(value) }

    /// `value` with exactly `fractionDigits` digits after the separator.
    public func decimal(_ value: Double, fractionDigits: Int = 1) -> String {
        let text = String(format: "%.\(max(0, fractionDigits))f", value)
        return language == .nb ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A share as a percentage with one decimal: «33,3 %» (with a no-break space, as Norwegian
    /// typography has it) or «33.3%».
    public func percent(_ part: Int, of whole: Int) -> String {
        let value = whole == 0 ? 0 : Double(part) * 100 / Double(whole)
        return decimal(value, fractionDigits: 1) + (language == .nb ? "\u{00A0}%" : "%")
    }

    /// An attribute value for display: floats get the language's decimal separator and no trailing
    /// «,0»; every other type is shown exactly as stored.
    public func attributeValue(_ stored: String, type: AttributeType) -> String {
        guard type == .float, let value = Double(stored), value.isFinite else { return stored }
        let text: String
        if value == value.rounded(), abs(value) < 1e15 {
            text = String(Int64(value))
        } else {
            text = String(value)
        }
        return language == .nb ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
