import Foundation
import GRDB

/// One merge under way: our database (inside the merge's write transaction), theirs (a read-only
/// snapshot), what their records became here, and the counts and conflicts so far.
///
/// The core fills the id maps first (participants, transcripts, codes, segments, codings, memos);
/// each module's hook then carries its own tables, naming core records through these maps.
package final class MergeContext {
    package let ours: Database
    package let theirs: Database
    /// Who merges: the author of records the merge itself makes.
    package let coder: String
    /// The other file as the user named it, for an error about what it holds.
    package let otherPath: String
    /// Their id → ours, for every record of theirs that came in or was found here.
    package var participants: [UUID: UUID] = [:]
    package var attributes: [UUID: UUID] = [:]
    package var transcripts: [UUID: UUID] = [:]
    package var codes: [UUID: UUID] = [:]
    package var segments: [UUID: UUID] = [:]
    package var codings: [UUID: UUID] = [:]
    package var memos: [UUID: UUID] = [:]
    /// The codings and segments this merge inserted (ours ids), so a module can take back one it
    /// decides against.
    package var newCodings: Set<UUID> = []
    package var newSegments: Set<UUID> = []

    private var counts: [MergeCount] = []
    private var countIndex: [MergeKind: Int] = [:]
    package private(set) var conflicts: [MergeConflict] = []

    init(ours: Database, theirs: Database, coder: String, otherPath: String) {
        self.ours = ours
        self.theirs = theirs
        self.coder = coder
        self.otherPath = otherPath
    }

    /// The other copy holds something no copy made by QualCode can hold: the merge stops, nothing changed.
    package func damaged(_ problem: String) -> StoreError {
        .notAProject(path: otherPath, reason: "damaged: \(problem)")
    }

    /// Lists `kinds` in the report in this order, with zeros until something is counted.
    package func declare(_ kinds: MergeKind...) {
        for kind in kinds { _ = index(kind) }
    }

    /// One (or `count`) of theirs came in new.
    package func added(_ kind: MergeKind, _ count: Int = 1) { counts[index(kind)].new += count }

    /// One (or `count`) of theirs was here already.
    package func matched(_ kind: MergeKind, _ count: Int = 1) { counts[index(kind)].matched += count }

    /// One of ours, found for one of theirs, had gaps theirs filled.
    package func filled(_ kind: MergeKind) { counts[index(kind)].filled += 1 }

    package func conflict(_ kind: MergeKind, _ what: String, _ aspect: MergeAspect, ours: String, theirs: String,
                          outcome: MergeOutcome = .keptOurs) {
        conflicts.append(MergeConflict(kind: kind, what: what, aspect: aspect, ours: ours, theirs: theirs, outcome: outcome))
    }

    /// A conflict when both copies hold a value for `aspect` and the values differ (ours is kept).
    package func compare(_ kind: MergeKind, _ what: String, _ aspect: MergeAspect, ours: String?, theirs: String?) {
        if let ours, let theirs, ours != theirs { conflict(kind, what, aspect, ours: ours, theirs: theirs) }
    }

    /// True when ours holds nothing for `aspect` and theirs does: theirs is to fill the gap, since
    /// nothing of ours is overwritten (Berit's condensate of a group Anne left empty must not be lost).
    /// Otherwise as ``compare(_:_:_:ours:theirs:)``.
    package func settle(_ kind: MergeKind, _ what: String, _ aspect: MergeAspect, ours: String?, theirs: String?) -> Bool {
        if ours?.isEmpty ?? true { return !(theirs?.isEmpty ?? true) }
        compare(kind, what, aspect, ours: ours, theirs: theirs)
        return false
    }

    /// Writes the gaps ``settle(_:_:_:ours:theirs:)`` found in our row of `table` whose `keyColumn` is
    /// `key`, and counts the record as filled; nothing when there are none.
    package func fill(_ kind: MergeKind, table: String, _ keyColumn: String, _ key: some DatabaseValueConvertible,
                      _ gaps: [String: DatabaseValue]) throws {
        guard !gaps.isEmpty else { return }
        let columns = gaps.keys.sorted()
        try ours.execute(sql: "UPDATE \"\(table)\" SET \(columns.map { "\"\($0)\" = ?" }.joined(separator: ", ")) WHERE \"\(keyColumn)\" = ?",
                         arguments: StatementArguments(columns.map { gaps[$0]! } + [key.databaseValue]))
        filled(kind)
    }

    /// Takes back a coding this merge brought in (and its segment, when that came in too and holds no
    /// other coding): a module whose record here outranks theirs drops what theirs made. A coding that
    /// was ours already is left alone.
    package func withdrawCoding(_ id: UUID) throws {
        guard newCodings.remove(id) != nil else { return }
        let segment = try UUID.fetchOne(ours, sql: "SELECT segmentId FROM coding WHERE id = ?", arguments: [id])
        try ours.execute(sql: "DELETE FROM coding WHERE id = ?", arguments: [id])
        counts[index(.coding)].new -= 1
        codings = codings.filter { $0.value != id }
        guard let segment, newSegments.contains(segment),
              try !(Bool.fetchOne(ours, sql: "SELECT EXISTS (SELECT 1 FROM coding WHERE segmentId = ?)", arguments: [segment]) ?? false) else { return }
        try ours.execute(sql: "DELETE FROM segment WHERE id = ?", arguments: [segment])
        newSegments.remove(segment)
        counts[index(.segment)].new -= 1
        segments = segments.filter { $0.value != segment }
    }

    /// Their id when no row of `table` here has it (the record keeps its id across copies), else a new one.
    package func freeID(_ id: UUID, in table: String, column: String = "id") throws -> UUID {
        // A cached statement: a merge asks this once per coding it brings in.
        let statement = try ours.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \"\(table)\" WHERE \"\(column)\" = ?)")
        let taken = try Bool.fetchOne(statement, arguments: [id]) ?? false
        return taken ? UUID.timeOrdered() : id
    }

    var report: [MergeCount] { counts }

    private func index(_ kind: MergeKind) -> Int {
        if let i = countIndex[kind] { return i }
        counts.append(MergeCount(kind: kind))
        countIndex[kind] = counts.count - 1
        return counts.count - 1
    }
}

extension SchemaExtension {
    /// Carries a module's own tables from the other copy (`context.theirs`) into ours, through the id
    /// maps the core filled, counting what came in and what was here already. It runs inside the
    /// merge's one transaction; matching must make a second merge of the same file bring in nothing.
    package typealias MergeHook = @Sendable (MergeContext) throws -> Void
}
