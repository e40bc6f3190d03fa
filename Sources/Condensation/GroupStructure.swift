import Foundation
import GRDB
import QualCode

/// The analysis's structure as the database holds it, worked out once for status, validation, the
/// listings and the exports, so they never disagree: the active code groups (registered, not retired,
/// top-level), their subgroups (registered, not retired, under an active group, or linked to it), the
/// units of each — a group holds its own units and those of its subgroups — and the registered codes
/// that fit nowhere (their code moved under another code, or under a retired group).
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
        let rows = try Row.fetchAll(db, sql: """
            SELECT codeId, condensate, goldenSegmentId, goldenText, heading, analyticText, retiredAt IS NOT NULL AS retired FROM stcGroup
            """)
        let codes = Dictionary(try ProjectStore.codes(db, ids: rows.map { $0["codeId"] as UUID }).map { ($0.id, $0) },
                               uniquingKeysWith: { a, _ in a })
        let registered = rows.compactMap { row in codes[row["codeId"] as UUID].map { Registered(code: $0, row: row, retired: row["retired"]) } }
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
        let places = try ProjectStore.codings(db, of: registered.map(\.code.id)).filter { !$0.isOrphaned }
        for place in places {
            if order[place.segment] == nil { order[place.segment] = order.count }
            if !(unitsByCode[place.code]?.contains(place.segment) ?? false) { unitsByCode[place.code, default: []].append(place.segment) }
        }
        let speakers = try ProjectStore.speakers(db, of: order.keys)
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
            r.code.parentId.flatMap { names[$0] ?? (try? ProjectStore.code(db, id: $0))??.name }.map { $0 + "/" + r.code.name } ?? r.code.name
        }.sorted()
        let total = try ProjectStore.participantsWithTranscriptCount(db)
        return GroupStructure(groups: groups, subgroups: subgroupNodes, strays: strays, registeredNames: Set(registered.map(\.code.name)),
                              participantCount: total)
    }
}
