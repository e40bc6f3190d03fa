import Foundation
import GRDB
import QualCode

extension WorkMapping {
    /// One end of a link: a step, action, actor or text, by id.
    public struct NodeReference: Sendable, Hashable, Codable {
        public var kind: MapNodeKind
        public var id: UUID
        public init(_ kind: MapNodeKind, _ id: UUID) { self.kind = kind; self.id = id }
    }

    /// Links two things of the map («Kartlegge jobbsøker» uses «Kartleggingsmal»). Linking the same two
    /// again is a no-op that returns the link there is.
    ///
    /// - Throws: ``MapError/selfLink(kind:name:)``, ``MapError/wrongEnds(kind:from:to:)`` for ends of
    ///   kinds the link does not join, ``MapError/cycle(kind:path:)`` for an order or a text hierarchy
    ///   that would come back to where it started, ``MapError/notFound(kind:name:suggestions:)`` for an
    ///   end that does not exist. Nothing is changed then.
    @discardableResult
    public func link(_ kind: MapLinkKind, from: NodeReference, to: NodeReference, note: String? = nil) throws -> MapLink {
        guard kind.ends.from.contains(from.kind), kind.ends.to.contains(to.kind) else {
            throw MapError.wrongEnds(kind: kind, from: from.kind, to: to.kind)
        }
        return try store.pool.write { db in
            let fromName = try Self.name(db, from)
            _ = try Self.name(db, to)
            if from == to { throw MapError.selfLink(kind: kind, name: fromName) }
            if let existing = try MapLink.filter(Column("kind") == kind.rawValue && Column("fromId") == from.id && Column("toId") == to.id)
                .fetchOne(db) {
                return existing
            }
            if kind.isAcyclic, let back = try Self.path(db, kind, from: to.id, to: from.id) {
                throw MapError.cycle(kind: kind, path: try ([from.id, to.id] + back).map { try Self.name(db, NodeReference(from.kind, $0)) })
            }
            let link = MapLink(id: UUID.timeOrdered(), kind: kind, fromKind: from.kind, fromId: from.id, toKind: to.kind, toId: to.id,
                               note: note.flatMap(Self.clean))
            try link.insert(db)
            try store.log(db, "map.link", ["id": LogValue(link.id), "kind": .string(kind.rawValue), "from": LogValue(from.id),
                                           "to": LogValue(to.id)])
            return link
        }
    }

    /// Every link, in the order they were made.
    public func links() throws -> [MapLink] {
        try store.pool.read { db in try MapLink.order(Column.rowID).fetchAll(db) }
    }

    /// The chain of `kind` links from `start` to `goal` (the ids after `start`, `goal` last), if there is one.
    static func path(_ db: Database, _ kind: MapLinkKind, from start: UUID, to goal: UUID) throws -> [UUID]? {
        var next: [UUID: [UUID]] = [:]
        for link in try MapLink.filter(Column("kind") == kind.rawValue).fetchAll(db) { next[link.fromId, default: []].append(link.toId) }
        var came: [UUID: UUID] = [:]
        var queue = [start]
        var seen: Set<UUID> = [start]
        while !queue.isEmpty {
            let node = queue.removeFirst()
            if node == goal {
                var path = [goal]
                while let before = came[path[0]], before != start { path.insert(before, at: 0) }
                return start == goal ? [] : path
            }
            for target in next[node] ?? [] where seen.insert(target).inserted {
                came[target] = node
                queue.append(target)
            }
        }
        return nil
    }

    /// A node's name, or the refusal for one that does not exist.
    static func name(_ db: Database, _ node: NodeReference) throws -> String {
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM \(node.kind.table) WHERE id = ?", arguments: [node.id]) else {
            throw MapError.notFound(kind: node.kind, name: node.id.uuidString.lowercased(), suggestions: [])
        }
        return name
    }
}
