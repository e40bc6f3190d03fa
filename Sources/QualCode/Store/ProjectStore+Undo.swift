import Foundation
import GRDB

/// What undoing a coding took back.
public struct UndoneCoding: Hashable, Sendable, Codable {
    /// The coding taken away: the one made, or the one a change of code made.
    public var coding: Coding.ID
    public var segment: Segment.ID
    public var transcript: Transcript.ID
    public var code: Code.ID
    public var result: UncodeResult
    /// When the step undone was a change of code: the label of the code the segment has again.
    public var restored: String?
}

extension ProjectStore {
    /// Takes back this coder's most recent coding step that still stands, found through the event log,
    /// so a coding made from the command line or another window is undone too. A step is a new coding
    /// (`coding.add`), which is removed, or a change of code (`coding.change`,
    /// ``recode(segment:from:to:newCodes:)``), which is moved back: the old coding returns with its own
    /// id, so the segment, its memos and quote edits stay and a further undo reaches the coding before it.
    ///
    /// What an undo writes is logged like any other change, marked with the step it took back
    /// (`undoes`), so it is never a step itself and that step is not undone twice. A step that no longer
    /// stands is passed over (a coding removed since, a change changed again); a change that stands but
    /// cannot go back (its old code deleted, its passage edited away) is refused, so an undo never takes
    /// back an older step the coder is not looking at.
    ///
    /// - Returns: nil when this coder has no coding left to undo.
    /// - Throws: ``StoreError/inUse(_:)`` when it is the segment's last coding and memos hang on the
    ///   segment, ``StoreError/cannotUndo(step:reason:)``; nothing is changed then.
    public func undoLastCoding() throws -> UndoneCoding? {
        try pool.write { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, action, payload FROM event
                WHERE actor = ? AND action IN ('coding.add', 'coding.change', 'coding.remove') ORDER BY id DESC
                """, arguments: [coder])
            var undone = Set<Int64>()
            while let row = try rows.next() {
                let event: Int64 = row[0], action: String = row[1], payload: String = row[2]
                guard let fields = try? JSONDecoder().decode([String: LooseValue].self, from: Data(payload.utf8)) else { continue }
                if let step = fields["undoes"]?.int { undone.insert(Int64(step)); continue }
                guard !undone.contains(event), fields["partOf"] == nil, let id = fields["id"]?.uuid else { continue }
                let marking: [String: LogValue] = ["undoes": .int(Int(event))]
                switch action {
                case "coding.add":
                    guard let coding = try Coding.fetchOne(db, key: id), coding.coder == coder,
                          let segment = try Segment.fetchOne(db, key: coding.segmentId) else { continue }
                    let result = try uncode(in: db, segment: segment, codes: [coding.codeId], step: marking)
                    return UndoneCoding(coding: id, segment: segment.id, transcript: segment.transcriptId, code: coding.codeId, result: result)
                case "coding.change":
                    // A change stands while its new coding does and the old one has not come back.
                    guard let replaced = fields["replaces"]?.uuid, let old = fields["from"]?.uuid,
                          let coding = try Coding.fetchOne(db, key: id), coding.coder == coder,
                          try Coding.fetchOne(db, key: replaced) == nil,
                          let segment = try Segment.fetchOne(db, key: coding.segmentId) else { continue }
                    let index = try CodeIndex(db)
                    let step = "changing «\(segment.text.truncated(to: 40))» from \(index.byID[old].map { index.label(of: $0.id) } ?? "a deleted code") "
                        + "to \(index.label(of: coding.codeId))"
                    guard index.byID[old] != nil else { throw StoreError.cannotUndo(step: step, reason: "the old code no longer exists") }
                    guard !segment.isOrphaned else {
                        throw StoreError.cannotUndo(step: step, reason: "the passage is no longer in the transcript (it was edited)")
                    }
                    let hasOld = try Coding.filter(Coding.Columns.segmentId == segment.id && Coding.Columns.codeId == old
                                                   && Coding.Columns.coder == coder).fetchCount(db) > 0
                    let wasPresent = fields["wasPresent"]?.isTrue == true
                    // Coded with the old code again since, and the new one was there before: nothing to take back.
                    if hasOld && wasPresent { continue }
                    // Coded with the old code again since: only the change's new coding goes.
                    if !hasOld {
                        try Coding(id: replaced, segmentId: segment.id, codeId: old, coder: coder, createdAt: Date()).insert(db)
                        try logCodingAdded(db, replaced, segment: segment, code: old, step: marking)
                    }
                    // A code the segment had before the change stays; only one the change gave it goes.
                    let result = wasPresent
                        ? UncodeResult(removed: [], removedCodeIDs: [], segmentDeleted: false, memosDeleted: 0)
                        : try uncode(in: db, segment: segment, codes: [coding.codeId], step: marking)
                    return UndoneCoding(coding: id, segment: segment.id, transcript: segment.transcriptId, code: coding.codeId,
                                        result: result, restored: index.label(of: old))
                default:
                    continue
                }
            }
            return nil
        }
    }
}

/// A field of an event's JSON payload, read without knowing its type in advance.
private enum LooseValue: Decodable {
    case string(String), int(Int), bool(Bool), other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else {
            self = .other
        }
    }

    var int: Int? {
        if case let .int(n) = self { return n }
        return nil
    }

    var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }

    var uuid: UUID? {
        if case let .string(s) = self { return UUID(uuidString: s) }
        return nil
    }
}
