import Foundation
import GRDB

/// A memo with what it is attached to: the record's kind and id, and a readable name for it.
public struct MemoEntry: Hashable, Sendable, Codable {
    public var id: UUID
    /// A readable name for the target (`transcript:intervju-eva`, `code:Tillit`, `project`).
    public var on: String
    public var text: String
    public var author: String
    public var createdAt: Date
    /// The kind of record the memo is about.
    public var targetKind: MemoTarget.Kind
    /// The record the memo is about; nil for a project memo.
    public var targetId: UUID?
}

extension ProjectStore {
    /// The reference syntax a memo target is written in, for the resolver.
    static let memoTargetSyntax = "project, transcript:NAME, participant:PSEUDONYM, code:NAME or segment:ID"

    /// Parses `project`, `transcript:eva`, `participant:Eva`, `code:Trivsel` or `segment:1a2b3c4d`.
    static func memoTarget(_ db: Database, _ reference: String) throws -> MemoTarget {
        if reference.lowercased() == "project" { return .project }
        let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = MemoTarget.Kind(rawValue: parts[0].lowercased()), kind != .project else {
            throw StoreError.invalidInput(.memoTarget, value: reference, expected: memoTargetSyntax)
        }
        switch kind {
        case .transcript: return .transcript(try Self.transcript(db, parts[1]).id)
        case .participant: return .participant(try Self.participant(db, parts[1]).id)
        case .code: return .code(try Self.code(db, parts[1]).id)
        case .segment: return .segment(try Self.segment(db, parts[1]).id)
        case .project: return .project
        }
    }

    /// Checks that a target names a record that exists (and that only a project target has no id).
    static func requireExisting(_ db: Database, _ target: MemoTarget) throws {
        guard let id = target.id else {
            guard target.kind == .project else {
                throw StoreError.invalidInput(.memoTarget, value: target.kind.rawValue, expected: memoTargetSyntax)
            }
            return
        }
        let exists: Bool
        let kind: RecordKind
        switch target.kind {
        case .project: return
        case .transcript: (exists, kind) = (try Transcript.exists(db, key: id), .transcript)
        case .participant: (exists, kind) = (try Participant.exists(db, key: id), .participant)
        case .code: (exists, kind) = (try Code.exists(db, key: id), .code)
        case .segment: (exists, kind) = (try Segment.exists(db, key: id), .segment)
        }
        guard exists else { throw StoreError.missing(kind, id) }
    }

    /// Attaches a memo to the project or one of its records.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when the target's record does not exist.
    @discardableResult
    public func addMemo(on target: MemoTarget = .project, text: String) throws -> MemoEntry {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalidValue(what: "memo", value: text, expected: "some text")
        }
        return try pool.write { db in
            try Self.requireExisting(db, target)
            let memo = Memo(target: target, text: text.precomposedStringWithCanonicalMapping, author: coder)
            try memo.insert(db)
            try log(db, "memo.add", ["id": LogValue(memo.id), "on": .string(target.kind.rawValue), "target": target.id.map { LogValue($0) } ?? .null])
            return try Self.entry(db, memo)
        }
    }

    /// Memos, oldest first; only those on `target` when given (``MemoTarget/project`` gives the project's
    /// own memos).
    public func memos(on target: MemoTarget? = nil) throws -> [MemoEntry] {
        try pool.read { db in
            var request = Memo.order(Memo.Columns.createdAt)
            if let target {
                try Self.requireExisting(db, target)
                request = request.filter(Memo.Columns.targetKind == target.kind.rawValue)
                if let id = target.id { request = request.filter(Memo.Columns.targetId == id) }
            }
            return try request.fetchAll(db).map { try Self.entry(db, $0) }
        }
    }

    private static func entry(_ db: Database, _ memo: Memo) throws -> MemoEntry {
        MemoEntry(id: memo.id, on: try describe(db, memo), text: memo.text, author: memo.author, createdAt: memo.createdAt,
                  targetKind: memo.targetKind, targetId: memo.targetId)
    }

    private static func describe(_ db: Database, _ memo: Memo) throws -> String {
        guard let id = memo.targetId else { return "project" }
        switch memo.targetKind {
        case .project: return "project"
        case .transcript: return "transcript:" + (try Transcript.fetchOne(db, key: id)?.slug ?? "?")
        case .participant: return "participant:" + (try Participant.fetchOne(db, key: id)?.pseudonym ?? "?")
        case .code: return "code:" + (try Code.fetchOne(db, key: id).map { try path(db, of: $0) } ?? "?")
        case .segment: return "segment:" + id.shortID
        }
    }
}
