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
    /// The record is gone (a memo left behind by a version that did not delete memos with their record).
    public var targetIsDeleted: Bool
    /// The record's name as people know it (`intervju-eva`, `Ledelse/Tillit`, `Eva`, a segment's short
    /// id); nil for a project memo and for a record that is gone.
    public var targetName: String? = nil
    /// Where the record is read: a transcript memo's transcript, a segment memo's transcript and lines;
    /// nil for the other kinds and for a record that is gone.
    public var place: MemoPlace? = nil
}

/// Where a memo's transcript or segment is read, so a front end can open it at its lines.
public struct MemoPlace: Hashable, Sendable, Codable {
    public var transcriptId: UUID
    /// The transcript's name (`intervju-eva`).
    public var transcript: String
    /// The segment's lines (the numbering listings use); nil for a transcript memo.
    public var firstLine: Int?
    public var lastLine: Int?
    /// The segment's text, for a segment memo.
    public var text: String?
    /// The paths of the codes on the segment, for a segment memo.
    public var codes: [String] = []
}

/// Which memos a listing holds: every memo, or those on one record, of one kind, or whose text holds
/// some words (ignoring case, not accents: «får» is not «far»).
public struct MemoFilter: Hashable, Sendable {
    public var target: MemoTarget?
    public var kind: MemoTarget.Kind?
    public var containing: String?
    /// Only the memos this person wrote (a coder's view under blind coding).
    public var author: String?
    /// Newest first (a page listing them), else oldest first (the order they were written, as the
    /// command line lists them).
    public var newestFirst: Bool

    public init(target: MemoTarget? = nil, kind: MemoTarget.Kind? = nil, containing: String? = nil, author: String? = nil,
                newestFirst: Bool = false) {
        self.target = target
        self.kind = kind
        self.containing = containing
        self.author = author
        self.newestFirst = newestFirst
    }
}

/// A page of a memo listing: the memos from `offset`, and how many the filter holds in all.
public struct MemoList: Hashable, Sendable, Codable {
    public var memos: [MemoEntry]
    public var total: Int
    public var offset: Int
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

    /// Attaches a memo to the project or one of its records. A memo goes with its record: deleting a
    /// transcript, segment, participant or code deletes the memos on it (and lists them first).
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when the target's record does not exist,
    ///   ``StoreError/invalidValue(what:value:expected:)`` for blank text, ``StoreError/tooLong(what:length:limit:)``
    ///   past ``Memo/maximumLength``.
    @discardableResult
    public func addMemo(on target: MemoTarget = .project, text: String) throws -> MemoEntry {
        let text = try Self.memoText(text)
        return try pool.write { db in try Self.entry(db, try addMemo(in: db, on: target, checkedText: text)) }
    }

    /// ``addMemo(on:text:)`` inside a transaction a module already holds (a work map's answer to one of
    /// its questions is a memo on the transcript and a row of the module's).
    package func addMemo(in db: Database, on target: MemoTarget, text: String) throws -> Memo {
        try addMemo(in: db, on: target, checkedText: try Self.memoText(text))
    }

    private func addMemo(in db: Database, on target: MemoTarget, checkedText text: String) throws -> Memo {
        try Self.requireExisting(db, target)
        let memo = Memo(target: target, text: text, author: coder)
        try memo.insert(db)
        try log(db, "memo.add", ["id": LogValue(memo.id), "on": .string(target.kind.rawValue), "target": target.id.map { LogValue($0) } ?? .null])
        return memo
    }

    /// One memo, with its whole text.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when no memo has this id.
    public func memo(_ id: Memo.ID) throws -> MemoEntry {
        try pool.read { db in try Self.entry(db, try Self.existingMemo(db, id)) }
    }

