import Foundation
import GRDB

extension ProjectStore {
    /// Works out again who said each segment of a transcript, after its turns or its linked participants
    /// changed. (A segment's own inserts and moves are followed by triggers; see the migration
    /// "maintainSegmentSpeakers".)
    static func refreshSegmentSpeakers(_ db: Database, transcript id: UUID) throws {
        try db.execute(sql: "DELETE FROM segmentSpeaker WHERE segmentId IN (SELECT id FROM segment WHERE transcriptId = ?)", arguments: [id])
        try db.execute(sql: """
            INSERT OR IGNORE INTO segmentSpeaker (segmentId, participantId)
              SELECT s.id, turn.participantId FROM segment s JOIN turn ON turn.transcriptId = s.transcriptId
                 AND turn.start < s."end" AND turn."end" > s.start
               WHERE s.transcriptId = ?1 AND turn.participantId IS NOT NULL
              UNION ALL
              SELECT s.id, tp.participantId FROM segment s JOIN transcriptParticipant tp ON tp.transcriptId = s.transcriptId
               WHERE s.transcriptId = ?1
                 AND NOT EXISTS (SELECT 1 FROM turn WHERE turn.transcriptId = ?1 AND turn.participantId IS NOT NULL)
            """, arguments: [id])
    }
}
