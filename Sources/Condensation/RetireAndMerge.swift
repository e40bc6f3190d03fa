import Foundation
import GRDB
import QualCode

extension Condensation {
    // MARK: - Retiring and merging

    /// Lays a group (with its subgroups) or a subgroup aside: it leaves status, validation and
    /// exports, its codings and texts stay, and a snapshot keeps the analysis as it was. `restore`
    /// brings it back. The snapshot and the change are one transaction: a refused step leaves neither.
    ///
    /// - Throws: ``CondensationError/groupOfSubgroupRetired(subgroup:group:)`` when a subgroup is
    ///   restored while its group is laid aside (its remedy: restore the group).
    public func retire(_ path: String, restore: Bool = false) throws {
        try store.pool.write { db in
            let code = try Self.anyGroup(db, path)
            if restore, let parentId = code.parentId,
               try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stcGroup WHERE codeId = ? AND retiredAt IS NULL", arguments: [parentId]) == 0 {
                let parent = try ProjectStore.code(db, id: parentId)
                throw CondensationError.groupOfSubgroupRetired(subgroup: path, group: parent?.name ?? "?")
            }
            if !restore { try takeSnapshot(db, "Før «\(code.name)» ble lagt bort \(Self.stamp())", unique: true) }
            let ids = [code.id] + (try ProjectStore.codes(db, under: code.id).map(\.id))
            for id in ids {
                try db.execute(sql: "UPDATE stcGroup SET retiredAt = ? WHERE codeId = ?", arguments: [restore ? nil : Date(), id])
            }
            try store.log(db, restore ? "stc.group.restore" : "stc.group.retire", ["code": LogValue(code.id)])
        }
    }

    /// Merges one group or subgroup into another of the same level: its units move over (the core's
    /// code merge), its texts stay with the snapshot taken first, in the same transaction: a refused
    /// merge leaves no snapshot.
    ///
    /// - Throws: ``CondensationError/invalidMerge(source:target:)`` unless both are groups or both
    ///   subgroups, and different; ``StoreError/notFound(what:reference:candidates:suggestions:)`` for a target
    ///   laid aside.
    @discardableResult
    public func merge(_ source: String, into target: String) throws -> CodeChangeReport {
        try store.pool.write { db in
            let from = try Self.registeredGroup(db, source), to = try Self.registeredGroup(db, target)
            guard (from.parentId == nil) == (to.parentId == nil), from.id != to.id else {
                throw CondensationError.invalidMerge(source: source, target: target)
            }
            try takeSnapshot(db, "Før «\(from.name)» ble slått sammen med «\(to.name)» \(Self.stamp())", unique: true)
            // The merged subgroup's links to other groups become the target's (they would go with the code).
            try db.execute(sql: "INSERT OR IGNORE INTO stcLink (subgroupId, groupId) SELECT ?, groupId FROM stcLink WHERE subgroupId = ? AND groupId != ?",
                           arguments: [to.id, from.id, to.parentId ?? to.id])
            return try store.mergeCode(in: db, from.id, into: to.id)
        }
    }

    static func stamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        formatter.timeZone = .current
        return formatter.string(from: Date())
    }
}
