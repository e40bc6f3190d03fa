import Crypto
import Foundation
import GRDB
import QualCode

/// A decision that a finding identifies no one: «2024 2025» is no phone number, «Dag» in «god dag» no
/// name. It holds no words of the transcript, only fingerprints: of the finding's kind and text, and of
/// up to three words on either side, so the same finding is known again after edits elsewhere in the
/// text, and in an export that quotes the passage.
struct Dismissal: Sendable, Hashable {
    var kind: FindingKind
    var textPrint: String
    /// The fingerprints of the words before the finding, nearest first; likewise after.
    var before: [String]
    var after: [String]
    /// Every finding of this kind and text, wherever it stands.
    var everywhere: Bool

    /// Which dismissals can cover which findings: the same kind and text.
    var key: String { kind.rawValue + "\u{1F}" + textPrint }

    /// The words around a finding counted as its place.
    static let contextWords = 3
    /// Between two strings of an export scanned as one text: no context reaches across it.
    static let boundary: Unicode.Scalar = "\u{1E}"

    init(kind: FindingKind, textPrint: String, before: [String], after: [String], everywhere: Bool) {
        self.kind = kind
        self.textPrint = textPrint
        self.before = before
        self.after = after
        self.everywhere = everywhere
    }

    /// The dismissal of `finding` as it stands in `text`.
    init(_ finding: Finding, in text: ScalarText, everywhere: Bool) {
        let (before, after) = Self.context(of: finding, in: text)
        self.init(kind: finding.kind, textPrint: Self.print(finding.kind.rawValue + "\u{1F}" + finding.text),
                  before: before, after: after, everywhere: everywhere)
    }

    /// Whether this decision covers `other`, a finding's own would-be dismissal: the same kind and text,
    /// and (unless it holds everywhere) the same words on one side of it, as far as both have words there.
    /// One side is enough because an export puts its own words on the other (a quote's label, a lead-in);
    /// with no word to compare on either side (a cell that is the finding alone), the words decide.
    func covers(_ other: Dismissal) -> Bool {
        guard kind == other.kind, textPrint == other.textPrint else { return false }
        if everywhere { return true }
        func agrees(_ mine: [String], _ theirs: [String]) -> Bool? {
            min(mine.count, theirs.count) == 0 ? nil : zip(mine, theirs).allSatisfy(==)
        }
        let sides = [agrees(before, other.before), agrees(after, other.after)].compactMap { $0 }
        return sides.isEmpty || sides.contains(true)
    }

    /// Up to ``contextWords`` words on each side, lower-cased and fingerprinted, not reaching past a line
    /// break's paragraph or an export's ``boundary``.
    static func context(of finding: Finding, in text: ScalarText) -> (before: [String], after: [String]) {
        let s = text.scalars
        func words(from start: Int, step: Int) -> [String] {
            var found: [String] = []
            var i = start
            while found.count < contextWords {
                while i >= 0, i < s.count, !s[i].isWordScalar, s[i] != boundary { i += step }
                guard i >= 0, i < s.count, s[i] != boundary else { break }
                var word: [Unicode.Scalar] = []
                while i >= 0, i < s.count, s[i].isWordScalar { word.append(s[i]); i += step }
                if step < 0 { word.reverse() }
                found.append(print(String(String.UnicodeScalarView(word)).lowercased()))
            }
            return found
        }
        return (words(from: finding.start - 1, step: -1), words(from: finding.end, step: 1))
    }

    /// Eight hex digits of SHA-256: enough to tell words apart, too few to be a copy of them.
    static func print(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    }
}

/// Dismissals by ``Dismissal/key``.
typealias DismissalIndex = [String: [Dismissal]]

