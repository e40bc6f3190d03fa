import Foundation
import GRDB
import QualCode

extension Condensation {
    // MARK: - Units and moving them

    /// Marks a meaning unit in a transcript and sorts it into code groups (made when missing).
    /// Returns the unit, whose id the other steps take.
    ///
    /// - Throws: ``CondensationError/tooDeep(path:)`` for a path more than two levels down,
    ///   ``CondensationError/groupRetired(path:)``; the core's ``StoreError`` for the transcript and
    ///   the selection.
    @discardableResult
    public func addUnit(_ transcript: Transcript.ID, _ selector: SegmentSelector, groups: [String]) throws -> CodingResult {
        guard !groups.isEmpty else { throw StoreError.emptyName(what: "code group") }
        return try store.pool.write { db in
            // A group named here is a registered group (or subgroup) of that name, or one made at the top:
            // never an ordinary code of the same name somewhere below («Ledelse/Tillit» for «Tillit»).
            let references = try groups.map { name in
                if name.hasPrefix("/") { return name }
                if let registered = try? Self.registeredGroup(db, name) { return "/" + (try Self.corePath(db, registered)) }
                return "/" + name
            }
            let result = try store.code(in: db, [CodingRequest(transcript: transcript, selector: selector, codes: references)])[0]
            for (name, reference) in zip(groups, references) {
                // The code the coding just used, named as it was given: a path resolves as a path.
                let code = try ProjectStore.code(db, reference)
                // Two levels only: a group, or a subgroup whose parent is a group.
                let parent = try code.parentId.flatMap { try ProjectStore.code(db, id: $0) }
                if let parent, parent.parentId != nil { throw CondensationError.tooDeep(path: name) }
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
    ///
    /// - Throws: ``CondensationError/unitNotInSource(unit:source:)`` when `from` does not hold the unit.
    /// ``StoreError/missing(_:_:)`` for an unknown unit.
    public func moveUnit(_ unit: Segment.ID, to path: String, from: String? = nil) throws {
        try store.pool.write { db in
            guard let segment = try ProjectStore.segment(db, id: unit) else { throw StoreError.missing(.segment, unit) }
            let target = try Self.registeredGroup(db, path)
            _ = try store.code(in: db, [CodingRequest(transcript: segment.transcriptId, selector: .offsets(start: segment.start, end: segment.end),
                                                      codes: [try Self.corePath(db, target)])])
            if let from {
                let source = try Self.registeredGroup(db, from)
                guard source.id != target.id else { return }
                if try store.uncode(in: db, segment: segment, codes: [source.id]).removed.isEmpty {
                    throw CondensationError.unitNotInSource(unit: segment.id, source: from)
                }
                // A unit that leaves is no longer the golden quote or a contradiction there.
                try db.execute(sql: "UPDATE stcGroup SET goldenSegmentId = NULL, goldenText = NULL WHERE codeId = ? AND goldenSegmentId = ?",
                               arguments: [source.id, segment.id])
                try db.execute(sql: "DELETE FROM stcContradiction WHERE codeId = ? AND segmentId = ?", arguments: [source.id, segment.id])
            }
        }
    }

    /// The process log: every unit of the analysis (or of one group), with its participants, place
    /// and groups.
    public func units(group: String? = nil) throws -> [UnitRow] {
        if let group {
            // A group holds its subgroups' units.
            let code = try store.pool.read { db in try Self.registeredGroup(db, group) }
            return try store.units(code: code.id, includeChildren: true)
        }
        let ids = Set(try groups().map(\.id))
        return try store.units().filter { !Set($0.codeIDs).isDisjoint(with: ids) }
    }
}
