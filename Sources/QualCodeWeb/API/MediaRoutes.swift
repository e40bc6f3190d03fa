import Foundation
import Hummingbird
import QualCode

/// A transcript's recording, served from its file with HTTP range requests, so the browser's player
/// can start at any turn's time without loading the whole file.
struct MediaRoutes {
    let app: WebApp
    /// The most one response carries; the player asks again for the rest.
    static let chunk: Int64 = 4 << 20

    func add(to group: RouterGroup<WebContext>) {
        group.get("transcripts/:id/media") { request, context in
            _ = try context.requireSession()
            let id = try context.parameters.id("id")
            guard let media = try await app.read({ try $0.media(of: id) }) else {
                throw WebError(.notFound, "the transcript has no recording")
            }
            return try await app.read { _ in try Self.response(for: media, range: request.headers[.range]) }
        }
    }

    /// 200 with the first chunk, or 206 with the asked range (cut to a chunk); 416 for a range outside the file.
    static func response(for media: MediaInfo, range: String?) throws -> Response {
        guard let handle = FileHandle(forReadingAtPath: media.path) else {
            throw WebError(.notFound, "the recording is no longer at \(media.path)")
        }
        defer { try? handle.close() }
        let size = Int64(try handle.seekToEnd())
        var start: Int64 = 0
        var end = size - 1
        var partial = false
        if let range {
            guard let asked = ByteRange(range, size: size) else {
                return Response(status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(size)"])
            }
            (start, end, partial) = (asked.start, asked.end, true)
        }
        end = min(end, start + chunk - 1)
        if !partial && end < size - 1 { partial = true }
        try handle.seek(toOffset: UInt64(start))
        let data = size == 0 ? Data() : try handle.read(upToCount: Int(end - start + 1)) ?? Data()
        var headers: HTTPFields = [.contentType: media.contentType, .acceptRanges: "bytes", .cacheControl: "private, max-age=3600"]
        if partial { headers[.contentRange] = "bytes \(start)-\(start + Int64(data.count) - 1)/\(size)" }
        return Response(status: partial ? .partialContent : .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// One `bytes=` range of a Range header (`bytes=0-`, `bytes=100-199`, `bytes=-500`), within a file of `size` bytes.
struct ByteRange {
    var start: Int64
    var end: Int64

    init?(_ header: String, size: Int64) {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let spec = header.dropFirst(6).split(separator: ",", maxSplits: 1).first.map(String.init) ?? ""
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let suffix = Int64(parts[1]), suffix > 0 else { return nil }
            start = max(0, size - suffix)
            end = size - 1
        } else {
            guard let first = Int64(parts[0]), first >= 0, first < size else { return nil }
            start = first
            if parts[1].isEmpty { end = size - 1 } else {
                guard let last = Int64(parts[1]), last >= first else { return nil }
                end = min(last, size - 1)
            }
        }
    }
}
