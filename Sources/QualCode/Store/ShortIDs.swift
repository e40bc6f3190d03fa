import Foundation
import GRDB

extension ProjectStore {
    /// The id in `table` that `reference` names: the whole id, or its last hex digits as listings print
    /// them (``Foundation/UUID/shortID``, eight; at least four are taken). Segments, memos and quote
    /// exports are named this way.
    ///
    /// Eight or more digits are looked up through an index on the last eight (`segmentByShortId`,
    /// `memoByShortId`) where the table has one; fewer need a scan.
    ///
    /// - Throws: ``StoreError/notFound(what:reference:candidates:)``, or
    ///   ``StoreError/ambiguous(what:reference:candidates:)`` with the short ids that fit.
    package static func id(_ db: Database, in table: String, what: String, _ reference: String) throws -> UUID {
        let key = reference.trimmingCharacters(in: .whitespaces).lowercased()
        if let id = UUID(uuidString: key),
           try Bool.fetchOne(db, sql: "SELECT 1 FROM \"\(table)\" WHERE id = ?", arguments: [id]) != nil {
            return id
        }
        let hex = key.replacingOccurrences(of: "-", with: "")
        // Four digits at least: dashes are no digits (`----` would name every id).
        guard hex.count >= 4, key.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw StoreError.notFound(what: what, reference: reference, candidates: [])
        }
        let matches = hex.count >= 8
            ? try UUID.fetchAll(db, sql: "SELECT id FROM \"\(table)\" WHERE substr(lower(hex(id)), 25) = ?", arguments: [String(hex.suffix(8))])
                .filter { $0.uuidString.lowercased().replacingOccurrences(of: "-", with: "").hasSuffix(hex) }
            : try UUID.fetchAll(db, sql: "SELECT id FROM \"\(table)\" WHERE lower(hex(id)) LIKE ?", arguments: ["%" + hex])
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty { throw StoreError.notFound(what: what, reference: reference, candidates: []) }
        // Ids that share their last eight digits are told apart by the whole id.
        let short = matches.map(\.shortID)
        let names = Set(short).count == short.count ? short : matches.map { $0.uuidString.lowercased() }
        throw StoreError.ambiguous(what: what, reference: reference, candidates: names.sorted())
    }
}
