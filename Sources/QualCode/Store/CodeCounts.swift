import Foundation
import GRDB

/// How much each code is used: its own use from the kept tallies, the roll-up of a nested tree counted.
struct CodeCounts {
    struct Usage { var segments: Int; var participants: Int }
    var own: [UUID: Usage] = [:]
    /// The code with everything below it; filled only for a tree with nesting (otherwise it is `own`).
    var rolledUp: [UUID: Usage] = [:]
    var codings: [UUID: Int] = [:]

    /// Every coder's use of each code, or only `coder`'s (a coder's view under blind coding: how much
    /// the others coded is theirs to tell until the codings are compared).
    init(_ db: Database, nested: Bool, coder: String? = nil) throws {
        let live = """
            SELECT DISTINCT codeId, segmentId FROM coding
             WHERE segmentId NOT IN (SELECT id FROM segment WHERE isOrphaned)\(coder == nil ? "" : " AND coder = :coder")
            """
        let arguments: StatementArguments = coder.map { ["coder": $0] } ?? [:]
        if let coder {
            own = try Self.usage(db, pairs: live, arguments)
            for row in try Row.fetchAll(db, sql: """
                SELECT codeId, COUNT(*) FROM coding WHERE coder = ? AND segmentId NOT IN (SELECT id FROM segment WHERE isOrphaned)
                 GROUP BY codeId
                """, arguments: [coder]) {
                codings[row[0]] = row[1]
            }
        } else {
            // A code's own use is kept as it changes (`CodeTally`); only the roll-up of a nested tree is
            // counted here, since a segment coded with a parent and its child counts once.
            for row in try Row.fetchAll(db, sql: """
                SELECT t.codeId, t.segments, t.codings,
                  (SELECT COUNT(*) FROM codeSpeakerTally st WHERE st.codeId = t.codeId AND st.segments > 0) AS participants
                FROM codeTally t
                """) {
                own[row[0]] = Usage(segments: row[1], participants: row[3])
                codings[row[0]] = row[2]
            }
        }
        guard nested else { return }
        rolledUp = try Self.usage(db, pairs: """
            WITH RECURSIVE up(codeId, ancestorId) AS (
                SELECT id, id FROM code
                UNION SELECT up.codeId, c.parentId FROM up JOIN code c ON c.id = up.ancestorId WHERE c.parentId IS NOT NULL)
            SELECT DISTINCT up.ancestorId AS codeId, live.segmentId FROM (\(live)) live JOIN up ON up.codeId = live.codeId
             WHERE live.codeId IN (SELECT id FROM code WHERE parentId IS NOT NULL OR id IN (SELECT parentId FROM code))
            """, arguments)
    }

    /// Segments and participants per code, from a query giving distinct (codeId, segmentId) pairs.
    private static func usage(_ db: Database, pairs: String, _ arguments: StatementArguments = [:]) throws -> [UUID: Usage] {
        var result: [UUID: Usage] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT codeId, COUNT(*) AS n FROM (\(pairs)) GROUP BY codeId", arguments: arguments) {
            result[row["codeId"]] = Usage(segments: row["n"], participants: 0)
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT pairs.codeId, COUNT(DISTINCT sp.participantId) AS n FROM (\(pairs)) pairs
              JOIN segmentSpeaker sp ON sp.segmentId = pairs.segmentId GROUP BY pairs.codeId
            """, arguments: arguments) {
            result[row["codeId"], default: Usage(segments: 0, participants: 0)].participants = row["n"]
        }
        return result
    }
}
