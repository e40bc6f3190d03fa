import Foundation
import GRDB

/// What a text edit did to the analysis anchored in the transcript.
public struct TextEditReport: Hashable, Sendable, Codable {
    public struct Change: Hashable, Sendable, Codable {
        public var segment: Segment.ID
        public var before: String
        public var after: String?
    }
    public var transcript: String
    public var edits: Int
    public var unchanged: Int
    public var shifted: Int
    /// Segments whose text was partly edited; they stay anchored to what is left.
    public var changed: [Change]
    /// Segments whose whole text was removed; they are kept, marked orphaned, with their old text.
    public var orphaned: [Change]
}

/// Why a transcript's text changes: an edit (a typo, a misheard word), logged with what it removed so
/// it can be undone; or a redaction, which must leave what it removed nowhere.
public enum TextEditPurpose: Sendable, Hashable {
    case edit
    case redaction
}

extension ProjectStore {
    /// Replaces `find` with `replacement` in a transcript (the only occurrence, the `occurrence`-th, or
    /// with `all` every one), re-anchoring every segment.
    public func replaceText(in id: Transcript.ID, find: String, with replacement: String, occurrence: Int? = nil,
                            all: Bool = false) throws -> TextEditReport {
        let transcript = try self.transcript(id)
        let text = ScalarText(transcript.text)
        // Stored text has LF line ends; text pasted from a CRLF file matches it as --quote does.
        let needle = find.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
        let replacement = replacement.replacingOccurrences(of: "\r\n", with: "\n")
        guard !needle.isEmpty else { throw StoreError.invalidInput(.find, value: find, expected: "text from the transcript") }
        var hits = text.occurrences(of: needle)
        // Overlapping matches cannot all be replaced; keep the leftmost of each overlapping run.
        var nonOverlapping: [Int] = []
        for h in hits where nonOverlapping.last.map({ h >= $0 + needle.scalarCount }) ?? true { nonOverlapping.append(h) }
        hits = nonOverlapping
        guard !hits.isEmpty else {
            throw StoreError.textNotFound(transcript: transcript.slug, find: needle, nearest: QuoteMatcher(text).nearest(to: needle))
        }
        let chosen: [Int]
        if all {
            chosen = hits
        } else if let occurrence {
            guard occurrence >= 1, occurrence <= hits.count else {
                throw StoreError.occurrenceOutOfRange(transcript: transcript.slug, occurrence: occurrence, count: hits.count)
            }
            chosen = [hits[occurrence - 1]]
        } else {
            guard hits.count == 1 else {
                throw StoreError.quoteAmbiguous(transcript: transcript.slug, quote: needle, lines: hits.map { text.line(at: $0) })
            }
            chosen = hits
        }
        let replacementText = replacement.precomposedStringWithCanonicalMapping
        let edits = chosen.compactMap { TextEdit(start: $0, end: $0 + needle.scalarCount, replacement: replacementText).narrowed(in: text) }
        guard !edits.isEmpty else { throw StoreError.textUnchanged(transcript: transcript.slug) }
        return try applyEdits(edits, to: transcript.id, expectedText: transcript.text)
    }

