import Foundation
import GRDB

/// What withdrawing a participant took (or, as a preview, would take), and what had been made from
/// their words.
public struct WithdrawalReport: Sendable, Hashable, Codable {
    public var participant: String
    /// The transcripts removed (theirs alone), by short name.
    public var transcripts: [String]
    /// Transcripts they share with others (focus groups): their turns there give way to the withdrawn
    /// mark, the others' words stay.
    public var focusGroups: [String]
    /// Their turns replaced in the focus groups.
    public var turnsWithdrawn: Int
    /// What went with them, as a transcript deletion counts it (segments, codings, memos, the modules'
    /// units); in a focus group, the segments that lay wholly in their turns and what hung on them.
    public var dependents: [Dependent]
    /// Quote exports already made with their words (the files named when they were exported): copies
    /// outside the project the researcher must delete.
    public var exportsMade: [String]
    /// Event-log entries about them whose words were taken out (none in a preview).
    public var eventsScrubbed: Int
    /// Backups beside the project that held their words, removed (none in a preview).
    public var backupsRemoved: [String]
}

/// What a withdrawal takes, worked out before anything changes, so the preview and the withdrawal agree.
private struct WithdrawalPlan {
    var pseudonym: String
    /// Transcripts only they speak in (or are linked to), removed whole.
    var removed: [(id: UUID, slug: String)] = []
    /// Focus groups with their turns there, in text order.
    var focusGroups: [(id: UUID, slug: String, text: String, turns: [Turn])] = []
    /// Segments in the focus groups lying wholly within their turns: deleted with what hangs on them.
    var segmentsInTheirTurns: [UUID] = []
    var dependents: [Dependent] = []
    var exportsMade: [String] = []

    var report: WithdrawalReport {
        WithdrawalReport(participant: pseudonym, transcripts: removed.map(\.slug), focusGroups: focusGroups.map(\.slug),
                         turnsWithdrawn: focusGroups.reduce(0) { $0 + $1.turns.count }, dependents: dependents.filter { $0.count > 0 },
                         exportsMade: exportsMade, eventsScrubbed: 0, backupsRemoved: [])
    }
}

extension ProjectStore {
    /// What ``withdraw(participant:)`` would take, changing nothing.
    ///
    /// - Throws: as ``withdraw(participant:)`` would, before it changed anything.
    public func withdrawalPreview(participant id: Participant.ID) throws -> WithdrawalReport {
        try pool.read { db in try withdrawalPlan(db, id).report }
    }

