import Foundation
import GRDB

/// What changing a coding's code did.
public struct RecodeResult: Hashable, Sendable, Codable {
    public var segment: SegmentInfo
    /// The labels of the code left and the code taken, and the id of the one taken.
    public var from: String
    public var to: String
    public var toCodeID: Code.ID
    /// Codes that did not exist and were created, by path.
    public var createdCodes: [String]
    /// The coder had the new code on the segment already: the old coding just went.
    public var wasAlreadyCoded: Bool
}

extension ProjectStore {
    /// Moves this coder's coding of `from` on a segment to the code `to` (a path, created as
    /// `newCodes` says), in one transaction. The segment stays, and with it its memos and its quote's
    /// edits, which a removal and a new coding would lose when the segment was left with no codes.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` for an unknown segment, ``StoreError/notFound(what:reference:candidates:suggestions:)``
    ///   when this coder has no coding of `from` there, ``StoreError/unchanged(_:name:)`` when `to` is `from`,
    ///   ``StoreError/similarCode(name:similar:)`` as for coding; nothing is changed then.
    @discardableResult
    public func recode(segment id: Segment.ID, from: Code.ID, to: String, newCodes: NewCodes = .create) throws -> RecodeResult {
        _ = try Self.codePath(to)
        return try pool.write { db in
            guard let segment = try Segment.fetchOne(db, key: id) else { throw StoreError.missing(.segment, id) }
            if segment.isOrphaned {
                throw StoreError.invalidValue(what: "segment", value: segment.id.shortID,
                                              expected: "a segment whose text is still in the transcript (this one was orphaned by an edit)")
            }
            let mine = Coding.filter(Coding.Columns.segmentId == segment.id && Coding.Columns.codeId == from && Coding.Columns.coder == coder)
            guard try mine.fetchCount(db) > 0 else {
                let label = (try? CodeIndex(db).label(of: from)) ?? from.shortID
                throw StoreError.notFound(what: "coding", reference: "\(label) by \(coder) on segment \(segment.id.shortID)", candidates: [])
            }
            // On this segment by its id: another segment can share its span after a transcript edit.
            let (target, wasCreated) = try codeCreatingIfNeeded(db, to, newCodes: newCodes)
            guard target.id != from else { throw StoreError.unchanged(.coding, name: try CodeIndex(db).label(of: from)) }
            let present = try Coding.filter(Coding.Columns.segmentId == segment.id && Coding.Columns.codeId == target.id
                                            && Coding.Columns.coder == coder).fetchOne(db)
            let new = present ?? Coding(segmentId: segment.id, codeId: target.id, coder: coder)
            if present == nil {
                try new.insert(db)
                try logCodingAdded(db, new.id, segment: segment, code: target.id, step: ["partOf": "coding.change"])
            }
            let old = try mine.fetchOne(db)!
            _ = try uncode(in: db, segment: segment, codes: [from], step: ["partOf": "coding.change"])
            // One event for the change as a whole, so an undo can move the coding back (``undoLastCoding()``).
            try log(db, "coding.change", [
                "id": LogValue(new.id), "replaces": LogValue(old.id), "segment": LogValue(segment.id),
                "transcript": LogValue(segment.transcriptId), "from": LogValue(from), "code": LogValue(target.id),
                "wasPresent": .bool(present != nil),
            ])
            let index = try CodeIndex(db)
            guard let row = try Self.segmentRows(db, in: .listed([segment.id])).first else { throw StoreError.missing(.segment, segment.id) }
            return RecodeResult(segment: row.info, from: index.label(of: from), to: index.label(of: target.id), toCodeID: target.id,
                                createdCodes: wasCreated ? [index.path(of: target.id)] : [], wasAlreadyCoded: present != nil)
        }
    }
}
