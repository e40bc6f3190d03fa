import Foundation
import GRDB

/// Which segments a listing reads, as an SQL list to follow `IN`. The listing reads the segments, their
/// codes and their speakers through the same list, so a code's 8,000 segments are found through the
/// coding index each time rather than by looking every one of them up in the segment table again.
package struct SegmentSet {
    /// A parenthesised subquery or value list of segment ids; nil for every segment.
    package let list: String?
    package let arguments: StatementArguments

    package static let every = SegmentSet(list: nil, arguments: [])

    /// The segments carrying any of `codes`.
    package static func carrying(_ codes: [Code.ID]) -> SegmentSet {
        SegmentSet(list: "(SELECT segmentId FROM coding WHERE codeId IN (\(databaseQuestionMarks(count: codes.count))))",
                   arguments: StatementArguments(codes))
    }

    /// The segments in one transcript.
    package static func inTranscript(_ transcript: Transcript.ID) -> SegmentSet {
        SegmentSet(list: "(SELECT id FROM segment WHERE transcriptId = ?)", arguments: [transcript])
    }

    /// The segments named, e.g. one page of a longer listing.
    package static func listed(_ ids: [UUID]) -> SegmentSet {
        ids.isEmpty ? SegmentSet(list: "(SELECT NULL WHERE 0)", arguments: [])
            : SegmentSet(list: "(\(databaseQuestionMarks(count: ids.count)))", arguments: StatementArguments(ids))
    }

    /// `column IN list`, or a condition every row meets.
    package func contains(_ column: String) -> String { list.map { "\(column) IN \($0)" } ?? "1" }
}
