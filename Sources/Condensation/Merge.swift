import Foundation
import GRDB
import QualCode

extension MergeKind {
    public static let theme = MergeKind(id: "stc.theme", english: "preliminary themes", norwegian: "foreløpige temaer")
    /// A code group or subgroup with what steps 3 and 4 wrote about it.
    public static let group = MergeKind(id: "stc.group", english: "code groups and subgroups", norwegian: "kodegrupper og subgrupper")
    public static let contradiction = MergeKind(id: "stc.contradiction", english: "contradiction marks", norwegian: "motsigelser")
    public static let groupLink = MergeKind(id: "stc.link", english: "subgroup links", norwegian: "subgruppekoblinger")
    public static let snapshot = MergeKind(id: "stc.snapshot", english: "analysis snapshots", norwegian: "øyeblikksbilder")
    public static let stcSetting = MergeKind(id: "stc.setting", english: "condensation settings", norwegian: "kondenseringsinnstillinger")
}

extension MergeAspect {
    public static let condensate = MergeAspect(id: "stc.condensate", english: "condensate", norwegian: "kondensat")
    public static let goldenQuote = MergeAspect(id: "stc.goldenQuote", english: "golden quote", norwegian: "gullsitat")
    public static let heading = MergeAspect(id: "stc.heading", english: "heading", norwegian: "overskrift")
    public static let analyticText = MergeAspect(id: "stc.analyticText", english: "analytic text", norwegian: "analytisk tekst")
    public static let note = MergeAspect(id: "stc.note", english: "note", norwegian: "notat")
    public static let model = MergeAspect(id: "stc.model", english: "contents", norwegian: "innhold")
}

extension Condensation {
    /// Carries condensation's tables from another copy: themes by name, a code's group record with
    /// the code (its golden quote through the segment it became here), contradiction marks and links
    /// by their codes and segments, snapshots by label, settings by key. Ours is kept where both hold
    /// something different, and reported.
    @Sendable static func merge(_ context: MergeContext) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        context.declare(.theme, .group, .contradiction, .groupLink, .snapshot, .stcSetting)

