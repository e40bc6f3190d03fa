import Foundation
import GRDB

/// The other copy, checked and taken as a consistent snapshot in a folder of its own, brought up to
/// this version there: the other file itself is only read, never migrated or locked for long.
struct MergeSource {
    let url: URL
    let store: ProjectStore
    private let folder: URL

    /// - Throws: ``StoreError/projectNotFound(path:)``, ``StoreError/notAProject(path:reason:)`` (not
    ///   SQLite, another program's database, a damaged or truncated file),
    ///   ``StoreError/newerVersion(path:unknownMigrations:)``, ``StoreError/mergeRefused(path:reason:)``
    ///   for our own file or one holding a module's tables we were not opened with.
    init(url: URL, into ours: ProjectStore) throws {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StoreError.projectNotFound(path: path)
        }
        if Self.isSameFile(url, ours.url) { throw StoreError.mergeRefused(path: path, reason: .sameFile) }
        let header = FileHandle(forReadingAtPath: path).flatMap { handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 16)
        } ?? Data()
        guard header == Data("SQLite format 3\0".utf8) else {
            throw StoreError.notAProject(path: path, reason: header.isEmpty ? "the file is empty" : "not an SQLite database")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-merge-\(UUID().uuidString)")
        do {
            // Only ours to read: the copy holds the interviews, in a temporary folder other users can list.
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let snapshot = folder.appendingPathComponent("other.qualcode")
            try Self.snapshot(url, to: snapshot, known: ours.extensions)
            do {
                store = try ProjectStore.open(at: snapshot, coder: ours.coder, extensions: ours.extensions)
            } catch let error as StoreError {
                throw Self.naming(error, path)
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        self.url = url
        self.folder = folder
    }

    /// Removes the snapshot.
    func close() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The same file by its device and inode (a link or another spelling of the path is no escape).
    private static func isSameFile(_ a: URL, _ b: URL) -> Bool {
        if a.resolvingSymlinksInPath().standardizedFileURL.path == b.resolvingSymlinksInPath().standardizedFileURL.path { return true }
        let fileManager = FileManager.default
        guard let x = try? fileManager.attributesOfItem(atPath: a.path), let y = try? fileManager.attributesOfItem(atPath: b.path),
              let xNode = x[.systemFileNumber] as? NSNumber, let yNode = y[.systemFileNumber] as? NSNumber,
              let xDevice = x[.systemNumber] as? NSNumber, let yDevice = y[.systemNumber] as? NSNumber else { return false }
        return xNode == yNode && xDevice == yDevice
    }

    /// Checks the file is a project this version can read, then copies it whole with `VACUUM INTO`
    /// (a consistent copy however the file is being used).
    private static func snapshot(_ url: URL, to copy: URL, known extensions: [SchemaExtension]) throws {
        let path = url.path
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: readOnlyPath(path), configuration: configuration)
            defer { try? queue.close() }
            try queue.inDatabase { db in
                guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == Migrations.applicationID else {
                    throw StoreError.notAProject(path: path, reason: "an SQLite database of another program")
                }
                try checkMigrations(db, path: path, known: extensions)
                try db.execute(sql: "VACUUM INTO ?", arguments: [copy.path])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL && !fits(url, in: copy.deletingLastPathComponent()) {
            // The copy did not fit in the temporary folder: nothing is wrong with the other file. (A damaged
            // file can make SQLite say «full» too, when room was not what it lacked.)
            throw StoreError.diskFull(path: copy.deletingLastPathComponent().deletingLastPathComponent().path)
        } catch let error as DatabaseError {
            throw StoreError.notAProject(path: path, reason: "SQLite could not read it: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// Whether `folder`'s disk has room for a copy of `file`.
    private static func fits(_ file: URL, in folder: URL) -> Bool {
        let fileManager = FileManager.default
        guard let size = (try? fileManager.attributesOfItem(atPath: file.path))?[.size] as? NSNumber,
              let free = (try? fileManager.attributesOfFileSystem(forPath: folder.path))?[.systemFreeSize] as? NSNumber else { return true }
        return free.int64Value > size.int64Value
    }

    /// Refuses a file written by a newer QualCode, or holding tables of a module we lack.
    private static func checkMigrations(_ db: Database, path: String, known extensions: [SchemaExtension]) throws {
        guard try db.tableExists("grdb_migrations") else {
            throw StoreError.notAProject(path: path, reason: "it has no project tables")
        }
        let migrator = SchemaExtension.migrator(with: extensions)
        let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
        let names = Set(extensions.map(\.name))
        var modules: Set<String> = []
        var newer: [String] = []
        for id in unknown {
            if let dot = id.firstIndex(of: "."), !names.contains(String(id[..<dot])) {
                modules.insert(String(id[..<dot]))
            } else {
                newer.append(id)
            }
        }
        if !newer.isEmpty { throw StoreError.newerVersion(path: path, unknownMigrations: newer.sorted()) }
        if !modules.isEmpty { throw StoreError.mergeRefused(path: path, reason: .missingModules(modules.sorted())) }
    }

    /// A file with no write-ahead log in use is read as immutable (no side files made beside it);
    /// one with a `-wal` holding changes is read normally, so those changes are seen.
    private static func readOnlyPath(_ path: String) -> String {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int, size > 0 { return path }
        var components = URLComponents()
        components.scheme = "file"
        components.path = path
        components.queryItems = [URLQueryItem(name: "immutable", value: "1")]
        return components.string ?? path
    }

    /// An error about the snapshot, told about the file the user named.
    private static func naming(_ error: StoreError, _ path: String) -> StoreError {
        switch error {
        case let .notAProject(_, reason): .notAProject(path: path, reason: reason)
        case let .newerVersion(_, unknown): .newerVersion(path: path, unknownMigrations: unknown)
        case let .migrationFailed(_, reason): .migrationFailed(path: path, reason: reason)
        default: error
        }
    }
}
