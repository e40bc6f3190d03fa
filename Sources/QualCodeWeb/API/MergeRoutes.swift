import Foundation
import Hummingbird
import QualCode

/// Merging another copy of the project from the browser, as `qualcode merge` does: the owner uploads a
/// coder's copy, the server merges it (after its backup beside the project file) and answers with the
/// report; the last report stays downloadable as Word or CSV while the server runs.
struct MergeRoutes {
    let app: WebApp

    /// The merge report as the page shows it, in the language asked for.
    struct Summary: Encodable, Sendable {
        struct Count: Encodable, Sendable {
            var kind: String
            var name: String
            var new: Int
            var matched: Int
        }

        struct Conflict: Encodable, Sendable {
            var kind: String
            var what: String
            var aspect: String
            var ours: String
            var theirs: String
            /// The name theirs came in under; nil when ours was kept alone.
            var cameInAs: String?
        }

        var other: String
        /// The backup's file name, beside the project on the server; nil when nothing changed.
        var backup: String?
        var broughtInAnything: Bool
        var counts: [Count]
        var conflicts: [Conflict]
        var modulesNotCarried: [String]

        init(_ report: MergeReport, language: DocumentLanguage) {
            other = report.other
            backup = report.backup?.lastPathComponent
            broughtInAnything = report.broughtInAnything
            counts = report.counts.map { Count(kind: $0.kind.id, name: $0.kind.name(in: language), new: $0.new, matched: $0.matched) }
            conflicts = report.conflicts.map { conflict in
                let cameInAs: String? = switch conflict.outcome {
                case .keptOurs: nil
                case let .cameInAs(name): name
                }
                return Conflict(kind: conflict.kind.name(in: language), what: conflict.what,
                                aspect: conflict.aspect.name(in: language), ours: conflict.ours,
                                theirs: conflict.theirs, cameInAs: cameInAs)
            }
            modulesNotCarried = report.modulesNotCarried
        }
    }

    func add(to group: RouterGroup<WebContext>) {
        group.post("merge") { request, context in
            // Everyone's codings, memos and analysis come in: the owner's decision, as the backup is the owner's file.
            let session = try context.requireOwner()
            let language = try ExportRoutes.Choices.choice("language", request.uri.queryParameters.get("language"), default: DocumentLanguage.nb)
            let upload = try await Upload.save(request, expected: "NAME.qualcode", limit: WebLimits.projectCopy)
            defer { upload.remove() }
            let report = try await upload.use { file in try await app.act(as: session) { try $0.merge(from: file) } }
            await app.lastMerge.keep(report)
            if report.broughtInAnything { await app.changes.poke() }
            return try JSON.response(Summary(report, language: language))
        }
        group.get("exports/merge") { request, context in
            _ = try context.requireOwner()
            let query = request.uri.queryParameters
            let choices = try ExportRoutes.Choices(query: query)
            let download = try await choices.download(.merge, app: app)
            let table = try ExportRoutes.Choices.choice("table", query.get("table"), default: MergeReportTable.counts)
            guard let report = await app.lastMerge.report else {
                throw WebError(.notFound, "no copy has been merged since the server started; the merge report is made when one is")
            }
            // Off the event loop: a safe export's refusal scans the transcripts to say where its findings stand.
            try await app.read { _ in try report.export(language: download.language, to: download.target, csvTable: table) }
            return download.response()
        }
    }
}

/// The report of the last merge made through the server, for its download.
actor LastMergeReport {
    private(set) var report: MergeReport?

    func keep(_ report: MergeReport) { self.report = report }
}
