import Foundation
import QualCode

/// Why condensation refused a step. Each case carries the values involved and, where the researcher
/// can do something about it, a ``remedy`` the front end words as it speaks (a command, a button).
/// Nothing was changed when one is thrown.
///
/// Blank names, duplicates and unknown references come as the core's ``StoreError``
/// (`emptyName`, `duplicate`, `notFound`, `ambiguous`).
public enum CondensationError: Error, Sendable, Equatable {
    // MARK: - Error Codes

    /// A code group name with «/» in it (`Balansekunst/Under`): a group has no parent.
    case slashInGroupName(String)
    /// A subgroup name with «/» in it: subgroups have no subgroups.
    case slashInSubgroupName(String)
    /// A code with a parent made a code group; groups are top-level codes.
    case notTopLevel(code: String)
    /// A subgroup named where a code group is needed (a subgroup inside a subgroup).
    case notACodeGroup(path: String)
    /// A code group named where a subgroup is needed (condensates are written per subgroup).
    case notASubgroup(path: String)
    /// A unit sorted more than two levels down (`A/B/C`).
    case tooDeep(path: String)
    /// A group or subgroup named as the one to take a unit out of, which does not hold the unit (with
    /// this coder's coding).
    case unitNotInSource(unit: UUID, source: String)
    /// A golden quote that is not a unit of its subgroup.
    case goldenQuoteNotAUnit(unit: UUID, subgroup: String)
    /// A unit marked as contradicting a group or subgroup it is not in.
    case unitNotInGroup(unit: UUID, group: String)
    /// A link that is not from a subgroup to another code group.
    case invalidLink(subgroup: String, group: String)
    /// A merge that is not of two groups or two subgroups (or merges one into itself).
    case invalidMerge(source: String, target: String)
    /// Work put into a group or subgroup that was laid aside.
    case groupRetired(path: String)
    /// A subgroup brought back while its group is laid aside.
    case groupOfSubgroupRetired(subgroup: String, group: String)
    /// A registered group or subgroup that sits under no active code group.
    case notInTheAnalysis(path: String)

    // MARK: - Remedies

    /// What the researcher can do to go on.
    public enum Remedy: Hashable, Sendable {
        /// Add the name as a subgroup of that group instead.
        case addSubgroup(group: String, name: String)
        /// Bring back the laid-aside group or subgroup at this path.
        case restoreGroup(path: String)
        /// Sort the unit into the group or subgroup first.
        case sortUnit(UUID, into: String)
    }

    /// The way on, when there is one.
    public var remedy: Remedy? {
        switch self {
        case let .slashInGroupName(name):
            let parts = name.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
            return .addSubgroup(group: parts[0], name: parts[1])
        case let .groupRetired(path): return .restoreGroup(path: path)
        case let .groupOfSubgroupRetired(_, group): return .restoreGroup(path: group)
        case let .goldenQuoteNotAUnit(unit, subgroup): return .sortUnit(unit, into: subgroup)
        default: return nil
        }
    }
}

// MARK: - Description

extension CondensationError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .slashInGroupName(name):
            "code group \"\(name)\": a group name has no «/»; a name under a group is a subgroup of it. Nothing was changed."
        case let .slashInSubgroupName(name):
            "subgroup \"\(name)\": a subgroup name has no «/» (subgroups have no subgroups); nothing was changed."
        case let .notTopLevel(code):
            "code \"\(code)\" has a parent, so it cannot be a code group (groups are top-level codes); nothing was changed."
        case let .notACodeGroup(path):
            "\"\(path)\" is a subgroup, not a code group; subgroups go inside a code group. Nothing was changed."
        case let .notASubgroup(path):
            "\"\(path)\" is a code group, not a subgroup (Group/Subgroup); condensates are written per subgroup. Nothing was changed."
        case let .tooDeep(path):
            "\"\(path)\" is more than two levels deep; a unit goes into a code group or Group/Subgroup. Nothing was changed."
        case let .unitNotInSource(unit, source):
            "unit \(unit.shortID) is not in \"\(source)\" (with your coding), so it cannot be taken out of it; nothing was changed."
        case let .goldenQuoteNotAUnit(unit, subgroup):
            "unit \(unit.shortID) is not a unit of \"\(subgroup)\"; sort it into the subgroup before making it its golden quote. Nothing was changed."
        case let .unitNotInGroup(unit, group):
            "unit \(unit.shortID) is not a unit of \"\(group)\"; nothing was changed."
        case let .invalidLink(subgroup, group):
            "\"\(subgroup)\" → \"\(group)\": a link goes from a subgroup to another code group; nothing was changed."
        case let .invalidMerge(source, target):
            "\"\(source)\" → \"\(target)\": only two groups, or two subgroups, can be merged; nothing was changed."
        case let .groupRetired(path):
            "\"\(path)\" was laid aside; restore it before putting work into it. Nothing was changed."
        case let .groupOfSubgroupRetired(subgroup, group):
            "\"\(subgroup)\" cannot come back while its group \"\(group)\" is laid aside; restore the group first. Nothing was changed."
        case let .notInTheAnalysis(path):
            "\"\(path)\" is registered as a group but sits under no active code group."
        }
    }

    public var errorDescription: String? { description }
}
