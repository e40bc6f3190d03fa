import Foundation
import Hummingbird

/// A file uploaded as a request's body, named by the `file` query parameter, kept under that name in a
/// temporary folder of its own: the library's importers and the merge read files, and read them by name.
///
/// The body is written as it arrives, so a large project copy never sits in memory whole; past `limit`
/// bytes the upload is refused and what was written is removed.
struct Upload: Sendable {
    let file: URL
    private let folder: URL

    /// Saves the body of `request`.
    ///
    /// - Parameter expected: the kinds of file the route takes, for the refusal of a request that names
    ///   none («NAME.qdc, .qdpx or .qde»).
    /// - Throws: 400 when the query names no usable file, 413 past `limit`.
    static func save(_ request: Request, expected: String, limit: Int = WebLimits.upload) async throws -> Upload {
        guard let given = request.uri.queryParameters.get("file"), let name = fileName(given) else {
            throw WebError(.badRequest, "name the uploaded file (file=\(expected))")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let upload = Upload(file: folder.appendingPathComponent(name), folder: folder)
        do {
            try await upload.write(request.body, limit: limit)
        } catch {
            upload.remove()
            throw error
        }
        return upload
    }

    /// Runs `work` on the saved file; a refusal that names the file names it as the browser sent it,
    /// not by the temporary folder on the server.
    func use<T: Sendable>(_ work: (URL) async throws -> T) async throws -> T {
        do { return try await work(file) } catch {
            var refusal = WebError(wrapping: error)
            refusal.message = refusal.message.replacingOccurrences(of: file.path, with: file.lastPathComponent)
                .replacingOccurrences(of: folder.path + "/", with: "")
            throw refusal
        }
    }

    /// The folder and the file in it; routes call it when they are done, whatever happened.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ body: RequestBody, limit: Int) async throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw WebError(.internalServerError, "the upload could not be saved on the server")
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var written = 0
        for try await chunk in body {
            written += chunk.readableBytes
            guard written <= limit else {
                throw WebError(.contentTooLarge, "the file is larger than \(limit >> 20) MiB")
            }
            try handle.write(contentsOf: chunk.readableBytesView)
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
