import Foundation
import QualCode

/// Steps 2 and 3 as a board shows them: each code group a column, its subgroups as sections holding
/// their meaning units, the group's units not yet in any subgroup in a section of their own, and the
/// status of the whole analysis (what each step still lacks).
public struct Board: Hashable, Sendable, Codable {
    public struct Section: Hashable, Sendable, Codable {
        public var subgroup: CodeGroup
        public var units: [UnitRow]
    }

    public struct Column: Hashable, Sendable, Codable {
        public var group: CodeGroup
        /// The group's units that sit in none of its subgroups.
        public var unsorted: [UnitRow]
        public var sections: [Section]
    }

    public var columns: [Column]
    public var status: CondensationStatus
}

extension Condensation {
    /// The board: every active code group with its subgroups and units, and the status.
    public func board() throws -> Board {
        let all = try groups()
        var columns: [Column] = []
        for group in all where !group.isSubgroup {
            let units = try self.units(group: group.path)
            let subgroups = all.filter { $0.isSubgroup && $0.path.hasPrefix(group.path + "/") }
            var sorted: Set<UUID> = []
            var sections: [Board.Section] = []
            for subgroup in subgroups {
                let held = units.filter { $0.codeIDs.contains(subgroup.id) }
                sorted.formUnion(held.map(\.id))
                sections.append(.init(subgroup: subgroup, units: held))
            }
            columns.append(.init(group: group, unsorted: units.filter { !sorted.contains($0.id) }, sections: sections))
        }
        return Board(columns: columns, status: try status())
    }

    private typealias Column = Board.Column
}
