import Foundation
import GRDB
import QualCode

/// What merging steps did.
public struct StepMergeReport: Sendable, Hashable, Codable {
    public var step: MapStep
    /// The steps merged into it, by name.
    public var merged: [String]
    public var actionsMoved: Int
    /// Actions of the same name in two of the steps, made one.
    public var actionsJoined: Int
    public var textsMoved: Int
    public var linksMoved: Int
}

extension WorkMapping {
    /// Merges steps into the first of them, as a thesis merged three of an informant's steps into one box:
    /// their actions (one of a name), texts, links, disjunctures and evidence (their codes merge into the
    /// first step's) go to it, and it remembers what it was merged from.
    ///
    /// - Throws: ``MapError/mergeNeedsTwoSteps``, ``MapError/cycle(kind:path:)`` when the order would go
    ///   round in a circle (merging the first and the last of a chain); nothing is changed then.
    @discardableResult
    public func mergeSteps(_ ids: [MapStep.ID]) throws -> StepMergeReport {
        var unique: [MapStep.ID] = []
        for id in ids where !unique.contains(id) { unique.append(id) }
        guard unique.count >= 2 else { throw MapError.mergeNeedsTwoSteps }
        return try store.pool.write { db in
            var target = try Self.step(db, unique[0])
            var report = StepMergeReport(step: target, merged: [], actionsMoved: 0, actionsJoined: 0, textsMoved: 0, linksMoved: 0)
            for id in unique.dropFirst() {
                let source = try Self.step(db, id)
                try mergeActions(db, from: source, into: target, report: &report)
                try db.execute(sql: "UPDATE mapText SET stepId = ? WHERE stepId = ?", arguments: [target.id, source.id])
                report.textsMoved += db.changesCount
                try db.execute(sql: "UPDATE mapDisjuncture SET stepId = ? WHERE stepId = ?", arguments: [target.id, source.id])
                report.linksMoved += try repointLinks(db, from: source.id, to: target.id)
                try Self.moveCitations(db, .step, from: source.id, to: target.id)
                // The kept step's code is made again if it was deleted, so the merged step's passages stay evidence.
                if let from = source.codeId {
                    let into = try nodeCodeMadeIfGone(db, NodeReference(.step, target.id))
                    target.codeId = into
                    _ = try store.mergeCode(in: db, from, into: into)
                }
                target.mergedFrom = ([target.mergedFrom, source.name, source.mergedFrom].compactMap { $0 }).joined(separator: "; ")
                try source.delete(db)
                report.merged.append(source.name)
            }
            try target.update(db)
            // Close up the order.
            for (index, step) in try MapStep.order(Column("position")).fetchAll(db).enumerated() {
                try db.execute(sql: "UPDATE mapStep SET position = ? WHERE id = ?", arguments: [index + 1, step.id])
            }
            for link in try MapLink.filter(Column("kind") == MapLinkKind.precedes.rawValue).fetchAll(db) {
                if let back = try Self.path(db, .precedes, from: link.toId, to: link.fromId) {
                    throw MapError.cycle(kind: .precedes, path: try ([link.fromId, link.toId] + back).map { try Self.name(db, NodeReference(.step, $0)) })
                }
            }
            report.step = try Self.step(db, target.id)
            try store.log(db, "map.step.merge", ["into": LogValue(target.id), "merged": .array(report.merged.map { .string($0) })])
            return report
        }
    }

    /// Moves a step's actions to another; one of the same name there takes its links (its code merges
    /// with the step's code).
    private func mergeActions(_ db: Database, from source: MapStep, into target: MapStep, report: inout StepMergeReport) throws {
        var position = (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM mapAction WHERE stepId = ?", arguments: [target.id]) ?? 0)
        for var action in try MapAction.filter(Column("stepId") == source.id).order(Column("position")).fetchAll(db) {
            if let namesake = try MapAction.filter(Column("stepId") == target.id).fetchAll(db).first(where: { Self.sameName($0.name, action.name) }) {
                _ = try repointLinks(db, from: action.id, to: namesake.id)
                try Self.moveCitations(db, .action, from: action.id, to: namesake.id)
                // The codes themselves merge with the steps' codes (the core merges namesakes among children).
                try action.delete(db)
                report.actionsJoined += 1
            } else {
                position += 1
                action.stepId = target.id
                action.position = position
                try action.update(db)
                report.actionsMoved += 1
            }
        }
    }

    /// The clauses cited for a node go with it into the node it is merged into.
    static func moveCitations(_ db: Database, _ kind: MapNodeKind, from old: UUID, to new: UUID) throws {
        try db.execute(sql: "UPDATE OR IGNORE mapClauseEvidence SET targetId = ? WHERE targetKind = ? AND targetId = ?",
                       arguments: [new, kind.rawValue, old])
        try db.execute(sql: "DELETE FROM mapClauseEvidence WHERE targetKind = ? AND targetId = ?", arguments: [kind.rawValue, old])
    }

    /// Points every link at `old` to `new`, dropping those that would link a thing to itself or repeat
    /// one; a repeat's evidence (its code's passages, its clauses) goes to the link it repeats.
    func repointLinks(_ db: Database, from old: UUID, to new: UUID) throws -> Int {
        var moved = 0
        for var link in try MapLink.filter(Column("fromId") == old || Column("toId") == old).fetchAll(db) {
            if link.fromId == old { link.fromId = new }
            if link.toId == old { link.toId = new }
            let twin = try MapLink.filter(Column("kind") == link.kind.rawValue && Column("fromId") == link.fromId
                                          && Column("toId") == link.toId && Column("id") != link.id).fetchOne(db)
            if link.fromId == link.toId || twin != nil {
                if var twin {
                    try db.execute(sql: "UPDATE OR IGNORE mapClauseEvidence SET targetId = ? WHERE targetKind = 'link' AND targetId = ?",
                                   arguments: [twin.id, link.id])
                    if let code = link.codeId {
                        if let into = twin.codeId { _ = try store.mergeCode(in: db, code, into: into) } else { twin.codeId = code; try twin.update(db) }
                    }
                }
                try db.execute(sql: "DELETE FROM mapClauseEvidence WHERE targetKind = 'link' AND targetId = ?", arguments: [link.id])
                try link.delete(db)
            } else {
                try link.update(db)
                moved += 1
            }
        }
        return moved
    }
}
