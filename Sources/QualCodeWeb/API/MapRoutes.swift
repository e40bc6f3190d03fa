import Foundation
import Hummingbird
import QualCode
import WorkMapping

/// The institutional-ethnography work map: the drawing with its nodes, links and status, the SVG as a
/// download, a node's or link's evidence with the quotes, and a passage added as evidence — each one
/// call into the WorkMapping module.
struct MapRoutes {
    let app: WebApp

    /// A selection to add as evidence: scalar offsets as the coding route takes them (end exclusive),
    /// for a node (`{"kind": "step", "id": …}`) or a link (its id) — one of the two.
    struct NewEvidence: Decodable, Sendable {
        var node: WorkMapping.NodeReference?
        var link: UUID?
        var transcript: UUID
        var start: Int
        var end: Int
    }

    func add(to group: RouterGroup<WebContext>) {
        group.get("map") { request, context in
            _ = try context.requireSession()
            let (lanes, language) = try Self.drawing(request.uri.queryParameters)
            return try JSON.response(try await app.read { try WorkMapping($0).view(lanes: lanes, language: language) })
        }
        group.get("map/svg") { request, context in
            _ = try context.requireSession()
            let (lanes, language) = try Self.drawing(request.uri.queryParameters)
            let svg = try await app.read { try WorkMapping($0).view(lanes: lanes, language: language).svg }
            let name = LabelSet.web["fileWorkMap", language]
            return Download.attachment(Data(svg.utf8), name: "\(name).svg", type: "image/svg+xml; charset=utf-8", notes: DownloadNotes())
        }
        group.get("map/nodes/:kind/:id/evidence") { _, context in
            _ = try context.requireSession()
            let node = WorkMapping.NodeReference(try Self.kind(context.parameters.get("kind") ?? ""), try context.parameters.id("id"))
            return try JSON.response(try await app.read { try WorkMapping($0).passages(of: node) })
        }
        group.get("map/links/:id/evidence") { _, context in
            _ = try context.requireSession()
            let link = try context.parameters.id("id")
            return try JSON.response(try await app.read { try WorkMapping($0).passages(ofLink: link) })
        }
        group.post("map/evidence") { request, context in
            let session = try context.requireWriter()
            let new = try await JSON.decode(NewEvidence.self, from: request, context: context)
            let selector = SegmentSelector.offsets(start: new.start, end: new.end)
            let result: CodingResult
            switch (new.node, new.link) {
            case let (node?, nil):
                result = try await app.act(as: session) { try WorkMapping($0).addEvidence(to: node, transcript: new.transcript, selector) }
            case let (nil, link?):
                result = try await app.act(as: session) { try WorkMapping($0).addEvidence(to: link, transcript: new.transcript, selector) }
            default:
                throw WebError(.badRequest, "name either a node ({\"kind\", \"id\"}) or a link (its id), not both or neither; nothing was added")
            }
            await app.changes.poke()
            return try JSON.response(result, status: .created)
        }
    }

    /// `lanes` and `language` from the query (no lanes, Norwegian when left out).
    static func drawing(_ query: Parameters) throws -> (lanes: Bool, language: DocumentLanguage) {
        (try query.flag("lanes") ?? false, try ExportRoutes.Choices.choice("language", query.get("language"), default: DocumentLanguage.nb))
    }

    /// A kind of node from the path, or a 400 naming the kinds there are.
    static func kind(_ text: String) throws -> MapNodeKind {
        guard let kind = MapNodeKind(rawValue: text) else {
            throw WebError(.badRequest, "\"\(String(text.prefix(40)).escapingControlCharacters())\" is not a kind of node: expected "
                           + ExportError.list(MapNodeKind.allCases.map(\.rawValue)))
        }
        return kind
    }
}
