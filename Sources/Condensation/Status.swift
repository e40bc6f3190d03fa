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
    public var missing: [Missing]

    /// One thing still to do. A front end words it, and offers the step that does it (a command, a
    /// button); ``description`` is a plain English sentence for logs.
    public enum Missing: Hashable, Sendable {
        /// No memo on the whole material (step 1's total impression).
        case noProjectMemo
        /// Transcripts without a total-impression memo, by short name.
        case transcriptsWithoutMemo([String])
        /// No preliminary themes.
        case noThemes
        /// This many themes not yet shared with the supervisor.
        case themesNotShared(Int)
        /// No meaning units.
        case noUnits
        /// A code group with units and no subgroups.
        case noSubgroups(group: String)
        /// Units of a group that sit in none of its subgroups.
        case unsortedUnits([UUID])
        /// A subgroup without a condensate.
        case noCondensate(subgroup: String)
        /// A subgroup without a golden quote.
        case noGoldenQuote(subgroup: String)
        /// A group or subgroup with units but no category heading or no analytic text.
        case notAnalysed(path: String)
        /// A registered group or subgroup that sits under no active code group.
        case strayGroup(path: String)
    }
}

// MARK: - Description

extension CondensationStatus.Missing: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noProjectMemo: "no memo on the whole material yet"
        case let .transcriptsWithoutMemo(names):
            "no total-impression memo on \(names.count) transcript(s): " + names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
        case .noThemes: "no preliminary themes yet"
        case let .themesNotShared(count): "\(count) theme(s) not yet shared with the supervisor"
        case .noUnits: "no meaning units yet"
        case let .noSubgroups(group): "\(group) has no subgroups"
        case let .unsortedUnits(units): "\(units.count) unit(s) not sorted into a subgroup of their group"
        case let .noCondensate(subgroup): "\(subgroup) has no condensate"
        case let .noGoldenQuote(subgroup): "\(subgroup) has no golden quote"
        case let .notAnalysed(path): "\(path) has no category heading or analytic text"
        case let .strayGroup(path): "\(path) is registered as a group but sits under no active code group"
        }
    }
}

// MARK: - Codable

/// As JSON, an item is an object with its `kind` and the values it carries:
/// `{"kind": "noSubgroups", "group": "Balansekunst"}`, `{"kind": "unsortedUnits", "units": [...]}`.
extension CondensationStatus.Missing: Codable {
    enum Kind: String, Codable {
        case noProjectMemo, transcriptsWithoutMemo, noThemes, themesNotShared, noUnits, noSubgroups, unsortedUnits, noCondensate,
             noGoldenQuote, notAnalysed, strayGroup
    }

    enum CodingKeys: String, CodingKey { case kind, transcripts, count, group, units, subgroup, path }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .noProjectMemo: try c.encode(Kind.noProjectMemo, forKey: .kind)
        case let .transcriptsWithoutMemo(names):
            try c.encode(Kind.transcriptsWithoutMemo, forKey: .kind)
            try c.encode(names, forKey: .transcripts)
        case .noThemes: try c.encode(Kind.noThemes, forKey: .kind)
        case let .themesNotShared(count):
            try c.encode(Kind.themesNotShared, forKey: .kind)
            try c.encode(count, forKey: .count)
        case .noUnits: try c.encode(Kind.noUnits, forKey: .kind)
        case let .noSubgroups(group):
            try c.encode(Kind.noSubgroups, forKey: .kind)
            try c.encode(group, forKey: .group)
        case let .unsortedUnits(units):
            try c.encode(Kind.unsortedUnits, forKey: .kind)
            try c.encode(units, forKey: .units)
        case let .noCondensate(subgroup):
            try c.encode(Kind.noCondensate, forKey: .kind)
            try c.encode(subgroup, forKey: .subgroup)
        case let .noGoldenQuote(subgroup):
            try c.encode(Kind.noGoldenQuote, forKey: .kind)
            try c.encode(subgroup, forKey: .subgroup)
        case let .notAnalysed(path):
            try c.encode(Kind.notAnalysed, forKey: .kind)
            try c.encode(path, forKey: .path)
        case let .strayGroup(path):
            try c.encode(Kind.strayGroup, forKey: .kind)
            try c.encode(path, forKey: .path)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .noProjectMemo: self = .noProjectMemo
        case .transcriptsWithoutMemo: self = .transcriptsWithoutMemo(try c.decode([String].self, forKey: .transcripts))
        case .noThemes: self = .noThemes
        case .themesNotShared: self = .themesNotShared(try c.decode(Int.self, forKey: .count))
        case .noUnits: self = .noUnits
        case .noSubgroups: self = .noSubgroups(group: try c.decode(String.self, forKey: .group))
        case .unsortedUnits: self = .unsortedUnits(try c.decode([UUID].self, forKey: .units))
        case .noCondensate: self = .noCondensate(subgroup: try c.decode(String.self, forKey: .subgroup))
        case .noGoldenQuote: self = .noGoldenQuote(subgroup: try c.decode(String.self, forKey: .subgroup))
        case .notAnalysed: self = .notAnalysed(path: try c.decode(String.self, forKey: .path))
        case .strayGroup: self = .strayGroup(path: try c.decode(String.self, forKey: .path))
        }
    }
}

