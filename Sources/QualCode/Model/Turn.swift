import Foundation
import GRDB

/// One speaker's turn in a transcript: who spoke, where in the text, and when in the recording.
///
/// `start..<end` covers what was said, after the speaker prefix (`Eva: `). `participantId` is nil
/// for the interviewer or moderator, so counts and retrieval attribute every turn to the right person.
public struct Turn: Hashable, Sendable, Codable {
    public var transcriptId: Transcript.ID
    public var ordinal: Int
    public var speaker: String
    public var participantId: Participant.ID?
    public var start: Int
    public var end: Int
    /// Milliseconds from the start of the recording, when the source had timestamps.
    public var startTime: Int?
    public var endTime: Int?
}

// MARK: - Database

extension Turn: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let transcriptId = Column(CodingKeys.transcriptId)
        public static let ordinal = Column(CodingKeys.ordinal)
        public static let start = Column(CodingKeys.start)
        public static let end = Column(CodingKeys.end)
    }
}
