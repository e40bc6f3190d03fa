import Foundation
import GRDB
import QualCode

extension Condensation {
    /// The tables condensation adds to a project file. Front ends open and create projects through
    /// QualCodeKit's `ProjectModules`, which lists it; the core alone takes it as
    /// `ProjectStore.open(at:coder:extensions: [Condensation.schema])`.
    public static let schema = SchemaExtension(name: "stc", register: registerMigrations, segmentDependents: dependents, merge: merge,
                                               scrub: scrub)

    /// Redacted words out of what the condensation keeps of the transcripts' text and the researcher's
    /// writing about it: golden quotes, condensates, headings, analytic texts, notes, and the snapshots
    /// (JSON holding every unit's text).
    @Sendable static func scrub(_ db: Database, _ scrubs: [Scrub]) throws {
        try ProjectStore.scrubColumns(db, table: "stcGroup", key: "codeId", columns: ["condensate", "heading", "analyticText", "goldenText"], scrubs)
        try ProjectStore.scrubColumns(db, table: "stcTheme", key: "rowid", columns: ["note"], scrubs)
        try ProjectStore.scrubColumns(db, table: "stcContradiction", key: "rowid", columns: ["note"], scrubs)
        // Whole units first: the string-by-string scrub below would replace a unit's text and leave its
        // display form, made from the same words, unrecognised.
        try scrubSnapshotUnits(db, scrubs.filter { !$0.withinText })
        try ProjectStore.scrubColumns(db, table: "stcSnapshot", key: "id", columns: ["model"], json: ["model"], scrubs)
    }

    /// A snapshot's unit whose whole text a scrub replaces (a passage reaching into a withdrawn turn) is
    /// kept as its text is now: its display form, edits and word count were made from the old words.
    static func scrubSnapshotUnits(_ db: Database, _ scrubs: [Scrub]) throws {
        let replacements = Dictionary(scrubs.map { ($0.text, $0.replacement) }, uniquingKeysWith: { first, _ in first })
        guard !replacements.isEmpty else { return }
        func mended(_ value: Any) -> Any {
            switch value {
            case var object as [String: Any]:
                if let verbatim = object["verbatim"] as? String, let now = replacements[verbatim] {
                    object["verbatim"] = now
                    object["displayed"] = now
                    if object["edits"] != nil { object["edits"] = "" }
                    if object["words"] != nil { object["words"] = now.wordCount }
                    return object
                }
                return object.mapValues(mended)
            case let array as [Any]: return array.map(mended)
            default: return value
            }
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, model FROM stcSnapshot") {
            let model: String = row["model"]
            guard let value = try? JSONSerialization.jsonObject(with: Data(model.utf8), options: [.fragmentsAllowed]) else { continue }
            let written = try ProjectStore.writtenJSON(mended(value))
            if written != (try ProjectStore.writtenJSON(value)) {
                try db.execute(sql: "UPDATE stcSnapshot SET model = ? WHERE id = ?", arguments: [written, row["id"] as DatabaseValue])
            }
        }
    }