    /// Withdraws a participant from the study, in one transaction: the transcripts only they speak in,
    /// with everything anchored in them (segments, codings, quotes, memos, condensation units, work-map
    /// evidence); in a focus group, their turns, which give way to «[trukket]» as a redaction does (the
    /// others' words and codings stay, re-anchored; segments wholly in their turns go); their attribute
    /// values, and the participant. Their words are then left nowhere: the event log keeps that the
    /// withdrawal happened (`participant.withdraw`, who and when) but its entries about them lose their
    /// words; the modules' copies (golden quotes, snapshots) lose them; deleted content is zeroed, the
    /// search index merged, the write-ahead log truncated, and backups beside the project
    /// (`.before-merge-…`) removed.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` for an unknown participant; ``StoreError/sharedTranscripts(participant:transcripts:)``
    ///   when a transcript they share with others has no turn of theirs to tell their words by (nothing is changed).
    public func withdraw(participant id: Participant.ID) throws -> WithdrawalReport {
        if isReadOnly { throw StoreError.projectReadOnly(path: url.path) }
        var report = try pool.write { db -> WithdrawalReport in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            let plan = try withdrawalPlan(db, id)
            let removed = plan.removed.map(\.id)
            let placeholders = databaseQuestionMarks(count: removed.count)
            let arguments = StatementArguments(removed)
            // Their words wherever the project copied them: the segments' and edited quotes' texts.
            let gone = SegmentSet(list: removed.isEmpty && plan.segmentsInTheirTurns.isEmpty ? "(SELECT NULL WHERE 0)" : """
                (SELECT id FROM segment WHERE transcriptId IN (\(removed.isEmpty ? "NULL" : placeholders))
                 UNION SELECT id FROM segment WHERE id IN (\(plan.segmentsInTheirTurns.isEmpty ? "NULL" : databaseQuestionMarks(count: plan.segmentsInTheirTurns.count))))
                """, arguments: arguments + StatementArguments(plan.segmentsInTheirTurns))
            var copied = try String.fetchAll(db, sql: """
                SELECT text FROM segment WHERE \(gone.contains("id"))
                UNION SELECT form FROM quote WHERE form IS NOT NULL AND \(gone.contains("segmentId"))
                """, arguments: gone.arguments + gone.arguments)
            // A segment reaching into their turn from someone else's keeps its place; the part that was
            // theirs goes from its copies with the turn.
            var reaching: [(segment: UUID, passage: String)] = []
            for group in plan.focusGroups {
                let text = ScalarText(group.text)
                for row in try Row.fetchAll(db, sql: "SELECT id, start, \"end\" FROM segment WHERE transcriptId = ? AND NOT isOrphaned", arguments: [group.id]) {
                    for turn in group.turns {
                        let start = max(turn.start, row["start"] as Int), end = min(turn.end, row["end"] as Int)
                        guard start < end else { continue }
                        copied.append(text.slice(start, end))
                        reaching.append((row["id"], text.slice(start, end)))
                    }
                }
            }
            // Such a segment's edited quote keeps the text it was edited on (its base text), their part
            // with it: that part is theirs there whatever its length, and may begin or end inside a word.
            for (segment, passage) in reaching where !passage.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                guard let form = try String.fetchOne(db, sql: "SELECT form FROM quote WHERE segmentId = ? AND form IS NOT NULL", arguments: [segment]),
                      let value = try? JSONSerialization.jsonObject(with: Data(form.utf8), options: [.fragmentsAllowed]) else { continue }
                let scrubbed = try Self.writtenJSON(Self.mappingStrings(value) {
                    $0.replacingOccurrences(of: passage, with: Self.withdrawnMark, options: .literal)
                })
                try db.execute(sql: "UPDATE quote SET form = ? WHERE segmentId = ?", arguments: [scrubbed, segment])
            }
            // A short passage («Ja», «Oslo») stands in other people's words too (someone else's golden
            // quote or condensate): it goes only where a stored text is it whole; a longer one is theirs wherever it stands.
            let scrubs = Set(copied.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
                .map { Scrub(text: $0, replacement: Self.withdrawnMark, withinText: $0.wordCount >= Self.passageWords) }
            for schema in extensions { try schema.scrub?(db, scrubs) }
            var about = Set(removed.map(\.uuidString))
            about.insert(id.uuidString)
            for segment in try UUID.fetchAll(db, sql: "SELECT id FROM segment WHERE \(gone.contains("id"))", arguments: gone.arguments) {
                about.insert(segment.uuidString)
            }
            let scrubbed = try scrubEvents(db, about: about)
            if !plan.segmentsInTheirTurns.isEmpty {
                // Codings, quotes, quote uses and the modules' rows go by cascade; memos by trigger.
                try db.execute(sql: "DELETE FROM segment WHERE id IN (\(databaseQuestionMarks(count: plan.segmentsInTheirTurns.count)))",
                               arguments: StatementArguments(plan.segmentsInTheirTurns))
            }
            let reachingBefore = try Self.segmentTexts(db, Set(reaching.map(\.segment)))
            for group in plan.focusGroups {
                let scalars = ScalarText(group.text).scalars
                let edits = group.turns.flatMap { Self.withdrawnLines(scalars, from: $0.start, to: $0.end) }
                _ = try applyEdits(db, edits, to: group.id, expectedText: group.text, purpose: .redaction, unscrubbed: [])
            }
            // The modules' whole copies of such a segment (a golden quote, a snapshot's unit) become its
            // text as it is now, however few of their words it held.
            let reachingAfter = try Self.segmentTexts(db, Set(reachingBefore.keys))
            let segmentScrubs = reachingBefore.compactMap { id, before in
                reachingAfter[id].map { Scrub(text: before, replacement: $0, withinText: false) }
            }
            for schema in extensions { try schema.scrub?(db, segmentScrubs) }
            for transcript in removed {
                try Erasure.record(db, transcript: transcript, text: try String.fetchOne(db, sql: "SELECT text FROM transcript WHERE id = ?", arguments: [transcript]) ?? "")
            }
            try Erasure.participant.record(db, id.uuidString)
            if !removed.isEmpty { try db.execute(sql: "DELETE FROM transcript WHERE id IN (\(placeholders))", arguments: arguments) }
            try db.execute(sql: "DELETE FROM transcriptParticipant WHERE participantId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM participant WHERE id = ?", arguments: [id])
            var report = plan.report
            report.eventsScrubbed = scrubbed
            try log(db, "participant.withdraw", [
                "id": LogValue(id), "transcripts": .int(removed.count), "focusGroups": .int(plan.focusGroups.count),
                "turns": .int(report.turnsWithdrawn), "eventsScrubbed": .int(scrubbed),
                "dependents": .object(Dictionary(report.dependents.map { ($0.kind.id, LogValue.int($0.count)) }, uniquingKeysWith: { $1 })),
            ])
            try Self.eraseFreedContent(db)
            return report
        }
        try truncateWriteAheadLog()
        report.backupsRemoved = try removeBackups()
        return report
    }