        for row in try Row.fetchAll(theirs, sql: "SELECT * FROM stcTheme ORDER BY rowid") {
            let name: String = row["name"]
            if let mine = try Row.fetchOne(ours, sql: "SELECT note FROM stcTheme WHERE name = ?", arguments: [name]) {
                context.matched(.theme)
                let note: String? = row["note"]
                if context.settle(.theme, name, .note, ours: mine["note"], theirs: note) {
                    try context.fill(.theme, table: "stcTheme", "name", name, ["note": note.databaseValue])
                }
                continue
            }
            let position = (try Int.fetchOne(ours, sql: "SELECT MAX(position) FROM stcTheme") ?? 0) + 1
            try ours.execute(sql: """
                INSERT INTO stcTheme (id, name, note, position, sharedAt, createdBy, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [try context.freeID(row["id"], in: "stcTheme"), name, row["note"] as String?, position,
                                 row["sharedAt"] as DatabaseValue, row["createdBy"] as String, row["createdAt"] as DatabaseValue])
            context.added(.theme)
        }

        for row in try Row.fetchAll(theirs, sql: "SELECT * FROM stcGroup ORDER BY rowid") {
            guard let code = context.codes[row["codeId"]] else { continue }
            let golden = (row["goldenSegmentId"] as UUID?).flatMap { context.segments[$0] }
            let goldenText: String? = golden == nil ? nil : row["goldenText"]
            if let mine = try Row.fetchOne(ours, sql: "SELECT * FROM stcGroup WHERE codeId = ?", arguments: [code]) {
                context.matched(.group)
                let what = try ProjectStore.code(ours, id: code).map { try ProjectStore.path(ours, of: $0) } ?? ""
                // What one copy wrote for a group the other left empty comes in; where both wrote, ours stays.
                var gaps: [String: DatabaseValue] = [:]
                for (column, aspect) in [("condensate", MergeAspect.condensate), ("heading", .heading), ("analyticText", .analyticText)] {
                    let value: String? = row[column]
                    if context.settle(.group, what, aspect, ours: mine[column], theirs: value) { gaps[column] = value.databaseValue }
                }
                // Their golden quote only with the passage it came in as here.
                if context.settle(.group, what, .goldenQuote, ours: mine["goldenText"], theirs: row["goldenText"]), let golden {
                    gaps["goldenSegmentId"] = golden.databaseValue
                    gaps["goldenText"] = goldenText.databaseValue
                }
                try context.fill(.group, table: "stcGroup", "codeId", code, gaps)
                continue
            }
            try ours.execute(sql: """
                INSERT INTO stcGroup (codeId, condensate, goldenSegmentId, goldenText, heading, analyticText, retiredAt, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [code, row["condensate"] as String?, golden, goldenText,
                                 row["heading"] as String?, row["analyticText"] as String?, row["retiredAt"] as DatabaseValue,
                                 row["createdAt"] as DatabaseValue])
            context.added(.group)
        }

        for row in try Row.fetchAll(theirs, sql: "SELECT * FROM stcContradiction ORDER BY rowid") {
            guard let segment = context.segments[row["segmentId"]], let code = context.codes[row["codeId"]] else { continue }
            let inserted = try insertIfMissing(ours, sql: "INSERT OR IGNORE INTO stcContradiction (segmentId, codeId, note) VALUES (?, ?, ?)",
                                               [segment, code, row["note"] as String?])
            inserted ? context.added(.contradiction) : context.matched(.contradiction)
        }

        for row in try Row.fetchAll(theirs, sql: "SELECT * FROM stcLink ORDER BY rowid") {
            guard let subgroup = context.codes[row["subgroupId"]], let group = context.codes[row["groupId"]] else { continue }
            let inserted = try insertIfMissing(ours, sql: "INSERT OR IGNORE INTO stcLink (subgroupId, groupId) VALUES (?, ?)", [subgroup, group])
            inserted ? context.added(.groupLink) : context.matched(.groupLink)
        }

        for row in try Row.fetchAll(theirs, sql: "SELECT * FROM stcSnapshot ORDER BY id") {
            let label: String = row["label"]
            if let mine = try Row.fetchOne(ours, sql: "SELECT model, takenBy, takenAt FROM stcSnapshot WHERE label = ?", arguments: [label]) {
                context.matched(.snapshot)
                // Two snapshots of one label taken apart: named by who took them and when.
                if mine["model"] as String != row["model"] as String {
                    context.conflict(.snapshot, label, .model, ours: "\(mine["takenBy"] as String), \(mine["takenAt"] as String)",
                                     theirs: "\(row["takenBy"] as String), \(row["takenAt"] as String)")
                }
                continue
            }
            // The snapshot is the analysis as it was in their copy, ids and all: a record, not a live view.
            try ours.execute(sql: "INSERT INTO stcSnapshot (label, step, takenBy, takenAt, model) VALUES (?, ?, ?, ?, ?)",
                             arguments: [label, row["step"] as Int, row["takenBy"] as String, row["takenAt"] as DatabaseValue, row["model"] as String])
            context.added(.snapshot)
        }

        for row in try Row.fetchAll(theirs, sql: "SELECT key, value FROM stcSetting ORDER BY rowid") {
            let key: String = row["key"], value: String = row["value"]
            if let mine = try String.fetchOne(ours, sql: "SELECT value FROM stcSetting WHERE key = ?", arguments: [key]) {
                context.matched(.stcSetting)
                context.compare(.stcSetting, key, .value, ours: mine, theirs: value)
                continue
            }
            try ours.execute(sql: "INSERT INTO stcSetting (key, value) VALUES (?, ?)", arguments: [key, value])
            context.added(.stcSetting)
        }
    }

    /// Runs an `INSERT OR IGNORE`; true when it inserted a row.
    private static func insertIfMissing(_ db: Database, sql: String, _ arguments: StatementArguments) throws -> Bool {
        try db.execute(sql: sql, arguments: arguments)
        return db.changesCount > 0
    }
}
