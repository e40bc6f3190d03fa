import Foundation
import GRDB

/// What undoing a coding took back.
public struct UndoneCoding: Hashable, Sendable, Codable {
    public var coding: Coding.ID
    public var segment: Segment.ID
    public var transcript: Transcript.ID
    public var code: Code.ID
    public var result: UncodeResult
}

extension ProjectStore {
    /// Takes back this coder's most recent coding that is still there, found through the event log
    /// (`coding.add` rows), so a coding made from the command line or another window is undone too.
    /// Its removal is logged like any other (`coding.remove`), so the log keeps both steps.
    ///
    /// - Returns: nil when this coder has no coding left to undo.
    /// - Throws: ``StoreError/inUse(_:)`` when it is the segment's last coding and memos hang on the
    ///   segment; nothing is changed then.
    public func undoLastCoding() throws -> UndoneCoding? {
        try pool.write { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT payload FROM event WHERE actor = ? AND action = 'coding.add' ORDER BY id DESC
                """, arguments: [coder])
            while let row = try rows.next() {
                let payload: String = row[0]
                guard let fields = try? JSONDecoder().decode([String: LooseValue].self, from: Data(payload.utf8)),
                      let id = fields["id"]?.uuid, let transcript = fields["transcript"]?.uuid,
                      let coding = try Coding.fetchOne(db, key: id), coding.coder == coder,
                      let segment = try Segment.fetchOne(db, key: coding.segmentId) else { continue }
                let result = try uncode(in: db, segment: segment, codes: [coding.codeId])
                return UndoneCoding(coding: id, segment: segment.id, transcript: transcript, code: coding.codeId, result: result)
            }
            return nil
        }
    }
}

/// A field of an event's JSON payload, read without knowing its type in advance.
private enum LooseValue: Decodable {
    case string(String), other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = (try? container.decode(String.self)).map { .string($0) } ?? .other
    }

    var uuid: UUID? {
        if case let .string(s) = self { return UUID(uuidString: s) }
        return nil
    }
}
