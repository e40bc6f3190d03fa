import Foundation
import GRDB

/// A researcher's note («memo», «notat») on the project or on one of its records.
public struct Memo: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var targetKind: MemoTarget.Kind
    /// The record the memo is about; nil for a project memo.
    public var targetId: UUID?
    public var text: String
    public var author: String
    public var createdAt: Date

    /// The longest memo the store takes, in characters (Unicode scalars): a long analytic memo is tens
    /// of thousands; a whole file pasted by mistake is refused.
    public static let maximumLength = 1_000_000

    public init(id: UUID = .timeOrdered(), target: MemoTarget, text: String, author: String, createdAt: Date = Date()) {
        self.id = id
        self.targetKind = target.kind
        self.targetId = target.id
        self.text = text
        self.author = author
        self.createdAt = createdAt
    }
}

/// What a memo is attached to.
public struct MemoTarget: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
        case project, transcript, participant, code, segment
    }
    public var kind: Kind
    public var id: UUID?

    public static let project = MemoTarget(kind: .project, id: nil)
    public static func transcript(_ id: Transcript.ID) -> MemoTarget { MemoTarget(kind: .transcript, id: id) }
    public static func segment(_ id: Segment.ID) -> MemoTarget { MemoTarget(kind: .segment, id: id) }
    public static func code(_ id: Code.ID) -> MemoTarget { MemoTarget(kind: .code, id: id) }
    public static func participant(_ id: Participant.ID) -> MemoTarget { MemoTarget(kind: .participant, id: id) }
    public init(kind: Kind, id: UUID?) {
        self.kind = kind
        self.id = id
    }
}

// MARK: - Database

extension Memo: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let targetKind = Column(CodingKeys.targetKind)
        public static let targetId = Column(CodingKeys.targetId)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let author = Column(CodingKeys.author)
    }
}
