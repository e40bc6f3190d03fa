import Foundation
import GRDB

/// The project file's schema, one named migration per step. A shipped migration is never edited;
/// a change to the schema is a new migration appended here.
enum Migrations {
    /// `PRAGMA application_id` of every QualCode project ("QCOD"), so another program's SQLite file
    /// is recognised and refused instead of being migrated into a project.
    static let applicationID: Int32 = 0x5143_4F44

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createProject") { db in
            try db.create(table: "project") { t in
                t.primaryKey("id", .blob)
                t.column("title", .text).notNull()
                t.column("researchQuestion", .text)
                t.column("methodNotes", .text)
                t.column("createdAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("createEventLog") { db in
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("payload", .text).notNull()
            }
            // Append-only: the log is the audit trail, so the file itself refuses rewrites.
            try db.execute(sql: """
                CREATE TRIGGER eventIsAppendOnlyOnUpdate BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                CREATE TRIGGER eventIsAppendOnlyOnDelete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                """)
        }
        migrator.registerMigration("createParticipants") { db in
            try db.create(table: "participant") { t in
                t.primaryKey("id", .blob)
                t.column("pseudonym", .text).notNull().unique()
                t.column("label", .text)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "attribute") { t in
                t.primaryKey("id", .blob)
                t.column("name", .text).notNull().unique()
                t.column("type", .text).notNull()
            }
            try db.create(table: "attributeValue") { t in
                t.belongsTo("participant", onDelete: .cascade).notNull()
                t.belongsTo("attribute", onDelete: .cascade).notNull()
                t.column("value", .text).notNull()
                t.primaryKey(["participantId", "attributeId"])
            }
        }
        migrator.registerMigration("createTranscripts") { db in
            try db.create(table: "transcript") { t in
                t.primaryKey("id", .blob)
                t.column("slug", .text).notNull().unique()
                t.column("title", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("date", .text)
                t.column("mode", .text)
                t.column("sourceFileName", .text)
                t.column("sourceFormat", .text)
                t.column("sourceSHA256", .text).indexed()
                t.column("lineEnding", .text).notNull()
                t.column("text", .text).notNull()
                t.column("wordCount", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "transcriptParticipant") { t in
                t.belongsTo("transcript", onDelete: .cascade).notNull()
                t.belongsTo("participant", onDelete: .restrict).notNull()
                t.primaryKey(["transcriptId", "participantId"])
            }
            try db.create(table: "turn") { t in
                t.belongsTo("transcript", onDelete: .cascade).notNull()
                t.column("ordinal", .integer).notNull()
                t.column("speaker", .text).notNull()
                t.belongsTo("participant", onDelete: .setNull)
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("startTime", .integer)
                t.column("endTime", .integer)
                t.primaryKey(["transcriptId", "ordinal"])
            }
        }
        migrator.registerMigration("createCodesAndSegments") { db in
            try db.create(table: "code") { t in
                t.primaryKey("id", .blob)
                t.column("name", .text).notNull().unique()
                t.column("definition", .text)
                t.column("color", .text)
                t.column("englishLabel", .text)
                t.belongsTo("parent", inTable: "code", onDelete: .restrict)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "segment") { t in
                t.primaryKey("id", .blob)
                t.belongsTo("transcript", onDelete: .cascade).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("text", .text).notNull()
                t.column("isOrphaned", .boolean).notNull().defaults(to: false)
                t.column("createdBy", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(index: "segmentByPosition", on: "segment", columns: ["transcriptId", "start", "end"])
            try db.create(table: "coding") { t in
                t.primaryKey("id", .blob)
                t.belongsTo("segment", onDelete: .cascade).notNull()
                t.belongsTo("code", onDelete: .cascade).notNull()
                t.column("coder", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.uniqueKey(["segmentId", "codeId", "coder"])
            }
        }
        migrator.registerMigration("createMemos") { db in
            try db.create(table: "memo") { t in
                t.primaryKey("id", .blob)
                t.column("targetKind", .text).notNull()
                t.column("targetId", .blob)
                t.column("text", .text).notNull()
                t.column("author", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(index: "memoByTarget", on: "memo", columns: ["targetKind", "targetId"])
        }
        migrator.registerMigration("createPassageIndex") { db in
            try db.create(table: "passage") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("transcript", onDelete: .cascade).notNull()
                t.column("line", .integer).notNull()
                t.column("start", .integer).notNull()
                t.column("text", .text).notNull()
            }
            // Norwegian letters are letters of their own: «får» must not match «far».
            try db.create(virtualTable: "passageFTS", using: FTS5()) { t in
                t.synchronize(withTable: "passage")
                t.tokenizer = .unicode61(diacritics: .keep)
                t.column("text")
            }
        }
        migrator.registerMigration("indexPassagesAndAttributeSegments") { db in
            try db.create(index: "passageByStart", on: "passage", columns: ["transcriptId", "start"])
            try db.create(index: "passageByLine", on: "passage", columns: ["transcriptId", "line"])
            try db.create(index: "turnByStart", on: "turn", columns: ["transcriptId", "start"])
            // Who said a segment: the participants whose turns it overlaps; in a transcript without
            // attributed turns, its linked participants.
            try db.execute(sql: """
                CREATE VIEW segmentParticipant AS
                SELECT s.id AS segmentId, turn.participantId AS participantId
                  FROM segment s JOIN turn ON turn.transcriptId = s.transcriptId
                   AND s.start < turn."end" AND s."end" > turn.start
                 WHERE turn.participantId IS NOT NULL
                UNION
                SELECT s.id, tp.participantId
                  FROM segment s JOIN transcriptParticipant tp ON tp.transcriptId = s.transcriptId
                 WHERE NOT EXISTS (SELECT 1 FROM turn WHERE turn.transcriptId = s.transcriptId AND turn.participantId IS NOT NULL)
                """)
        }
        migrator.registerMigration("feedPassageIndexDirectly") { db in
            // FTS5 flushes its pending terms at every statement savepoint, and a trigger that writes
            // to it opens one per row: an import spent ~16 s of ~50 s writing tiny FTS segments and
            // merging them. `indexPassages` now inserts into passageFTS itself. (Deletes and updates
            // keep their triggers; they only run on edits.)
            try db.execute(sql: "DROP TRIGGER IF EXISTS \"__passageFTS_ai\"")
        }
        migrator.registerMigration("dropRedundantIndexes") { db in
            // Each is the leading column of a primary key or of a wider index; every insert paid for
            // them twice (100,000 codings: two extra B-tree writes each).
            for index in ["attributeValue_on_participantId", "transcriptParticipant_on_transcriptId", "turn_on_transcriptId",
                          "segment_on_transcriptId", "coding_on_segmentId", "passage_on_transcriptId"] {
                try db.execute(sql: "DROP INDEX IF EXISTS \"\(index)\"")
            }
        }
        migrator.registerMigration("createQuotes") { db in
            // A quote's displayed form (its edits over the segment's verbatim text) and lead-in; the
            // transcript is never changed by them.
            try db.create(table: "quote") { t in
                t.primaryKey("segmentId", .blob).references("segment", onDelete: .cascade)
                t.column("form", .text)
                t.column("leadIn", .text)
                t.column("updatedBy", .text).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            // Which quote went out with which label, into which file: the check for one quote shown
            // with two labels (readers can link them) looks back at earlier exports.
            try db.create(table: "quoteUse") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("segment", onDelete: .cascade).notNull()
                t.column("label", .text).notNull()
                t.column("file", .text).notNull()
                t.column("exportedBy", .text).notNull()
                t.column("exportedAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("indexSegmentShortIds") { db in
            // Short ids are a segment's last eight hex digits; resolving one scanned every segment.
            try db.execute(sql: "CREATE INDEX segmentByShortId ON segment(substr(lower(hex(id)), 25))")
        }
        migrator.registerMigration("codeNamesUniqueAmongSiblings") { db in
            // Names repeat under different parents (REFI-QDA, NVivo, ATLAS.ti and MAXQDA projects do it, and
            // an STC subgroup often shares a name with an ordinary code): the table is rebuilt without the
            // UNIQUE on `name`, and siblings are kept apart by an index instead. SQLite cannot drop a
            // constraint in place; GRDB runs this with foreign keys off and checks them afterwards.
            try db.execute(sql: """
                CREATE TABLE "codeRebuilt" ("id" BLOB PRIMARY KEY NOT NULL, "name" TEXT NOT NULL, "definition" TEXT, "color" TEXT,
                  "englishLabel" TEXT, "parentId" BLOB REFERENCES "code"("id") ON DELETE RESTRICT, "createdAt" DATETIME NOT NULL);
                INSERT INTO "codeRebuilt" SELECT id, name, definition, color, englishLabel, parentId, createdAt FROM "code";
                DROP TABLE "code";
                ALTER TABLE "codeRebuilt" RENAME TO "code";
                CREATE INDEX "code_on_parentId" ON "code"("parentId");
                CREATE UNIQUE INDEX "codeNameAmongSiblings" ON "code"(ifnull("parentId", x''), "name");
                """)
        }
        migrator.registerMigration("maintainSegmentSpeakers") { db in
            // Who said a segment, kept as rows instead of worked out through the `segmentParticipant` view
            // for every segment of the project at each count (1.6 s for `codes` at 100,000 codings).
            // A segment's rows follow it through triggers; changes to turns and linked participants
            // refresh their transcript's rows (`refreshSegmentSpeakers`), once per change rather than per turn.
            try db.execute(sql: """
                CREATE TABLE segmentSpeaker (
                  segmentId BLOB NOT NULL REFERENCES segment(id) ON DELETE CASCADE,
                  participantId BLOB NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
                  PRIMARY KEY (segmentId, participantId)) WITHOUT ROWID;
                CREATE INDEX segmentSpeakerByParticipant ON segmentSpeaker(participantId, segmentId);
                INSERT INTO segmentSpeaker (segmentId, participantId) SELECT DISTINCT segmentId, participantId FROM segmentParticipant;
                DROP VIEW segmentParticipant;
                CREATE VIEW segmentParticipant AS SELECT segmentId, participantId FROM segmentSpeaker;
                """)
            for event in ["INSERT", "UPDATE OF start, \"end\", transcriptId"] {
                let name = event.hasPrefix("INSERT") ? "segmentSpeakerOnInsert" : "segmentSpeakerOnMove"
                try db.execute(sql: """
                    CREATE TRIGGER \(name) AFTER \(event) ON segment BEGIN
                      DELETE FROM segmentSpeaker WHERE segmentId = NEW.id;
                      \(Migrations.segmentSpeakerInsert(segment: "NEW"));
                    END
                    """)
            }
            // Counting a code's segments reads only this index, never the segment rows.
            try db.execute(sql: "CREATE INDEX codingByCode ON coding(codeId, segmentId, coder)")
            try db.execute(sql: "DROP INDEX IF EXISTS coding_on_codeId")
            // Counts leave orphaned segments out; the few there are are found without reading every segment.
            try db.execute(sql: "CREATE INDEX segmentOrphaned ON segment(id) WHERE isOrphaned")
        }
        migrator.registerMigration("storeSegmentLines") { db in
            // A segment's first and last line, kept with it (set when it is made, worked out again when its
            // transcript's text changes): listings of thousands of segments looked each up twice.
            try db.execute(sql: """
                ALTER TABLE segment ADD COLUMN firstLine INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE segment ADD COLUMN lastLine INTEGER NOT NULL DEFAULT 1;
                """)
            try db.execute(sql: "UPDATE segment SET \(Migrations.segmentLinesAssignment)")
        }
        migrator.registerMigration("tallyCodeUse") { db in
            try CodeTally.create(db)
        }
        migrator.registerMigration("numberLinesWithText") { db in
            // Only lines holding more than whitespace are numbered now; passages of whitespace only stay
            // (they give back the text between lines) as number 0. Segments keep their offsets, and so
            // their text; only their line numbers are worked out again.
            let transcripts = try UUID.fetchAll(db, sql: "SELECT id FROM transcript")
            let update = try db.makeStatement(sql: "UPDATE passage SET line = ? WHERE id = ?")
            for transcript in transcripts {
                var numbered = 0
                let rows = try Row.fetchAll(db, sql: "SELECT id, text FROM passage WHERE transcriptId = ? ORDER BY start", arguments: [transcript])
                for row in rows {
                    let text: String = row[1]
                    let hasText = text.unicodeScalars.contains { !$0.isSpace }
                    if hasText { numbered += 1 }
                    try update.execute(arguments: [hasText ? numbered : 0, row[0] as Int64])
                }
            }
            try db.execute(sql: "UPDATE segment SET \(Migrations.segmentLinesAssignment)")
        }
        migrator.registerMigration("labelAttributes") { db in
            // The display name a table's header shows («Rolle i tjenesten» for the attribute «rolle»).
            try db.alter(table: "attribute") { t in t.add(column: "label", .text) }
        }
        migrator.registerMigration("memosGoWithTheirRecords") { db in
            // A memo names its record by kind and id, without a foreign key; these keep it from pointing at
            // nothing when the record goes, by whatever path (a transcript's segments go by cascade).
            // Memos left pointing at nothing by earlier versions stay, listed as on a deleted record.
            for kind in [MemoTarget.Kind.transcript, .segment, .participant, .code] {
                try db.execute(sql: """
                    CREATE TRIGGER memoGoesWith\(kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()) AFTER DELETE ON \(kind.rawValue) BEGIN
                      DELETE FROM memo WHERE targetKind = '\(kind.rawValue)' AND targetId = OLD.id;
                    END
                    """)
            }
            // Memos are named by short ids, as segments are.
            try db.execute(sql: "CREATE INDEX memoByShortId ON memo(substr(lower(hex(id)), 25))")
        }
        migrator.registerMigration("groupQuoteUsesByExport") { db in
            // One row per export, so an export can be listed and forgotten as one; its quotes' uses go with it.
            try db.create(table: "quoteExport") { t in
                t.primaryKey("id", .blob)
                t.column("file", .text).notNull()
                t.column("exportedBy", .text).notNull()
                t.column("exportedAt", .datetime).notNull()
            }
            try db.execute(sql: """
                ALTER TABLE quoteUse ADD COLUMN exportId BLOB REFERENCES quoteExport(id) ON DELETE CASCADE;
                CREATE INDEX quoteUseByExport ON quoteUse(exportId);
                """)
            // Uses recorded before were written per export in one transaction, with one timestamp.
            for row in try Row.fetchAll(db, sql: """
                SELECT file, exportedBy, exportedAt, MIN(id) AS first FROM quoteUse GROUP BY file, exportedBy, exportedAt ORDER BY first
                """) {
                let at: Date = row["exportedAt"]
                let id = UUID.timeOrdered(at: at)
                try db.execute(sql: "INSERT INTO quoteExport (id, file, exportedBy, exportedAt) VALUES (?, ?, ?, ?)",
                               arguments: [id, row["file"] as DatabaseValue, row["exportedBy"] as DatabaseValue, row["exportedAt"] as DatabaseValue])
                try db.execute(sql: "UPDATE quoteUse SET exportId = ? WHERE file = ? AND exportedBy = ? AND exportedAt = ?",
                               arguments: [id, row["file"] as DatabaseValue, row["exportedBy"] as DatabaseValue, row["exportedAt"] as DatabaseValue])
            }
        }
        migrator.registerMigration("transcriptMedia") { db in
            // A recording per transcript, played from a turn's time in the browser; the file stays where it is.
            try db.create(table: "transcriptMedia") { t in
                t.primaryKey("transcriptId", .blob).references("transcript", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("contentType", .text).notNull()
                t.column("byteCount", .integer).notNull()
                t.column("attachedAt", .datetime).notNull()
                t.column("attachedBy", .text).notNull()
            }
        }
        migrator.registerMigration("createAccounts") { db in
            // The people who may log in to a served project, and the one-time links that set a password.
            // A password is kept only as its scrypt key with its own salt and cost; a link only as the
            // SHA-256 of its token (the token is 256 random bits, so no key stretching is needed).
            try db.create(table: "account") { t in
                t.primaryKey("name", .text)
                // The name folded to lower case (æøå too: SQLite's NOCASE folds only ASCII): unique, and how logins find it.
                t.column("folded", .text).notNull().unique()
                t.column("role", .text).notNull()
                t.column("passwordHash", .blob)
                t.column("salt", .blob)
                t.column("kdf", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("passwordSetAt", .datetime)
            }
            try db.create(table: "passwordToken") { t in
                t.primaryKey("tokenHash", .blob)
                t.column("account", .text).notNull().references("account", column: "name", onDelete: .cascade, onUpdate: .cascade)
                t.column("expiresAt", .datetime).notNull()
                t.column("createdAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("scrubbableEventLog") { db in
            // Redaction and withdrawal must take the words they remove out of the log too, while the log
            // keeps that each event happened, who did it and when. A row here, put in and taken out inside
            // the one transaction that scrubs (``ProjectStore/scrubEventLog(_:_:)``), lets a payload
            // change; nothing else of an event ever changes, and no event is ever deleted.
            try db.execute(sql: """
                CREATE TABLE eventScrubPermit (id INTEGER PRIMARY KEY CHECK (id = 1));
                DROP TRIGGER eventIsAppendOnlyOnUpdate;
                CREATE TRIGGER eventIsAppendOnlyOnUpdate BEFORE UPDATE ON event
                WHEN NOT EXISTS (SELECT 1 FROM eventScrubPermit)
                  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor OR NEW.action IS NOT OLD.action
                BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                """)
        }
        migrator.registerMigration("createErasures") { db in
            // What a withdrawal or redaction took out, known again without its words: participant and
            // transcript ids and the SHA-256 of texts as they were, so a merge refuses a copy that
            // still holds them (``MergeRefusal/holdsErasedWords(participants:transcripts:)``).
            try db.create(table: "erasure") { t in
                t.column("kind", .text).notNull()
                t.column("value", .text).notNull()
                t.primaryKey(["kind", "value"])
            }
        }
        return migrator
    }

    /// The SET clause that works out a segment's first and last line from its transcript's passages: the
    /// last numbered line starting at or before an offset (as ``ScalarText/line(at:)``).
    static let segmentLinesAssignment = """
        firstLine = \(lineAt("segment.start")), lastLine = \(lineAt("MAX(segment.start, segment.\"end\" - 1)"))
        """

    private static func lineAt(_ offset: String) -> String {
        """
        ifnull((SELECT p.line FROM passage p
                 WHERE p.transcriptId = segment.transcriptId AND p.start <= \(offset) AND p.line > 0 ORDER BY p.start DESC LIMIT 1), 1)
        """
    }

    /// Inserts the speakers of the segment row `alias` (`NEW` in a trigger): the participants of the
    /// turns it overlaps or, in a transcript without attributed turns, its linked participants. Turns do
    /// not overlap one another, so only turns from the last one starting at or before the segment are
    /// looked at.
    static func segmentSpeakerInsert(segment alias: String) -> String {
        """
        INSERT OR IGNORE INTO segmentSpeaker (segmentId, participantId)
          SELECT \(alias).id, turn.participantId FROM turn
           WHERE turn.transcriptId = \(alias).transcriptId AND turn.participantId IS NOT NULL
             AND turn.start < \(alias)."end" AND turn."end" > \(alias).start
             AND turn.start >= ifnull((SELECT t2.start FROM turn t2 WHERE t2.transcriptId = \(alias).transcriptId
                                        AND t2.start <= \(alias).start ORDER BY t2.start DESC LIMIT 1), -1)
          UNION ALL
          SELECT \(alias).id, tp.participantId FROM transcriptParticipant tp
           WHERE tp.transcriptId = \(alias).transcriptId
             AND NOT EXISTS (SELECT 1 FROM turn WHERE turn.transcriptId = \(alias).transcriptId AND turn.participantId IS NOT NULL)
        """
    }
}
