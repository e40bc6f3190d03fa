import Foundation
import Hummingbird
import QualCode

/// Transcripts imported by upload, through the same importers and limits as `qualcode import`.
/// The file is the request body; what the command line takes as options comes as query parameters:
/// `POST /api/transcripts/import?file=intervju-eva.docx&participant=Eva&speakerMap=I=Intervjuer,E=Eva&date=2026-10-02&mode=Teams`.
struct ImportRoutes {
    let app: WebApp

    func add(to group: RouterGroup<WebContext>) {
        group.post("transcripts/import") { request, context in
            let session = try context.requireWriter()
            let query = request.uri.queryParameters
            var options = ImportOptions()
            options.participants = query.getAll("participant").filter { !$0.isEmpty }
            if let map = query.get("speakerMap"), !map.isEmpty {
                do { options.speakerMap = try SpeakerTurns.parseMap(map) } catch { throw WebError(wrapping: error) }
            }
            options.date = query.get("date").flatMap { $0.isEmpty ? nil : $0 }
            options.mode = query.get("mode").flatMap { $0.isEmpty ? nil : $0 }
            options.title = query.get("title").flatMap { $0.isEmpty ? nil : $0 }
            options.allowDuplicate = query.get("allowDuplicate") == "true"
            // The importers read files: the upload goes to a folder of its own under its own name, and
            // the folder goes when the import is done, imported or not.
            let upload = try await Upload.save(request, expected: "NAME.docx, .txt, .md, .vtt or .srt")
            defer { upload.remove() }
            let chosen = options
            let imported = try await upload.use { file in try await app.act(as: session) { try $0.importTranscripts([file], options: chosen) } }
            await app.changes.poke()
            return try JSON.response(imported, status: .created)
        }
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format || self == .lineSeparator || self == .paragraphSeparator }
}
