import Foundation
import GRDB
import QualCode

extension MergeKind {
    public static let privacySetting = MergeKind(id: "privacy.setting", english: "privacy settings", norwegian: "personverninnstillinger")
    public static let privacyDismissal = MergeKind(id: "privacy.dismissal", english: "dismissed findings", norwegian: "avviste funn")
}

extension Privacy {
    /// The tables privacy adds to a project file (names start with `privacy`). Real names never go in
    /// them: those are the key's.
    public static let schema = SchemaExtension(name: "privacy", register: registerMigrations, segmentDependents: nil, merge: merge)

    @Sendable static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("privacy.createSettings") { db in
            // Project-wide choices: how the project writes about people (the pronoun policy).
            try db.create(table: "privacySetting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        registerEthicsMigrations(&migrator)
        registerDismissalMigrations(&migrator)
    }

    @Sendable static func merge(_ context: MergeContext) throws {
        context.declare(.privacySetting)
        try context.carrySettings(table: "privacySetting", kind: .privacySetting)
        try mergeEthics(context)
        try mergeDismissals(context)
    }

    /// Dismissals made in their copy, on the transcripts that came in or matched ours; the same decision
    /// twice is one.
    static func mergeDismissals(_ context: MergeContext) throws {
        context.declare(.privacyDismissal)
        let columns = "kind, textPrint, before, after, everywhere"
        for row in try Row.fetchAll(context.theirs, sql: "SELECT * FROM privacyDismissal ORDER BY rowid") {
            guard let transcript = context.transcripts[row["transcriptId"]] else { continue }
            let values: [DatabaseValue] = ["kind", "textPrint", "before", "after", "everywhere"].map { row[$0] }
            if try Bool.fetchOne(context.ours, sql: "SELECT 1 FROM privacyDismissal WHERE transcriptId = ? AND (\(columns)) IS (?, ?, ?, ?, ?)",
                                 arguments: StatementArguments([transcript.databaseValue] + values)) == true {
                context.matched(.privacyDismissal)
                continue
            }
            try context.ours.execute(sql: "INSERT INTO privacyDismissal (id, transcriptId, \(columns), dismissedBy, dismissedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                     arguments: StatementArguments([UUID().databaseValue, transcript.databaseValue] + values
                                                                   + [row["dismissedBy"] as DatabaseValue, row["dismissedAt"] as DatabaseValue]))
            context.added(.privacyDismissal)
        }
    }
}

/// How the project writes about the people in it: with their own pronouns, or «hen» for everyone (so a
/// gendered pronoun is a finding the scan lists).
public enum PronounPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    case asSpoken = "as-spoken"
    case hen
}

extension Privacy {
    public func pronounPolicy() throws -> PronounPolicy {
        try store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM privacySetting WHERE key = 'pronouns'").flatMap(PronounPolicy.init(rawValue:))
        } ?? .asSpoken
    }

    /// Sets the policy; the event log records who did it. Setting it to what it is logs nothing.
    public func setPronounPolicy(_ policy: PronounPolicy) throws {
        try store.pool.write { db in
            let now = try String.fetchOne(db, sql: "SELECT value FROM privacySetting WHERE key = 'pronouns'") ?? PronounPolicy.asSpoken.rawValue
            guard now != policy.rawValue else { return }
            try db.execute(sql: "INSERT OR REPLACE INTO privacySetting (key, value) VALUES ('pronouns', ?)", arguments: [policy.rawValue])
            try store.log(db, "privacy.pronounPolicy", ["policy": .string(policy.rawValue)])
        }
    }
}
