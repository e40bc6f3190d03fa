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
    /// Makes a code group, or registers an existing top-level code as one.
    @discardableResult
    public func addGroup(_ name: String) throws -> CodeGroup {
        let name = try Self.cleanName(name, what: "code group")
        guard !name.contains("/") else {
            throw StoreError.invalidValue(what: "code group", value: name, expected: "a name without «/» (use `stc subgroup add GROUP NAME`)")
        }
        return try store.pool.write { db in
            let (code, _) = try store.codeCreatingIfNeeded(db, name)
            guard code.parentId == nil else {
                throw StoreError.invalidValue(what: "code group", value: name, expected: "a top-level code (this one has a parent)")
            }
            try Self.refuseRetired(db, code)
            try register(db, code)
            return try Self.group(db, name)
        }
    }

    /// Makes a subgroup inside a code group (typically two or three per group).
    @discardableResult
    public func addSubgroup(_ groupName: String, _ name: String) throws -> CodeGroup {
        let name = try Self.cleanName(name, what: "subgroup")
        guard !name.contains("/") else {
            throw StoreError.invalidValue(what: "subgroup", value: name, expected: "a name without «/» (subgroups have no subgroups)")
        }
        return try store.pool.write { db in
            let group = try Self.registeredGroup(db, groupName)
            guard group.parentId == nil else {
                throw StoreError.invalidValue(what: "code group", value: group.name, expected: "a code group, not a subgroup")
            }
            let (code, _) = try store.codeCreatingIfNeeded(db, group.name + "/" + name)
            try Self.refuseRetired(db, code)
            try register(db, code)
            return try Self.group(db, group.name + "/" + name)
        }
    }

    /// Marks a meaning unit in a transcript and sorts it into code groups (made when missing).
    /// Returns the unit, whose id the other commands take.
    @discardableResult
    public func addUnit(_ transcript: Transcript.ID, _ selector: SegmentSelector, groups: [String]) throws -> CodingResult {
        guard !groups.isEmpty else { throw StoreError.emptyName(what: "code group") }
        return try store.pool.write { db in
            let result = try store.code(in: db, [CodingRequest(transcript: transcript, selector: selector, codes: groups)])[0]
            for name in groups {
                let code = try ProjectStore.code(db, name.split(separator: "/").last.map(String.init) ?? name)
                // Two levels only: a group, or a subgroup whose parent is a group.
                let parent = try code.parentId.flatMap { try Code.fetchOne(db, key: $0) }
                if let parent, parent.parentId != nil {
                    throw StoreError.invalidValue(what: "--group", value: name, expected: "a code group or Group/Subgroup (two levels)")
                }
                try Self.refuseRetired(db, code)
                if let parent { try Self.refuseRetired(db, parent) }
                try register(db, code)
                if let parent { try register(db, parent) }
            }
            return result
        }
    }

    /// Sorts a unit into a subgroup (`Group/Subgroup`) or another group; it stays where it was too,
    /// since a unit may sit in several, unless `from` names a group or subgroup to take it out of.
    public func moveUnit(_ unit: String, to path: String, from: String? = nil) throws {
        try store.pool.write { db in
            let segment = try ProjectStore.segment(db, unit)
            let target = try Self.registeredGroup(db, path)
            guard let slug = try String.fetchOne(db, sql: "SELECT slug FROM transcript WHERE id = ?", arguments: [segment.transcriptId]) else {
                throw StoreError.notFound(what: "transcript of unit", reference: unit, candidates: [])
            }
            _ = try store.code(in: db, [CodingRequest(transcript: segment.transcriptId, selector: .offsets(start: segment.start, end: segment.end),
                                                      codes: [try Self.path(db, target)])])
            if let from {
                let source = try Self.registeredGroup(db, from)
                guard source.id != target.id else { return }
                if try store.uncode(in: db, segment: segment, codes: [source.id]).isEmpty {
                    throw StoreError.invalidValue(what: "--from", value: from, expected: "a group or subgroup the unit is in (with your coding)")
                }
                // A unit that leaves is no longer the golden quote or a contradiction there.
                try db.execute(sql: "UPDATE stcGroup SET goldenSegmentId = NULL, goldenText = NULL WHERE codeId = ? AND goldenSegmentId = ?",
                               arguments: [source.id, segment.id])
                try db.execute(sql: "DELETE FROM stcContradiction WHERE codeId = ? AND segmentId = ?", arguments: [source.id, segment.id])
            }
        }
    }

    /// Links a subgroup to another group as well, for analyses where one theme belongs to two
    /// categories; it then counts, exports and validates under both.
    public func link(_ subgroupPath: String, to groupName: String) throws {
        try store.pool.write { db in
            let subgroup = try Self.registeredGroup(db, subgroupPath)
            let group = try Self.registeredGroup(db, groupName)
            guard subgroup.parentId != nil, group.parentId == nil, subgroup.parentId != group.id else {
                throw StoreError.invalidValue(what: "link", value: "\(subgroupPath) → \(groupName)",
                                              expected: "a subgroup and another code group")
            }
            try db.execute(sql: "INSERT OR IGNORE INTO stcLink (subgroupId, groupId) VALUES (?, ?)", arguments: [subgroup.id, group.id])
            if db.changesCount > 0 { try store.log(db, "stc.link", ["subgroup": LogValue(subgroup.id), "group": LogValue(group.id)]) }
        }
    }

    /// Lays a group (with its subgroups) or a subgroup aside: it leaves status, validation and
    /// exports, its codings and texts stay, and a snapshot taken first keeps the analysis as it was.
    /// `restore` brings it back.
    public func retire(_ path: String, restore: Bool = false) throws {
        let code = try store.pool.read { db in try Self.anyGroup(db, path) }
        if !restore { try takeSnapshot("Før «\(code.name)» ble lagt bort \(Self.stamp())", unique: true) }
        try store.pool.write { db in
            if restore, let parentId = code.parentId,
               try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stcGroup WHERE codeId = ? AND retiredAt IS NULL", arguments: [parentId]) == 0 {
                throw StoreError.invalidValue(what: "--restore", value: path, expected: "a subgroup whose group is active (restore the group first)")
            }
            let ids = [code.id] + (try UUID.fetchAll(db, sql: "SELECT id FROM code WHERE parentId = ?", arguments: [code.id]))
            for id in ids {
                try db.execute(sql: "UPDATE stcGroup SET retiredAt = ? WHERE codeId = ?", arguments: [restore ? nil : Date(), id])
            }
            try store.log(db, restore ? "stc.group.restore" : "stc.group.retire", ["code": LogValue(code.id)])
        }
    }

    /// Merges one group or subgroup into another of the same level: its units move over (the core's
    /// code merge), its texts stay with the snapshot taken first.
    @discardableResult
    public func merge(_ source: String, into target: String) throws -> CodeChangeReport {
        let (from, to) = try store.pool.read { db in (try Self.registeredGroup(db, source), try Self.registeredGroup(db, target)) }
        guard (from.parentId == nil) == (to.parentId == nil), from.id != to.id else {
            throw StoreError.invalidValue(what: "merge", value: "\(source) → \(target)", expected: "two groups, or two subgroups")
        }
        try takeSnapshot("Før «\(from.name)» ble slått sammen med «\(to.name)» \(Self.stamp())", unique: true)
        return try store.pool.write { db in
            // The merged subgroup's links to other groups become the target's (they would go with the code).
            try db.execute(sql: "INSERT OR IGNORE INTO stcLink (subgroupId, groupId) SELECT ?, groupId FROM stcLink WHERE subgroupId = ? AND groupId != ?",
                           arguments: [to.id, from.id, to.parentId ?? to.id])
            return try store.mergeCode(in: db, from.name, into: to.name)
        }
    }

    static func stamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        formatter.timeZone = .current
        return formatter.string(from: Date())
    }

    /// A group or subgroup, retired or not, named by its path as ``registeredGroup(_:_:)`` checks it.
    static func anyGroup(_ db: Database, _ reference: String) throws -> Code {
        try registeredGroup(db, reference, includingRetired: true)
    }

    /// Refuses to put work into a retired group: it would not show anywhere.
    static func refuseRetired(_ db: Database, _ code: Code) throws {
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stcGroup WHERE codeId = ? AND retiredAt IS NOT NULL", arguments: [code.id]) ?? 0 > 0 {
            throw StoreError.invalidValue(what: "code group", value: code.name,
                                          expected: "an active group (it was laid aside; bring it back with `stc group retire \(code.name) --restore`)")
        }
    }

    /// One group or subgroup as listed.
    static func group(_ db: Database, _ path: String) throws -> CodeGroup {
        let code = try registeredGroup(db, path)
        guard let group = try groups(db).first(where: { $0.id == code.id }) else {
            throw StoreError.invalidValue(what: "code group", value: path, expected: "a group or a subgroup under an active group")
        }
        return group
    }

    /// Writes the condensate of a subgroup (an artificial first-person quotation, the researcher's
    /// text) and picks its golden quote, a real unit of the subgroup.
    public func condense(_ path: String, text: String?, golden: String?) throws {
        try store.pool.write { db in
            let code = try Self.registeredGroup(db, path)
            guard code.parentId != nil else {
                throw StoreError.invalidValue(what: "subgroup", value: code.name, expected: "a subgroup (Group/Subgroup): condensates are written per subgroup")
            }
            if let text {
                try db.execute(sql: "UPDATE stcGroup SET condensate = ? WHERE codeId = ?", arguments: [Self.cleanText(text), code.id])
            }
            if let golden {
                let segment = try ProjectStore.segment(db, golden)
                guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM coding WHERE segmentId = ? AND codeId = ?",
                                       arguments: [segment.id, code.id]) ?? 0 > 0 else {
                    throw StoreError.invalidValue(what: "golden quote", value: segment.id.shortID,
                                                  expected: "a unit of \(code.name) (sort it there first with `stc unit move`)")
                }
                try db.execute(sql: "UPDATE stcGroup SET goldenSegmentId = ?, goldenText = ? WHERE codeId = ?",
                               arguments: [segment.id, segment.text, code.id])
            }
            try store.log(db, "stc.condense", ["code": LogValue(code.id), "text": .bool(text != nil), "golden": .bool(golden != nil)])
        }
    }

    /// The process log: every unit of the analysis (or of one group), with its participants, place
    /// and groups.
    public func units(group: String? = nil) throws -> [UnitRow] {
        if let group {
            let path = try store.pool.read { db in try Self.path(db, try Self.registeredGroup(db, group)) }
            return try store.units(code: path)
        }
        let names = Set(try groups().map(\.name))
        return try store.units().filter { !Set($0.codes).isDisjoint(with: names) }
    }

    /// Writes the analytic text of a group or subgroup (step 4) under its category heading.
    public func analyse(_ path: String, heading: String?, text: String?) throws {
        try store.pool.write { db in
            let code = try Self.registeredGroup(db, path)
            if let heading {
                try db.execute(sql: "UPDATE stcGroup SET heading = ? WHERE codeId = ?",
                               arguments: [try Self.cleanName(heading, what: "category heading"), code.id])
            }
            if let text { try db.execute(sql: "UPDATE stcGroup SET analyticText = ? WHERE codeId = ?", arguments: [Self.cleanText(text), code.id]) }
            try store.log(db, "stc.analyse", ["code": LogValue(code.id), "heading": .bool(heading != nil), "text": .bool(text != nil)])
        }
    }

    /// Every group and subgroup, groups first with their subgroups after each, with unit and
    /// participant counts.
    public func groups() throws -> [CodeGroup] {
        try store.pool.read { db in try Self.groups(db) }
    }

    public func group(_ path: String) throws -> CodeGroup {
        try store.pool.read { db in try Self.group(db, path) }
    }

    // MARK: - Helpers

    func register(_ db: Database, _ code: Code) throws {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stcGroup WHERE codeId = ?", arguments: [code.id]) == 0 else { return }
        try db.execute(sql: "INSERT INTO stcGroup (codeId, createdAt) VALUES (?, ?)", arguments: [code.id, Date()])
        try store.log(db, "stc.group.add", ["code": LogValue(code.id), "name": .string(code.name)])
    }

    /// The code a group reference names (`Balansekunst` or `Balansekunst/Sparringspartner`), which must
    /// be a registered group or subgroup.
    static func registeredGroup(_ db: Database, _ reference: String, includingRetired: Bool = false) throws -> Code {
        let name = reference.split(separator: "/").last.map(String.init) ?? reference
        let code = try ProjectStore.code(db, name)
        let registered = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stcGroup WHERE codeId = ?" + (includingRetired ? "" : " AND retiredAt IS NULL"),
                                          arguments: [code.id]) ?? 0 > 0
        let parts = reference.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let expected = try path(db, code).split(separator: "/").map { $0.lowercased() }
        // A subgroup linked to another group may be named under that group too.
        let linked = try String.fetchAll(db, sql: "SELECT c.name FROM stcLink l JOIN code c ON c.id = l.groupId WHERE l.subgroupId = ?",
                                         arguments: [code.id]).map { [$0.lowercased(), code.name.lowercased()] }
        guard registered, parts == Array(expected.suffix(parts.count)) || linked.contains(parts) else {
            let names = try String.fetchAll(db, sql: "SELECT c.name FROM stcGroup g JOIN code c ON c.id = g.codeId WHERE g.retiredAt IS NULL ORDER BY c.name")
            throw StoreError.notFound(what: "code group", reference: reference, candidates: names)
        }
        return code
    }

    static func path(_ db: Database, _ code: Code) throws -> String {
        guard let parentId = code.parentId, let parent = try Code.fetchOne(db, key: parentId) else { return code.name }
        return parent.name + "/" + code.name
    }

    static func groups(_ db: Database) throws -> [CodeGroup] {
        try GroupStructure.read(db).codeGroups
    }
}