extension Condensation {
    /// Where the analysis stands, and what is missing before the next step.
    public func status() throws -> CondensationStatus {
        try store.pool.read { db in try Self.status(db) }
    }

    static func status(_ db: Database) throws -> CondensationStatus {
        let themes = try PreliminaryTheme.fetchAll(db)
        // The looser variant has no condensates or golden quotes to wait for.
        let malterud = try settings(db).variant == "malterud"
        let structure = try GroupStructure.read(db)
        let groups = structure.codeGroups
        let units = Set(structure.groups.flatMap(\.units)).count
        // A unit of a group is sorted when it sits in one of the group's active subgroups (own or linked);
        // a group with units and no subgroup has all of them unsorted.
        var unsorted: [UUID] = []
        var seen = Set<UUID>()
        for group in structure.groups {
            let sorted = Set(group.subgroups.flatMap { structure.subgroups[$0]?.units ?? [] })
            unsorted += group.units.filter { !sorted.contains($0) && seen.insert($0).inserted }
        }
        let subgroups = groups.filter(\.isSubgroup)
        let topGroups = groups.filter { !$0.isSubgroup }
        let subgroupsOf = Dictionary(structure.groups.map { ($0.code.id, $0.subgroups) }, uniquingKeysWith: { a, _ in a })
        var missing: [CondensationStatus.Missing] = []
        // Step 1's total impression: a memo on the whole material and one per transcript.
        if try !ProjectStore.hasProjectMemo(db) { missing.append(.noProjectMemo) }
        let unread = try ProjectStore.transcriptsWithoutMemo(db)
        if !unread.isEmpty { missing.append(.transcriptsWithoutMemo(unread)) }
        if themes.isEmpty { missing.append(.noThemes) }
        let unshared = themes.filter { $0.sharedAt == nil }.count
        if unshared > 0 { missing.append(.themesNotShared(unshared)) }
        if units == 0 { missing.append(.noUnits) }
        for group in topGroups where (subgroupsOf[group.id] ?? []).isEmpty && group.units > 0 {
            missing.append(.noSubgroups(group: group.name))
        }
        if !unsorted.isEmpty { missing.append(.unsortedUnits(unsorted)) }
        for sub in subgroups where malterud {
            if sub.condensate == nil { missing.append(.noCondensate(subgroup: sub.path)) }
            if sub.goldenUnit == nil { missing.append(.noGoldenQuote(subgroup: sub.path)) }
        }
        for group in groups where group.units > 0 && (group.heading == nil || group.analyticText == nil) {
            missing.append(.notAnalysed(path: group.path))
        }
        for stray in structure.strays { missing.append(.strayGroup(path: stray)) }
        let condensed = subgroups.filter { $0.condensate != nil }.count
        let golden = subgroups.filter { $0.goldenUnit != nil }.count
        let analysed = groups.filter { $0.heading != nil && $0.analyticText != nil }.count
        let step: Int
        if units == 0 { step = 1 }
        else if subgroups.isEmpty || !unsorted.isEmpty { step = 2 }
        else if malterud && (condensed < subgroups.count || golden < subgroups.count) { step = 3 }
        else { step = 4 }
        return CondensationStatus(step: step, themes: themes.count, themeNames: themes.sorted { $0.position < $1.position }.map(\.name),
                                  themesShared: themes.filter { $0.sharedAt != nil }.count,
                                  units: units, groups: topGroups.count, subgroups: subgroups.count, condensed: condensed,
                                  withGoldenQuote: golden, analysed: analysed, missing: missing)
    }
}
