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
    /// stands is passed over: a coding removed since, a change whose old code was deleted or whose
    /// segment lost its text to an edit.
    ///
    /// - Returns: nil when this coder has no coding left to undo.
    /// - Throws: ``StoreError/inUse(_:)`` when it is the segment's last coding and memos hang on the
    ///   segment; nothing is changed then.
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
                    guard let replaced = fields["replaces"]?.uuid, let old = fields["from"]?.uuid,
                          let coding = try Coding.fetchOne(db, key: id), coding.coder == coder,
                          try Coding.fetchOne(db, key: replaced) == nil, try Code.fetchOne(db, key: old) != nil,
                          let segment = try Segment.fetchOne(db, key: coding.segmentId), !segment.isOrphaned,
                          try Coding.filter(Coding.Columns.segmentId == segment.id && Coding.Columns.codeId == old
                                            && Coding.Columns.coder == coder).fetchCount(db) == 0 else { continue }
                    try Coding(id: replaced, segmentId: segment.id, codeId: old, coder: coder, createdAt: Date()).insert(db)
                    try logCodingAdded(db, replaced, segment: segment, code: old, step: marking)
                    // A code the segment had before the change stays; only one the change gave it goes.
                    let result = fields["wasPresent"]?.isTrue == true
                        ? UncodeResult(removed: [], removedCodeIDs: [], segmentDeleted: false, memosDeleted: 0)
                        : try uncode(in: db, segment: segment, codes: [coding.codeId], step: marking)
                    return UndoneCoding(coding: id, segment: segment.id, transcript: segment.transcriptId, code: coding.codeId,
                                        result: result, restored: try CodeIndex(db).label(of: old))
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