    /// Replaces a memo's text; its target, author and date stay. `original` is the text the new one was
    /// written from (what an editor was opened with): when the memo changed since, nothing is saved.
    ///
    /// - Throws: ``StoreError/unchanged(_:name:)`` when the text is the same,
    ///   ``StoreError/changedMeanwhile(_:name:)`` when it is not `original` any more, and as ``addMemo(on:text:)``
    ///   for blank or overlong text. Nothing is changed then.
    @discardableResult
    public func updateMemo(_ id: Memo.ID, text: String, original: String? = nil) throws -> MemoEntry {
        let text = try Self.memoText(text)
        return try pool.write { db in
            var memo = try Self.existingMemo(db, id)
            if let original, original.precomposedStringWithCanonicalMapping != memo.text {
                throw StoreError.changedMeanwhile(.memo, name: id.shortID)
            }
            guard text != memo.text else { throw StoreError.unchanged(.memo, name: id.shortID) }
            let before = memo.text.unicodeScalars.count
            memo.text = text
            try memo.update(db)
            try log(db, "memo.update", ["id": LogValue(memo.id), "characters": .int(text.unicodeScalars.count), "before": .int(before)])
            return try Self.entry(db, memo)
        }
    }

    /// Deletes a memo and returns it as it was. `original`, when given, is the text the deletion was
    /// asked from (what a page showed): when the memo changed since, it is not deleted.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when no memo has this id, ``StoreError/changedMeanwhile(_:name:)``
    ///   when its text is not `original` any more. Nothing is changed then.
    @discardableResult
    public func deleteMemo(_ id: Memo.ID, original: String? = nil) throws -> MemoEntry {
        try pool.write { db in
            let memo = try Self.existingMemo(db, id)
            if let original, original.precomposedStringWithCanonicalMapping != memo.text {
                throw StoreError.changedMeanwhile(.memo, name: id.shortID)
            }
            let entry = try Self.entry(db, memo)
            try memo.delete(db)
            try log(db, "memo.delete", ["id": LogValue(memo.id), "on": .string(memo.targetKind.rawValue),
                                        "target": memo.targetId.map { LogValue($0) } ?? .null,
                                        "characters": .int(memo.text.unicodeScalars.count)])
            return entry
        }
    }

    /// How many memos are on `target`.
    static func memoCount(_ db: Database, on target: MemoTarget) throws -> Int {
        try Memo.filter(Memo.Columns.targetKind == target.kind && Memo.Columns.targetId == target.id).fetchCount(db)
    }

    /// A memo by its id or the last digits of it, as listings print them.
    static func memo(_ db: Database, _ reference: String) throws -> Memo.ID {
        try id(db, in: "memo", what: "memo", reference)
    }

    private static func existingMemo(_ db: Database, _ id: Memo.ID) throws -> Memo {
        guard let memo = try Memo.fetchOne(db, key: id) else { throw StoreError.missing(.memo, id) }
        return memo
    }

