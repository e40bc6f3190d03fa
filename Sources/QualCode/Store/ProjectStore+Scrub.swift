import Foundation
import GRDB

/// A word taken out of a project (a name, a number), and what stands in its place (`[navn]`, a pseudonym).
public struct Scrub: Sendable, Hashable, Codable {
    public var text: String
    public var replacement: String
    /// Whether the text is taken out where it stands as words inside a longer text, or only where a
    /// stored text is this text whole (a golden quote, a snapshot's unit).
    public var withinText: Bool

    public init(text: String, replacement: String, withinText: Bool = true) {
        self.text = text
        self.replacement = replacement
        self.withinText = withinText
    }
}

extension ProjectStore {
    /// Rewrites past events so that no payload holds any of the scrubbed texts as a word of its own:
    /// each becomes its replacement. The log keeps that each event happened, who did it and when; only
    /// the words go. Call it inside the write transaction of the redaction or withdrawal it serves.
    /// Returns how many events were rewritten.
    package func scrubEventLog(_ db: Database, _ scrubs: [Scrub]) throws -> Int {
        let scrubs = Self.ordered(scrubs)
        guard !scrubs.isEmpty else { return 0 }
        try db.execute(sql: "INSERT INTO eventScrubPermit (id) VALUES (1)")
        var rewritten = 0
        // A text JSON escapes (a quotation mark in it) is looked for in its escaped form too.
        let needles = Array(Set(scrubs.flatMap { [$0.text, Self.jsonContent($0.text)] }))
        let condition = needles.map { _ in "instr(payload, ?) > 0" }.joined(separator: " OR ")
        for row in try Row.fetchAll(db, sql: "SELECT id, payload FROM event WHERE \(condition)", arguments: StatementArguments(needles)) {
            guard let text = try Self.scrubJSON(row["payload"], scrubs) else { continue }
            try db.execute(sql: "UPDATE event SET payload = ? WHERE id = ?", arguments: [text, row["id"] as Int64])
            rewritten += 1
        }
        try db.execute(sql: "DELETE FROM eventScrubPermit")
        return rewritten
    }

    /// Stored texts that keep words after the transcript lost them: the text of its orphaned segments
    /// (a segment keeps the text an edit removed) and its quotes' edited forms and lead-ins.
    package func scrubAnchoredTexts(_ db: Database, transcript: UUID, _ scrubs: [Scrub]) throws {
        let scrubs = Self.ordered(scrubs)
        guard !scrubs.isEmpty else { return }
        try Self.scrubColumns(db, table: "segment", key: "id", columns: ["text"], scrubs,
                              where: "transcriptId = ? AND isOrphaned", [transcript])
        try Self.scrubColumns(db, table: "quote", key: "segmentId", columns: ["form", "leadIn"], scrubs,
                              where: "segmentId IN (SELECT id FROM segment WHERE transcriptId = ?)", [transcript])
    }

    /// Rewrites the text columns of the rows `condition` picks with every scrubbed word replaced; a
    /// module's scrub hook calls it for its own tables. A column in `json` holds JSON (a snapshot): the
    /// strings inside it are scrubbed, so an escape before a word cannot hide it.
    package static func scrubColumns(_ db: Database, table: String, key: String, columns: [String], json: Set<String> = [],
                                     _ scrubs: [Scrub], where condition: String = "1", _ arguments: StatementArguments = []) throws {
        let scrubs = ordered(scrubs)
        guard !scrubs.isEmpty else { return }
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        for row in try Row.fetchAll(db, sql: "SELECT \"\(key)\" AS rowKey, \(list) FROM \"\(table)\" WHERE \(condition)", arguments: arguments) {
            var changes: [(String, String)] = []
            for column in columns {
                guard let text = row[column] as String? else { continue }
                let scrubbed = json.contains(column) ? (try scrubJSON(text, scrubs) ?? text) : scrub(text, scrubs)
                if scrubbed != text { changes.append((column, scrubbed)) }
            }
            guard !changes.isEmpty else { continue }
            let assignments = changes.map { "\"\($0.0)\" = ?" }.joined(separator: ", ")
            try db.execute(sql: "UPDATE \"\(table)\" SET \(assignments) WHERE \"\(key)\" = ?",
                           arguments: StatementArguments(changes.map(\.1)) + [row["rowKey"] as DatabaseValue])
        }
    }

    /// `text` with every scrubbed word replaced, longest first (so «Kari Nordmann» goes before «Kari»).
    package static func scrub(_ text: String, _ scrubs: [Scrub]) -> String {
        scrubs.reduce(text) { text, scrub in
            scrub.withinText ? text.replacingWholeWords(scrub.text, with: scrub.replacement) : text == scrub.text ? scrub.replacement : text
        }
    }

    private static func ordered(_ scrubs: [Scrub]) -> [Scrub] {
        scrubs.filter { !$0.text.isEmpty && $0.text != $0.replacement }.sorted { $0.text.count > $1.text.count }
    }

    /// JSON with the scrubbed words replaced in its strings, written back in the same shape; nil when
    /// no string held one as a word of its own (or the text is not JSON).
    static func scrubJSON(_ json: String, _ scrubs: [Scrub]) throws -> String? {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else { return nil }
        let scrubbed = try writtenJSON(mappingStrings(value) { scrub($0, scrubs) })
        return scrubbed == (try writtenJSON(value)) ? nil : scrubbed
    }

    /// Every string inside parsed JSON put through `transform`, the shape kept.
    package static func mappingStrings(_ value: Any, _ transform: (String) -> String) -> Any {
        switch value {
        case let text as String: transform(text)
        case let array as [Any]: array.map { mappingStrings($0, transform) }
        case let object as [String: Any]: object.mapValues { mappingStrings($0, transform) }
        default: value
        }
    }

    /// Parsed JSON written back as the log writes it: keys sorted, slashes unescaped.
    package static func writtenJSON(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]),
               as: UTF8.self)
    }

    /// Makes sure what was scrubbed is not left in the file's free space, the full-text index's old
    /// segments or the write-ahead log: deleted content is zeroed from here on (secure_delete), the
    /// index is merged into one segment (FTS5 keeps deleted entries until then), and after the
    /// transaction the log is checkpointed into the file and truncated.
    package static func eraseFreedContent(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO passageFTS(passageFTS) VALUES ('optimize')")
    }

    /// The write-ahead log copied into the file and cut to nothing, so no old page stays in it.
    public func truncateWriteAheadLog() throws {
        try pool.writeWithoutTransaction { db in
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    static func jsonContent(_ text: String) -> String {
        var json = ""
        LogValue.string(text).write(to: &json)
        return String(json.dropFirst().dropLast())
    }
}

extension SchemaExtension {
    /// Takes the scrubbed words out of the texts a module stores (each replaced by its replacement), in
    /// the redaction's or withdrawal's transaction.
    package typealias ScrubHook = @Sendable (Database, [Scrub]) throws -> Void
}
