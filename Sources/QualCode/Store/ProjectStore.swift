import Foundation
import GRDB

/// An open project file: one SQLite database (WAL, foreign keys on) holding transcripts,
/// participants, codes, codings, memos and the event log.
///
/// Open each file once and share the store: it is a `Sendable` value around one `DatabasePool`, safe
/// to use from many tasks at once (reads run on the pool's concurrent readers, writes one at a time).
/// Every write method is one transaction that also appends its event-log row, so a change and its
/// audit record land together or not at all.
///
/// Who acts is part of each call: ``acting(as:)`` gives the same open project acting for another
/// coder, so one server serves every coder from one pool (`store.acting(as: "anne").code(…)`). From
/// async code that must not block its thread (a web server's event loop), run calls through
/// ``perform(_:)``.
///
/// ## Topics
/// - ``create(at:title:researchQuestion:coder:)``
/// - ``open(at:coder:)``
public struct ProjectStore: Sendable {
    public let url: URL
    /// Who acts: recorded in the event log and on codings made through this value of the store.
    public let coder: String
    /// Who the event log names: the coder, except for codings made on behalf of another coder (a
    /// consensus decision codes for «konsensus», and the log keeps who decided).
    let actor: String
    /// The database, for the modules built on the store (`Condensation`); apps go through methods.
    package let pool: DatabasePool
    /// The modules whose tables the file was opened with; a deletion asks them what it would take.
    let extensions: [SchemaExtension]

    private init(url: URL, coder: String, actor: String? = nil, pool: DatabasePool, extensions: [SchemaExtension]) {
        self.url = url
        self.coder = coder
        self.actor = actor ?? coder
        self.pool = pool
        self.extensions = extensions
    }

    /// Creates a new project file and records the project's title and research question.
    ///
    /// - Throws: ``StoreError/projectExists(path:)`` when anything is already at `url`.
    public static func create(at url: URL, title: String, researchQuestion: String? = nil, coder: String,
                              extensions: [SchemaExtension] = []) throws -> ProjectStore {
        guard !FileManager.default.fileExists(atPath: url.path) else { throw StoreError.projectExists(path: url.path) }
        let title = try NameRules.checked(title, what: "project title")
        // The coder goes onto every coding and into exports (a CSV column): a name, not a line break or escape.
        let coder = try NameRules.checked(coder, what: "coder")
        do {
            let pool = try DatabasePool(path: url.path, configuration: configuration())
            try pool.write { db in try db.execute(sql: "PRAGMA application_id = \(Migrations.applicationID)") }
            try SchemaExtension.migrator(with: extensions).migrate(pool)
            let store = ProjectStore(url: url, coder: coder, pool: pool, extensions: extensions)
            let info = ProjectInfo(title: title, researchQuestion: researchQuestion)
            try store.pool.write { db in
                try info.insert(db)
                try store.log(db, "project.create", ["id": LogValue(info.id), "title": .string(title)])
            }
            return store
        } catch {
            // A half-made file must not stay behind to be mistaken for a project.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
            throw error
        }
    }

