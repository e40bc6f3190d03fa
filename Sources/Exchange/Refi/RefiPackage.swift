import Foundation
import QualCode

/// A REFI-QDA project as found on disk: a `.qdpx` package (ZIP) or a bare `.qde` with its sources
/// beside it, and the one place its source texts are read from.
struct RefiPackage {
    /// The file's name, for messages.
    let file: String
    let project: RefiProject
    private let store: Store

    private enum Store {
        case zip(ExchangeInput.Zip, entries: [String])
        case folder(URL)
    }

    /// The most a project's XML may hold.
    static let maximumProjectSize = 256 << 20

    /// Reads the project: any one `*.qde` at the top of a package, in any letter case.
    init(url: URL) throws {
        file = url.lastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ExchangeError.notFound(path: url.path)
        }
        switch url.pathExtension.lowercased() {
        case "qdpx":
            let zip = try Self.openZip(url, file: file)
            let entries = zip.paths
            let projects = entries.filter { !$0.contains("/") && $0.lowercased().hasSuffix(".qde") }
            guard projects.count == 1 else { throw ExchangeError.noProjectInPackage(file: file, found: projects) }
            let data = try zip.data(projects[0], limit: Self.maximumProjectSize)
            project = try RefiParser.project(data, file: "\(file)/\(projects[0])")
            store = .zip(zip, entries: entries)
        case "qde":
            let data = try ExchangeInput.read(url, limit: Self.maximumProjectSize)
            project = try RefiParser.project(data, file: file)
            store = .folder(url.deletingLastPathComponent())
        default:
            throw ExchangeError.unsupportedFile(file: file)
        }
    }

    /// A project read from elsewhere (Taguette) whose sources carry their text.
    init(file: String, project: RefiProject, folder: URL) {
        self.file = file
        self.project = project
        store = .folder(folder)
    }

    /// The bytes of a source's text file, found from its `plainTextPath` (`internal://…` in the
    /// package's `sources/` or `Sources/` folder, `relative://…` against the project).
    func sourceData(_ path: String, source: String) throws -> Data {
        let (scheme, rest) = Self.split(path)
        let parts = rest.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
        guard !parts.isEmpty, !parts.contains(".."), !(scheme == "absolute" && isZip) else {
            throw ExchangeError.unsafeSourcePath(file: file, source: source, path: path)
        }
        let limit = TranscriptReader.maxTextSize
        switch store {
        case let .zip(zip, entries):
            let wanted = scheme == "internal" ? ["sources/" + rest.lowercased(), rest.lowercased()] : [parts.joined(separator: "/").lowercased()]
            guard let entry = wanted.lazy.compactMap({ name in entries.first { $0.lowercased() == name } }).first else {
                throw ExchangeError.missingSource(file: file, source: source, path: path)
            }
            return try zip.data(entry, limit: limit)
        case let .folder(folder):
            var candidates: [URL] = []
            switch scheme {
            case "internal": candidates = ["sources", "Sources"].map { folder.appendingPathComponent($0).appendingPathComponent(rest) }
            case "absolute": candidates = [URL(fileURLWithPath: rest)]
            default:
                let base = project.basePath.map { URL(fileURLWithPath: $0, relativeTo: folder) } ?? folder
                candidates = [base.appendingPathComponent(rest), folder.appendingPathComponent(rest)]
            }
            guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw ExchangeError.missingSource(file: file, source: source, path: path)
            }
            return try ExchangeInput.read(found, limit: limit)
        }
    }

    private static func openZip(_ url: URL, file: String) throws -> ExchangeInput.Zip {
        do {
            return try ExchangeInput.Zip(url: url, file: file)
        } catch .notAZip {
            throw ExchangeError.notAPackage(file: file)
        }
    }

    private var isZip: Bool { if case .zip = store { true } else { false } }

    /// `internal://x.txt` → (`internal`, `x.txt`); a path without a scheme is taken as internal.
    private static func split(_ path: String) -> (String, String) {
        guard let range = path.range(of: "://") else { return ("internal", path) }
        return (path[..<range.lowerBound].lowercased(), String(path[range.upperBound...]))
    }
}