    /// Replaces a transcript's whole text (from an editor round trip); the difference is worked out
    /// line by line and only what changed is edited.
    ///
    /// - parameter original: the text `newText` was made from (what the editor was opened with). If the
    ///   transcript changed since — another edit, another coder — nothing is written and
    ///   ``StoreError/changedMeanwhile(_:name:)`` is thrown, so the other change is not undone.
    public func replaceText(of id: Transcript.ID, with newText: String, basedOn original: String? = nil) throws -> TextEditReport {
        let transcript = try self.transcript(id)
        if let original, original != transcript.text { throw StoreError.changedMeanwhile(.transcript, name: transcript.slug) }
        let (normalized, _) = TextDecoding.normalize(newText)
        guard !normalized.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.editFailed(transcript: transcript.slug, reason: "the new text is empty")
        }
        guard normalized != transcript.text else { throw StoreError.textUnchanged(transcript: transcript.slug) }
        let edits = TextDiff.edits(from: ScalarText(transcript.text), to: normalized)
        return try applyEdits(edits, to: transcript.id, expectedText: transcript.text)
    }

    /// The one function that changes a transcript's text: applies `edits`, re-anchors every segment
    /// and turn through ``TextRevision/remap(start:end:substituting:)``, reindexes the text and logs the
    /// edit, all in one transaction.
    ///
    /// - parameter expectedText: the text the edits were computed against; if the transcript changed
    ///   in between, nothing is written.
    /// - parameter purpose: ``TextEditPurpose/redaction`` puts replacements in the place of what they
    ///   replace (coded passages stay coded, on the replacement) and leaves the removed words nowhere:
    ///   not in the log entry (`transcript.redact` records positions and replacements), not in earlier
    ///   log entries, orphaned segments or the modules' stored texts, not in freed pages, the search
    ///   index's old segments or the write-ahead log.
    /// - parameter unscrubbed: edits of a redaction whose removed words identify no one (a gendered
    ///   pronoun made «hen»): made like the others, but their words are not hunted through the log or
    ///   the modules' texts, where the same word is someone else's ordinary writing (a code «Han og hun»).
    public func applyEdits(_ edits: [TextEdit], to transcriptId: UUID, expectedText: String,
                           purpose: TextEditPurpose = .edit, unscrubbed: Set<TextEdit> = []) throws -> TextEditReport {
        let report = try pool.write { db in
            try applyEdits(db, edits, to: transcriptId, expectedText: expectedText, purpose: purpose, unscrubbed: unscrubbed)
        }
        if purpose == .redaction { try truncateWriteAheadLog() }
        return report
    }

    /// ``applyEdits(_:to:expectedText:purpose:unscrubbed:)`` inside a transaction of the caller's (a
    /// withdrawal replacing a participant's turns in a focus group); the caller truncates the write-ahead
    /// log after a redaction.
    func applyEdits(_ db: Database, _ edits: [TextEdit], to transcriptId: UUID, expectedText: String,
                    purpose: TextEditPurpose, unscrubbed: Set<TextEdit>) throws -> TextEditReport {
        let redacting = purpose == .redaction
        if redacting { try db.execute(sql: "PRAGMA secure_delete = ON") }
        guard var transcript = try Transcript.fetchOne(db, key: transcriptId) else {
            throw StoreError.notFound(what: "transcript", reference: transcriptId.uuidString, candidates: [])
        }
        guard transcript.text == expectedText else { throw StoreError.changedMeanwhile(.transcript, name: transcript.slug) }
        let old = ScalarText(transcript.text)
        let revision: TextRevision
        do { revision = try TextRevision(original: old, edits: edits) } catch let error as TextEditError {
            throw StoreError.editFailed(transcript: transcript.slug, reason: error.description)
        }
        let new = ScalarText(revision.newText)
        var report = TextEditReport(transcript: transcript.slug, edits: edits.count, unchanged: 0, shifted: 0, changed: [], orphaned: [])
        for var segment in try Segment.all().filter(transcript: transcript.id).fetchAll(db) where !segment.isOrphaned {
            let mapped = revision.remap(start: segment.start, end: segment.end, substituting: redacting)
            let before = segment.text
            segment.start = mapped.start
            segment.end = mapped.end
            switch mapped.change {
            case .unchanged: report.unchanged += 1
            case .shifted: report.shifted += 1
            case .changed:
                segment.text = new.slice(mapped.start, mapped.end)
                report.changed.append(.init(segment: segment.id, before: before, after: segment.text))
            case .orphaned:
                segment.isOrphaned = true
                report.orphaned.append(.init(segment: segment.id, before: before, after: nil))
            }
            if mapped.change != .unchanged { try segment.update(db) }
        }
        let turns = try Turn.filter(Turn.Columns.transcriptId == transcript.id).order(Turn.Columns.ordinal).fetchAll(db)
        try Turn.filter(Turn.Columns.transcriptId == transcript.id).deleteAll(db)
        var ordinal = 0
        for var turn in turns {
            let mapped = revision.remap(start: turn.start, end: turn.end, substituting: redacting)
            guard mapped.change != .orphaned else { continue }
            turn.start = mapped.start
            turn.end = mapped.end
            turn.ordinal = ordinal
            ordinal += 1
            try turn.insert(db)
        }
        try Self.refreshSegmentSpeakers(db, transcript: transcript.id)
        transcript.text = revision.newText
        transcript.wordCount = revision.newText.wordCount
        try transcript.update(db)
        try Self.indexPassages(db, transcript)
        try db.execute(sql: "UPDATE segment SET \(Migrations.segmentLinesAssignment) WHERE transcriptId = ?", arguments: [transcript.id])
        guard redacting else {
            try log(db, "transcript.edit", [
                "id": LogValue(transcript.id),
                "edits": .array(revision.edits.map { ["start": .int($0.start), "end": .int($0.end), "replacement": .string($0.replacement),
                                                      "removed": .string(old.slice($0.start, $0.end))] }),
                "orphaned": .array(report.orphaned.map { LogValue($0.segment) }),
            ])
            return report
        }
        var scrubs: [Scrub] = []
        for edit in revision.edits where !unscrubbed.contains(edit) {
            let scrub = Scrub(text: old.slice(edit.start, edit.end), replacement: edit.replacement)
            if !scrubs.contains(scrub) { scrubs.append(scrub) }
        }
        try Erasure.record(db, transcript: transcript.id, text: expectedText)
        try scrubAnchoredTexts(db, transcript: transcript.id, scrubs)
        for schema in extensions { try schema.scrub?(db, scrubs) }
        let rewritten = try scrubEventLog(db, scrubs)
        try log(db, "transcript.redact", [
            "id": LogValue(transcript.id),
            "edits": .array(revision.edits.map { ["start": .int($0.start), "end": .int($0.end), "replacement": .string($0.replacement)] }),
            "eventsScrubbed": .int(rewritten),
        ])
        try Self.eraseFreedContent(db)
        return report
    }
}
