import Foundation
import GRDB
import QualCode

extension Agreement {
    /// The tables agreement adds to a project file (names start with `agree`).
    public static let schema = SchemaExtension(name: "agree", register: registerMigrations, segmentDependents: nil, merge: merge)

    @Sendable static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("agree.createConsensus") { db in
            // A consensus decision on one disagreement: whose side was adopted, and the codings that made
            // it (kept so a changed decision takes back what the earlier one did).
            try db.create(table: "agreeDecision") { t in
                t.primaryKey("disagreement", .text)
                t.column("codeId", .blob).notNull().references("code", onDelete: .cascade)
                t.column("transcriptId", .blob).notNull().references("transcript", onDelete: .cascade)
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                // JSON arrays of names and coding ids.
                t.column("coders", .text).notNull()
                t.column("adopted", .text).notNull()
                t.column("consensusCoder", .text).notNull()
                t.column("codings", .text).notNull()
                t.column("note", .text)
                t.column("decidedBy", .text).notNull()
                t.column("decidedAt", .datetime).notNull()
            }
            // Project-wide settings of team work (blind coding).
            try db.create(table: "agreeSetting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("agree.recordAgreedAdoptions") { db in
            // Agreed passages adopted for the consensus coder are recorded as decisions too, so a later
            // decision on a passage that changed can take their codings back.
            try db.alter(table: "agreeDecision") { t in t.add(column: "agreed", .boolean).notNull().defaults(to: false) }
        }
    }
}
