import Foundation
import GRDB

/// A memo with a readable name for what it is attached to.
public struct MemoEntry: Hashable, Sendable, Codable {
    public var id: UUID
    public var on: String
    public var text: String
    public var author: String
    public var createdAt: Date
}

extension ProjectStore {
    /// Parses `project`, `transcript:eva`, `participant:Eva`, `code:Trivsel` or `segment:1a2b3c4d`.
    func memoTarget(_ db: Database, _ reference: String) throws -> (MemoTarget, String) {
        if reference.lowercased() == "project" { return (.project, "project") }
        let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = MemoTarget.Kind(rawValue: parts[0].lowercased()), kind != .project else {
            throw StoreError.invalidInput(.memoTarget, value: reference,
                                          expected: "project, transcript:NAME, participant:PSEUDONYM, code:NAME or segment:ID")
        }
        switch kind {
        case .transcript:
            let t = try Self.transcript(db, parts[1]); return (MemoTarget(kind: kind, id: t.id), "transcript:\(t.slug)")
        case .participant:
            let p = try Self.participant(db, parts[1]); return (MemoTarget(kind: kind, id: p.id), "participant:\(p.pseudonym)")
        case .code:
            let c = try Self.code(db, parts[1]); return (MemoTarget(kind: kind, id: c.id), "code:\(c.name)")
        case .segment:
            let s = try Self.segment(db, parts[1]); return (MemoTarget(kind: kind, id: s.id), "segment:\(s.id.shortID)")
        case .project:
            return (.project, "project")
        }
    }

    /// Attaches a memo to the project or one of its records.
    @discardableResult
    public func addMemo(on reference: String = "project", text: String) throws -> MemoEntry {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalidValue(what: "memo", value: text, expected: "some text")
        }
        return try pool.write { db in
            let (target, name) = try memoTarget(db, reference)
            let memo = Memo(target: target, text: text.precomposedStringWithCanonicalMapping, author: coder)
            try memo.insert(db)
            try log(db, "memo.add", ["id": LogValue(memo.id), "on": .string(target.kind.rawValue), "target": target.id.map { LogValue($0) } ?? .null])
            return MemoEntry(id: memo.id, on: name, text: memo.text, author: memo.author, createdAt: memo.createdAt)
        }
    }

    /// Memos, oldest first; only those on `reference` when given.
    public func memos(on reference: String? = nil) throws -> [MemoEntry] {
        try pool.read { db in
            var request = Memo.order(Memo.Columns.createdAt)
            if let reference {
                let (target, _) = try memoTarget(db, reference)
                request = request.filter(Memo.Columns.targetKind == target.kind.rawValue)
                if let id = target.id { request = request.filter(Memo.Columns.targetId == id) }
            }
            return try request.fetchAll(db).map { memo in
                MemoEntry(id: memo.id, on: try Self.describe(db, memo), text: memo.text, author: memo.author, createdAt: memo.createdAt)
            }
        }
    }

    private static func describe(_ db: Database, _ memo: Memo) throws -> String {
        guard let id = memo.targetId else { return "project" }
        switch memo.targetKind {
        case .project: return "project"
        case .transcript: return "transcript:" + (try Transcript.fetchOne(db, key: id)?.slug ?? "?")
        case .participant: return "participant:" + (try Participant.fetchOne(db, key: id)?.pseudonym ?? "?")
        case .code: return "code:" + (try Code.fetchOne(db, key: id)?.name ?? "?")
        case .segment: return "segment:" + id.shortID
        }
    }
}
