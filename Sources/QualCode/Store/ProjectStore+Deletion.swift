import Foundation
import GRDB

/// Deleting a transcript or a participant: what depends on it is counted first, the deletion is refused
/// while work or links hang on it unless forced, and the one transaction that deletes it also logs it.
///
/// What goes with a transcript: its speaker turns, its full-text index, its segments with their codings,
/// stored quote edits and recorded quote uses, the memos on it and on its segments, and whatever the
/// method modules keep on its segments (their foreign keys decide: condensation's contradiction marks
/// go, a golden quote's slot is left empty). Its participants stay; only their link to it goes.
///
/// What goes with a participant: their links to transcripts, their attribute values and the memos on
/// them. Their speaker turns stay, with the speaker's label, but no longer name them; who said each
/// segment of those transcripts is worked out again (a transcript with no attributed turn left counts
/// its remaining linked participants, as everywhere).
extension ProjectStore {
    // MARK: - Transcripts

    /// What deleting the transcript would take, without deleting it.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when no transcript has this id.
    public func transcriptDeletion(_ id: Transcript.ID) throws -> DeletionReport {
        try pool.read { db in try transcriptDependents(db, id) }
    }

    /// Deletes a transcript and everything anchored in it, in one transaction.
    ///
    /// Refused while codings or memos (on it or on its segments) hang on it, unless `force`: a transcript
    /// imported twice by mistake goes without a word, one with a researcher's work on it only when asked.
    ///
    /// For example:
    /// ```swift
    /// let copy = try store.resolve.transcript("intervju-eva-2")
    /// let report = try store.deleteTranscript(copy)          // throws StoreError.inUse(report) when coded
    /// ```
    ///
    /// - Returns: what was deleted, as ``transcriptDeletion(_:)`` counted it.
    /// - Throws: ``StoreError/inUse(_:)`` with the same report when refused, ``StoreError/missing(_:_:)`` for
    ///   an unknown id. Nothing is changed then.
    @discardableResult
    public func deleteTranscript(_ id: Transcript.ID, force: Bool = false) throws -> DeletionReport {
        try delete(force: force, counting: { db in try transcriptDependents(db, id) }) { db, report in
            let source = try Row.fetchOne(db, sql: "SELECT sourceFileName, sourceSHA256 FROM transcript WHERE id = ?", arguments: [id])
            // Turns, passages, segments (and through them codings, quotes, quote uses, who said them and the
            // modules' rows) go by cascade; memos and the code tallies by triggers.
            try db.execute(sql: "DELETE FROM transcript WHERE id = ?", arguments: [id])
            try log(db, "transcript.delete", [
                "id": LogValue(id), "name": .string(report.record.name), "file": LogValue(source?["sourceFileName"] as String?),
                "sha256": LogValue(source?["sourceSHA256"] as String?), "force": .bool(force), "dependents": Self.logged(report),
            ])
        }
    }

    func transcriptDependents(_ db: Database, _ id: Transcript.ID) throws -> DeletionReport {
        guard let name = try String.fetchOne(db, sql: "SELECT slug FROM transcript WHERE id = ?", arguments: [id]) else {
            throw StoreError.missing(.transcript, id)
        }
        let segments = SegmentSet.inTranscript(id)
        func count(_ sql: String, _ arguments: StatementArguments) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
        let live = try count("SELECT COUNT(*) FROM segment WHERE transcriptId = ? AND NOT isOrphaned", [id])
        let orphaned = try count("SELECT COUNT(*) FROM segment WHERE transcriptId = ? AND isOrphaned", [id])
        let onTranscript = try count("SELECT COUNT(*) FROM memo WHERE targetKind = 'transcript' AND targetId = ?", [id])
        var dependents = [Dependent(.segment, live), Dependent(.orphanedSegment, orphaned)]
            + (try anchoredDependents(db, segments, memos: onTranscript))
        dependents.insert(Dependent(.turn, try count("SELECT COUNT(*) FROM turn WHERE transcriptId = ?", [id])), at: 6)
        let linked = try Row.fetchAll(db, sql: """
            SELECT p.id, p.pseudonym FROM transcriptParticipant tp JOIN participant p ON p.id = tp.participantId
             WHERE tp.transcriptId = ? ORDER BY p.pseudonym
            """, arguments: [id]).map { RecordReference(.participant, $0[0], $0[1]) }
        return DeletionReport(record: RecordReference(.transcript, id, name), dependents: dependents, linked: linked, wasDeleted: false)
    }

