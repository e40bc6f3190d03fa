import Foundation
import GRDB
import QualCode

/// What validation found: problems to fix before the results are written, the units marked as
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
            /// A registered group or subgroup that sits under no active code group (its code moved under
            /// another code, or under a retired group): it would be left out of every export. The way
            /// on is to move the code back under its group, or to lay it aside.
            case strayGroup = "stray-group"
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
    ///
    /// - Throws: ``CondensationError/unitNotInGroup(unit:group:)`` for a unit not in the group.
    ///   ``StoreError/missing(_:_:)`` for an unknown unit.
    public func markContradicting(_ unit: Segment.ID, in path: String, note: String? = nil, _ contradicts: Bool = true) throws {
        try store.pool.write { db in
            guard let segment = try ProjectStore.segment(db, id: unit) else { throw StoreError.missing(.segment, unit) }
            let code = try Self.registeredGroup(db, path)
            guard try ProjectStore.isCoded(db, segment: segment.id, with: code.id) else {
                throw CondensationError.unitNotInGroup(unit: segment.id, group: try Self.path(db, code))
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
            let structure = try GroupStructure.read(db)
            let total = structure.participantCount
            var findings: [ValidationReport.Finding] = []
            var support: [ValidationReport.Support] = []
            for node in structure.allNodes {
                support.append(.init(path: node.path, heading: node.heading, participants: node.participants, total: total,
                                     wording: settings.support(node.participants.count, of: total)))
                if node.isSubgroup && node.participants.count < settings.minimumParticipants {
                    findings.append(.init(kind: .thinSupport, subject: node.path,
                                          message: "units from \(node.participants.count) participant(s) (\(node.participants.joined(separator: ", "))); at least \(settings.minimumParticipants) needed"))
                }
                if node.condensate != nil && node.units.isEmpty {
                    findings.append(.init(kind: .condensateWithoutUnits, subject: node.path, message: "has a \(settings.condensate) but no units"))
                }
                // The golden quote: still a unit here, still in its transcript, still the words it was chosen for.
                if let golden = node.goldenUnit {
                    let anchor = try ProjectStore.anchor(db, segment: golden)
                    let what = "the \(settings.goldenQuote) \(golden.shortID)"
                    if let anchor, anchor.isOrphaned {
                        findings.append(.init(kind: .goldenQuoteChanged, subject: node.path, message: "\(what) was removed from its transcript by an edit"))
                    } else if let anchor, !anchor.isInPlace || (node.goldenText.map { $0 != anchor.text } ?? false) {
                        findings.append(.init(kind: .goldenQuoteChanged, subject: node.path, message: "\(what) no longer has the words it was chosen for (the transcript was edited)"))
                    } else if !node.units.contains(golden) {
                        findings.append(.init(kind: .goldenQuoteChanged, subject: node.path, message: "\(what) is no longer a unit of \(node.path)"))
                    }
                }
            }
            for stray in structure.strays {
                findings.append(.init(kind: .strayGroup, subject: stray,
                                      message: "is registered as a group but sits under no active code group, so no export shows it"))
            }
            // Units an edit orphaned, in the groups and subgroups not laid aside.
            let active = try Self.registeredGroups(db).filter { !$0.retired }
            let names = Dictionary(active.map { ($0.code.id, $0.code.name) }, uniquingKeysWith: { a, _ in a })
            var orphans: [(segment: UUID, transcript: String, group: String)] = []
            for place in try ProjectStore.codings(db, of: names.keys) where place.isOrphaned {
                let orphan = (segment: place.segment, transcript: place.transcript, group: names[place.code] ?? "?")
                if !orphans.contains(where: { $0.segment == orphan.segment && $0.group == orphan.group }) { orphans.append(orphan) }
            }
            for orphan in orphans.enumerated().sorted(by: { ($0.element.transcript, $0.element.group, $0.offset) < ($1.element.transcript, $1.element.group, $1.offset) }) {
                findings.append(.init(kind: .orphanedUnit, subject: orphan.element.group,
                                      message: "unit \(orphan.element.segment.shortID) in \(orphan.element.transcript) was removed from the transcript by an edit"))
            }
            let nodes = Dictionary(structure.allNodes.map { ($0.code.id, $0) }, uniquingKeysWith: { a, _ in a })
            for row in try Row.fetchAll(db, sql: "SELECT segmentId, codeId, note FROM stcContradiction") {
                // Only units still in the group: one moved out is no longer a contradiction there.
                guard let node = nodes[row["codeId"]], node.units.contains(row["segmentId"]) else { continue }
                let note: String? = row["note"]
                findings.append(.init(kind: .contradicting, subject: node.path,
                                      message: "unit \((row["segmentId"] as UUID).shortID) contradicts the rest" + (note.map { ": \($0)" } ?? "")))
            }
            return ValidationReport(findings: findings, support: support)
        }
    }
}
