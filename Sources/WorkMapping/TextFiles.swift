import Foundation
import GRDB
import QualCode

extension WorkMapping {
    /// The largest file a text may carry: a scanned form or a guide as PDF, not a video.
    public static let maximumTextFileBytes = 20 << 20

    /// Attaches a copy of the text itself (a PDF of the form, the guide), replacing one attached before.
    ///
    /// - Throws: ``MapError/notFound(kind:name:suggestions:)`` for an unknown text, ``ImportError``
    ///   for a file that is missing, empty, not a regular file or over ``maximumTextFileBytes``;
    ///   nothing is changed then.
    public func attachFile(to text: MapText.ID, from url: URL) throws {
        try store.pool.read { db in _ = try Self.name(db, NodeReference(.text, text)) }
        let data = try Self.readTextFile(url)
        try store.pool.write { db in
            _ = try Self.name(db, NodeReference(.text, text))
            try Self.storeFile(db, text: text, name: url.lastPathComponent, data: data)
            try store.log(db, "map.text.file", ["text": LogValue(text), "name": .string(url.lastPathComponent), "bytes": .int(data.count)])
        }
    }

    /// A text's file, with the checks every imported file gets (and its name held to the name rules).
    static func readTextFile(_ url: URL) throws -> Data {
        _ = try NameRules.checked(url.lastPathComponent, what: "file name")
        return try ImportFile.read(url, limit: maximumTextFileBytes)
    }

    static func storeFile(_ db: Database, text: MapText.ID, name: String, data: Data) throws {
        let fileName = try NameRules.checked(name, what: "file name")
        try db.execute(sql: "UPDATE mapText SET fileName = ?, fileData = ? WHERE id = ?", arguments: [fileName, data, text])
    }

    /// The file attached to a text, nil when none is.
    public func textFile(_ text: MapText.ID) throws -> (name: String, data: Data)? {
        try store.pool.read { db in
            _ = try Self.name(db, NodeReference(.text, text))
            guard let row = try Row.fetchOne(db, sql: "SELECT fileName, fileData FROM mapText WHERE id = ? AND fileData IS NOT NULL",
                                             arguments: [text]) else { return nil }
            return (row["fileName"], row["fileData"])
        }
    }

    /// The texts, by name.
    public func texts() throws -> [MapText] {
        try store.pool.read { db in try MapText.order(Column("name").collating(.nocase)).fetchAll(db) }
    }
}