    /// What condensation holds on segments a deletion would remove (a transcript's): the meaning units
    /// among them, golden quotes (the subgroup's slot is left empty, `ON DELETE SET NULL`) and
    /// contradiction marks (deleted with their unit, `ON DELETE CASCADE`). The units' codings are the
    /// core's and counted there.
    @Sendable static func dependents(_ db: Database, _ segments: SegmentSet) throws -> [Dependent] {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: segments.arguments) ?? 0 }
        // The groups whose condensates were written from these units: a person reads them again.
        let groups = try String.fetchAll(db, sql: """
            SELECT DISTINCT CASE WHEN p.name IS NULL THEN c.name ELSE p.name || '/' || c.name END AS path
              FROM coding k JOIN stcGroup g ON g.codeId = k.codeId JOIN code c ON c.id = g.codeId LEFT JOIN code p ON p.id = c.parentId
             WHERE \(segments.contains("k.segmentId")) ORDER BY path
            """, arguments: segments.arguments)
        return [
            Dependent(.unit, try count("""
                SELECT COUNT(DISTINCT k.segmentId) FROM coding k JOIN stcGroup g ON g.codeId = k.codeId WHERE \(segments.contains("k.segmentId"))
                """), names: groups),
            Dependent(.goldenQuote, try count("SELECT COUNT(*) FROM stcGroup WHERE \(segments.contains("goldenSegmentId"))"), .detached),
            Dependent(.contradiction, try count("SELECT COUNT(*) FROM stcContradiction WHERE \(segments.contains("segmentId"))")),
        ]
    }

    @Sendable static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("stc.createCondensation") { db in
            // Step 1: preliminary themes from the total impression, and when they went to the supervisor.
            try db.create(table: "stcTheme") { t in
                t.primaryKey("id", .blob)
                t.column("name", .text).notNull().unique(onConflict: .abort).collate(.nocase)
                t.column("note", .text)
                t.column("position", .integer).notNull()
                t.column("sharedAt", .datetime)
                t.column("createdBy", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            // A code that is a code group (no parent) or a subgroup (its parent is a group), with what
            // steps 3 and 4 write about it. Deleting the code deletes this.
            try db.create(table: "stcGroup") { t in
                t.primaryKey("codeId", .blob).references("code", onDelete: .cascade)
                t.column("condensate", .text)
                t.column("goldenSegmentId", .blob).references("segment", onDelete: .setNull)
                t.column("heading", .text)
                t.column("analyticText", .text)
                t.column("retiredAt", .datetime)
                t.column("createdAt", .datetime).notNull()
            }
            // A unit the researcher marked as contradicting the rest of a group.
            try db.create(table: "stcContradiction") { t in
                t.column("segmentId", .blob).notNull().references("segment", onDelete: .cascade)
                t.column("codeId", .blob).notNull().references("code", onDelete: .cascade)
                t.column("note", .text)
                t.primaryKey(["segmentId", "codeId"])
            }
            // The user's names for the levels («kodegruppe», «kode», «mening», «tema», «kategori») and
            // the validation settings.
            try db.create(table: "stcSetting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("stc.createLinks") { db in
            // A subgroup (theme) that also belongs to other groups (categories): the looser variant's
            // many-to-many links, as in a thesis where one theme sits under two categories.
            try db.create(table: "stcLink") { t in
                t.column("subgroupId", .blob).notNull().references("code", onDelete: .cascade)
                t.column("groupId", .blob).notNull().references("code", onDelete: .cascade)
                t.primaryKey(["subgroupId", "groupId"])
            }
        }
        migrator.registerMigration("stc.keepGoldenQuoteText") { db in
            // The golden quote's words when it was chosen: a transcript edit re-anchors the unit and
            // changes its text, and validation must notice.
            try db.alter(table: "stcGroup") { t in t.add(column: "goldenText", .text) }
        }
        migrator.registerMigration("stc.createSnapshots") { db in
            // The whole analysis as it was at a moment (AnalysisModel as JSON), to export later.
            try db.create(table: "stcSnapshot") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("label", .text).notNull().unique().collate(.nocase)
                t.column("step", .integer).notNull()
                t.column("takenBy", .text).notNull()
                t.column("takenAt", .datetime).notNull()
                t.column("model", .text).notNull()
            }
        }
    }
}

extension DependentKind {
    /// A meaning unit: a segment in a code group or subgroup.
    public static let unit = DependentKind(id: "stc.unit", singular: "meaning unit", plural: "meaning units")
    /// A subgroup's golden quote («gullsitat»).
    public static let goldenQuote = DependentKind(id: "stc.goldenQuote", singular: "golden quote", plural: "golden quotes")
    /// A unit marked as contradicting its group.
    public static let contradiction = DependentKind(id: "stc.contradiction", singular: "contradiction mark", plural: "contradiction marks")
}
