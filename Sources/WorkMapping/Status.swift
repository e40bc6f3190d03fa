import Foundation
import GRDB
import QualCode

/// Where the work map stands: what it holds, and what still needs work before it is written up.
public struct MapStatus: Sendable, Hashable, Codable {
    public var standpoint: String?
    public var steps: Int
    public var actions: Int
    public var actors: Int
    public var texts: Int
    public var links: Int
    public var disjunctures: Int
    public var terms: Int
    /// Steps, actions, texts and disjunctures without evidence, by name.
    public var withoutEvidence: [String]
    /// Evidence whose passage a transcript edit removed, by the name of what it backed.
    public var orphanedEvidence: [String: Int]
    /// Terms found in the transcripts and not yet unpacked.
    public var termsNotUnpacked: [String]
    /// Transcripts with no answer to one of the standing questions or more.
    public var transcriptsWithoutAnswers: [String]
}

extension WorkMapping {
    /// What the map holds and what is missing: no standpoint, nodes without evidence, evidence whose
    /// text was removed, terms not unpacked, transcripts not read with the standing questions.
    public func status() throws -> MapStatus {
        // One read for the counts and every node's evidence.
        let (counts, backing, standpoint) = try store.pool.read { db in
            let counts = try ["mapStep", "mapAction", "mapActor", "mapText", "mapLink", "mapDisjuncture", "mapTerm"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0
            }
            var backing: [NodeEvidence] = []
            for kind in [MapNodeKind.step, .action, .text, .disjuncture] {
                for id in try UUID.fetchAll(db, sql: "SELECT id FROM \(kind.table) ORDER BY rowid") {
                    backing.append(try Self.evidence(db, NodeReference(kind, id)))
                }
            }
            return (counts, backing, try String.fetchOne(db, sql: "SELECT value FROM mapSetting WHERE key = 'standpoint'"))
        }
        let without = backing.filter { $0.evidence.count == $0.orphaned }.map(\.name)
        let orphaned = Dictionary(backing.filter { $0.orphaned > 0 }.map { ($0.name, $0.orphaned) }, uniquingKeysWith: +)
        // Only whether each term occurs: a count, not every line (`scanTerms` fetches them all for its counts
        // per transcript), since the map page asks for the status on every load.
        let notUnpacked = try terms().filter { term in
            !term.unpacked && ((try? store.search(Self.phrase(term.term), limit: 0))?.total ?? 0) > 0
        }.map(\.term)
        let questions = try questions(), questionOf = try answerMemos()
        let unanswered = try store.transcripts().filter { transcript in
            try answers(for: transcript.id, questions: questions, questionOf: questionOf).contains { $0.answers.isEmpty }
        }.map(\.name)
        return MapStatus(standpoint: standpoint, steps: counts[0], actions: counts[1], actors: counts[2], texts: counts[3], links: counts[4],
                         disjunctures: counts[5], terms: counts[6], withoutEvidence: without, orphanedEvidence: orphaned,
                         termsNotUnpacked: notUnpacked, transcriptsWithoutAnswers: unanswered)
    }
}
