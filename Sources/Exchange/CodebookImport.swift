import Foundation
import GRDB
import QualCode

extension Exchange {
    /// Adds the codes of a REFI-QDA codebook (`.qdc`, or the codebook of a `.qdpx`/`.qde` project) to
    /// this project. A code is matched by its path (names compared ignoring case): one the project has
    /// is left as it is; a new one is added with its colour, definition and GUID. One transaction.
    ///
    /// - Throws: ``ExchangeError`` or ``ImportError`` for a file that cannot be read; nothing is added then.
    public func importRefiCodebook(from url: URL) throws -> CodebookImportReport {
        let file = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: url.path) else { throw ExchangeError.notFound(path: url.path) }
        let codes: [RefiCode]
        switch url.pathExtension.lowercased() {
        case "qdc": codes = try RefiParser.codebook(try ExchangeInput.read(url, limit: RefiPackage.maximumProjectSize), file: file)
        case "qdpx", "qde": codes = try RefiPackage(url: url).project.codes
        default: throw ExchangeError.unsupportedFile(file: file)
        }
        return try store.pool.write { db in
            var merger = CodebookMerger(existing: try Code.fetchAll(db), guids: try GUIDTable(db))
            for code in codes { try merger.merge(code, parent: nil, path: [], db) }
            try merger.guids.save(db)
            try store.logExchange(db, "refi.codebook", ["added": merger.report.added.count, "existing": merger.report.existing.count])
            return merger.report
        }
    }
}

/// Walks a codebook's tree against the project's codes.
private struct CodebookMerger {
    var byParent: [UUID?: [Code]]
    var ids: Set<UUID>
    var guids: GUIDTable
    var report = CodebookImportReport()

    init(existing: [Code], guids: GUIDTable) {
        byParent = Dictionary(grouping: existing, by: \.parentId)
        ids = Set(existing.map(\.id))
        self.guids = guids
    }

    mutating func merge(_ refi: RefiCode, parent: UUID?, path: [String], _ db: Database) throws {
        let raw = refi.name.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "/", with: "∕")
        let name = (try? NameRules.checked(raw, what: "code")) ?? "Kode"
        if name != refi.name { report.renamed.append("\"\(refi.name.escapingControlCharacters())\" → \"\(name)\"") }
        let here = path + [name]
        let code: Code
        if let existing = byParent[parent]?.first(where: { $0.name.lowercased() == name.lowercased() }) {
            code = existing
            report.existing.append(here.joined(separator: "/"))
        } else {
            var id = RefiGUID.uuid(refi.guid) ?? .timeOrdered()
            if ids.contains(id) { id = .timeOrdered() }
            ids.insert(id)
            guids.keep(.code, key: RefiGUID.written(id), guid: refi.guid, ours: RefiGUID.written(id))
            let definition = refi.description?.trimmingCharacters(in: .whitespacesAndNewlines)
            code = Code(id: id, name: name, definition: definition?.isEmpty == false ? definition : nil,
                        color: refi.color.flatMap(ProjectWriter.color), parentId: parent)
            try ProjectStore.insertExchanged(db, code)
            byParent[parent, default: []].append(code)
            report.added.append(here.joined(separator: "/"))
        }
        for child in refi.children { try merge(child, parent: code.id, path: here, db) }
    }
}
