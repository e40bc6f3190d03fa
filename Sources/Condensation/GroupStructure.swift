import Foundation
import GRDB
import QualCode

/// The analysis's structure as the database holds it, worked out once for status, validation, the
/// listings and the exports, so they never disagree: the active code groups (registered, not retired,
/// top-level), their subgroups (registered, not retired, under an active group, or linked to it), the
/// units of each — a group holds its own units and those of its subgroups — and the registered codes
/// that fit nowhere (moved under another code with `codes move`, or under a retired group).
struct GroupStructure {
    struct Node {
        var code: Code
        var path: String
        var isSubgroup: Bool
        var condensate: String?
        var goldenUnit: UUID?
        var goldenText: String?
        var heading: String?
        var analyticText: String?
        /// Units in the order of the transcripts and their text.
        var units: [UUID]
        var participants: [String]
        /// For a group: its subgroups, own first, then linked ones.
        var subgroups: [UUID]
    }

    var groups: [Node]
    var subgroups: [UUID: Node]
    /// Registered codes outside the structure, by path.
    var strays: [String]
    /// The names of every registered code, retired ones too: never «koder» in the tables.
    var registeredNames: Set<String>
    /// Participants with a transcript: the «alle syv».
    var participantCount: Int

    /// Every group followed by its subgroups; a subgroup linked to a second group is listed once, under
    /// the first group that has it.
    var allNodes: [Node] {
        var seen = Set<UUID>()
        return groups.flatMap { [$0] + $0.subgroups.compactMap { subgroups[$0] } }.filter { seen.insert($0.code.id).inserted }
    }

    /// The groups and subgroups as listed.
    var codeGroups: [CodeGroup] {
        allNodes.map { node in
            CodeGroup(id: node.code.id, name: node.code.name, path: node.path, isSubgroup: node.isSubgroup, units: node.units.count,
                      participants: node.participants.count, condensate: node.condensate, goldenUnit: node.goldenUnit,
                      heading: node.heading, analyticText: node.analyticText)
        }
    }

    static func read(_ db: Database) throws -> GroupStructure {
        struct Registered { var code: Code; var row: Row; var retired: Bool }
        let registered = try Row.fetchAll(db, sql: """
            SELECT c.*, g.condensate, g.goldenSegmentId, g.goldenText, g.heading, g.analyticText, g.retiredAt IS NOT NULL AS retired
              FROM stcGroup g JOIN code c ON c.id = g.codeId
            """).map { Registered(code: try Code(row: $0), row: $0, retired: $0["retired"]) }
        let active = registered.filter { !$0.retired }
        let tops = active.filter { $0.code.parentId == nil }
        let topIds = Set(tops.map(\.code.id))
        let own = active.filter { $0.code.parentId.map(topIds.contains) ?? false }
        let ownIds = Set(own.map(\.code.id))
        let links = try Row.fetchAll(db, sql: "SELECT subgroupId, groupId FROM stcLink")
            .map { ($0["subgroupId"] as UUID, $0["groupId"] as UUID) }
            .filter { ownIds.contains($0.0) && topIds.contains($0.1) }

        // Units per code, in transcript and text order, and who said each.
        var unitsByCode: [UUID: [UUID]] = [:]
        var order: [UUID: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT k.codeId, s.id FROM coding k JOIN segment s ON s.id = k.segmentId JOIN transcript t ON t.id = s.transcriptId
              JOIN stcGroup g ON g.codeId = k.codeId
             WHERE NOT s.isOrphaned ORDER BY t.slug, s.start, s."end"
            """) {
            let segment: UUID = row["id"]
            if order[segment] == nil { order[segment] = order.count }
            let code: UUID = row["codeId"]
            if !(unitsByCode[code]?.contains(segment) ?? false) { unitsByCode[code, default: []].append(segment) }
        }
        var speakers: [UUID: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT sp.segmentId, p.pseudonym FROM segmentParticipant sp JOIN participant p ON p.id = sp.participantId
             WHERE sp.segmentId IN (SELECT k.segmentId FROM coding k JOIN stcGroup g ON g.codeId = k.codeId)
            """) {
            speakers[row["segmentId"], default: []].insert(row["pseudonym"])
        }
        func participants(_ units: [UUID]) -> [String] { Array(Set(units.flatMap { speakers[$0] ?? [] })).sorted() }
        let names = Dictionary(registered.map { ($0.code.id, $0.code.name) }, uniquingKeysWith: { a, _ in a })

        func node(_ r: Registered, path: String, isSubgroup: Bool, units: [UUID], subgroups: [UUID]) -> Node {
            Node(code: r.code, path: path, isSubgroup: isSubgroup, condensate: r.row["condensate"], goldenUnit: r.row["goldenSegmentId"],
                 goldenText: r.row["goldenText"], heading: r.row["heading"], analyticText: r.row["analyticText"], units: units,
                 participants: participants(units), subgroups: subgroups)
        }
        var subgroupNodes: [UUID: Node] = [:]
        for r in own {
            let parent = names[r.code.parentId!] ?? "?"
            subgroupNodes[r.code.id] = node(r, path: parent + "/" + r.code.name, isSubgroup: true,
                                            units: unitsByCode[r.code.id] ?? [], subgroups: [])
        }
        let groups = tops.map { top -> Node in
            let mine = own.filter { $0.code.parentId == top.code.id }.sorted { $0.code.name.lowercased() < $1.code.name.lowercased() }.map(\.code.id)
            let linked = links.filter { $0.1 == top.code.id }.map(\.0).filter { !mine.contains($0) }
                .sorted { (names[$0] ?? "").lowercased() < (names[$1] ?? "").lowercased() }
            let subs = mine + linked
            let all = Set((unitsByCode[top.code.id] ?? []) + subs.flatMap { subgroupNodes[$0]?.units ?? [] })
            return node(top, path: top.code.name, isSubgroup: false, units: all.sorted { order[$0]! < order[$1]! }, subgroups: subs)
        }.sorted { $0.code.name.lowercased() < $1.code.name.lowercased() }

        let placed = topIds.union(ownIds)
        let strays = active.filter { !placed.contains($0.code.id) }.map { r -> String in
            r.code.parentId.flatMap { names[$0] ?? (try? Code.fetchOne(db, key: $0))??.name }.map { $0 + "/" + r.code.name } ?? r.code.name
        }.sorted()
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT participantId) FROM transcriptParticipant") ?? 0
        return GroupStructure(groups: groups, subgroups: subgroupNodes, strays: strays, registeredNames: Set(registered.map(\.code.name)),
                              participantCount: total)
    }
}
