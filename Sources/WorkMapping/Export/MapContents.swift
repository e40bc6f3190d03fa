import Foundation
import GRDB
import QualCode

/// Everything the work-map tables show, read in one transaction so that the tables of one export
/// agree with each other: the map's nodes and links, every node's and link's evidence, the quotes of
/// the passages still in their transcripts (in the house style), the participants with their
/// attributes, the transcripts and which standing questions each was answered for.
struct MapContents {
    var standpoint: String?
    var steps: [MapStep]
    /// By step, then in their order within it.
    var actions: [MapAction]
    var actors: [MapActor]
    /// By level, from law down to targets (``MapTextKind``'s order), then by name.
    var texts: [MapText]
    var links: [MapLink]
    var clauses: [MapText.ID: [MapClause]]
    var disjunctures: [MapDisjuncture]
    /// Every version of every statement.
    var problematic: [MapProblematic]
    /// The evidence of every step, action, actor, text and disjuncture, by the node's id.
    var evidence: [UUID: NodeEvidence]
    var linkEvidence: [MapLink.ID: LinkEvidence]
    /// The passages whose text is still in their transcripts, as the house style prints them.
    var quotes: [Segment.ID: ExportedQuote]
    var participants: [ParticipantSummary]
    var attributes: [Attribute]
    var transcripts: [TranscriptSummary]
    var questions: [MapQuestion]
    /// The questions answered for each transcript.
    var answered: [Transcript.ID: Set<MapQuestion.ID>]
    var style: HouseStyle
    var language: DocumentLanguage
    var words: MapWords

    /// - Throws: what ``ProjectStore/quotes(_:)`` throws for a house style whose label names an
    ///   attribute the project does not have.
    static func read(_ map: WorkMapping, style: HouseStyle, language: DocumentLanguage) throws -> MapContents {
        try map.store.pool.read { db in
            let steps = try MapStep.order(Column("position")).fetchAll(db)
            let stepOrder = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($0.element.id, $0.offset) })
            let actions = try MapAction.fetchAll(db).sorted { a, b in
                (stepOrder[a.stepId] ?? .max, a.position) < (stepOrder[b.stepId] ?? .max, b.position)
            }
            let kindOrder = Dictionary(uniqueKeysWithValues: MapTextKind.allCases.enumerated().map { ($0.element, $0.offset) })
            let texts = try MapText.fetchAll(db).sorted { a, b in
                (kindOrder[a.kind] ?? 0, a.name.lowercased(), a.name) < (kindOrder[b.kind] ?? 0, b.name.lowercased(), b.name)
            }
            let actors = try MapActor.order(Column("position")).fetchAll(db)
            let disjunctures = try MapDisjuncture.order(Column.rowID).fetchAll(db)
            let links = try MapLink.order(Column.rowID).fetchAll(db)

            var evidence: [UUID: NodeEvidence] = [:]
            let nodes: [WorkMapping.NodeReference] = steps.map { .init(.step, $0.id) } + actions.map { .init(.action, $0.id) }
                + actors.map { .init(.actor, $0.id) } + texts.map { .init(.text, $0.id) } + disjunctures.map { .init(.disjuncture, $0.id) }
            for node in nodes { evidence[node.id] = try WorkMapping.evidence(db, node) }
            var linkEvidence: [MapLink.ID: LinkEvidence] = [:]
            for link in links { linkEvidence[link.id] = try WorkMapping.linkEvidence(db, link.id) }

            // The quotes of the passages still there, in one read, in the house style.
            var live: [Segment.ID] = []
            var seen = Set<Segment.ID>()
            for item in evidence.values.flatMap(\.evidence) + linkEvidence.values.flatMap(\.evidence)
            where !item.isOrphaned && seen.insert(item.segment).inserted {
                live.append(item.segment)
            }
            var quotes: [Segment.ID: ExportedQuote] = [:]
            if !live.isEmpty {
                var options = QuoteOptions(segments: live)
                options.style = style
                options.language = language
                for quote in try map.store.quotes(in: db, options) { quotes[quote.segment] = quote }
            }

            let questions = try MapQuestion.fetchAll(db, sql: "SELECT id, text, position FROM mapQuestion ORDER BY position")
            let answerRows = try Row.fetchAll(db, sql: "SELECT memoId, questionId FROM mapAnswer").map { ($0[0] as UUID, $0[1] as UUID) }
            let question = Dictionary(answerRows, uniquingKeysWith: { first, _ in first })
            var answered: [Transcript.ID: Set<MapQuestion.ID>] = [:]
            for memo in try ProjectStore.memos(db, ids: question.keys) where memo.targetKind == .transcript {
                if let transcript = memo.targetId, let asked = question[memo.id] { answered[transcript, default: []].insert(asked) }
            }

            var clauses: [MapText.ID: [MapClause]] = [:]
            for clause in try MapClause.order(Column.rowID).fetchAll(db) { clauses[clause.textId, default: []].append(clause) }

            return MapContents(
                standpoint: try String.fetchOne(db, sql: "SELECT value FROM mapSetting WHERE key = 'standpoint'"),
                steps: steps, actions: actions, actors: actors, texts: texts, links: links, clauses: clauses, disjunctures: disjunctures,
                problematic: try MapProblematic.order(Column.rowID).fetchAll(db),
                evidence: evidence, linkEvidence: linkEvidence, quotes: quotes,
                participants: try ProjectStore.participants(db), attributes: try ProjectStore.attributes(db),
                transcripts: try ProjectStore.transcripts(db), questions: questions, answered: answered,
                style: style, language: language, words: MapWords(language))
        }
    }

    // MARK: - Reading the contents

    func actions(of step: MapStep.ID) -> [MapAction] { actions.filter { $0.stepId == step } }

    func step(_ id: MapStep.ID?) -> MapStep? { id.flatMap { id in steps.first { $0.id == id } } }

    func name(of text: MapText.ID) -> String? { texts.first { $0.id == text }?.name }

    /// The passages that back a step: its own and its actions', each passage once.
    func passages(of step: MapStep.ID) -> [MapEvidence] {
        Self.distinct((evidence[step]?.evidence ?? []) + actions(of: step).flatMap { evidence[$0.id]?.evidence ?? [] })
    }

    /// The passages that back a node, each once (two coders may have coded one passage).
    func passages(ofNode id: UUID) -> [MapEvidence] { Self.distinct(evidence[id]?.evidence ?? []) }

    /// Every passage of the map — nodes and links — each once.
    var allPassages: [MapEvidence] {
        Self.distinct(nodeOrder.flatMap { evidence[$0]?.evidence ?? [] } + links.flatMap { linkEvidence[$0.id]?.evidence ?? [] })
    }

    /// The nodes in a fixed order (the dictionary has none).
    private var nodeOrder: [UUID] {
        steps.map(\.id) + actions.map(\.id) + actors.map(\.id) + texts.map(\.id) + disjunctures.map(\.id)
    }

    static func distinct(_ items: [MapEvidence]) -> [MapEvidence] {
        var seen = Set<Segment.ID>()
        return items.filter { seen.insert($0.segment).inserted }
    }
}

/// How much backs something: passages still in their transcripts, the informants who said them, and
/// the passages an edit removed (counted apart, never dropped).
struct Backing {
    var passages: Int
    var informants: [String]
    var removed: Int

    init(_ items: [MapEvidence]) {
        let live = items.filter { !$0.isOrphaned }
        passages = live.count
        informants = Set(live.flatMap(\.informants)).sorted()
        removed = items.count - live.count
    }
}
