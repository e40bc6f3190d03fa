import Foundation
import GRDB

/// What withdrawing a participant took, and what had been made from their words.
public struct WithdrawalReport: Sendable, Hashable, Codable {
    public var participant: String
    /// The transcripts removed, by short name.
    public var transcripts: [String]
    /// What went with them, as a transcript deletion counts it (segments, codings, memos, the modules' units).
    public var dependents: [Dependent]
    /// Quote exports already made with their words (the files named when they were exported): copies
    /// outside the project the researcher must delete.
    public var exportsMade: [String]
    /// Event-log entries about them whose words were taken out.
    public var eventsScrubbed: Int
    /// Backups beside the project that held their words, removed.
    public var backupsRemoved: [String]
}

extension ProjectStore {
    /// Withdraws a participant from the study: their transcripts with everything anchored in them
    /// (segments, codings, quotes, memos, condensation units, work-map evidence), their attribute values,
    /// and the participant; in one transaction. Their words are then left nowhere: the event log keeps
    /// that the withdrawal happened (`participant.withdraw`, who and when) but its entries about them lose
    /// their words; the modules' copies (golden quotes, snapshots) lose them; deleted content is zeroed,
    /// the search index merged, the write-ahead log truncated, and backups beside the project
    /// (`.before-merge-…`) removed.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` for an unknown participant; ``StoreError/sharedTranscripts(participant:transcripts:)``
    ///   when a transcript of theirs has other participants too (nothing is changed).
    public func withdraw(participant id: Participant.ID) throws -> WithdrawalReport {
        if isReadOnly { throw StoreError.projectReadOnly(path: url.path) }
        var report = try pool.write { db -> WithdrawalReport in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            guard let pseudonym = try String.fetchOne(db, sql: "SELECT pseudonym FROM participant WHERE id = ?", arguments: [id]) else {
                throw StoreError.missing(.participant, id)
            }
            let transcripts = try Row.fetchAll(db, sql: """
                SELECT t.id, t.slug, (SELECT COUNT(*) FROM transcriptParticipant o WHERE o.transcriptId = t.id AND o.participantId != ?) AS others
                  FROM transcript t JOIN transcriptParticipant tp ON tp.transcriptId = t.id WHERE tp.participantId = ? ORDER BY t.slug
                """, arguments: [id, id])
            let shared = transcripts.filter { ($0["others"] as Int) > 0 }.map { $0["slug"] as String }
            guard shared.isEmpty else { throw StoreError.sharedTranscripts(participant: pseudonym, transcripts: shared) }
            let ids: [UUID] = transcripts.map { $0["id"] }
            var dependents: [Dependent] = []
            for transcript in ids {
                for dependent in try transcriptDependents(db, transcript).dependents {
                    if let index = dependents.firstIndex(where: { $0.kind == dependent.kind }) {
                        dependents[index].count += dependent.count
                    } else {
                        dependents.append(dependent)
                    }
                }
            }
            let placeholders = ids.map { _ in "?" }.joined(separator: ", ")
            let arguments = StatementArguments(ids)
            let exports = ids.isEmpty ? [] : try String.fetchAll(db, sql: """
                SELECT DISTINCT e.file FROM quoteUse u JOIN quoteExport e ON e.id = u.exportId
                 WHERE u.segmentId IN (SELECT id FROM segment WHERE transcriptId IN (\(placeholders))) ORDER BY e.file
                """, arguments: arguments)
            // Their words wherever the project copied them: the segments' and edited quotes' texts.
            let copied = ids.isEmpty ? [] : try String.fetchAll(db, sql: """
                SELECT text FROM segment WHERE transcriptId IN (\(placeholders))
                UNION SELECT form FROM quote WHERE form IS NOT NULL AND segmentId IN (SELECT id FROM segment WHERE transcriptId IN (\(placeholders)))
                """, arguments: arguments + arguments)
            // A short passage («Ja», «Oslo») stands in other people's words too (someone else's golden
            // quote or condensate): it goes only where a stored text is it whole; a longer one is theirs wherever it stands.
            let scrubs = Set(copied.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
                .map { Scrub(text: $0, replacement: Self.withdrawnMark, withinText: $0.wordCount >= Self.passageWords) }
            for schema in extensions { try schema.scrub?(db, scrubs) }
            var about = Set(ids.map(\.uuidString))
            about.insert(id.uuidString)
            if !ids.isEmpty {
                for segment in try UUID.fetchAll(db, sql: "SELECT id FROM segment WHERE transcriptId IN (\(placeholders))", arguments: arguments) {
                    about.insert(segment.uuidString)
                }
            }
            let scrubbed = try scrubEvents(db, about: about)
            if !ids.isEmpty { try db.execute(sql: "DELETE FROM transcript WHERE id IN (\(placeholders))", arguments: arguments) }
            try db.execute(sql: "DELETE FROM transcriptParticipant WHERE participantId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM participant WHERE id = ?", arguments: [id])
            try log(db, "participant.withdraw", [
                "id": LogValue(id), "transcripts": .int(ids.count), "eventsScrubbed": .int(scrubbed),
                "dependents": .object(Dictionary(dependents.filter { $0.count > 0 }.map { ($0.kind.id, LogValue.int($0.count)) }, uniquingKeysWith: { $1 })),
            ])
            try Self.eraseFreedContent(db)
            return WithdrawalReport(participant: pseudonym, transcripts: transcripts.map { $0["slug"] }, dependents: dependents.filter { $0.count > 0 },
                                    exportsMade: exports, eventsScrubbed: scrubbed, backupsRemoved: [])
        }
        try truncateWriteAheadLog()
        report.backupsRemoved = try removeBackups()
        return report
    }

    /// What stands where a withdrawn participant's words stood, in the log and the modules' copies.
    public static let withdrawnMark = "[trukket]"

    /// The words a withdrawn passage needs before its text is taken out of longer texts too.
    static let passageWords = 5

    /// Entries whose payload names one of `ids` (the withdrawn transcripts, their segments, the
    /// participant): every string in them that is not an id becomes the withdrawn mark.
    private func scrubEvents(_ db: Database, about ids: Set<String>) throws -> Int {
        try db.execute(sql: "INSERT INTO eventScrubPermit (id) VALUES (1)")
        var rewritten = 0
        let rows = try Row.fetchAll(db, sql: "SELECT id, payload FROM event WHERE action != 'participant.withdraw'")
        for row in rows {
            let payload: String = row["payload"]
            guard let value = try? JSONSerialization.jsonObject(with: Data(payload.utf8), options: [.fragmentsAllowed]),
                  Self.strings(in: value).contains(where: { ids.contains($0.uppercased()) }) else { continue }
            // Every string that is not an id becomes the withdrawn mark.
            let blanked = try Self.writtenJSON(Self.mappingStrings(value) { UUID(uuidString: $0) != nil ? $0 : Self.withdrawnMark })
            try db.execute(sql: "UPDATE event SET payload = ? WHERE id = ?", arguments: [blanked, row["id"] as Int64])
            rewritten += 1
        }
        try db.execute(sql: "DELETE FROM eventScrubPermit")
        return rewritten
    }

    private static func strings(in value: Any) -> [String] {
        switch value {
        case let text as String: [text]
        case let array as [Any]: array.flatMap { strings(in: $0) }
        case let object as [String: Any]: object.values.flatMap { strings(in: $0) }
        default: []
        }
    }

    /// The merge backups beside the project file: copies of it from before, holding what was since
    /// withdrawn or redacted.
    private func removeBackups() throws -> [String] {
        let folder = url.deletingLastPathComponent()
        let prefix = url.lastPathComponent + ".before-merge-"
        var removed: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasPrefix(prefix) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            removed.append(name)
        }
        return removed
    }
}
