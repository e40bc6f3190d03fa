import Foundation
import GRDB
import QualCode

extension WorkMapping {
    /// The tables work mapping adds to a project file (names start with `map`).
    public static let schema = SchemaExtension(name: "map", register: registerMigrations, segmentDependents: nil, merge: merge, scrub: scrub)

    /// Redacted words out of the map's free text: the problematic, notes, descriptions, excerpts and
    /// where texts came from. Names (of steps, actors, texts) are unique and the researcher's to
    /// rename; the redaction leaves them as they are.
    @Sendable static func scrub(_ db: Database, _ scrubs: [Scrub]) throws {
        for (table, columns) in [("mapProblematic", ["statement"]), ("mapActor", ["role", "institution"]), ("mapStep", ["description"]),
                                 ("mapText", ["note", "provenance"]), ("mapClause", ["excerpt"]), ("mapDisjuncture", ["note"]),
                                 ("mapLink", ["note"])] {
            try ProjectStore.scrubColumns(db, table: table, key: "rowid", columns: columns, scrubs)
        }
    }

    @Sendable static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("map.createWorkMap") { db in
            // The standpoint and the other one-line settings of the map.
            try db.create(table: "mapSetting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            // The problematic: statements, each version kept (it is worked out during the analysis).
            try db.create(table: "mapProblematic") { t in
                t.primaryKey("id", .blob)
                t.column("statement", .text).notNull()
                t.column("supersedes", .blob).references("mapProblematic", onDelete: .setNull)
                t.column("createdBy", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "mapActor") { t in
                t.primaryKey("id", .blob)
                // The node's code under «Arbeidskart»: its evidence is the segments coded with it.
                t.column("codeId", .blob).references("code", onDelete: .setNull)
                t.column("name", .text).notNull().unique(onConflict: .abort).collate(.nocase)
                t.column("role", .text)
                t.column("institution", .text)
                t.column("locality", .text).notNull()
                t.column("position", .integer).notNull()
            }
            try db.create(table: "mapStep") { t in
                t.primaryKey("id", .blob)
                // The node's code under «Arbeidskart»: its evidence is the segments coded with it.
                t.column("codeId", .blob).references("code", onDelete: .setNull)
                t.column("name", .text).notNull().unique(onConflict: .abort).collate(.nocase)
                t.column("description", .text)
                t.column("position", .integer).notNull()
                t.column("orderNotFixed", .boolean).notNull().defaults(to: false)
                t.column("source", .text)
                t.column("mergedFrom", .text)
            }
            try db.create(table: "mapAction") { t in
                t.primaryKey("id", .blob)
                // The node's code under «Arbeidskart»: its evidence is the segments coded with it.
                t.column("codeId", .blob).references("code", onDelete: .setNull)
                t.column("stepId", .blob).notNull().references("mapStep", onDelete: .cascade)
                t.column("name", .text).notNull().collate(.nocase)
                t.column("position", .integer).notNull()
                t.uniqueKey(["stepId", "name"])
            }
            try db.create(table: "mapText") { t in
                t.primaryKey("id", .blob)
                // The node's code under «Arbeidskart»: its evidence is the segments coded with it.
                t.column("codeId", .blob).references("code", onDelete: .setNull)
                t.column("name", .text).notNull().unique(onConflict: .abort).collate(.nocase)
                t.column("kind", .text).notNull()
                t.column("scope", .text).notNull()
                t.column("issuer", .text)
                t.column("version", .text)
                t.column("date", .text)
                t.column("stepId", .blob).references("mapStep", onDelete: .setNull)
                t.column("note", .text)
            }
            // A clause or target taken from a text: «utetid minst 65 %» (metric, value, unit).
            try db.create(table: "mapClause") { t in
                t.primaryKey("id", .blob)
                t.column("textId", .blob).notNull().references("mapText", onDelete: .cascade)
                t.column("label", .text).notNull()
                t.column("excerpt", .text)
                t.column("metric", .text)
                t.column("value", .double)
                t.column("unit", .text)
                t.column("place", .text)
                t.uniqueKey(["textId", "label"])
            }
            // Where the formal texts and the accounts do not fit («kart og terreng»).
            try db.create(table: "mapDisjuncture") { t in
                t.primaryKey("id", .blob)
                t.column("codeId", .blob).references("code", onDelete: .setNull)
                t.column("name", .text).notNull().unique(onConflict: .abort).collate(.nocase)
                t.column("kind", .text).notNull()
                t.column("note", .text)
                t.column("stepId", .blob).references("mapStep", onDelete: .setNull)
                t.column("problematicId", .blob).references("mapProblematic", onDelete: .setNull)
            }
            // The clauses a disjuncture sets against the accounts (or against each other).
            try db.create(table: "mapDisjunctureClause") { t in
                t.column("disjunctureId", .blob).notNull().references("mapDisjuncture", onDelete: .cascade)
                t.column("clauseId", .blob).notNull().references("mapClause", onDelete: .cascade)
                t.primaryKey(["disjunctureId", "clauseId"])
            }
            // Terms the informants (and the researchers) use in the institution's words («kartlegging»,
            // «jobbmatch»): whether they were unpacked into the work they stand for.
            try db.create(table: "mapTerm") { t in
                t.primaryKey("id", .blob)
                t.column("term", .text).notNull().unique(onConflict: .abort).collate(.nocase)
                t.column("unpacked", .boolean).notNull().defaults(to: false)
                t.column("followUp", .text)
                t.column("definition", .text)
            }
            // The standing questions each transcript is read with; answers are memos on the transcript.
            try db.create(table: "mapQuestion") { t in
                t.primaryKey("id", .blob)
                t.column("text", .text).notNull().unique(onConflict: .abort)
                t.column("position", .integer).notNull()
            }
            try db.create(table: "mapAnswer") { t in
                t.column("questionId", .blob).notNull().references("mapQuestion", onDelete: .cascade)
                t.column("memoId", .blob).notNull().unique().references("memo", onDelete: .cascade)
            }
            // Our own wording of the questions an institutional ethnographer reads each account with.
            for (position, question) in [
                "Hvilket arbeid forteller informanten om?",
                "Hvordan henger arbeidet sammen med andres arbeid, her og andre steder?",
                "Hva setter arbeidet i gang, og hva styrer det?",
                "Hvordan er arbeidet vevd inn i institusjonen og dens tekster?",
            ].enumerated() {
                try db.execute(sql: "INSERT INTO mapQuestion (id, text, position) VALUES (?, ?, ?)",
                               arguments: [UUID(), question, position + 1])
            }
            try db.create(table: "mapLink") { t in
                t.primaryKey("id", .blob)
                t.column("kind", .text).notNull()
                t.column("fromKind", .text).notNull()
                t.column("fromId", .blob).notNull()
                t.column("toKind", .text).notNull()
                t.column("toId", .blob).notNull()
                t.column("note", .text)
                t.uniqueKey(["kind", "fromId", "toId"])
            }
        }
        // Evidence on links (a link's code, made with its first passage), clauses cited as evidence, and
        // a text's attached file with where it came from.
        migrator.registerMigration("map.linkAndClauseEvidence") { db in
            try db.alter(table: "mapLink") { t in t.add(column: "codeId", .blob).references("code", onDelete: .setNull) }
            try db.create(table: "mapClauseEvidence") { t in
                // "step", "action", "actor", "text" or "link"; disjunctures keep theirs in mapDisjunctureClause.
                t.column("targetKind", .text).notNull()
                t.column("targetId", .blob).notNull()
                t.column("clauseId", .blob).notNull().references("mapClause", onDelete: .cascade)
                t.primaryKey(["targetKind", "targetId", "clauseId"])
            }
            try db.alter(table: "mapText") { t in
                t.add(column: "provenance", .text)
                t.add(column: "fileName", .text)
                t.add(column: "fileData", .blob)
            }
        }
    }
}
