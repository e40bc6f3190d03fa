import Foundation
import GRDB
import QualCode

/// A code group or subgroup with what steps 3 and 4 wrote about it.
public struct CodeGroup: Hashable, Sendable, Codable {
    public var id: UUID
    public var name: String
    /// `Balansekunst` for a group, `Balansekunst/Sparringspartner` for a subgroup.
    public var path: String
    public var isSubgroup: Bool
    public var units: Int
    public var participants: Int
    /// The condensate: the researcher's own first-person text, never a quote.
    public var condensate: String?
    public var goldenUnit: UUID?
    public var heading: String?
    public var analyticText: String?
}

extension Condensation {
    // MARK: - Groups and subgroups

    /// Makes a code group, or registers an existing top-level code as one.
    ///
    /// - Throws: ``CondensationError/slashInGroupName(_:)`` (its remedy names the subgroup to add instead),
    ///   ``CondensationError/notTopLevel(code:)``, ``CondensationError/groupRetired(path:)``.
    @discardableResult
    public func addGroup(_ name: String) throws -> CodeGroup {
        let name = try Self.cleanName(name, what: "code group")
        guard !name.contains("/") else { throw CondensationError.slashInGroupName(name) }
        return try store.pool.write { db in
            let (code, _) = try store.codeCreatingIfNeeded(db, name)
            guard code.parentId == nil else { throw CondensationError.notTopLevel(code: name) }
            try Self.refuseRetired(db, code)
            try register(db, code)
            return try Self.group(db, name)
        }
    }

    /// Makes a subgroup inside a code group (typically two or three per group).
    ///
    /// - Throws: ``CondensationError/slashInSubgroupName(_:)``, ``CondensationError/notACodeGroup(path:)``,
    ///   ``CondensationError/groupRetired(path:)``.
    @discardableResult
    public func addSubgroup(_ groupName: String, _ name: String) throws -> CodeGroup {
        let name = try Self.cleanName(name, what: "subgroup")
        guard !name.contains("/") else { throw CondensationError.slashInSubgroupName(name) }
        return try store.pool.write { db in
            let group = try Self.registeredGroup(db, groupName)
            guard group.parentId == nil else { throw CondensationError.notACodeGroup(path: try Self.path(db, group)) }
            let (code, _) = try store.codeCreatingIfNeeded(db, group.name + "/" + name)
            try Self.refuseRetired(db, code)
            try register(db, code)
            return try Self.group(db, group.name + "/" + name)
        }
    }

    /// Links a subgroup to another group as well, for analyses where one theme belongs to two
    /// categories; it then counts, exports and validates under both.
    ///
    /// - Throws: ``CondensationError/invalidLink(subgroup:group:)`` unless it links a subgroup to
    ///   another code group.
    public func link(_ subgroupPath: String, to groupName: String) throws {
        try store.pool.write { db in
            let subgroup = try Self.registeredGroup(db, subgroupPath)
            let group = try Self.registeredGroup(db, groupName)
            guard subgroup.parentId != nil, group.parentId == nil, subgroup.parentId != group.id else {
                throw CondensationError.invalidLink(subgroup: subgroupPath, group: groupName)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO stcLink (subgroupId, groupId) VALUES (?, ?)", arguments: [subgroup.id, group.id])
            if db.changesCount > 0 { try store.log(db, "stc.link", ["subgroup": LogValue(subgroup.id), "group": LogValue(group.id)]) }
        }
    }

    /// Every group and subgroup, groups first with their subgroups after each, with unit and
    /// participant counts.
    public func groups() throws -> [CodeGroup] {
        try store.pool.read { db in try Self.groups(db) }
    }

    /// One group or subgroup, by its path.
    public func group(_ path: String) throws -> CodeGroup {
        try store.pool.read { db in try Self.group(db, path) }
    }
}
