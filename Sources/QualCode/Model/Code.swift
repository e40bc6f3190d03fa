import Foundation
import GRDB

/// A code («kode»): a name with a definition, optionally nested under a parent code.
public struct Code: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var name: String
    public var definition: String?
    /// `#RRGGBB`, as REFI-QDA writes it.
    public var color: String?
    /// The English gloss shown beside the Norwegian name in bilingual exports.
    public var englishLabel: String?
    public var parentId: UUID?
    public var createdAt: Date

    public init(id: UUID = .timeOrdered(), name: String, definition: String? = nil, color: String? = nil,
                englishLabel: String? = nil, parentId: UUID? = nil, createdAt: Date = Date()) {
        self.id = id
        self.name = name
        self.definition = definition
        self.color = color
        self.englishLabel = englishLabel
        self.parentId = parentId
        self.createdAt = createdAt
    }
}

// MARK: - Database

extension Code: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let name = Column(CodingKeys.name)
        public static let parentId = Column(CodingKeys.parentId)
    }
    public static let codings = hasMany(Coding.self)
}
