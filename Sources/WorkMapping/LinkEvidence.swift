import Foundation
import GRDB
import QualCode

extension WorkMapping {
    /// Backs a link with a passage («she sends the referral before they meet» for *Henvisning går foran
    /// Bli kjent*): codes it with the link's code under «Arbeidskart/Koplinger», made with the first
    /// passage, so the link's evidence is ordinary coding like a node's.
    ///
    /// - Throws: ``MapError/linkNotFound(id:)`` for a link that is not there, the core's ``StoreError``
    ///   for an unknown transcript or a passage that is not there; nothing is changed then.
    @discardableResult
    public func addEvidence(to link: MapLink.ID, transcript: Transcript.ID, _ selector: SegmentSelector) throws -> CodingResult {
        try store.pool.write { db in
            let code = try linkCode(db, link)
            let path = try ProjectStore.path(db, of: try ProjectStore.code(db, id: code).unwrapLink(link))
            let result = try store.code(in: db, [CodingRequest(transcript: transcript, selector: selector, codes: ["/" + path])])[0]
            try store.log(db, "map.evidence.add", ["link": LogValue(link), "segment": LogValue(result.segment.id)])
            return result
        }
    }

    /// The passages and clauses that back a link.
    public func evidence(ofLink link: MapLink.ID) throws -> LinkEvidence {
        try store.pool.read { db in try Self.linkEvidence(db, link) }
    }

    /// The link between two things, if there is one of that kind.
    public func existingLink(_ kind: MapLinkKind, from: NodeReference, to: NodeReference) throws -> MapLink? {
        try store.pool.read { db in
            try MapLink.filter(Column("kind") == kind.rawValue && Column("fromId") == from.id && Column("toId") == to.id).fetchOne(db)
        }
    }

    static func linkEvidence(_ db: Database, _ id: MapLink.ID) throws -> LinkEvidence {
        let link = try Self.link(db, id)
        let places = try link.codeId.map { try ProjectStore.codings(db, of: [$0]) } ?? []
        let backing = try Self.backing(db, places)
        return LinkEvidence(link: link, name: try Self.linkName(db, link), evidence: backing.items, informants: backing.informants,
                            orphaned: backing.orphaned, clauses: try Self.citedClauses(db, target: "link", id)) 
    }

    static func link(_ db: Database, _ id: MapLink.ID) throws -> MapLink {
        guard let link = try MapLink.fetchOne(db, key: id) else { throw MapError.linkNotFound(id: id.uuidString.lowercased()) }
        return link
    }

    /// «Henvisning går foran Bli kjent»: the link in words, as its code and the tables name it.
    static func linkName(_ db: Database, _ link: MapLink) throws -> String {
        let from = try Self.name(db, NodeReference(link.fromKind, link.fromId))
        let to = try Self.name(db, NodeReference(link.toKind, link.toId))
        return "\(from) \(link.kind.nb) \(to)"
    }

    /// The link's code, made under «Arbeidskart/Koplinger» when it has none (first evidence, or deleted
    /// in the code tree); a name too long for a code is cut with «…».
    private func linkCode(_ db: Database, _ id: MapLink.ID) throws -> UUID {
        let link = try Self.link(db, id)
        if let code = link.codeId, try ProjectStore.code(db, id: code) != nil { return code }
        var name = try Self.linkName(db, link)
        if name.count > NameRules.maximumLength - 20 { name = String(name.prefix(NameRules.maximumLength - 21)) + "…" }
        let code = try nodeCode(db, [Self.words.links, name])
        try db.execute(sql: "UPDATE mapLink SET codeId = ? WHERE id = ?", arguments: [code, id])
        return code
    }
}

/// What backs one link: its passages, how many informants they come from, and the clauses cited.
public struct LinkEvidence: MapBacking, Hashable, Codable {
    public var link: MapLink
    /// The link in words («Henvisning går foran Bli kjent»).
    public var name: String
    public var evidence: [MapEvidence]
    public var informants: [String]
    public var orphaned: Int
    public var clauses: [ClauseCitation]
}

private extension Optional where Wrapped == Code {
    func unwrapLink(_ link: MapLink.ID) throws -> Code {
        guard let self else { throw MapError.linkNotFound(id: link.uuidString.lowercased()) }
        return self
    }
}
