import Foundation
import GRDB

/// Memos by id, else by what they are on, who wrote them and what they say; a memo both copies hold
/// whose text differs keeps ours.
enum MergeMemos {
    static func merge(_ context: MergeContext) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        context.declare(.memo)
        for memo in try Memo.order(Column.rowID).fetchAll(theirs) {
            var new = memo
            new.targetId = try target(context, memo)
            if let mine = try Memo.fetchOne(ours, key: memo.id) {
                context.memos[memo.id] = mine.id
                context.matched(.memo)
                context.compare(.memo, "\(memo.targetKind.rawValue) · \(memo.author)", .text, ours: mine.text, theirs: memo.text)
                continue
            }
            if let same = try UUID.fetchOne(ours, sql: """
                SELECT id FROM memo WHERE targetKind = ? AND targetId IS ? AND author = ? AND text = ? LIMIT 1
                """, arguments: [memo.targetKind, new.targetId, memo.author, memo.text]) {
                context.memos[memo.id] = same
                context.matched(.memo)
                continue
            }
            try new.insert(ours)
            context.memos[memo.id] = new.id
            context.added(.memo)
        }
    }

    /// What the memo is on, here; a memo on a record its copy had deleted keeps the id it named.
    private static func target(_ context: MergeContext, _ memo: Memo) throws -> UUID? {
        guard let id = memo.targetId else { return nil }
        switch memo.targetKind {
        case .project: return nil
        case .transcript: return context.transcripts[id] ?? id
        case .participant: return context.participants[id] ?? id
        case .code: return context.codes[id] ?? id
        case .segment: return context.segments[id] ?? id
        }
    }
}
