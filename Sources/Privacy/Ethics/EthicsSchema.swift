import Foundation
import GRDB
import QualCode

extension MergeKind {
    public static let ethicsApproval = MergeKind(id: "privacy.approval", english: "ethics approvals", norwegian: "godkjenninger")
    public static let ethicsConsent = MergeKind(id: "privacy.consent", english: "consents", norwegian: "samtykker")
    public static let audioDeletion = MergeKind(id: "privacy.audioDeletion", english: "audio deletions", norwegian: "slettede lydopptak")
}

extension Privacy {
    /// The ethics register's tables: approvals, consent per participant, the audio deletion log (the
    /// planned deletion dates are settings).
    static func registerEthicsMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("privacy.createEthicsRegister") { db in
            try db.create(table: "ethicsApproval") { t in
                t.primaryKey("id", .blob)
                t.column("body", .text).notNull()
                t.column("reference", .text).notNull()
                t.column("date", .text).notNull()
                t.column("note", .text)
                t.uniqueKey(["body", "reference"])
            }
            try db.create(table: "ethicsConsent") { t in
                t.primaryKey("participantId", .blob).references("participant", onDelete: .cascade)
                t.column("date", .text).notNull()
                t.column("form", .text).notNull()
                t.column("recordedBy", .text).notNull()
            }
            try db.create(table: "ethicsAudioDeletion") { t in
                t.primaryKey("id", .blob)
                // Kept when the participant is withdrawn: the log of a deletion outlives the person's record.
                t.column("participantId", .blob).references("participant", onDelete: .setNull)
                t.column("date", .text).notNull()
                t.column("method", .text)
                t.column("recordedBy", .text).notNull()
            }
        }
    }

    /// Approvals by body and reference, consents by participant, audio deletions by participant and date.
    static func mergeEthics(_ context: MergeContext) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        context.declare(.ethicsApproval, .ethicsConsent, .audioDeletion)
        for row in try Row.fetchAll(theirs, sql: "SELECT * FROM ethicsApproval ORDER BY rowid") {
            let body: String = row["body"], reference: String = row["reference"]
            if let mine = try Row.fetchOne(ours, sql: "SELECT date FROM ethicsApproval WHERE body = ? AND reference = ?", arguments: [body, reference]) {
                context.matched(.ethicsApproval)
                context.compare(.ethicsApproval, "\(body) \(reference)", .value, ours: mine["date"], theirs: row["date"])
                continue
            }
            try ours.execute(sql: "INSERT INTO ethicsApproval (id, body, reference, date, note) VALUES (?, ?, ?, ?, ?)",
                             arguments: [UUID(), body, reference, row["date"] as String, row["note"] as String?])
            context.added(.ethicsApproval)
        }
        for row in try Row.fetchAll(theirs, sql: "SELECT * FROM ethicsConsent ORDER BY rowid") {
            guard let participant = context.participants[row["participantId"]] else { continue }
            if let mine = try Row.fetchOne(ours, sql: "SELECT date, form FROM ethicsConsent WHERE participantId = ?", arguments: [participant]) {
                context.matched(.ethicsConsent)
                context.compare(.ethicsConsent, participant.uuidString, .value, ours: "\(mine["date"] as String) \(mine["form"] as String)",
                                theirs: "\(row["date"] as String) \(row["form"] as String)")
                continue
            }
            try ours.execute(sql: "INSERT INTO ethicsConsent (participantId, date, form, recordedBy) VALUES (?, ?, ?, ?)",
                             arguments: [participant, row["date"] as String, row["form"] as String, row["recordedBy"] as String])
            context.added(.ethicsConsent)
        }
        for row in try Row.fetchAll(theirs, sql: "SELECT * FROM ethicsAudioDeletion ORDER BY rowid") {
            let participant = (row["participantId"] as UUID?).flatMap { context.participants[$0] }
            let date: String = row["date"]
            if try Bool.fetchOne(ours, sql: "SELECT 1 FROM ethicsAudioDeletion WHERE participantId IS ? AND date = ?", arguments: [participant, date]) == true {
                context.matched(.audioDeletion)
                continue
            }
            try ours.execute(sql: "INSERT INTO ethicsAudioDeletion (id, participantId, date, method, recordedBy) VALUES (?, ?, ?, ?, ?)",
                             arguments: [UUID(), participant, date, row["method"] as String?, row["recordedBy"] as String])
            context.added(.audioDeletion)
        }
    }
}