extension Privacy {
    /// Marks findings as identifying no one, by their numbers from a scan: only where they stand, or
    /// (`everywhere`) every finding of the same kind and text in the project and its exports. The event
    /// log records who did it and how many, not the words.
    ///
    /// - Returns: how many findings were dismissed.
    /// - Throws: ``PrivacyError/nothingToApply(notFound:)`` when no number is a current finding.
    @discardableResult
    public func dismiss(_ ids: Set<String>, everywhere: Bool = false, in transcripts: [Transcript.ID] = [],
                        key: PseudonymKey? = nil) throws -> Int {
        let chosen = try scan(transcripts, key: key, pronouns: true, kinds: [], keepingTexts: true).map { result in
            (result, result.findings.filter { ids.contains($0.id) })
        }.filter { !$0.1.isEmpty }
        let missing = ids.subtracting(chosen.flatMap { $0.1.map(\.id) }).sorted()
        guard missing.isEmpty, !chosen.isEmpty else { throw PrivacyError.nothingToApply(notFound: missing) }
        try store.pool.write { db in
            for (result, findings) in chosen {
                let text = ScalarText(try Self.unchangedText(db, result))
                for finding in findings {
                    let dismissal = Dismissal(finding, in: text, everywhere: everywhere)
                    try db.execute(sql: """
                        INSERT INTO privacyDismissal (id, transcriptId, kind, textPrint, before, after, everywhere, dismissedBy, dismissedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [UUID(), result.transcript, finding.kind.rawValue, dismissal.textPrint,
                                         dismissal.before.joined(separator: " "), dismissal.after.joined(separator: " "),
                                         everywhere, store.coder, ISO8601DateFormatter().string(from: Date())])
                }
                try store.log(db, "privacy.dismiss", ["transcript": .string(result.transcript.uuidString),
                                                      "count": .int(findings.count), "everywhere": .bool(everywhere)])
            }
        }
        return chosen.reduce(0) { $0 + $1.1.count }
    }

    /// Takes back the dismissals that cover findings, by their numbers from a scan (which lists
    /// dismissed findings when asked): they are findings again.
    ///
    /// - Returns: how many findings were restored.
    /// - Throws: ``PrivacyError/notDismissed(_:)`` when a number is no dismissed finding (nothing is restored).
    @discardableResult
    public func restore(_ ids: Set<String>, in transcripts: [Transcript.ID] = [], key: PseudonymKey? = nil) throws -> Int {
        let results = try scan(transcripts, key: key, pronouns: true, kinds: [], keepingTexts: true)
        let chosen = results.map { result in (result, result.findings.filter { ids.contains($0.id) && $0.dismissed }) }.filter { !$0.1.isEmpty }
        let missing = ids.subtracting(chosen.flatMap { $0.1.map(\.id) }).sorted()
        guard missing.isEmpty, !chosen.isEmpty else { throw PrivacyError.notDismissed(missing) }
        try store.pool.write { db in
            let stored = Dictionary(grouping: try storedDismissals(db)) { $0.1.key }
            for (result, findings) in chosen {
                let text = ScalarText(try Self.unchangedText(db, result))
                for finding in findings {
                    let own = Dismissal(finding, in: text, everywhere: false)
                    for (id, dismissal) in stored[own.key] ?? [] where dismissal.covers(own) {
                        try db.execute(sql: "DELETE FROM privacyDismissal WHERE id = ?", arguments: [id])
                    }
                }
                try store.log(db, "privacy.restore", ["transcript": .string(result.transcript.uuidString), "count": .int(findings.count)])
            }
        }
        return chosen.reduce(0) { $0 + $1.1.count }
    }

    /// The transcript's text, refused when it is no longer the one the findings were scanned in: their
    /// places (and the words around them) would be another text's.
    static func unchangedText(_ db: Database, _ result: TranscriptFindings) throws -> String {
        let text = try String.fetchOne(db, sql: "SELECT text FROM transcript WHERE id = ?", arguments: [result.transcript])
        guard let text, text == result.scannedText else { throw StoreError.changedMeanwhile(.transcript, name: result.name) }
        return text
    }

    /// Every dismissal in the project, by row id.
    func storedDismissals(_ db: Database) throws -> [(UUID, Dismissal)] {
        try Row.fetchAll(db, sql: "SELECT * FROM privacyDismissal ORDER BY rowid").compactMap { row in
            guard let kind = FindingKind(rawValue: row["kind"]) else { return nil }
            let words = { (column: String) in (row[column] as String).split(separator: " ").map(String.init) }
            return (row["id"], Dismissal(kind: kind, textPrint: row["textPrint"], before: words("before"), after: words("after"),
                                         everywhere: row["everywhere"]))
        }
    }

    /// Marks the findings in `text` that a stored dismissal covers.
    static func markDismissed(_ findings: inout [Finding], in text: ScalarText, by dismissals: DismissalIndex) {
        guard !dismissals.isEmpty else { return }
        for index in findings.indices {
            let own = Dismissal(findings[index], in: text, everywhere: false)
            findings[index].dismissed = dismissals[own.key]?.contains { $0.covers(own) } ?? false
        }
    }

    /// The project's dismissals by kind and text, so a finding is checked against its own few.
    func dismissalIndex() throws -> DismissalIndex {
        Dictionary(grouping: try store.pool.read { try storedDismissals($0) }.map(\.1), by: \.key)
    }

    static func registerDismissalMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("privacy.createDismissals") { db in
            // Fingerprints only (see Dismissal): a withdrawal deletes the rows with the transcript they
            // were made in, a redaction leaves nothing of the words in them.
            try db.create(table: "privacyDismissal") { t in
                t.primaryKey("id", .blob)
                t.column("transcriptId", .blob).notNull().indexed().references("transcript", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("textPrint", .text).notNull()
                t.column("before", .text).notNull()
                t.column("after", .text).notNull()
                t.column("everywhere", .boolean).notNull()
                t.column("dismissedBy", .text).notNull()
                t.column("dismissedAt", .text).notNull()
            }
        }
    }
}
