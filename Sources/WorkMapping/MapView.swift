import Foundation
import GRDB
import QualCode

/// The work map as a page shows it, from one call: the drawing as SVG, every node and link with how
/// much evidence backs it, and what the map still lacks (``MapStatus``).
///
/// Each box of the SVG carries its node's ``Node/key`` as `data-key`, so a page finds the box of a node
/// and the node of a clicked box. Disjunctures are not drawn; they are listed like the other nodes.
public struct MapView: Sendable, Hashable, Codable {
    /// A step, action, actor, text or disjuncture, with the counts of its evidence.
    public struct Node: Sendable, Hashable, Codable {
        /// The node's id in lowercase: the `data-key` of its box in the SVG.
        public var key: String
        public var kind: MapNodeKind
        public var name: String
        /// The key of the step an action belongs to, or that a step's text is drawn under.
        public var step: String?
        /// The passages that back it, those whose text was removed included.
        public var evidence: Int
        /// How many informants the passages still in place come from.
        public var informants: Int
        /// Passages whose text a transcript edit removed.
        public var orphaned: Int
    }

    /// A link between two nodes, named in words, with the counts of its own evidence.
    public struct Link: Sendable, Hashable, Codable {
        public var id: MapLink.ID
        public var kind: MapLinkKind
        /// The keys of its ends (``Node/key``).
        public var from: String
        public var to: String
        /// «Henvisning går foran Bli kjent».
        public var name: String
        public var evidence: Int
        public var informants: Int
        public var orphaned: Int
    }

    /// The drawing, as ``MapSVG`` writes it (the same bytes as a download of the map).
    public var svg: String
    /// Steps in order, then each step's actions, the actors, the texts by name, the disjunctures.
    public var nodes: [Node]
    /// In the order they were made.
    public var links: [Link]
    public var status: MapStatus
}

/// A passage of evidence with its text, as a page quotes it: who said it, and where to open it.
public struct MapPassage: Sendable, Hashable, Codable {
    public var segment: Segment.ID
    /// The transcript's short name.
    public var transcript: String
    public var transcriptId: Transcript.ID
    /// Unicode-scalar offsets in the transcript, end exclusive.
    public var start: Int
    public var end: Int
    /// The lines it spans (the transcript page opens at them).
    public var firstLine: Int
    public var lastLine: Int
    /// The passage's text as stored with it (kept when an edit removed it from the transcript).
    public var text: String
    public var coder: String
    /// Who said it (pseudonyms).
    public var informants: [String]
    /// A transcript edit removed the passage's text.
    public var isOrphaned: Bool
}

/// A link's evidence with the text of each passage.
public struct LinkPassages: Sendable, Hashable, Codable {
    public var link: MapLink
    /// The link in words («Henvisning går foran Bli kjent»).
    public var name: String
    public var passages: [MapPassage]
    /// The informants of the passages still in place.
    public var informants: [String]
    public var orphaned: Int
    public var clauses: [ClauseCitation]
}

/// A node's evidence with the text of each passage, and the links at the node with theirs.
public struct NodePassages: Sendable, Hashable, Codable {
    public var node: WorkMapping.NodeReference
    public var name: String
    public var passages: [MapPassage]
    /// The informants of the passages still in place («4 informanter»).
    public var informants: [String]
    public var orphaned: Int
    public var clauses: [ClauseCitation]
    /// The links that start or end at the node, in the order they were made.
    public var links: [LinkPassages]
}

