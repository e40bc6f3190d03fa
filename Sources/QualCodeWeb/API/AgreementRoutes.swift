import Agreement
import Foundation
import Hummingbird
import QualCode

/// Several coders: who has coded, the agreement between them, the disagreements side by side, consensus
/// decisions, blind coding, and the report as a download — each one call into the Agreement module.
///
/// Under blind coding coders may not compare (the figures and the passages show the other coders'
/// codings); the owner and readers may. Turning it on or off is the owner's.
struct AgreementRoutes {
    let app: WebApp

    /// What to compare, as the page sends it: the coders and, optionally, codes, transcripts and a unit.
    struct Scope: Decodable, Sendable {
        var coders: [String]
        var codes: [UUID]?
        var transcripts: [UUID]?
        var unit: AgreementUnit?

        var scope: AgreementScope {
            AgreementScope(coders: coders, codes: codes ?? [], transcripts: transcripts ?? [], unit: unit ?? .characters)
        }
    }

    /// A consensus decision: the disagreements' numbers and whose passages to adopt (none: `[]`).
    struct Decision: Decodable, Sendable {
        var scope: Scope
        var disagreements: [String]
        var adopt: [String]
        var consensusCoder: String?
        var note: String?
    }

    struct AgreedRequest: Decodable, Sendable {
        var scope: Scope
        var consensusCoder: String?
    }

    struct BlindSetting: Codable, Sendable {
        var on: Bool
    }

    /// The coders, the blind-coding setting and the consensus coder's usual name, for the page's form.
    struct Overview: Encodable, Sendable {
        var coders: [CoderSummary]
        var blind: Bool
        var consensusCoder: String
        /// Whether this session may compare (not a coder while blind coding is on).
        var mayCompare: Bool
    }

    /// The statistics as the page shows them: the figures per code and pooled, and the table's notes
    /// (the unit, the formulas, what was left out) in the language asked for.
    struct Statistics: Encodable, Sendable {
        struct Figures: Encodable, Sendable {
            var code: UUID?
            var path: String?
            var units: Int
            var agreed: Int
            var both: Int?
            var firstOnly: Int?
            var secondOnly: Int?
            var neither: Int?
            var percent: Double?
            var kappa: Double?
            var alpha: Double?

            init(_ f: Reliability, code: UUID? = nil, path: String? = nil) {
                self.code = code
                self.path = path
                units = f.pairable
                agreed = f.unanimous
                if f.coderCount == 2 { (both, firstOnly, secondOnly, neither) = (f.both, f.firstOnly, f.secondOnly, f.neither) }
                percent = f.percentAgreement.map { $0 * 100 }
                kappa = f.cohenKappa
                alpha = f.krippendorffAlpha
            }
        }
        var coders: [String]
        var unit: AgreementUnit
        var transcripts: [String]
        var leftOut: [String]
        var notCodedBy: [String: [String]]
        var codes: [Figures]
        var pooled: Figures
        var notes: [String]
    }

