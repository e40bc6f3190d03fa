import Foundation
import GRDB

/// A stretch of a transcript that a researcher marked (a meaning unit, «meningsbærende enhet»),
/// kept with the text it covered.
///
/// `start` and `end` count Unicode scalars in the stored plain text; `end` is exclusive. A segment
/// whose text was removed by an edit is kept with `isOrphaned` set, never silently moved.
public struct Segment: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var transcriptId: Transcript.ID
    public var start: Int
    public var end: Int
    public var text: String
    public var isOrphaned: Bool
    public var createdBy: String
    public var createdAt: Date

    public init(id: UUID = .timeOrdered(), transcriptId: Transcript.ID, start: Int, end: Int, text: String,
                isOrphaned: Bool = false, createdBy: String, createdAt: Date = Date()) {
        self.id = id
        self.transcriptId = transcriptId
        self.start = start
        self.end = end
        self.text = text
        self.isOrphaned = isOrphaned
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

// MARK: - Database

extension Segment: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let transcriptId = Column(CodingKeys.transcriptId)
        public static let start = Column(CodingKeys.start)
        public static let end = Column(CodingKeys.end)
        public static let isOrphaned = Column(CodingKeys.isOrphaned)
    }
    public static let transcript = belongsTo(Transcript.self)
    public static let codings = hasMany(Coding.self)
}

// MARK: - Requests

extension DerivableRequest<Segment> {
    /// The segments of one transcript, in text order.
    public func filter(transcript id: Transcript.ID) -> Self {
        filter(Segment.Columns.transcriptId == id).order(Segment.Columns.start, Segment.Columns.end)
    }
}