    /// Opens an existing project, migrating a file written by an older QualCode.
    ///
    /// - Throws: ``StoreError/projectNotFound(path:)``, ``StoreError/notAProject(path:reason:)`` for a file
    ///   that is not SQLite or not ours, ``StoreError/newerVersion(path:unknownMigrations:)`` for a file
    ///   from a newer QualCode. The file is left exactly as it was in each case.
    ///   A file or folder that cannot be written is opened read-only: reads work, a change throws
    ///   ``StoreError/projectReadOnly(path:)``, and no `-wal` or `-shm` file is made beside it. Another
    ///   program holding the write lock longer than `busyTimeout` seconds gives ``StoreError/projectBusy(path:)``.
    public static func open(at url: URL, coder: String, extensions: [SchemaExtension] = [],
                            busyTimeout: TimeInterval = 10) throws -> ProjectStore {
        let path = url.path
        let coder = try NameRules.checked(coder, what: "coder")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StoreError.projectNotFound(path: path)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.notAProject(path: path, reason: "it cannot be read")
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        guard header == Data("SQLite format 3\0".utf8) else {
            throw StoreError.notAProject(path: path, reason: header.isEmpty ? "the file is empty" : "not an SQLite database")
        }
        let fileManager = FileManager.default
        let readOnly = !fileManager.isWritableFile(atPath: path) || !fileManager.isWritableFile(atPath: url.deletingLastPathComponent().path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: readOnly ? try immutableURI(path) : path,
                                    configuration: configuration(readOnly: readOnly, busyTimeout: busyTimeout))
        } catch {
            throw StoreError.interpreting(error, path: path) ?? .notAProject(path: path, reason: "SQLite could not open it: \(error)")
        }
        let migrator = SchemaExtension.migrator(with: extensions)
        try pool.read { db in
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            guard applicationID == Migrations.applicationID else {
                throw StoreError.notAProject(path: path, reason: "an SQLite database of another program")
            }
            // Unknown core migrations, or unknown ones of a module this build has, mean a newer QualCode
            // wrote the file. A module this caller did not ask for («stc.…» opened by the core alone)
            // keeps its tables untouched and is no reason to refuse.
            let names = Set(extensions.map(\.name))
            let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).filter { id in
                guard let dot = id.firstIndex(of: ".") else { return true }
                return names.contains(String(id[..<dot]))
            }
            if !unknown.isEmpty { throw StoreError.newerVersion(path: path, unknownMigrations: unknown.sorted()) }
        }
        // An up-to-date file needs no write to open, so reading commands work while another program
        // holds the write lock (a long import) and where nothing can be written.
        if try pool.read({ db in try migrator.hasCompletedMigrations(db) }) { return ProjectStore(url: url, coder: coder, pool: pool, extensions: extensions) }
        if readOnly { throw StoreError.readOnlyCannotOpen(path: path, needsMigration: true) }
        do {
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            if let condition = StoreError.interpreting(error, path: path) { throw condition }
            // A migration that fails rolls back: the file is as it was, but cannot be opened by this version.
            throw StoreError.migrationFailed(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        return ProjectStore(url: url, coder: coder, pool: pool, extensions: extensions)
    }

    /// A read-only place cannot hold the `-shm` file a reader of a WAL database needs, so the file is
    /// opened as immutable: no locks, no side files. That is only right when no `-wal` file holds changes
    /// not yet in the file (a writer that closed cleanly leaves none).
    private static func immutableURI(_ path: String) throws -> String {
        let wal = path + "-wal"
        if let size = (try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int, size > 0 {
            throw StoreError.readOnlyCannotOpen(path: path, needsMigration: false)
        }
        var components = URLComponents()
        components.scheme = "file"
        components.path = path
        components.queryItems = [URLQueryItem(name: "immutable", value: "1")]
        return components.string ?? path
    }

    private static func configuration(readOnly: Bool = false, busyTimeout: TimeInterval = 10) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // WAL with synchronous=NORMAL never corrupts the file or splits a transaction; a power cut can
            // only lose the last commits. A 64 MiB page cache keeps a large import's indexes in memory.
            // Reads map the file (up to 1 GiB) instead of copying each page in with a system call: a
            // retrieval reads thousands of scattered pages (segments and their context lines).
            // Deleted content is zeroed, not left in free pages: interview text a user deletes, edits or
            // redacts must not linger in the file (Debian builds SQLite so; not every system does).
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824; PRAGMA secure_delete = ON")
        }
        return config
    }

    /// Opened for reading only (a read-only file or folder): every change is refused.
    public var isReadOnly: Bool { pool.configuration.readonly }

    /// The same open project (the same pool) acting for `coder`: every write through the returned
    /// value records that coder, on codings and in the event log.
    ///
    /// - Throws: ``StoreError/emptyName(what:)`` for a blank name, ``StoreError/invalidName(what:name:problem:)``
    ///   for one with control characters or over ``NameRules/maximumLength``.
    public func acting(as coder: String) throws -> ProjectStore {
        ProjectStore(url: url, coder: try NameRules.checked(coder, what: "coder"), pool: pool, extensions: extensions)
    }

    /// The same open project making codings for `coder` while the event log still names who acts: for a
    /// module that codes on someone's behalf (a consensus decision codes for the consensus coder).
    package func coding(for coder: String) throws -> ProjectStore {
        ProjectStore(url: url, coder: try NameRules.checked(coder, what: "coder"), actor: actor, pool: pool, extensions: extensions)
    }

    /// Runs `work` on a thread of its own and resumes the caller with its result, so async code (a
    /// server's event loop) never waits on SQLite: `try await store.perform { try $0.acting(as: who).code(…) }`.
    public func perform<T: Sendable>(_ work: @escaping @Sendable (ProjectStore) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work(self) }) }
        }
    }

    // MARK: - Project

    public func projectInfo() throws -> ProjectInfo {
        try pool.read { db in
            guard let info = try ProjectInfo.fetchOne(db) else {
                throw StoreError.notAProject(path: url.path, reason: "it has no project record")
            }
            return info
        }
    }

    /// Changes the title, research question or method notes; nil leaves a field as it is.
    public func updateProject(title: String? = nil, researchQuestion: String? = nil, methodNotes: String? = nil) throws -> ProjectInfo {
        try pool.write { db in
            guard var info = try ProjectInfo.fetchOne(db) else {
                throw StoreError.notAProject(path: url.path, reason: "it has no project record")
            }
            if let title {
                info.title = try NameRules.checked(title, what: "project title")
            }
            if let researchQuestion { info.researchQuestion = researchQuestion }
            if let methodNotes { info.methodNotes = methodNotes }
            try info.update(db)
            try log(db, "project.update", ["title": .string(info.title)])
            return info
        }
    }

    /// Whether the file passes SQLite's own consistency check.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// Writes everything from the write-ahead log into the main file, so it can be copied alone.
    public func checkpoint() throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}

/// How much a project holds, counted without reading any text.
public struct ProjectCounts: Hashable, Sendable, Codable {
    public var transcripts: Int
    public var participants: Int
    public var codes: Int
    public var segments: Int
    public var codings: Int
    public var memos: Int
    public var events: Int
}

extension ProjectStore {
    public func counts() throws -> ProjectCounts {
        try pool.read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0 }
            return ProjectCounts(transcripts: try count("transcript"), participants: try count("participant"), codes: try count("code"),
                                 segments: try count("segment"), codings: try count("coding"), memos: try count("memo"),
                                 events: try count("event"))
        }
    }
}
