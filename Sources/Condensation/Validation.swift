import Foundation
import GRDB
import QualCode

/// What `stc validate` found: problems to fix before the results are written, the units marked as
/// contradicting (listed, not failures), and how many participants support each group and subgroup.
public struct ValidationReport: Hashable, Sendable, Codable {
    public struct Finding: Hashable, Sendable, Codable, CustomStringConvertible {
        public enum Kind: String, Sendable, Codable {
            /// A subgroup with units from fewer participants than the minimum.
            case thinSupport = "thin-support"
            /// A golden quote no longer matches its transcript (the text was edited away or changed).
            case goldenQuoteChanged = "golden-quote-changed"
            /// A condensate whose subgroup has no units left.
            case condensateWithoutUnits = "condensate-without-units"
            /// A unit whose text was removed from its transcript by an edit.
            case orphanedUnit = "orphaned-unit"
            /// A unit the researcher marked as contradicting its group (a note, not a failure).
            case contradicting
        }
        public var kind: Kind
        public var subject: String
        public var message: String
        public var description: String { "\(subject): \(message)" }
    }

    /// How many participants a group or subgroup rests on, in the words the results chapter uses.
    public struct Support: Hashable, Sendable, Codable {
        public var path: String
        public var heading: String?
        public var participants: [String]
        public var total: Int
        public var wording: String
    }

    public var findings: [Finding]
    public var support: [Support]

    /// True when nothing but contradicting units was found.
    public var passed: Bool { findings.allSatisfy { $0.kind == .contradicting } }
}

extension Condensation {
    /// Marks a unit as contradicting the rest of a group or subgroup, with a note; `false` takes the mark away.
    public func markContradicting(_ unit: String, in path: String, note: String? = nil, _ contradicts: Bool = true) throws {
        try store.pool.write { db in
            let segment = try ProjectStore.segment(db, unit)
            let code = try Self.registeredGroup(db, path)
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM coding WHERE segmentId = ? AND codeId = ?", arguments: [segment.id, code.id]) ?? 0 > 0 else {
                throw StoreError.invalidValue(what: "unit", value: segment.id.shortID, expected: "a unit of \(code.name)")
            }
            if contradicts {
                try db.execute(sql: "INSERT INTO stcContradiction (segmentId, codeId, note) VALUES (?, ?, ?) ON CONFLICT(segmentId, codeId) DO UPDATE SET note = excluded.note",
                               arguments: [segment.id, code.id, Self.cleanText(note)])
            } else {
                try db.execute(sql: "DELETE FROM stcContradiction WHERE segmentId = ? AND codeId = ?", arguments: [segment.id, code.id])
            }
            try store.log(db, "stc.contradicts", ["segment": LogValue(segment.id), "code": LogValue(code.id), "contradicts": .bool(contradicts)])
        }
    }

    /// Step 4's check back against the material: every subgroup rests on enough participants, every
    /// golden quote still matches its transcript, every condensate has units, no unit was orphaned by
    /// an edit; contradicting units are listed; and each group's support is put in words.
    public func validate() throws -> ValidationReport {
        try store.pool.read { db in
            let settings = try Self.settings(db)
            let groups = try Self.groups(db)
            var findings: [ValidationReport.Finding] = []
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT participantId) FROM transcriptParticipant") ?? 0

            var support: [ValidationReport.Support] = []
            for group in groups {
                let names = try String.fetchAll(db, sql: """
                    SELECT DISTINCT p.pseudonym FROM coding k JOIN segment s ON s.id = k.segmentId
                      JOIN segmentParticipant sp ON sp.segmentId = s.id JOIN participant p ON p.id = sp.participantId
                     WHERE k.codeId = ? AND NOT s.isOrphaned ORDER BY p.pseudonym
                    """, arguments: [group.id])
                support.append(.init(path: group.path, heading: group.heading, participants: names, total: total,
                                     wording: settings.support(names.count, of: total)))
                if group.isSubgroup && names.count < settings.minimumParticipants {
                    findings.append(.init(kind: .thinSupport, subject: group.path,
                                          message: "units from \(names.count) participant(s) (\(names.joined(separator: ", "))); at least \(settings.minimumParticipants) needed"))
                }
                if group.condensate != nil && group.units == 0 {
                    findings.append(.init(kind: .condensateWithoutUnits, subject: group.path, message: "has a \(settings.condensate) but no units"))
                }
            }
            // Golden quotes: still there, and still the transcript's words at their place.
            for row in try Row.fetchAll(db, sql: """
                SELECT c.id, s.id AS segmentId, s.isOrphaned, s.text = substr(t.text, s.start + 1, s."end" - s.start) AS matches
                  FROM stcGroup g JOIN code c ON c.id = g.codeId JOIN segment s ON s.id = g.goldenSegmentId
                  JOIN transcript t ON t.id = s.transcriptId WHERE g.retiredAt IS NULL
                """) {
                let isOrphaned: Bool = row["isOrphaned"], matches: Bool = row["matches"]
                guard isOrphaned || !matches, let group = groups.first(where: { $0.id == row["id"] }) else { continue }
                findings.append(.init(kind: .goldenQuoteChanged, subject: group.path,
                                      message: "the \(settings.goldenQuote) \((row["segmentId"] as UUID).shortID) " + (isOrphaned ? "was removed from its transcript by an edit" : "no longer matches its transcript")))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT DISTINCT s.id, t.slug, c.name FROM segment s JOIN coding k ON k.segmentId = s.id JOIN stcGroup g ON g.codeId = k.codeId
                  JOIN code c ON c.id = k.codeId JOIN transcript t ON t.id = s.transcriptId
                 WHERE s.isOrphaned AND g.retiredAt IS NULL ORDER BY t.slug, c.name
                """) {
                findings.append(.init(kind: .orphanedUnit, subject: row["name"],
                                      message: "unit \((row["id"] as UUID).shortID) in \(row["slug"] as String) was removed from the transcript by an edit"))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT x.segmentId, x.note, c.id AS codeId FROM stcContradiction x JOIN code c ON c.id = x.codeId
                """) {
                guard let group = groups.first(where: { $0.id == row["codeId"] }) else { continue }
                let note: String? = row["note"]
                findings.append(.init(kind: .contradicting, subject: group.path,
                                      message: "unit \((row["segmentId"] as UUID).shortID) contradicts the rest" + (note.map { ": \($0)" } ?? "")))
            }
            return ValidationReport(findings: findings, support: support)
        }
    }
}
