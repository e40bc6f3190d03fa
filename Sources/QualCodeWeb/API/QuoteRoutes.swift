import Foundation
import Hummingbird
import QualCode

/// A coded segment as a quote: how it is displayed (the quote edit marks), its lead-in, its exports.
struct QuoteRoutes {
    let app: WebApp

    /// What to change, as `quote edit` takes it: at most one of `display`, `cleanFillers` and
    /// `verbatim`, and/or a lead-in (`""` removes it); `style` names a built-in house style.
    struct Edit: Decodable, Sendable {
        var display: String?
        var cleanFillers: Bool?
        var verbatim: Bool?
        var leadIn: String?
        var style: String?
    }

    func add(to group: RouterGroup<WebContext>) {
        group.get("segments/:id/quote") { request, context in
            _ = try context.requireSession()
            let id = try context.parameters.id("id")
            let style = try Self.style(request.uri.queryParameters.get("style"))
            return try JSON.response(try await app.read { try $0.quoteDetails(segment: id, style: style) })
        }
        group.post("segments/:id/quote") { request, context in
            let session = try context.requireWriter()
            let id = try context.parameters.id("id")
            let edit = try await JSON.decode(Edit.self, from: request, context: context)
            let update = try Self.update(edit)
            let style = try Self.style(edit.style)
            let details = try await app.act(as: session) { try $0.editQuote(segment: id, update, style: style) }
            await app.changes.poke()
            return try JSON.response(details)
        }
    }

    static func update(_ edit: Edit) throws -> QuoteUpdate {
        let forms = [edit.display != nil, edit.cleanFillers == true, edit.verbatim == true].filter { $0 }.count
        if forms > 1 { throw WebError(.badRequest, "choose at most one of display, cleanFillers and verbatim") }
        if forms == 0 && edit.leadIn == nil { throw WebError(.badRequest, "say what to change: display, cleanFillers, verbatim or leadIn") }
        var update = QuoteUpdate(leadIn: edit.leadIn)
        if let display = edit.display { update.form = .display(display) }
        if edit.cleanFillers == true { update.form = .cleanFillers }
        if edit.verbatim == true { update.form = .verbatim }
        return update
    }

    /// A built-in house style by name (the library's check and message), thesis when none is named.
    static func style(_ name: String?) throws -> HouseStyle {
        try HouseStyle.builtIn(named: name ?? "thesis")
    }
}
