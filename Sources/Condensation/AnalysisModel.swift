import Foundation
import GRDB
import QualCode

/// The whole analysis as one value: what the exports render, and what a snapshot keeps. A snapshot
/// taken before a group was dropped still exports the categories as they were.
public struct AnalysisModel: Hashable, Sendable, Codable {
    public struct Group: Hashable, Sendable, Codable {
        public var id: UUID
        public var name: String
        public var path: String
        public var heading: String?
        public var analyticText: String?
        public var condensate: String?
        public var goldenUnit: UUID?
        /// Units of the group itself (for a group: all its units, sorted into subgroups or not).
        public var units: [UUID]
        public var participants: [String]
        /// Units marked as contradicting, with the researcher's note.
        public var contradicting: [UUID: String]
        public var subgroups: [Group]
    }

    public var title: String
    public var settings: CondensationSettings
    public var themes: [PreliminaryTheme]
    public var groups: [Group]
    /// Every unit, as the thesis house style displays it (edits applied, pseudonym label).
    public var units: [ExportedQuote]
    /// Participants with a transcript: the «alle syv» of the support wording.
    public var participantCount: Int
    public var takenAt: Date

    public func unit(_ id: UUID) -> ExportedQuote? { units.first { $0.segment == id } }

    /// The codes on a unit that are not groups or subgroups: the «koder» beside the unit.
    public func codes(of unit: ExportedQuote) -> [String] {
        let groupNames = Set(groups.flatMap { [$0.name] + $0.subgroups.map(\.name) })
        return unit.codes.filter { !groupNames.contains($0) }
    }
}

extension Condensation {
    /// The analysis as it stands now.
    public func model() throws -> AnalysisModel {
        let (settings, flat, links, contradictions, total, title) = try store.pool.read { db in
            (try Self.settings(db), try Self.groups(db),
             try Row.fetchAll(db, sql: "SELECT subgroupId, groupId FROM stcLink").map { ($0["subgroupId"] as UUID, $0["groupId"] as UUID) },
             try Row.fetchAll(db, sql: "SELECT segmentId, codeId, note FROM stcContradiction"),
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT participantId) FROM transcriptParticipant") ?? 0,
             try String.fetchOne(db, sql: "SELECT title FROM project") ?? "")
        }
        var units: [ExportedQuote] = []
        if !flat.isEmpty {
            var options = QuoteOptions(codes: flat.map(\.path))
            options.style = .thesis
            units = try store.quotes(options)
        }
        func node(_ group: CodeGroup, subgroups: [AnalysisModel.Group]) -> AnalysisModel.Group {
            // A group holds its own units and its subgroups' (a unit may have been put straight into a subgroup).
            let inSubgroups = Set(subgroups.flatMap(\.units))
            let own = units.filter { $0.codes.contains(group.name) || inSubgroups.contains($0.segment) }
            var contradicting: [UUID: String] = [:]
            for row in contradictions where (row["codeId"] as UUID) == group.id { contradicting[row["segmentId"]] = row["note"] ?? "" }
            return AnalysisModel.Group(id: group.id, name: group.name, path: group.path, heading: group.heading, analyticText: group.analyticText,
                                       condensate: group.condensate, goldenUnit: group.goldenUnit, units: own.map(\.segment),
                                       participants: Array(Set(own.flatMap(\.participants))).sorted(), contradicting: contradicting,
                                       subgroups: subgroups)
        }
        // A group's subgroups: its own, then those linked to it from other groups.
        let groups = flat.filter { !$0.isSubgroup }.map { group in
            let linked = Set(links.filter { $0.1 == group.id }.map(\.0))
            let own = flat.filter { $0.isSubgroup && $0.path.hasPrefix(group.name + "/") }
            let others = flat.filter { $0.isSubgroup && linked.contains($0.id) && !own.contains($0) }
            return node(group, subgroups: (own + others).map { node($0, subgroups: []) })
        }
        return AnalysisModel(title: title, settings: settings, themes: try themes(), groups: groups, units: units,
                             participantCount: total, takenAt: Date())
    }
}
