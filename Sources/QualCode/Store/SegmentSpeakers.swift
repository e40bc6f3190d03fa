import Foundation
import GRDB

extension ProjectStore {
    /// Works out again who said each segment of a transcript, after its turns or its linked participants
    /// changed. Setting a segment's start to itself fires the trigger that follows a moved segment (see
    /// the migration "maintainSegmentSpeakers"), so who said a segment is defined in one place.
    static func refreshSegmentSpeakers(_ db: Database, transcript id: UUID) throws {
        try db.execute(sql: "UPDATE segment SET start = start WHERE transcriptId = ?", arguments: [id])
    }
}