    /// Memo text as stored: not blank, at most ``Memo/maximumLength`` characters, composed (NFC).
    private static func memoText(_ text: String) throws -> String {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalidValue(what: "memo", value: text.truncated(), expected: "some text")
        }
        let length = text.unicodeScalars.count
        guard length <= Memo.maximumLength else {
            throw StoreError.tooLong(what: "memo", length: length, limit: Memo.maximumLength)
        }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Memos, oldest first; only those on `target` when given (``MemoTarget/project`` gives the project's
    /// own memos).
    public func memos(on target: MemoTarget? = nil) throws -> [MemoEntry] {
        try memos(MemoFilter(target: target)).memos
    }

    /// The memos `filter` holds, `limit` of them from `offset`, with the total, each with what it is on
    /// and where that is read. Only the page's memos are described, so a page is quick however many
    /// memos the project has.
    ///
    /// For example:
    /// ```swift
    /// let page = try store.memos(MemoFilter(kind: .segment, containing: "tillit", newestFirst: true), limit: 50)
    /// ```
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when `filter.target` names no record,
    ///   ``StoreError/invalidInput(_:value:expected:)`` for a negative offset or a limit below 1.
    public func memos(_ filter: MemoFilter, offset: Int = 0, limit: Int = .max) throws -> MemoList {
        guard offset >= 0 else { throw StoreError.invalidInput(.offset, value: String(offset), expected: "0 or more") }
        guard limit >= 1 else { throw StoreError.invalidInput(.limit, value: String(limit), expected: "1 or more") }
        return try pool.read { db in
            var request = Memo.all()
            if let target = filter.target {
                try Self.requireExisting(db, target)
                request = request.filter(Memo.Columns.targetKind == target.kind.rawValue)
                if let id = target.id { request = request.filter(Memo.Columns.targetId == id) }
            }
            if let kind = filter.kind { request = request.filter(Memo.Columns.targetKind == kind.rawValue) }
            if let author = filter.author { request = request.filter(Memo.Columns.author == author) }
            // The insertion order (rowid) breaks ties between memos written in the same millisecond.
            request = filter.newestFirst ? request.order(Memo.Columns.createdAt.desc, Column.rowID.desc)
                                         : request.order(Memo.Columns.createdAt, Column.rowID)
            var memos = try request.fetchAll(db)
            // Swift's lowercasing folds æøå too (SQLite's LIKE folds ASCII only); memo text is stored composed.
            if let words = filter.containing?.trimmingCharacters(in: .whitespacesAndNewlines), !words.isEmpty {
                let needle = words.precomposedStringWithCanonicalMapping.lowercased()
                memos = memos.filter { $0.text.lowercased().contains(needle) }
            }
            let page = memos.dropFirst(offset).prefix(limit)
            return MemoList(memos: try page.map { try Self.entry(db, $0) }, total: memos.count, offset: offset)
        }
    }

    private static func entry(_ db: Database, _ memo: Memo) throws -> MemoEntry {
        let name = try targetName(db, memo)
        let on = memo.targetKind == .project ? "project"
            : name.map { "\(memo.targetKind.rawValue):\($0)" } ?? "\(memo.targetKind.rawValue):\(memo.targetId?.shortID ?? "?") (deleted)"
        let isDeleted = memo.targetKind != .project && name == nil
        return MemoEntry(id: memo.id, on: on, text: memo.text, author: memo.author, createdAt: memo.createdAt,
                         targetKind: memo.targetKind, targetId: memo.targetId, targetIsDeleted: isDeleted,
                         targetName: name, place: isDeleted ? nil : try place(db, memo))
    }

    /// `intervju-eva`, `Ledelse/Tillit`; nil for the project and for a record that is gone.
    private static func targetName(_ db: Database, _ memo: Memo) throws -> String? {
        guard let id = memo.targetId else { return nil }
        switch memo.targetKind {
        case .project: return nil
        case .transcript: return try Transcript.fetchOne(db, key: id)?.slug
        case .participant: return try Participant.fetchOne(db, key: id)?.pseudonym
        case .code: return try Code.fetchOne(db, key: id).map { try path(db, of: $0) }
        case .segment: return try Segment.exists(db, key: id) ? id.shortID : nil
        }
    }

    /// The transcript (and lines) a transcript or segment memo is read in.
    private static func place(_ db: Database, _ memo: Memo) throws -> MemoPlace? {
        guard let id = memo.targetId else { return nil }
        switch memo.targetKind {
        case .transcript:
            return try String.fetchOne(db, sql: "SELECT slug FROM transcript WHERE id = ?", arguments: [id])
                .map { MemoPlace(transcriptId: id, transcript: $0) }
        case .segment:
            guard let row = try Row.fetchOne(db, sql: """
                SELECT s.transcriptId, t.slug, s.firstLine, s.lastLine, s.text FROM segment s JOIN transcript t ON t.id = s.transcriptId
                 WHERE s.id = ?
                """, arguments: [id]) else { return nil }
            let codes = try Code.fetchAll(db, sql: "SELECT code.* FROM code JOIN coding ON coding.codeId = code.id WHERE coding.segmentId = ?",
                                          arguments: [id])
            return MemoPlace(transcriptId: row[0], transcript: row[1], firstLine: row[2], lastLine: row[3], text: row[4],
                             codes: Array(Set(try codes.map { try path(db, of: $0) })).sorted())
        case .project, .participant, .code:
            return nil
        }
    }
}
