import Condensation
import Foundation
import QualCode

extension ErrorWording {
    /// Errors of the Condensation domain worded for the command line (nil: not one of its errors): the
    /// value as typed, what was expected, and a remedy as the command that carries it out.
    static func condensationMessage(for error: Error) -> String? {
        guard let error = error as? CondensationError else { return nil }
        func invalid(_ what: String, _ value: String, expected: String) -> String {
            "\(what): \"\(value)\" is not valid; expected \(expected)."
        }
        /// A path's last name: `Sparringspartner` for `Balansekunst/Sparringspartner`.
        func name(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
        switch error {
        case let .slashInGroupName(value):
            return invalid("code group", value, expected: "a name without «/» (use `stc subgroup add GROUP NAME`)")
        case let .slashInSubgroupName(value):
            return invalid("subgroup", value, expected: "a name without «/» (subgroups have no subgroups)")
        case let .notTopLevel(code):
            return invalid("code group", code, expected: "a top-level code (this one has a parent)")
        case let .notACodeGroup(path):
            return invalid("code group", name(path), expected: "a code group, not a subgroup")
        case let .notASubgroup(path):
            return invalid("subgroup", path, expected: "a subgroup (Group/Subgroup): condensates are written per subgroup")
        case let .tooDeep(path):
            return invalid("--group", path, expected: "a code group or Group/Subgroup (two levels)")
        case let .unitNotInSource(_, source):
            return invalid("--from", source, expected: "a group or subgroup the unit is in (with your coding)")
        case let .goldenQuoteNotAUnit(unit, subgroup):
            return invalid("golden quote", unit.shortID, expected: "a unit of \(name(subgroup)) (sort it there first with `stc unit move`)")
        case let .unitNotInGroup(unit, group):
            return invalid("unit", unit.shortID, expected: "a unit of \(name(group))")
        case let .invalidLink(subgroup, group):
            return invalid("link", "\(subgroup) → \(group)", expected: "a subgroup and another code group")
        case let .invalidMerge(source, target):
            return invalid("merge", "\(source) → \(target)", expected: "two groups, or two subgroups")
        case let .groupRetired(path):
            return invalid("code group", name(path),
                           expected: "an active group (it was laid aside; bring it back with `stc group retire \(name(path)) --restore`)")
        case let .groupOfSubgroupRetired(subgroup, _):
            return invalid("--restore", subgroup, expected: "a subgroup whose group is active (restore the group first)")
        case let .notInTheAnalysis(path):
            return invalid("code group", path, expected: "a group or a subgroup under an active group")
        }
    }
}
