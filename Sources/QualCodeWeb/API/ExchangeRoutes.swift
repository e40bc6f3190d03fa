import Exchange
import Foundation
import Hummingbird
import QualCode

/// Exchange with other tools from the browser: the project as a REFI-QDA package (`.qdpx`) and the
/// codebook (`.qdc`) as downloads, and a REFI-QDA codebook uploaded into this project. A whole REFI-QDA
/// project or a Taguette file becomes a new project file, which the command line makes.
struct ExchangeRoutes {
    let app: WebApp

    func add(to group: RouterGroup<WebContext>) {
        group.get("exports/refi/project") { request, context in
            // The package holds every coder's codings.
            _ = try await app.sessionSeeingEveryonesCodings(context)
            let (stem, _) = try Self.file(request.uri.queryParameters, format: "qdpx", usual: "fileRefiProject")
            let screen = try await app.safeExportScreen(if: request.uri.queryParameters.flag("safe") == true)
            let export = try await app.read { try Exchange($0).refiProject(screen: screen) }
            return Download.attachment(export.data, name: "\(stem).qdpx", type: "application/zip", notes: DownloadNotes())
        }
        group.get("exports/refi/codebook") { request, context in
            _ = try context.requireSession()
            let (stem, _) = try Self.file(request.uri.queryParameters, format: "qdc", usual: "fileRefiCodebook")
            let screen = try await app.safeExportScreen(if: request.uri.queryParameters.flag("safe") == true)
            let export = try await app.read { try Exchange($0).refiCodebook(screen: screen) }
            return Download.attachment(export.data, name: "\(stem).qdc", type: "application/xml", notes: DownloadNotes())
        }
        group.post("import/refi-codebook") { request, context in
            let session = try context.requireWriter()
            let upload = try await Upload.save(request, expected: "NAME.qdc, .qdpx or .qde")
            defer { upload.remove() }
            let report = try await upload.use { file in try await app.act(as: session) { try Exchange($0).importRefiCodebook(from: file) } }
            await app.changes.poke()
            return try JSON.response(report)
        }
    }

    /// The download's stem (the form's name, or the usual one in the page's language) for a format the
    /// route writes only: `format`, when given, must be that one.
    static func file(_ query: Parameters, format: String, usual: LabelKey) throws -> (String, DocumentLanguage) {
        if let given = query.get("format"), given != format {
            throw WebError(.badRequest, "format \"\(ExportRoutes.Choices.shown(given))\": expected \(format)")
        }
        let language = try ExportRoutes.Choices.choice("language", query.get("language"), default: DocumentLanguage.nb)
        let stem = try DownloadName.stem(query.get("name"), fileExtension: format) ?? LabelSet.web[usual, language]
        return (stem, language)
    }
}