    func add(to group: RouterGroup<WebContext>) {
        group.get("agreement/coders") { _, context in
            let session = try context.requireSession()
            return try JSON.response(try await app.read { store in
                let agreement = Agreement(store)
                let blind = try agreement.isBlindCoding()
                let mayCompare = !blind || session.role != .coder
                // While blind, a coder learns nothing of the others' work here either, not even how much.
                return Overview(coders: mayCompare ? try agreement.coders() : [], blind: blind, consensusCoder: Agreement.defaultConsensusCoder,
                                mayCompare: mayCompare)
            })
        }
        group.get("agreement") { request, context in
            let session = try context.requireSession()
            let (scope, language) = try Self.scope(request.uri.queryParameters)
            return try JSON.response(try await app.read { store in
                try Self.requireMayCompare(store, session)
                let report = try Agreement(store).agreement(scope)
                let table = Agreement.statisticsTable(report, language: language)
                return Statistics(coders: report.coders, unit: report.unit, transcripts: report.transcripts, leftOut: report.leftOut,
                                  notCodedBy: report.notCodedBy, codes: report.codes.map { .init($0.figures, code: $0.code, path: $0.path) },
                                  pooled: .init(report.pooled), notes: table.notes.map(Inline.plainText))
            })
        }
        group.get("agreement/disagreements") { request, context in
            let session = try context.requireSession()
            let (scope, _) = try Self.scope(request.uri.queryParameters)
            return try JSON.response(try await app.read { store in
                try Self.requireMayCompare(store, session)
                return try Agreement(store).disagreements(scope)
            })
        }
        group.post("agreement/consensus") { request, context in
            let session = try context.requireWriter()
            let decision = try await JSON.decode(Decision.self, from: request, context: context)
            guard !decision.disagreements.isEmpty else { throw WebError(.badRequest, "name at least one disagreement to decide; nothing was changed") }
            try Self.requireConsensusCoder(decision.consensusCoder, session)
            let decided = try await app.act(as: session) { store in
                try Self.requireMayCompare(store, session)
                return try Agreement(store).decide(decision.disagreements, in: decision.scope.scope, adopt: decision.adopt,
                                                   as: decision.consensusCoder ?? Agreement.defaultConsensusCoder, note: decision.note)
            }
            await app.changes.poke()
            return try JSON.response(decided)
        }
        group.post("agreement/agreed") { request, context in
            let session = try context.requireWriter()
            let agreed = try await JSON.decode(AgreedRequest.self, from: request, context: context)
            try Self.requireConsensusCoder(agreed.consensusCoder, session)
            let adoption = try await app.act(as: session) { store in
                try Self.requireMayCompare(store, session)
                return try Agreement(store).adoptAgreed(agreed.scope.scope, as: agreed.consensusCoder ?? Agreement.defaultConsensusCoder)
            }
            await app.changes.poke()
            return try JSON.response(adoption)
        }
        group.post("agreement/blind") { request, context in
            let session = try context.requireOwner()
            let setting = try await JSON.decode(BlindSetting.self, from: request, context: context)
            try await app.act(as: session) { try Agreement($0).setBlindCoding(setting.on) }
            await app.changes.poke()
            return try JSON.response(setting)
        }
        group.get("exports/agreement") { request, context in
            let session = try context.requireSession()
            let query = request.uri.queryParameters
            let (scope, _) = try Self.scope(query)
            let choices = try ExportRoutes.Choices(query: query)
            let download = try await choices.download(.agreement, app: app)
            let kinds = try (choices.tables ?? []).map { try ExportRoutes.Choices.choice("tables", $0, default: AgreementTableKind.statistics) }
            try await app.read { store in
                try Self.requireMayCompare(store, session)
                try Agreement(store).export(kinds.isEmpty ? AgreementTableKind.allCases : kinds, scope, language: download.language,
                                            to: download.target)
            }
            return download.response()
        }
    }

    /// The scope in a query: `coders` (separated by commas, or repeated), `unit`, and `codes` and
    /// `transcripts` repeated as ids; with the page's `language` for the table's words.
    static func scope(_ query: Parameters) throws -> (AgreementScope, DocumentLanguage) {
        let coders = query.getAll("coders").flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        func ids(_ name: String) throws -> [UUID] {
            try query.getAll(name).filter { !$0.isEmpty }.map { text in
                guard let id = UUID(uuidString: text) else {
                    throw WebError(.badRequest, "\(name) \"\(ExportRoutes.Choices.shown(text))\" is not an id")
                }
                return id
            }
        }
        let unit = try ExportRoutes.Choices.choice("unit", query.get("unit"), default: AgreementUnit.characters)
        let language = try ExportRoutes.Choices.choice("language", query.get("language"), default: DocumentLanguage.nb)
        return (AgreementScope(coders: coders, codes: try ids("codes"), transcripts: try ids("transcripts"), unit: unit), language)
    }

    /// Only the owner names another consensus coder than the usual one: codings in a name of one's
    /// choosing are the owner's to make.
    static func requireConsensusCoder(_ name: String?, _ session: WebSession) throws {
        guard let name, name != Agreement.defaultConsensusCoder, session.role != .owner else { return }
        throw WebError(.forbidden, "only the owner names the consensus coder; leave it out for «\(Agreement.defaultConsensusCoder)»")
    }

    /// Under blind coding coders do not compare: the figures and passages would show a coder the
    /// others' codings.
    static func requireMayCompare(_ store: ProjectStore, _ session: WebSession) throws {
        guard session.role == .coder, try Agreement(store).isBlindCoding() else { return }
        throw WebError(.forbidden, "blind coding is on: coders do not compare codings until the owner turns it off")
    }
}
