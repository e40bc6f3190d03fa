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
            guard let given = query.get("file"), let fileName = Self.fileName(given) else {
                throw WebError(.badRequest, "name the uploaded file (file=NAME.docx, .txt, .md, .vtt or .srt)")
            }
            var options = ImportOptions()
            options.participants = query.getAll("participant").filter { !$0.isEmpty }
            if let map = query.get("speakerMap"), !map.isEmpty {
                do { options.speakerMap = try SpeakerTurns.parseMap(map) } catch { throw WebError(wrapping: error) }
            }
            options.date = query.get("date").flatMap { $0.isEmpty ? nil : $0 }
            options.mode = query.get("mode").flatMap { $0.isEmpty ? nil : $0 }
            options.title = query.get("title").flatMap { $0.isEmpty ? nil : $0 }
            options.allowDuplicate = query.get("allowDuplicate") == "true"
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: WebLimits.upload) } catch {
                throw WebError(.contentTooLarge, "the file is larger than \(WebLimits.upload >> 20) MiB")
            }
            // The importers read files: the upload goes to a folder of its own under its own name, and
            // the folder goes when the import is done, imported or not.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-upload-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent(fileName)
            try Data(body.readableBytesView).write(to: file)
            let chosen = options
            let imported = try await app.act(as: session) { try $0.importTranscripts([file], options: chosen) }
            await app.changes.poke()
            return try JSON.response(imported, status: .created)
        }
    }

    /// The uploaded file's own name, without any folder, or nil when nothing usable is left.
    static func fileName(_ given: String) -> String? {
        let last = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { !$0.properties.generalCategory.isControl }.map(Character.init))
        guard !clean.isEmpty, clean != ".", clean != "..", !clean.hasPrefix("."), clean.utf8.count <= 200 else { return nil }
        return clean
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format || self == .lineSeparator || self == .paragraphSeparator }
}
