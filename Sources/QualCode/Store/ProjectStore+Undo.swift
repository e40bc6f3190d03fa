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
    /// so a coding made from the command line or another window is undone too: a new coding
    /// (`coding.add`) is removed; a change of code (`coding.change`, ``recode(segment:from:to:newCodes:)``)
    /// is moved back, the old coding with its own id, so the segment, its memos and quote edits stay
    /// and a further undo takes back the coding before it. What the undo does is logged like any other
    /// step, so the log keeps both.
    ///
    /// - Returns: nil when this coder has no coding left to undo.
    /// - Throws: ``StoreError/inUse(_:)`` when it is the segment's last coding and memos hang on the
    ///   segment; nothing is changed then.
    public func undoLastCoding() throws -> UndoneCoding? {
        try pool.write { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT action, payload FROM event WHERE actor = ? AND action IN ('coding.add', 'coding.change') ORDER BY id DESC
                """, arguments: [coder])
            // Codings added after the event being looked at: a change whose old coding came back was undone.
            var addedLater = Set<UUID>()
            while let row = try rows.next() {
                let action: String = row[0], payload: String = row[1]
                guard let fields = try? JSONDecoder().decode([String: LooseValue].self, from: Data(payload.utf8)),
                      let id = fields["id"]?.uuid else { continue }
                if action == "coding.add" {
                    defer { addedLater.insert(id) }
                    guard let transcript = fields["transcript"]?.uuid, let coding = try Coding.fetchOne(db, key: id), coding.coder == coder,
                          let segment = try Segment.fetchOne(db, key: coding.segmentId) else { continue }
                    let result = try uncode(in: db, segment: segment, codes: [coding.codeId])
                    return UndoneCoding(coding: id, segment: segment.id, transcript: transcript, code: coding.codeId, result: result)
                }
                guard let replaced = fields["replaces"]?.uuid, let old = fields["from"]?.uuid, !addedLater.contains(replaced),
                      let coding = try Coding.fetchOne(db, key: id), coding.coder == coder,
                      try Coding.fetchOne(db, key: replaced) == nil, try Code.fetchOne(db, key: old) != nil,
                      let segment = try Segment.fetchOne(db, key: coding.segmentId), !segment.isOrphaned,
                      try Coding.filter(Coding.Columns.segmentId == segment.id && Coding.Columns.codeId == old
                                        && Coding.Columns.coder == coder).fetchCount(db) == 0 else { continue }
                let back = Coding(id: replaced, segmentId: segment.id, codeId: old, coder: coder, createdAt: Date())
                try back.insert(db)
                try logCodingAdded(db, back.id, segment: segment, code: old)
                // A code the segment had before the change stays; only one the change gave it goes.
                let result = fields["wasPresent"]?.isTrue == true
                    ? UncodeResult(removed: [], removedCodeIDs: [], segmentDeleted: false, memosDeleted: 0)
                    : try uncode(in: db, segment: segment, codes: [coding.codeId])
                return UndoneCoding(coding: id, segment: segment.id, transcript: segment.transcriptId, code: coding.codeId,
                                    result: result, restored: try CodeIndex(db).label(of: old))
            }
            return nil
        }
    }
}

/// A field of an event's JSON payload, read without knowing its type in advance.
private enum LooseValue: Decodable {
    case string(String), bool(Bool), other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else {
            self = .other
        }
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
