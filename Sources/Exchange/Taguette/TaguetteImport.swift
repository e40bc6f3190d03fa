import Foundation
import GRDB
import QualCode

extension Exchange {
    /// Imports a Taguette project (its exported SQLite file) as a new project file at `destination`:
    /// documents become transcripts (their HTML's text), tags become top-level codes with their
    /// descriptions, highlights become segments coded with their tags — placed by their UTF-8 byte
    /// offsets, or by their snippet's text where those do not fit — each by the person who made it (from
    /// Taguette's log) or else by `coder`. Document descriptions become memos on the transcript.
    ///
    /// - Throws: ``ExchangeError/destinationExists(path:)``, ``ExchangeError/notTaguette(file:reason:)``;
    ///   the new file is removed again on any failure.
    public static func importTaguette(from url: URL, to destination: URL, coder: String,
                                      extensions: [SchemaExtension]) throws -> RefiImportReport {
        guard !FileManager.default.fileExists(atPath: destination.path) else { throw ExchangeError.destinationExists(path: destination.path) }
        let file = url.lastPathComponent
        let project = try TaguetteReader.read(url)
        // A Taguette file with no documents (a fresh one, or a database of Taguette's other tables) would
        // make an empty project and look like an import that lost everything.
        guard !project.sources.isEmpty else { throw ExchangeError.noTaguetteDocuments(file: file) }
        let package = RefiPackage(file: file, project: project, folder: url.deletingLastPathComponent())
        let title = (try? NameRules.checked(project.name, what: "project title")) ?? url.deletingPathExtension().lastPathComponent
        return try importProject(package, title: title, question: project.description, to: destination, coder: coder,
                                 extensions: extensions, conventions: [.utf8Bytes])
    }
}

