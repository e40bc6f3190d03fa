import Foundation
import GRDB

extension ProjectStore {
    /// Brings in another copy of this project — transcripts, participants, codes, codings per coder,
    /// memos, edited quotes and every module's objects — without duplicates, in one transaction.
    ///
    /// A consistent copy of our file is made first, beside it (`studie.qualcode.before-merge-20261204-203000`);
    /// the report names it. When the other copy holds nothing we lack (merging the same file again),
    /// nothing is written — no event, and the backup is removed again. Conflicts keep ours and are
    /// reported; a transcript whose short name is taken here by another text comes in under a free one.
    /// The event log gets one `project.merge` row with the counts and the other file's name.
    ///
    /// - Throws: ``StoreError/projectNotFound(path:)``, ``StoreError/notAProject(path:reason:)``,
    ///   ``StoreError/newerVersion(path:unknownMigrations:)`` and ``StoreError/mergeRefused(path:reason:)``
    ///   about the other file; ``StoreError/projectReadOnly(path:)`` for ours. On any refusal or failure
    ///   nothing was changed and no backup is left behind.
    public func merge(from other: URL) throws -> MergeReport {
        if isReadOnly { throw StoreError.projectReadOnly(path: url.path) }
        let source = try MergeSource(url: other, into: self)
        defer { source.close() }
        let backup = try Self.backupURL(for: url)
        // Written under a name nobody takes for a backup and given the backup's name only when whole:
        // a merge killed while writing it leaves a `.partial` file, never half a project named as the backup.
        let partial = Self.partial(backup)
        var report = MergeReport(other: other.lastPathComponent, modulesNotCarried: extensions.filter { $0.merge == nil }.map(\.name))
        var committed = false
        do {
            try source.store.pool.read { theirs in
                try pool.writeWithoutTransaction { ours in
                    try refuseErasedWords(theirs, ours: ours, path: other.path)
                    // The backup and the merge under one hold of the write lock: nothing lands between them.
                    try ours.execute(sql: "VACUUM INTO ?", arguments: [partial.path])
                    try FileManager.default.moveItem(at: partial, to: backup)
                    try ours.inTransaction {
                        let context = MergeContext(ours: ours, theirs: theirs, coder: coder, otherPath: other.path)
                        try MergeParticipants.merge(context)
                        try MergeTranscripts.merge(context)
                        try MergeCodes.merge(context)
                        try MergeCodings.merge(context)
                        try MergeMemos.merge(context)
                        for schema in extensions { try schema.merge?(context) }
                        report.counts = context.report
                        report.conflicts = context.conflicts
                        guard report.broughtInAnything else { return .rollback }
                        try log(ours, "project.merge", Self.payload(report, backup: backup))
                        committed = true
                        return .commit
                    }
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            try? FileManager.default.removeItem(at: backup)
            throw StoreError.interpreting(error, path: url.path) ?? error
        }
        if committed {
            report.backup = backup
        } else {
            try? FileManager.default.removeItem(at: backup)
        }
        return report
    }

    /// `name.qualcode.before-merge-YYYYMMDD-HHMMSS` beside the file (UTC), numbered when taken (or a
    /// killed merge left its `.partial`).
    private static func backupURL(for url: URL) throws -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = url.path + ".before-merge-" + formatter.string(from: Date())
        var candidate = base
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) || FileManager.default.fileExists(atPath: partial(URL(fileURLWithPath: candidate)).path) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return URL(fileURLWithPath: candidate)
    }

    /// Where the backup is written before it is whole.
    private static func partial(_ backup: URL) -> URL { URL(fileURLWithPath: backup.path + ".partial") }

    private static func payload(_ report: MergeReport, backup: URL) -> [String: LogValue] {
        var new: [String: LogValue] = [:], matched: [String: LogValue] = [:], filled: [String: LogValue] = [:]
        for count in report.counts {
            new[count.kind.id] = .int(count.new)
            matched[count.kind.id] = .int(count.matched)
            if count.filled > 0 { filled[count.kind.id] = .int(count.filled) }
        }
        var payload: [String: LogValue] = ["file": .string(report.other), "backup": .string(backup.lastPathComponent), "new": .object(new),
                                           "matched": .object(matched), "conflicts": .int(report.conflicts.count)]
        if !filled.isEmpty { payload["filled"] = .object(filled) }
        return payload
    }
}
