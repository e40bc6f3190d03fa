import Foundation
import GRDB
import QualCode

/// Where an analysis stands: the current step, the counts, and what is missing before the next step.
public struct CondensationStatus: Hashable, Sendable, Codable {
    /// 1–4: total impression, meaning units, condensation, synthesis.
    public var step: Int
    public var themes: Int
    /// The preliminary themes' names, which stay in view in every later step.
    public var themeNames: [String]
    public var themesShared: Int
    public var units: Int
    public var groups: Int
    public var subgroups: Int
    public var condensed: Int
    public var withGoldenQuote: Int
    public var analysed: Int
    /// What is still to do, in the order of the steps.
    public var missing: [String]
}

extension Condensation {
    public func status() throws -> CondensationStatus {
        try store.pool.read { db in
            let themes = try PreliminaryTheme.fetchAll(db)
            // The looser variant has no condensates or golden quotes to wait for.
            let malterud = try Self.settings(db).variant == "malterud"
            let structure = try GroupStructure.read(db)
            let groups = structure.codeGroups
            let units = Set(structure.groups.flatMap(\.units)).count
            // A unit of a group is sorted when it sits in one of the group's active subgroups (own or linked);
            // a group with units and no subgroup has all of them unsorted.
            var unsortedUnits = Set<UUID>()
            for group in structure.groups {
                let sorted = Set(group.subgroups.flatMap { structure.subgroups[$0]?.units ?? [] })
                unsortedUnits.formUnion(group.units.filter { !sorted.contains($0) })
            }
            let unsorted = unsortedUnits.count
            let subgroups = groups.filter(\.isSubgroup)
            let topGroups = groups.filter { !$0.isSubgroup }
            let subgroupsOf = Dictionary(structure.groups.map { ($0.code.id, $0.subgroups) }, uniquingKeysWith: { a, _ in a })
            var missing: [String] = []
            // Step 1's total impression: a memo on the whole material and one per transcript.
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM memo WHERE targetKind = 'project'") == 0 {
                missing.append("no memo on the whole material yet (`memo add --on project`)")
            }
            let unread = try String.fetchAll(db, sql: """
                SELECT slug FROM transcript t WHERE NOT EXISTS (SELECT 1 FROM memo m WHERE m.targetKind = 'transcript' AND m.targetId = t.id)
                ORDER BY slug
                """)
            if !unread.isEmpty {
                let names = unread.prefix(5).joined(separator: ", ") + (unread.count > 5 ? ", …" : "")
                missing.append("no total-impression memo on \(unread.count) transcript(s): \(names) (`memo add --on transcript:NAME`)")
            }
            if themes.isEmpty { missing.append("no preliminary themes yet (`stc theme add`)") }
            if !themes.isEmpty && themes.contains(where: { $0.sharedAt == nil }) {
                missing.append("\(themes.filter { $0.sharedAt == nil }.count) theme(s) not yet shared with the supervisor (`stc theme share`)")
            }
            if units == 0 { missing.append("no meaning units yet (`stc unit add`)") }
            for group in topGroups where (subgroupsOf[group.id] ?? []).isEmpty && group.units > 0 {
                missing.append("\(group.name) has no subgroups (`stc subgroup add`)")
            }
            if unsorted > 0 { missing.append("\(unsorted) unit(s) not sorted into a subgroup of their group (`stc unit move`)") }
            for sub in subgroups where malterud {
                if sub.condensate == nil { missing.append("\(sub.path) has no condensate (`stc condense`)") }
                if sub.goldenUnit == nil { missing.append("\(sub.path) has no golden quote (`stc condense --golden`)") }
            }
            for group in groups where group.units > 0 && (group.heading == nil || group.analyticText == nil) {
                missing.append("\(group.path) has no category heading or analytic text (`stc analyse`)")
            }
            for stray in structure.strays {
                missing.append("\(stray) is registered as a group but sits under no active code group (`stc validate`)")
            }
            let condensed = subgroups.filter { $0.condensate != nil }.count
            let golden = subgroups.filter { $0.goldenUnit != nil }.count
            let analysed = groups.filter { $0.heading != nil && $0.analyticText != nil }.count
            let step: Int
            if units == 0 { step = 1 }
            else if subgroups.isEmpty || unsorted > 0 { step = 2 }
            else if malterud && (condensed < subgroups.count || golden < subgroups.count) { step = 3 }
            else { step = 4 }
            return CondensationStatus(step: step, themes: themes.count, themeNames: themes.sorted { $0.position < $1.position }.map(\.name),
                                      themesShared: themes.filter { $0.sharedAt != nil }.count,
                                      units: units, groups: topGroups.count, subgroups: subgroups.count, condensed: condensed,
                                      withGoldenQuote: golden, analysed: analysed, missing: missing)
        }
    }
}
