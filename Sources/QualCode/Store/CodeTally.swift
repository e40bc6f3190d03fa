import Foundation
import GRDB

/// How much each code is used, kept up to date by triggers as codings, segments and their speakers
/// change, so the code tree with its counts is a read of a few hundred rows at any size (it was four
/// aggregates over every coding: 0.4 s at 100,000 codings).
///
/// A code *uses* a segment when at least one coder coded it and the segment is not orphaned.
/// `codeTally` holds per code the segments it uses and its codings; `codeSpeakerTally` per code and
/// participant the segments used that the participant said (the participant counts are the rows above
/// zero). Decrements are plain UPDATEs, so a row already gone with its code or participant is no matter.
/// A segment being deleted takes its share off before it goes; the codings and speaker rows its
/// deletion cascades to then find no segment and leave the tallies alone.
enum CodeTally {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE codeTally (
              codeId BLOB PRIMARY KEY NOT NULL REFERENCES code(id) ON DELETE CASCADE,
              segments INTEGER NOT NULL DEFAULT 0,
              codings INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
            CREATE TABLE codeSpeakerTally (
              codeId BLOB NOT NULL REFERENCES code(id) ON DELETE CASCADE,
              participantId BLOB NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
              segments INTEGER NOT NULL DEFAULT 0,
              PRIMARY KEY (codeId, participantId)) WITHOUT ROWID;
            """)
        try fill(db)
        let live = "NOT ifnull((SELECT isOrphaned FROM segment WHERE id = %@), 1)"
        func isLive(_ segment: String) -> String { live.replacingOccurrences(of: "%@", with: segment) }
        func firstOrLast(_ alias: String) -> String {
            "NOT EXISTS (SELECT 1 FROM coding k WHERE k.segmentId = \(alias).segmentId AND k.codeId = \(alias).codeId AND k.id != \(alias).id)"
        }
        func add(_ alias: String, _ sign: String) -> String {
            let upsert = sign == "+"
            let tally = upsert
                ? "INSERT INTO codeTally (codeId, segments) VALUES (\(alias).codeId, 1) ON CONFLICT(codeId) DO UPDATE SET segments = segments + 1;"
                : "UPDATE codeTally SET segments = segments - 1 WHERE codeId = \(alias).codeId;"
            let speakers = upsert
                ? """
                  INSERT INTO codeSpeakerTally (codeId, participantId, segments)
                    SELECT \(alias).codeId, participantId, 1 FROM segmentSpeaker WHERE segmentId = \(alias).segmentId AND true
                    ON CONFLICT(codeId, participantId) DO UPDATE SET segments = segments + 1;
                  """
                : """
                  UPDATE codeSpeakerTally SET segments = segments - 1
                   WHERE codeId = \(alias).codeId AND participantId IN (SELECT participantId FROM segmentSpeaker WHERE segmentId = \(alias).segmentId);
                  """
            return tally + "\n" + speakers
        }
        /// A segment's whole share off every code on it (deleted or orphaned).
        func takeOff(_ segment: String) -> String {
            """
            UPDATE codeTally SET segments = segments - 1 WHERE codeId IN (SELECT codeId FROM coding WHERE segmentId = \(segment));
            UPDATE codeSpeakerTally SET segments = segments - 1
             WHERE codeId IN (SELECT codeId FROM coding WHERE segmentId = \(segment))
               AND participantId IN (SELECT participantId FROM segmentSpeaker WHERE segmentId = \(segment));
            """
        }
        try db.execute(sql: """
            CREATE TRIGGER codeTallyCodingAdded AFTER INSERT ON coding BEGIN
              INSERT INTO codeTally (codeId, codings) VALUES (NEW.codeId, 1) ON CONFLICT(codeId) DO UPDATE SET codings = codings + 1;
            END;
            CREATE TRIGGER codeTallyFirstUse AFTER INSERT ON coding WHEN \(firstOrLast("NEW")) AND \(isLive("NEW.segmentId")) BEGIN
              \(add("NEW", "+"))
            END;
            CREATE TRIGGER codeTallyCodingRemoved AFTER DELETE ON coding BEGIN
              UPDATE codeTally SET codings = codings - 1 WHERE codeId = OLD.codeId;
            END;
            CREATE TRIGGER codeTallyLastUse AFTER DELETE ON coding WHEN \(firstOrLast("OLD")) AND \(isLive("OLD.segmentId")) BEGIN
              \(add("OLD", "-"))
            END;
            CREATE TRIGGER codeTallyCodingMovedAway AFTER UPDATE OF codeId, segmentId ON coding BEGIN
              UPDATE codeTally SET codings = codings - 1 WHERE codeId = OLD.codeId;
              INSERT INTO codeTally (codeId, codings) VALUES (NEW.codeId, 1) ON CONFLICT(codeId) DO UPDATE SET codings = codings + 1;
            END;
            CREATE TRIGGER codeTallyMovedOffLastUse AFTER UPDATE OF codeId, segmentId ON coding
              WHEN \(firstOrLast("OLD")) AND \(isLive("OLD.segmentId")) BEGIN
              \(add("OLD", "-"))
            END;
            CREATE TRIGGER codeTallyMovedOnFirstUse AFTER UPDATE OF codeId, segmentId ON coding
              WHEN \(firstOrLast("NEW")) AND \(isLive("NEW.segmentId")) BEGIN
              \(add("NEW", "+"))
            END;
            CREATE TRIGGER codeTallySegmentGoes BEFORE DELETE ON segment WHEN NOT OLD.isOrphaned BEGIN
              \(takeOff("OLD.id"))
            END;
            CREATE TRIGGER codeTallySegmentOrphaned AFTER UPDATE OF isOrphaned ON segment WHEN NEW.isOrphaned AND NOT OLD.isOrphaned BEGIN
              \(takeOff("NEW.id"))
            END;
            CREATE TRIGGER codeTallySegmentBack AFTER UPDATE OF isOrphaned ON segment WHEN OLD.isOrphaned AND NOT NEW.isOrphaned BEGIN
              INSERT INTO codeTally (codeId, segments) SELECT DISTINCT codeId, 1 FROM coding WHERE segmentId = NEW.id AND true
                ON CONFLICT(codeId) DO UPDATE SET segments = segments + 1;
              INSERT INTO codeSpeakerTally (codeId, participantId, segments)
                SELECT DISTINCT k.codeId, sp.participantId, 1 FROM coding k JOIN segmentSpeaker sp ON sp.segmentId = k.segmentId
                 WHERE k.segmentId = NEW.id AND true
                ON CONFLICT(codeId, participantId) DO UPDATE SET segments = segments + 1;
            END;
            CREATE TRIGGER codeTallySpeakerAdded AFTER INSERT ON segmentSpeaker WHEN \(isLive("NEW.segmentId")) BEGIN
              INSERT INTO codeSpeakerTally (codeId, participantId, segments)
                SELECT DISTINCT codeId, NEW.participantId, 1 FROM coding WHERE segmentId = NEW.segmentId AND true
                ON CONFLICT(codeId, participantId) DO UPDATE SET segments = segments + 1;
            END;
            CREATE TRIGGER codeTallySpeakerRemoved AFTER DELETE ON segmentSpeaker WHEN \(isLive("OLD.segmentId")) BEGIN
              UPDATE codeSpeakerTally SET segments = segments - 1
               WHERE participantId = OLD.participantId AND codeId IN (SELECT codeId FROM coding WHERE segmentId = OLD.segmentId);
            END;
            """)
    }

    /// The tallies worked out from scratch (the migration; tests compare the kept ones with these).
    static func fill(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM codeTally; DELETE FROM codeSpeakerTally;
            INSERT INTO codeTally (codeId, segments, codings)
              SELECT c.id,
                (SELECT COUNT(DISTINCT k.segmentId) FROM coding k JOIN segment s ON s.id = k.segmentId WHERE k.codeId = c.id AND NOT s.isOrphaned),
                (SELECT COUNT(*) FROM coding k WHERE k.codeId = c.id)
              FROM code c;
            INSERT INTO codeSpeakerTally (codeId, participantId, segments)
              SELECT k.codeId, sp.participantId, COUNT(DISTINCT k.segmentId)
                FROM coding k JOIN segment s ON s.id = k.segmentId AND NOT s.isOrphaned
                JOIN segmentSpeaker sp ON sp.segmentId = k.segmentId
               GROUP BY k.codeId, sp.participantId;
            """)
    }
}
