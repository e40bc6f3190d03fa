import Foundation
import Hummingbird
import QualCode

/// A transcript's recording, streamed from its file, with HTTP range requests so the browser's player
/// can start at any turn's time without loading the whole file.
struct MediaRoutes {
    let app: WebApp
    static let files = FileIO()

    func add(to group: RouterGroup<WebContext>) {
        group.get("transcripts/:id/media") { request, context in
            _ = try context.requireSession()
            let id = try context.parameters.id("id")
            guard let media = try await app.read({ try $0.media(of: id) }) else {
                throw WebError(.notFound, "the transcript has no recording")
            }
            return try await Self.response(for: media, range: request.headers[.range], context: context)
        }
    }

    /// 200 with the whole file when no single byte range is asked (RFC 9110 §14.2: a Range header this
    /// server does not take is ignored), 206 with the asked range, 416 for a range outside the file.
    static func response(for media: MediaInfo, range: String?, context: WebContext) async throws -> Response {
        // The path stays on the server: whoever reads the page learns only that the file is gone.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: media.path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = (attributes[.size] as? NSNumber)?.int64Value else {
            throw WebError(.notFound, "the recording's file is no longer where it was attached; attach it again")
        }
        var headers: HTTPFields = [.contentType: media.contentType, .acceptRanges: "bytes", .cacheControl: "private, max-age=3600"]
        let asked = range.map { ByteRange.parse($0, size: size) } ?? .ignored
        switch asked {
        case .unsatisfiable:
            return Response(status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(size)"])
        case .ignored:
            headers[.contentLength] = String(size)
            let body = size == 0 ? ResponseBody() : try await files.loadFile(path: media.path, context: context)
            return Response(status: .ok, headers: headers, body: body)
        case let .bytes(range):
            headers[.contentRange] = "bytes \(range.start)-\(range.end)/\(size)"
            headers[.contentLength] = String(range.end - range.start + 1)
            let body = try await files.loadFile(path: media.path, range: Int(range.start)...Int(range.end), context: context)
            return Response(status: .partialContent, headers: headers, body: body)
        }
    }
}

/// One `bytes=` range of a Range header (`bytes=0-`, `bytes=100-199`, `bytes=-500`), within a file of `size` bytes.
struct ByteRange: Equatable {
    var start: Int64
    var end: Int64

    enum Parsed: Equatable {
        /// Not a single well-formed byte range (another unit, several ranges, bad syntax): answer with the whole file.
        case ignored
        /// Well formed but outside the file: 416.
        case unsatisfiable
        case bytes(ByteRange)
    }

    static func parse(_ header: String, size: Int64) -> Parsed {
        guard header.hasPrefix("bytes=") else { return .ignored }
        let spec = header.dropFirst(6)
        // Several ranges would need a multipart answer; the whole file serves the same purpose.
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .ignored }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        let isNumber = { (part: Substring) in !part.isEmpty && part.count <= 18 && part.allSatisfy { ("0"..."9").contains($0) } }
        if first.isEmpty {
            guard isNumber(last), let suffix = Int64(last) else { return .ignored }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .bytes(ByteRange(start: max(0, size - suffix), end: size - 1))
        }
        guard isNumber(first), let start = Int64(first) else { return .ignored }
        var end = size - 1
        if !last.isEmpty {
            guard isNumber(last), let asked = Int64(last), asked >= start else { return .ignored }
            end = min(asked, size - 1)
        }
        guard start < size else { return .unsatisfiable }
        return .bytes(ByteRange(start: start, end: end))
    }
}
