import Foundation
import GRDB
import QualCode

extension Condensation {
    // MARK: - Condensates and analytic texts

    /// Writes the condensate of a subgroup (an artificial first-person quotation, the researcher's
    /// text) and picks its golden quote, a real unit of the subgroup.
    ///
    /// - Throws: ``CondensationError/notASubgroup(path:)`` for a code group,
    ///   ``CondensationError/goldenQuoteNotAUnit(unit:subgroup:)`` (its remedy: sort the unit there first).
    ///   ``StoreError/missing(_:_:)`` for an unknown golden unit.
    public func condense(_ path: String, text: String?, golden: Segment.ID?) throws {
        try store.pool.write { db in
            let code = try Self.registeredGroup(db, path)
            guard code.parentId != nil else { throw CondensationError.notASubgroup(path: code.name) }
            if let text {
                try db.execute(sql: "UPDATE stcGroup SET condensate = ? WHERE codeId = ?", arguments: [Self.cleanText(text), code.id])
            }
            if let golden {
                guard let segment = try ProjectStore.segment(db, id: golden) else { throw StoreError.missing(.segment, golden) }
                guard try ProjectStore.isCoded(db, segment: segment.id, with: code.id) else {
                    throw CondensationError.goldenQuoteNotAUnit(unit: segment.id, subgroup: try Self.path(db, code))
                }
                try db.execute(sql: "UPDATE stcGroup SET goldenSegmentId = ?, goldenText = ? WHERE codeId = ?",
                               arguments: [segment.id, segment.text, code.id])
            }
            try store.log(db, "stc.condense", ["code": LogValue(code.id), "text": .bool(text != nil), "golden": .bool(golden != nil)])
        }
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
}
