import Foundation
import GRDB

/// One coder's application of one code to one segment.
public struct Coding: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var segmentId: Segment.ID
    public var codeId: Code.ID
    public var coder: String
    public var createdAt: Date

    public init(id: UUID = .timeOrdered(), segmentId: Segment.ID, codeId: Code.ID, coder: String, createdAt: Date = Date()) {
        self.id = id
        self.segmentId = segmentId
        self.codeId = codeId
        self.coder = coder
        self.createdAt = createdAt
    }
}

// MARK: - Database

extension Coding: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let segmentId = Column(CodingKeys.segmentId)
        public static let codeId = Column(CodingKeys.codeId)
        public static let coder = Column(CodingKeys.coder)
    }
    public static let segment = belongsTo(Segment.self)
    public static let code = belongsTo(Code.self)
}
