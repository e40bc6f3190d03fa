import Foundation
import GRDB

/// An informant («informant», «deltaker»), known in the project only by a pseudonym.
///
/// Real names never live in the project file; `label` is how exports name the person
/// («Informant E»), and attributes («rolle», «tjeneste») drive matrices and quote labels.
public struct Participant: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var pseudonym: String
    public var label: String?
    public var createdAt: Date

    public init(id: UUID = .timeOrdered(), pseudonym: String, label: String? = nil, createdAt: Date = Date()) {
        self.id = id
        self.pseudonym = pseudonym
        self.label = label
        self.createdAt = createdAt
    }
}

// MARK: - Database

extension Participant: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let pseudonym = Column(CodingKeys.pseudonym)
    }
    public static let attributeValues = hasMany(AttributeValue.self)
}
