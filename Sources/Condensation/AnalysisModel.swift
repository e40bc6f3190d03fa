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

        /// How the tables and the chapter name a group: its heading, else its name.
        public var displayName: String { heading ?? name }
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
    /// Every registered group and subgroup name, retired ones too: never «koder» in the tables.
    public var groupCodeNames: [String] = []

    public func unit(_ id: UUID) -> ExportedQuote? { units.first { $0.segment == id } }

    /// The codes on a unit that are not groups or subgroups: the «koder» beside the unit.
    public func codes(of unit: ExportedQuote) -> [String] {
        let groupNames = Set(groups.flatMap { [$0.name] + $0.subgroups.map(\.name) } + groupCodeNames)
        return unit.codes.filter { !groupNames.contains($0) }
    }
}

// A snapshot is read back by later versions: fields added since it was taken get their defaults.
extension AnalysisModel {
    enum CodingKeys: String, CodingKey {
        case title, settings, themes, groups, units, participantCount, takenAt, groupCodeNames
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        settings = try c.decodeIfPresent(CondensationSettings.self, forKey: .settings) ?? CondensationSettings()
        themes = try c.decodeIfPresent([PreliminaryTheme].self, forKey: .themes) ?? []
        groups = try c.decode([Group].self, forKey: .groups)
        units = try c.decode([ExportedQuote].self, forKey: .units)
        participantCount = try c.decodeIfPresent(Int.self, forKey: .participantCount) ?? 0
        takenAt = try c.decodeIfPresent(Date.self, forKey: .takenAt) ?? Date(timeIntervalSince1970: 0)
        groupCodeNames = try c.decodeIfPresent([String].self, forKey: .groupCodeNames) ?? []
    }
}

extension Condensation {
    /// The analysis as it stands now.
    public func model() throws -> AnalysisModel {
        try store.pool.read { db in try model(db) }
    }

    /// The analysis as `db` sees it (inside a transaction, so a snapshot and the step after it agree).
    func model(_ db: Database) throws -> AnalysisModel {
        let settings = try Self.settings(db)
        let structure = try GroupStructure.read(db)
        let contradictions = try Row.fetchAll(db, sql: "SELECT segmentId, codeId, note FROM stcContradiction")
        let title = try ProjectStore.projectTitle(db)
        let themes = try PreliminaryTheme.order(Column("position")).fetchAll(db)
        var units: [ExportedQuote] = []
        let paths = structure.allNodes.map(\.path)
        if !paths.isEmpty {
            var options = QuoteOptions(codes: paths)
            options.style = .thesis
            units = try store.quotes(in: db, options)
        }
        func node(_ n: GroupStructure.Node, subgroups: [AnalysisModel.Group]) -> AnalysisModel.Group {
            var contradicting: [UUID: String] = [:]
            for row in contradictions where (row["codeId"] as UUID) == n.code.id && n.units.contains(row["segmentId"]) {
                contradicting[row["segmentId"]] = row["note"] ?? ""
            }
            return AnalysisModel.Group(id: n.code.id, name: n.code.name, path: n.path, heading: n.heading, analyticText: n.analyticText,
                                       condensate: n.condensate, goldenUnit: n.goldenUnit, units: n.units, participants: n.participants,
                                       contradicting: contradicting, subgroups: subgroups)
        }
        let groups = structure.groups.map { group in
            node(group, subgroups: group.subgroups.compactMap { structure.subgroups[$0] }.map { node($0, subgroups: []) })
        }
        return AnalysisModel(title: title, settings: settings, themes: themes, groups: groups, units: units,
                             participantCount: structure.participantCount, takenAt: Date(), groupCodeNames: structure.registeredNames.sorted())
    }
}
