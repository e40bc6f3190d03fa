import Foundation
import Hummingbird
import QualCode
import WorkMapping

/// The institutional-ethnography work map: the drawing with its nodes, links and status, the drawing as an
/// SVG, PNG or DOT download, a node's or link's evidence with the quotes, and a passage added as evidence —
/// each one call into the WorkMapping module. The map as a Word figure and its tables are exports
/// (`ExportRoutes`).
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
            _ = try await app.sessionSeeingEveryonesCodings(context)
            let (lanes, language) = try Self.drawing(request.uri.queryParameters)
            return try JSON.response(try await app.read { try WorkMapping($0).view(lanes: lanes, language: language) })
        }
        // The drawing on its own, as the command line's `map export svg|png|dot` writes it.
        for format in MapDrawingFormat.allCases {
            group.get("map/\(format.rawValue)") { request, context in
                _ = try await app.sessionSeeingEveryonesCodings(context)
                let drawing = try Self.drawingRequest(format, request.uri.queryParameters)
                let screen = try await app.safeExportScreen(if: request.uri.queryParameters.flag("safe") == true)
                let data = try await app.read { try WorkMapping($0).drawing(drawing, screen: screen) }
                let name = "\(LabelSet.web["fileWorkMap", drawing.language]).\(format.fileExtension)"
                return Download.attachment(data, name: name, type: format.contentType, notes: DownloadNotes())
            }
        }
        group.get("map/nodes/:kind/:id/evidence") { _, context in
            _ = try await app.sessionSeeingEveryonesCodings(context)
            let node = WorkMapping.NodeReference(try Self.kind(context.parameters.get("kind") ?? ""), try context.parameters.id("id"))
            return try JSON.response(try await app.read { try WorkMapping($0).passages(of: node) })
        }
        group.get("map/links/:id/evidence") { _, context in
            _ = try await app.sessionSeeingEveryonesCodings(context)
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

    /// A drawing as the query asks for it: `lanes` and `language`, and for PNG its size as `width` in pixels
    /// or `scale` in pixels per unit (the library's standard size when neither is given).
    ///
    /// - Throws: a 400 for a value that is no switch, language or number, for both sizes at once, or a size
    ///   for SVG or DOT; a size out of range is the library's refusal (422) when it draws.
    static func drawingRequest(_ format: MapDrawingFormat, _ query: Parameters) throws -> MapDrawingRequest {
        let (lanes, language) = try drawing(query)
        let width = query.get("width"), scale = query.get("scale")
        guard format == .png || (width == nil && scale == nil) else {
            throw WebError(.badRequest, "width and scale size a PNG; \(format.rawValue) has no pixels.")
        }
        var size = MapRaster.Size.standard
        switch (width, scale) {
        case (nil, nil): break
        case let (width?, nil):
            guard let pixels = Int(width) else {
                throw WebError(.badRequest, "width \"\(ExportRoutes.Choices.shown(width))\": expected a whole number of pixels.")
            }
            size = .width(pixels)
        case let (nil, scale?):
            guard let factor = Double(scale), factor.isFinite else {
                throw WebError(.badRequest, "scale \"\(ExportRoutes.Choices.shown(scale))\": expected a number of pixels per unit, such as 2 or 1.5.")
            }
            size = .scale(factor)
        default:
            throw WebError(.badRequest, "give width or scale, not both.")
        }
        return MapDrawingRequest(format, lanes: lanes, language: language, size: size)
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
