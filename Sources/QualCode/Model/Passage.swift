import Foundation
import GRDB

/// One line of a transcript as the full-text index sees it (FTS5 row).
///
/// Search matches within a line, that is within one paragraph or speaker turn, the unit a reader
/// scans for; the hit then knows its line number and its speaker.
struct Passage: Hashable, Sendable, Codable, FetchableRecord, PersistableRecord {
    var transcriptId: Transcript.ID
    var line: Int
    var start: Int
    var text: String
}