extension WorkMapping {
    /// The map as a page shows it: the drawing (with swim lanes when `lanes`, its words in `language`),
    /// the nodes and links with their evidence counted, and the status.
    ///
    /// For example, a page draws `view.svg` and badges each box with `view.nodes[i].informants`.
    public func view(lanes: Bool = false, language: DocumentLanguage = .nb) throws -> MapView {
        let svg = try mapSVG(lanes: lanes, language: language)
        let status = try status()
        let (nodes, links) = try store.pool.read { db in
            let steps = try MapStep.order(Column("position")).fetchAll(db)
            let stepOrder = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($0.element.id, $0.offset) })
            let actions = try MapAction.fetchAll(db).sorted {
                (stepOrder[$0.stepId] ?? 0, $0.position) < (stepOrder[$1.stepId] ?? 0, $1.position)
            }
            let actors = try MapActor.order(Column("position")).fetchAll(db)
            let texts = try MapText.order(Column("name").collating(.nocase)).fetchAll(db)
            let disjunctures = try MapDisjuncture.order(Column.rowID).fetchAll(db)
            func node(_ kind: MapNodeKind, _ id: UUID, step: UUID? = nil) throws -> MapView.Node {
                let backing = try Self.evidence(db, NodeReference(kind, id))
                return MapView.Node(key: Self.key(id), kind: kind, name: backing.name, step: step.map(Self.key), evidence: backing.evidence.count,
                                    informants: backing.informants.count, orphaned: backing.orphaned)
            }
            var nodes = try steps.map { try node(.step, $0.id) }
            nodes += try actions.map { try node(.action, $0.id, step: $0.stepId) }
            nodes += try actors.map { try node(.actor, $0.id) }
            nodes += try texts.map { try node(.text, $0.id, step: $0.stepId) }
            nodes += try disjunctures.map { try node(.disjuncture, $0.id, step: $0.stepId) }
            let links = try MapLink.order(Column.rowID).fetchAll(db).map { link in
                let backing = try Self.linkEvidence(db, link.id)
                return MapView.Link(id: link.id, kind: link.kind, from: Self.key(link.fromId), to: Self.key(link.toId), name: backing.name,
                                    evidence: backing.evidence.count, informants: backing.informants.count, orphaned: backing.orphaned)
            }
            return (nodes, links)
        }
        return MapView(svg: svg, nodes: nodes, links: links, status: status)
    }

    /// A node's evidence with each passage's text, its cited clauses, and the links at it with theirs.
    ///
    /// - Throws: ``MapError/notFound(kind:name:suggestions:)`` for a node that is not there. A passage
    ///   whose text an edit removed is not an error: it comes back with `isOrphaned` and its stored text.
    public func passages(of node: NodeReference) throws -> NodePassages {
        try store.pool.read { db in
            let backing = try Self.evidence(db, node)
            let links = try MapLink.filter((Column("fromKind") == node.kind.rawValue && Column("fromId") == node.id)
                                           || (Column("toKind") == node.kind.rawValue && Column("toId") == node.id))
                .order(Column.rowID).fetchAll(db)
            return NodePassages(node: node, name: backing.name, passages: try Self.quoted(db, backing.evidence), informants: backing.informants,
                                orphaned: backing.orphaned, clauses: backing.clauses,
                                links: try links.map { try Self.linkPassages(db, $0.id) })
        }
    }

    /// A link's evidence with each passage's text, and its cited clauses.
    ///
    /// - Throws: ``MapError/linkNotFound(id:)`` for a link that is not there.
    public func passages(ofLink link: MapLink.ID) throws -> LinkPassages {
        try store.pool.read { db in try Self.linkPassages(db, link) }
    }

    static func linkPassages(_ db: Database, _ link: MapLink.ID) throws -> LinkPassages {
        let backing = try Self.linkEvidence(db, link)
        return LinkPassages(link: backing.link, name: backing.name, passages: try Self.quoted(db, backing.evidence),
                            informants: backing.informants, orphaned: backing.orphaned, clauses: backing.clauses)
    }

    /// The passages with their text and lines, read as the code retrieval reads a segment.
    static func quoted(_ db: Database, _ evidence: [MapEvidence]) throws -> [MapPassage] {
        let segments = Dictionary(try ProjectStore.retrievedSegments(db, ids: evidence.map(\.segment)).map { ($0.segment.id, $0) },
                                  uniquingKeysWith: { first, _ in first })
        // Every passage is a segment of this read: the coding that made it evidence holds on to it.
        return evidence.compactMap { item in
            guard let found = segments[item.segment] else { return nil }
            return MapPassage(segment: item.segment, transcript: item.transcript, transcriptId: found.transcriptId, start: item.start, end: item.end,
                              firstLine: found.segment.firstLine, lastLine: found.segment.lastLine, text: found.segment.text, coder: item.coder,
                              informants: item.informants, isOrphaned: item.isOrphaned)
        }
    }

    /// A node's key: its id as the SVG's `data-key` writes it.
    static func key(_ id: UUID) -> String { id.uuidString.lowercased() }
}
