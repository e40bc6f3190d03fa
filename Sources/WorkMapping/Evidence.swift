import Foundation
import GRDB
import QualCode

/// A passage that backs a node of the map: an ordinary coded segment (coded with the node's code), so
/// it re-anchors when its transcript is edited and shows in the code's retrieval.
public struct MapEvidence: Sendable, Hashable, Codable {
    public var segment: Segment.ID
    /// The transcript's short name.
    public var transcript: String
    public var start: Int
    public var end: Int
    public var coder: String
    /// Who said it (pseudonyms), as the core knows from speaker turns or the transcript's participants.
    public var informants: [String]
    /// A transcript edit removed the passage's text: reported, never dropped.
    public var isOrphaned: Bool
}

/// What backs a node or a link: its name, passages, the informants they come from, the passages whose
/// text was removed, and the clauses cited.
public protocol MapBacking: Sendable, Encodable {
    var name: String { get }
    var evidence: [MapEvidence] { get }
    var informants: [String] { get }
    var orphaned: Int { get }
    var clauses: [ClauseCitation] { get }
}

/// What backs one node: its passages and how many informants they come from («4 informanter»).
public struct NodeEvidence: MapBacking, Hashable, Codable {
    public var node: WorkMapping.NodeReference
    public var name: String
    public var evidence: [MapEvidence]
    public var informants: [String]
    public var orphaned: Int
    /// Clauses of texts cited for it («Kvalitetsveileder: Tid ute, 65 %»).
    public var clauses: [ClauseCitation]
}

extension WorkMapping {
    /// Backs a node with a passage of a transcript: codes the passage with the node's code (the same
    /// selectors as coding: a quote, lines, offsets).
    ///
    /// - Throws: ``MapError/notFound(kind:name:suggestions:)`` for an unknown node, the core's
    ///   ``StoreError`` for an unknown transcript or a passage that is not there; nothing is changed then.
    @discardableResult
    public func addEvidence(to node: NodeReference, transcript: Transcript.ID, _ selector: SegmentSelector) throws -> CodingResult {
        try store.pool.write { db in
            let code = try nodeCodeMadeIfGone(db, node)
            let path = try ProjectStore.path(db, of: try ProjectStore.code(db, id: code).unwrap(node))
            let result = try store.code(in: db, [CodingRequest(transcript: transcript, selector: selector, codes: ["/" + path])])[0]
            try store.log(db, "map.evidence.add", ["node": LogValue(node.id), "kind": .string(node.kind.rawValue),
                                                   "segment": LogValue(result.segment.id)])
            return result
        }
    }

    /// The passages that back a node, in transcript and text order, with who said them.
    public func evidence(of node: NodeReference) throws -> NodeEvidence {
        try store.pool.read { db in try Self.evidence(db, node) }
    }

    static func evidence(_ db: Database, _ node: NodeReference) throws -> NodeEvidence {
        let name = try Self.name(db, node)
        let places = try Self.nodeCodeID(db, node).map { try ProjectStore.codings(db, of: [$0]) } ?? []
        let backing = try Self.backing(db, places)
        return NodeEvidence(node: node, name: name, evidence: backing.items, informants: backing.informants, orphaned: backing.orphaned,
                            clauses: try Self.citedClauses(db, target: node.kind.rawValue, node.id))
    }

    /// The passages coded with a node's or a link's code, with who said them; informants are counted
    /// from the passages whose text is still there.
    static func backing(_ db: Database, _ places: [ProjectStore.CodingPlace]) throws -> (items: [MapEvidence], informants: [String], orphaned: Int) {
        // A passage two coders both coded with the node's code is one passage.
        var seen = Set<UUID>()
        let places = places.filter { seen.insert($0.segment).inserted }
        let speakers = try ProjectStore.speakers(db, of: places.map(\.segment))
        let items = places.map { place in
            MapEvidence(segment: place.segment, transcript: place.transcript, start: place.start, end: place.end, coder: place.coder,
                        informants: (speakers[place.segment] ?? []).sorted(), isOrphaned: place.isOrphaned)
        }
        return (items, Set(items.filter { !$0.isOrphaned }.flatMap(\.informants)).sorted(), items.filter(\.isOrphaned).count)
    }

    /// The node's code, nil when it was deleted in the code tree (the node then has no evidence).
    static func nodeCodeID(_ db: Database, _ node: NodeReference) throws -> UUID? {
        guard let row = try Row.fetchOne(db, sql: "SELECT codeId FROM \(node.kind.table) WHERE id = ?", arguments: [node.id]) else {
            throw MapError.notFound(kind: node.kind, name: node.id.uuidString.lowercased(), suggestions: [])
        }
        return row["codeId"]
    }

    /// The node's code, made again under «Arbeidskart» when it was deleted in the code tree.
    func nodeCodeMadeIfGone(_ db: Database, _ node: NodeReference) throws -> UUID {
        if let code = try Self.nodeCodeID(db, node) { return code }
        let name = try Self.name(db, node)
        var parts: [String]
        switch node.kind {
        case .step: parts = [Self.words.steps, name]
        case .actor: parts = [Self.words.actors, name]
        case .text: parts = [Self.words.texts, name]
        case .disjuncture: parts = [Self.words.disjunctures, name]
        case .action:
            let step = try String.fetchOne(db, sql: "SELECT s.name FROM mapAction a JOIN mapStep s ON s.id = a.stepId WHERE a.id = ?",
                                           arguments: [node.id]) ?? ""
            parts = [Self.words.steps, step, name]
        }
        let code = try nodeCode(db, parts)
        try db.execute(sql: "UPDATE \(node.kind.table) SET codeId = ? WHERE id = ?", arguments: [code, node.id])
        return code
    }
}

private extension Optional where Wrapped == Code {
    /// The code, or the refusal for a node whose code is gone.
    func unwrap(_ node: WorkMapping.NodeReference) throws -> Code {
        guard let self else { throw MapError.notFound(kind: node.kind, name: node.id.uuidString.lowercased(), suggestions: []) }
        return self
    }
}
