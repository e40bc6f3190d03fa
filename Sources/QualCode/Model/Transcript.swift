import Foundation
import GRDB

/// One source text: an interview, a focus group, an e-mail, a document or field notes.
///
/// `text` is the stored plain text with LF line ends; every offset into it counts Unicode scalars.
/// REFI-QDA calls this a `TextSource`; the mapping lives in the REFI-QDA writer.
public struct Transcript: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    /// Short, unique handle used on the command line (`eva`, `intervju-berit`).
    public var slug: String
    public var title: String
    public var kind: TranscriptKind
    /// ISO date of the interview, when known.
    public var date: String?
    /// How it was held: «Teams», «telefon», «ansikt til ansikt».
    public var mode: String?
    public var sourceFileName: String?
    public var sourceFormat: String?
    public var sourceSHA256: String?
    public var lineEnding: LineEnding
    public var text: String
    public var wordCount: Int
    public var createdAt: Date

    public init(id: UUID = .timeOrdered(), slug: String, title: String, kind: TranscriptKind = .interview, date: String? = nil,
                mode: String? = nil, sourceFileName: String? = nil, sourceFormat: String? = nil, sourceSHA256: String? = nil,
                lineEnding: LineEnding = .lf, text: String, wordCount: Int? = nil, createdAt: Date = Date()) {
        self.id = id
        self.slug = slug
        self.title = title
        self.kind = kind
        self.date = date
        self.mode = mode
        self.sourceFileName = sourceFileName
        self.sourceFormat = sourceFormat
        self.sourceSHA256 = sourceSHA256
        self.lineEnding = lineEnding
        self.text = text
        self.wordCount = wordCount ?? text.wordCount
        self.createdAt = createdAt
    }
}

/// What sort of source a transcript is; it decides, among other things, whether its text may be
/// presented as verbatim speech.
public enum TranscriptKind: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    case interview
    case focusGroup = "focus-group"
    case email
    case document
    case notes

    /// Whether the text records what people said, word for word.
    public var isSpeech: Bool { self == .interview || self == .focusGroup }
}

/// The line-ending style of the original file; the stored text always uses LF.
public enum LineEnding: String, Sendable, Codable, DatabaseValueConvertible {
    case lf, crlf, cr, mixed, none
}

// MARK: - Database

extension Transcript: FetchableRecord, PersistableRecord {
    public enum Columns {
        public static let slug = Column(CodingKeys.slug)
        public static let sourceSHA256 = Column(CodingKeys.sourceSHA256)
        public static let text = Column(CodingKeys.text)
    }
    public static let turns = hasMany(Turn.self)
    public static let segments = hasMany(Segment.self)
}

/// Links a transcript to the participants who speak in it.
public struct TranscriptParticipant: Hashable, Sendable, Codable, FetchableRecord, PersistableRecord {
    public var transcriptId: Transcript.ID
    public var participantId: Participant.ID

    public enum Columns {
        public static let transcriptId = Column(CodingKeys.transcriptId)
        public static let participantId = Column(CodingKeys.participantId)
    }
}
