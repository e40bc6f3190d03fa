import Foundation
import GRDB

/// A typed participant attribute («variabel»), REFI-QDA's `Variable`.
public struct Attribute: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var name: String
    public var type: AttributeType

    public init(id: UUID = .timeOrdered(), name: String, type: AttributeType) {
        self.id = id
        self.name = name
        self.type = type
    }
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
            let parts = value.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  let m = Int(parts[1]), let d = Int(parts[2]), Int(parts[0]) != nil,
                  (1...12).contains(m), (1...31).contains(d) else { return nil }
            return value
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
