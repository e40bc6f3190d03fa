import Foundation
import GRDB

/// A typed participant attribute («variabel»), REFI-QDA's `Variable`.
public struct Attribute: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    /// What label templates and front ends name it by (`{rolle}`).
    public var name: String
    public var type: AttributeType
    /// The display name tables put in their headers («Rolle i tjenesten»); nil shows the name.
    public var label: String?

    public init(id: UUID = .timeOrdered(), name: String, type: AttributeType, label: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.label = label
    }

    /// The label when there is one, else the name.
    public var displayName: String { label ?? name }
}

/// The value types REFI-QDA knows for variables.
public enum AttributeType: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    case text, integer, float, boolean, date

    /// The narrowest type every one of `values` fits.
    public static func inferred(from values: [String]) -> AttributeType {
        let present = values.filter { !$0.isEmpty }
        guard !present.isEmpty else { return .text }
        for type in [AttributeType.integer, .float, .boolean, .date] where present.allSatisfy({ type.normalized($0) != nil }) {
            return type
        }
        return .text
    }

    /// The stored form of `raw` for this type, or nil when it does not fit.
    /// Decimal commas («3,5») are accepted and stored with a point.
    public func normalized(_ raw: String) -> String? {
        let value = raw.trimmingCharacters(in: .whitespaces)
        switch self {
        case .text:
            return value
        case .integer:
            return Int(value).map(String.init)
        case .float:
            return Double(value.replacingOccurrences(of: ",", with: ".")).flatMap { $0.isFinite ? String($0) : nil }
        case .boolean:
            switch value.lowercased() {
            case "true", "ja", "yes": return "true"
            case "false", "nei", "no": return "false"
            default: return nil
            }
        case .date:
            // YYYY-MM-DD and a day that exists (no 2024-02-31).
            let chars = Array(value)
            guard chars.count == 10, chars[4] == "-", chars[7] == "-",
                  chars.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || ($0.element.isASCII && $0.element.isWholeNumber) }),
                  let y = Int(String(chars[0..<4])), let m = Int(String(chars[5..<7])), let d = Int(String(chars[8..<10])),
                  (1...12).contains(m), d >= 1 else { return nil }
            let daysInMonth = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            return d <= daysInMonth[m - 1] ? value : nil
        }
    }
}

/// One participant's value of one attribute, stored as text in the attribute's normal form.
public struct AttributeValue: Hashable, Sendable, Codable {
    public var participantId: Participant.ID
    public var attributeId: Attribute.ID
    public var value: String
}

// MARK: - Database

extension Attribute: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let name = Column(CodingKeys.name)
    }
}

extension AttributeValue: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let participantId = Column(CodingKeys.participantId)
        public static let attributeId = Column(CodingKeys.attributeId)
    }
}