/// Reads a Taguette export into the shape a REFI-QDA project has, with GUIDs made from Taguette's ids.
enum TaguetteReader {
    static func read(_ url: URL) throws -> RefiProject {
        let file = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: url.path) else { throw ExchangeError.notFound(path: url.path) }
        let header = (try? FileHandle(forReadingFrom: url).read(upToCount: 16)) ?? nil
        guard header == Data("SQLite format 3\0".utf8) else { throw ExchangeError.notTaguette(file: file, reason: "not an SQLite database") }
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: url.path, configuration: configuration) } catch {
            throw ExchangeError.notTaguette(file: file, reason: "SQLite could not open it")
        }
        return try queue.read { db in
            for table in ["documents", "highlights", "tags", "highlight_tags"] where try !db.tableExists(table) {
                throw ExchangeError.notTaguette(file: file, reason: "it has no \(table) table")
            }
            return try project(db, file: file)
        }
    }

    /// A column's value, nil for NULL; a value of another kind (text where a number belongs) is refused
    /// rather than trapped on.
    private static func value<T: DatabaseValueConvertible>(_ row: Row, _ column: String, table: String, file: String) throws -> T? {
        let value: DatabaseValue = row[column]
        if value.isNull { return nil }
        guard let typed = T.fromDatabaseValue(value) else {
            let kind = switch value.storage {
            case .int64: "a whole number"
            case .double: "a decimal number"
            case .string: "text"
            case .blob: "binary data"
            case .null: "nothing"
            }
            let wanted = T.self == String.self ? "text" : "a whole number"
            throw ExchangeError.notTaguette(file: file, reason: "\(table).\(column) holds \(kind) where \(wanted) belongs")
        }
        return typed
    }

    /// A column's value that must be there.
    private static func required<T: DatabaseValueConvertible>(_ row: Row, _ column: String, table: String, file: String) throws -> T {
        guard let typed: T = try value(row, column, table: table, file: file) else {
            throw ExchangeError.notTaguette(file: file, reason: "\(table).\(column) is empty (NULL) in a row")
        }
        return typed
    }

    /// A column's value where a missing or odd one only loses a detail (who made a highlight, when).
    private static func lenient<T: DatabaseValueConvertible>(_ row: Row, _ column: String) -> T? {
        T.fromDatabaseValue(row[column] as DatabaseValue)
    }

    private static func guid(_ kind: String, _ id: Int64) -> String { RefiGUID.written(RefiGUID.named("taguette-" + kind, String(id))) }

    private static func project(_ db: Database, file: String) throws -> RefiProject {
        var project = RefiProject()
        project.origin = "Taguette"
        if try db.tableExists("projects"), let row = try Row.fetchOne(db, sql: "SELECT name, description FROM projects ORDER BY id LIMIT 1") {
            project.name = try value(row, "name", table: "projects", file: file) ?? ""
            project.description = (try value(row, "description", table: "projects", file: file) as String?).flatMap { $0.isEmpty ? nil : $0 }
        }
        // Who made each highlight, and when, from the log of commands.
        var made: [Int64: (user: String, date: Date?)] = [:]
        if try db.tableExists("commands") {
            for row in try Row.fetchAll(db, sql: "SELECT user_login, date, payload FROM commands WHERE payload LIKE '%highlight_add%'") {
                guard let payload: String = lenient(row, "payload"),
                      let json = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
                      json["type"] as? String == "highlight_add", let id = (json["id"] as? NSNumber)?.int64Value,
                      let user: String = lenient(row, "user_login") else { continue }
                made[id] = (user, parseDate(row["date"]))
            }
        }
        project.users = Set(made.values.map(\.user)).sorted().map { RefiUser(guid: RefiGUID.written(RefiGUID.named("taguette-user", $0)), name: $0) }
        func userGUID(_ login: String) -> String { RefiGUID.written(RefiGUID.named("taguette-user", login)) }

        for row in try Row.fetchAll(db, sql: "SELECT id, path, description FROM tags ORDER BY path") {
            let description: String? = try value(row, "description", table: "tags", file: file)
            let id: Int64 = try required(row, "id", table: "tags", file: file)
            project.codes.append(RefiCode(guid: guid("tag", id), name: try value(row, "path", table: "tags", file: file) ?? "", color: nil,
                                          description: description?.isEmpty == false ? description : nil))
        }
        var tagsOf: [Int64: [Int64]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT highlight_id, tag_id FROM highlight_tags ORDER BY tag_id") {
            let highlight: Int64 = try required(row, "highlight_id", table: "highlight_tags", file: file)
            tagsOf[highlight, default: []].append(try required(row, "tag_id", table: "highlight_tags", file: file))
        }
        var highlights: [Int64: [RefiSelection]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, document_id, start_offset, end_offset, snippet FROM highlights ORDER BY id") {
            let id: Int64 = try required(row, "id", table: "highlights", file: file)
            let who = made[id]
            let codings = (tagsOf[id] ?? []).map { tag in
                RefiCoding(guid: RefiGUID.written(RefiGUID.named("taguette-highlight-tag", "\(id)-\(tag)")), code: guid("tag", tag),
                           creatingUser: who.map { userGUID($0.user) }, created: who?.date)
            }
            let snippet: String? = try value(row, "snippet", table: "highlights", file: file)
            let document: Int64 = try required(row, "document_id", table: "highlights", file: file)
            let start: Int = try value(row, "start_offset", table: "highlights", file: file) ?? 0
            let end: Int = try value(row, "end_offset", table: "highlights", file: file) ?? 0
            highlights[document, default: []].append(RefiSelection(
                guid: guid("highlight", id), name: snippet.map(TaguetteHTML.text), start: start, end: end,
                creatingUser: who.map { userGUID($0.user) }, created: who?.date, codings: codings))
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, name, description, contents, created FROM documents ORDER BY id") {
            let id: Int64 = try required(row, "id", table: "documents", file: file)
            let html: String = try value(row, "contents", table: "documents", file: file) ?? ""
            let name: String? = try value(row, "name", table: "documents", file: file)
            guard html.utf8.count <= TranscriptReader.maxTextSize else {
                throw ImportError.textTooLarge(file: "\(file): \(name ?? "document \(id)")", bytes: html.utf8.count,
                                               limit: TranscriptReader.maxTextSize)
            }
            var source = RefiTextSource(guid: guid("document", id), name: name, content: TaguetteHTML.text(html),
                                        created: parseDate(row["created"]), selections: highlights[id] ?? [])
            if let description: String = try value(row, "description", table: "documents", file: file), !description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                let note = guid("document-description", id)
                project.notes.append(RefiNote(guid: note, name: "Beskrivelse", content: description))
                source.noteRefs.append(note)
            }
            project.sources.append(source)
        }
        return project
    }

    /// SQLAlchemy's `2024-05-02 10:15:30.123456`, in UTC, to the second.
    private static func parseDate(_ value: DatabaseValue) -> Date? {
        guard let text = String.fromDatabaseValue(value), text.count >= 19 else { return nil }
        return RefiDate.parse(String(text.prefix(19)).replacingOccurrences(of: " ", with: "T") + "Z")
    }
}