    /// A turn's lines each made the withdrawn mark (blank ones left as they are), so a turn over several
    /// lines keeps its lines and every line after it its number.
    private static func withdrawnLines(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> [TextEdit] {
        var edits: [TextEdit] = []
        var lineStart = start
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd < end, s[lineEnd] != "\n" { lineEnd += 1 }
            if s[lineStart..<lineEnd].contains(where: { !$0.properties.isWhitespace }) {
                edits.append(TextEdit(start: lineStart, end: lineEnd, replacement: withdrawnMark))
            }
            lineStart = lineEnd + 1
        }
        return edits
    }

    private static func segmentTexts(_ db: Database, _ ids: Set<UUID>) throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, text FROM segment WHERE id IN (\(databaseQuestionMarks(count: ids.count)))",
                                                                 arguments: StatementArguments(Array(ids))).map { ($0["id"] as UUID, $0["text"] as String) })
    }

    private func withdrawalPlan(_ db: Database, _ id: Participant.ID) throws -> WithdrawalPlan {
        guard let pseudonym = try String.fetchOne(db, sql: "SELECT pseudonym FROM participant WHERE id = ?", arguments: [id]) else {
            throw StoreError.missing(.participant, id)
        }
        var plan = WithdrawalPlan(pseudonym: pseudonym)
        let transcripts = try Row.fetchAll(db, sql: """
            SELECT t.id, t.slug, (SELECT COUNT(*) FROM transcriptParticipant o WHERE o.transcriptId = t.id AND o.participantId != ?) AS others
              FROM transcript t JOIN transcriptParticipant tp ON tp.transcriptId = t.id WHERE tp.participantId = ? ORDER BY t.slug
            """, arguments: [id, id])
        var unattributed: [String] = []
        for row in transcripts {
            let transcript: UUID = row["id"], slug: String = row["slug"]
            guard (row["others"] as Int) > 0 else { plan.removed.append((transcript, slug)); continue }
            let turns = try Turn.filter(Column("transcriptId") == transcript && Column("participantId") == id)
                .order(Turn.Columns.start).fetchAll(db)
            guard !turns.isEmpty else { unattributed.append(slug); continue }
            let text = try String.fetchOne(db, sql: "SELECT text FROM transcript WHERE id = ?", arguments: [transcript]) ?? ""
            plan.focusGroups.append((transcript, slug, text, turns))
            for segment in try Row.fetchAll(db, sql: "SELECT id, start, \"end\" FROM segment WHERE transcriptId = ?", arguments: [transcript]) {
                let start: Int = segment["start"], end: Int = segment["end"]
                if turns.contains(where: { $0.start <= start && end <= $0.end }) { plan.segmentsInTheirTurns.append(segment["id"]) }
            }
        }
        // Their words cannot be told from the others' there: removing the transcript would take theirs too.
        guard unattributed.isEmpty else { throw StoreError.sharedTranscripts(participant: pseudonym, transcripts: unattributed) }
        for transcript in plan.removed {
            for dependent in try transcriptDependents(db, transcript.id).dependents { plan.add(dependent) }
        }
        let inTurns = SegmentSet.listed(plan.segmentsInTheirTurns)
        if !plan.segmentsInTheirTurns.isEmpty {
            plan.add(Dependent(.segment, plan.segmentsInTheirTurns.count))
            for dependent in try anchoredDependents(db, inTurns) { plan.add(dependent) }
        }
        let removed = plan.removed.map(\.id)
        plan.exportsMade = try String.fetchAll(db, sql: """
            SELECT DISTINCT e.file FROM quoteUse u JOIN quoteExport e ON e.id = u.exportId
             WHERE u.segmentId IN (SELECT id FROM segment WHERE transcriptId IN (\(removed.isEmpty ? "NULL" : databaseQuestionMarks(count: removed.count))))
                OR \(inTurns.contains("u.segmentId")) ORDER BY e.file
            """, arguments: StatementArguments(removed) + inTurns.arguments)
        return plan
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

extension WithdrawalPlan {
    /// Counts `dependent` in with those of its kind already counted.
    mutating func add(_ dependent: Dependent) {
        if let index = dependents.firstIndex(where: { $0.kind == dependent.kind }) {
            dependents[index].count += dependent.count
            dependents[index].names = Array(Set(dependents[index].names + dependent.names)).sorted()
        } else {
            dependents.append(dependent)
        }
    }
}