    /// What hangs on `segments`: their codings, the memos on them (besides `memos` on their transcript),
    /// edited quotes, recorded quote uses, and whatever the modules keep on them.
    func anchoredDependents(_ db: Database, _ segments: SegmentSet, memos: Int = 0) throws -> [Dependent] {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: segments.arguments) ?? 0 }
        var dependents = [
            Dependent(.coding, try count("SELECT COUNT(*) FROM coding WHERE \(segments.contains("segmentId"))"), blocks: true),
            Dependent(.memo, memos + (try count("SELECT COUNT(*) FROM memo WHERE targetKind = 'segment' AND \(segments.contains("targetId"))")), blocks: true),
            Dependent(.quoteEdit, try count("SELECT COUNT(*) FROM quote WHERE \(segments.contains("segmentId"))")),
            Dependent(.quoteUse, try count("SELECT COUNT(*) FROM quoteUse WHERE \(segments.contains("segmentId"))")),
        ]
        for module in extensions { dependents += try module.segmentDependents?(db, segments) ?? [] }
        return dependents
    }

    // MARK: - Participants

    /// What deleting the participant would take, without deleting it.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when no participant has this id.
    public func participantDeletion(_ id: Participant.ID) throws -> DeletionReport {
        try pool.read { db in try participantDependents(db, id) }
    }

    /// Deletes a participant in one transaction. Refused while they are linked to a transcript, speak in a
    /// speaker turn, or have memos, unless `force`; attribute values alone do not keep them.
    ///
    /// - Returns: what was deleted or detached, as ``participantDeletion(_:)`` counted it.
    /// - Throws: ``StoreError/inUse(_:)`` with the same report when refused, ``StoreError/missing(_:_:)`` for
    ///   an unknown id. Nothing is changed then.
    @discardableResult
    public func deleteParticipant(_ id: Participant.ID, force: Bool = false) throws -> DeletionReport {
        try delete(force: force, counting: { db in try participantDependents(db, id) }) { db, report in
            // Links restrict the deletion; turns let go of the participant by themselves (SET NULL), attribute
            // values, who said what and the code tallies per participant go by cascade, memos by a trigger.
            try db.execute(sql: "DELETE FROM transcriptParticipant WHERE participantId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM participant WHERE id = ?", arguments: [id])
            for transcript in report.linked { try Self.refreshSegmentSpeakers(db, transcript: transcript.id) }
            try log(db, "participant.delete", [
                "id": LogValue(id), "pseudonym": .string(report.record.name), "force": .bool(force), "dependents": Self.logged(report),
                "transcripts": .array(report.linked.map { LogValue($0.id) }),
            ])
        }
    }

    private func participantDependents(_ db: Database, _ id: Participant.ID) throws -> DeletionReport {
        guard let name = try String.fetchOne(db, sql: "SELECT pseudonym FROM participant WHERE id = ?", arguments: [id]) else {
            throw StoreError.missing(.participant, id)
        }
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [id]) ?? 0 }
        let dependents = [
            Dependent(.transcriptLink, try count("SELECT COUNT(*) FROM transcriptParticipant WHERE participantId = ?"), blocks: true),
            Dependent(.turn, try count("SELECT COUNT(*) FROM turn WHERE participantId = ?"), .detached, blocks: true),
            Dependent(.spokenSegment, try count("SELECT COUNT(*) FROM segmentSpeaker WHERE participantId = ?"), .detached),
            Dependent(.attributeValue, try count("SELECT COUNT(*) FROM attributeValue WHERE participantId = ?")),
            Dependent(.memo, try count("SELECT COUNT(*) FROM memo WHERE targetKind = 'participant' AND targetId = ?"), blocks: true),
        ]
        // The transcripts they are linked to or speak in.
        let linked = try Row.fetchAll(db, sql: """
            SELECT t.id, t.slug FROM transcript t
             WHERE t.id IN (SELECT transcriptId FROM transcriptParticipant WHERE participantId = ?1
                            UNION SELECT transcriptId FROM turn WHERE participantId = ?1)
             ORDER BY t.slug
            """, arguments: [id]).map { RecordReference(.transcript, $0[0], $0[1]) }
        return DeletionReport(record: RecordReference(.participant, id, name), dependents: dependents, linked: linked, wasDeleted: false)
    }

    // MARK: - Helpers

    /// One deletion's transaction: counts what depends on the record, refuses while something blocks it
    /// (unless `force`), then runs `delete`, which removes the record and logs it.
    private func delete(force: Bool, counting dependents: (Database) throws -> DeletionReport,
                        _ delete: (Database, DeletionReport) throws -> Void) throws -> DeletionReport {
        try pool.write { db in
            var report = try dependents(db)
            guard force || report.blocking.isEmpty else { throw StoreError.inUse(report) }
            try delete(db, report)
            report.wasDeleted = true
            return report
        }
    }

    /// The counts of a deletion for its event-log row: kind → count, kinds with none left out.
    private static func logged(_ report: DeletionReport) -> LogValue {
        .object(Dictionary(report.dependents.filter { $0.count > 0 }.map { ($0.kind.id, LogValue.int($0.count)) }, uniquingKeysWith: { $1 }))
    }
}
