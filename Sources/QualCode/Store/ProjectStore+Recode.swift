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
            let request = CodingRequest(transcript: segment.transcriptId, selector: .offsets(start: segment.start, end: segment.end),
                                        codes: [to], newCodes: newCodes)
            let coded = try code(in: db, [request])[0]
            // Two segments can share a span after a transcript edit; the coding must stay on this one.
            guard coded.segment.id == segment.id else {
                throw StoreError.invalidValue(what: "segment", value: segment.id.shortID,
                                              expected: "a segment no other segment shares its span with (remove the codings of one of them first)")
            }
            let index = try CodeIndex(db)
            guard let target = coded.codeIDs.first, target != from else { throw StoreError.unchanged(.coding, name: index.label(of: from)) }
            _ = try uncode(in: db, segment: segment, codes: [from])
            return RecodeResult(segment: coded.segment, from: index.label(of: from), to: index.label(of: target), toCodeID: target,
                                createdCodes: coded.createdCodes, wasAlreadyCoded: !coded.alreadyPresent.isEmpty)
        }
    }
}
