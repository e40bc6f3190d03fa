import Foundation
import GRDB

/// What to change about a stored quote: its displayed form and its lead-in.
public struct QuoteUpdate: Sendable {
    public enum Form: Sendable {
        /// The quote as it should be displayed, with `(…)`, `[…]`, `<…>` marking the edits.
        case display(String)
        /// The verbatim text with filler words removed, each removal recorded.
        case cleanFillers
        /// Back to the verbatim text.
        case verbatim
    }
    public var form: Form?
    /// A lead-in sentence such as «Eva forteller:»; `""` removes it.
    public var leadIn: String?

    public init(form: Form? = nil, leadIn: String? = nil) {
        self.form = form
        self.leadIn = leadIn
    }
}

/// A stored quote as `quote show` prints it.
public struct QuoteDetails: Hashable, Sendable, Codable {
    public var segment: UUID
    public var transcript: String
    public var lines: String
    public var verbatim: String
    /// The quote as the house style prints it.
    public var displayed: String
    /// The quote with its edits written in the marks a person edits with (a gloss in `< >`), to be
    /// changed and sent back as `display`.
    public var editable: String
    public var edits: String
    public var leadIn: String?
    /// Who saved the quote's edits or lead-in last (nil for a quote never edited).
    public var editedBy: String?
    /// The transcript was edited after the quote was; the edits no longer apply and the quote is
    /// exported verbatim until it is edited again.
    public var isStale: Bool
    public var uses: [QuoteUse]
}

/// One export a quote went into, with the label it had there.
public struct QuoteUse: Hashable, Sendable, Codable {
    public var label: String
    public var file: String
    public var exportedBy: String
    public var exportedAt: Date
}

/// A recorded quote export: the file the quotes went into, who wrote it, when, and with which labels.
/// Its quotes' uses are what the "exported earlier with another label" check reads.
public struct QuoteExport: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    /// The file as it was given to the export.
    public var file: String
    public var exportedBy: String
    public var exportedAt: Date
    /// The quotes whose use is recorded (fewer than were exported once their transcript is deleted).
    public var quotes: Int
    /// The distinct labels the quotes had, in export order.
    public var labels: [String]
}

/// What is stored about a quote beyond its segment.
struct StoredQuote {
    var form: QuoteForm?
    var leadIn: String?
    /// Who saved the quote last: a quote is the project's, any coder may edit it, and the dialog says whose
    /// edits one is about to change.
    var editedBy: String?
}

extension ProjectStore {
    /// Edits how a quote (a coded segment) is displayed. The transcript is never changed: the edits are
    /// kept with the quote and every one of them is listed in the quote bank.
    ///
    /// - Throws: ``QuoteEditError`` for an unmarked change, ``StoreError`` for an unknown
    ///   (``StoreError/missing(_:_:)``) or orphaned segment; nothing is changed then.
    @discardableResult
    public func editQuote(segment id: Segment.ID, _ update: QuoteUpdate, style: HouseStyle = .thesis) throws -> QuoteDetails {
        // Printed before the quote in Word and to a terminal by `quotes --format csv`: plain text, one line.
        if let leadIn = update.leadIn, NameRules.problem(in: leadIn) != nil {
            throw StoreError.invalidInput(.leadIn, value: leadIn,
                                          expected: "one line of plain text, at most \(NameRules.maximumLength) characters, without control, invisible or direction-changing characters")
        }
        return try pool.write { db in
            guard let segment = try Segment.fetchOne(db, key: id) else { throw StoreError.missing(.segment, id) }
            if segment.isOrphaned {
                throw StoreError.invalidValue(what: "segment", value: segment.id.shortID,
                                              expected: "a segment whose text is still in the transcript (this one was orphaned by an edit)")
            }
            var stored = try Self.storedQuote(db, segment.id) ?? StoredQuote()
            switch update.form {
            case let .display(text)?:
                stored.form = try QuoteForm.parse(text.precomposedStringWithCanonicalMapping, verbatim: segment.text, fillers: style.fillers)
            case .cleanFillers?: stored.form = QuoteForm.cleaned(segment.text, fillers: style.fillers)
            case .verbatim?: stored.form = nil
            case nil: break
            }
            if let form = stored.form, form.edits.isEmpty { stored.form = nil }
            if let leadIn = update.leadIn {
                let trimmed = leadIn.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
                stored.leadIn = trimmed.isEmpty ? nil : trimmed
            }
            let formJSON = try stored.form.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try db.execute(sql: """
                INSERT INTO quote (segmentId, form, leadIn, updatedBy, updatedAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(segmentId) DO UPDATE SET form = excluded.form, leadIn = excluded.leadIn,
                  updatedBy = excluded.updatedBy, updatedAt = excluded.updatedAt
                """, arguments: [segment.id, formJSON, stored.leadIn, coder, Date()])
            stored.editedBy = coder
            try log(db, "quote.edit", ["segment": LogValue(segment.id), "edits": .int(stored.form?.edits.count ?? 0),
                                       "leadIn": .bool(stored.leadIn != nil)])
            return try Self.quoteDetails(db, segment, stored: stored, style: style)
        }
    }

    /// A quote's verbatim and displayed text, its edits, lead-in and the exports it went into.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when no segment has this id.
    public func quoteDetails(segment id: Segment.ID, style: HouseStyle = .thesis) throws -> QuoteDetails {
        try pool.read { db in
            guard let segment = try Segment.fetchOne(db, key: id) else { throw StoreError.missing(.segment, id) }
            return try Self.quoteDetails(db, segment, stored: try Self.storedQuote(db, segment.id) ?? StoredQuote(), style: style)
        }
    }

    private static func quoteDetails(_ db: Database, _ segment: Segment, stored: StoredQuote, style: HouseStyle) throws -> QuoteDetails {
        guard let row = try segmentRows(db, in: .listed([segment.id])).first else {
            throw StoreError.notFound(what: "segment", reference: segment.id.shortID, candidates: [])
        }
        let form = stored.form.flatMap { $0.isStale(for: segment.text) ? nil : $0 } ?? .verbatim(segment.text)
        let uses = try Row.fetchAll(db, sql: "SELECT label, file, exportedBy, exportedAt FROM quoteUse WHERE segmentId = ? ORDER BY id",
                                    arguments: [segment.id]).map {
            QuoteUse(label: $0["label"], file: $0["file"], exportedBy: $0["exportedBy"], exportedAt: $0["exportedAt"])
        }
        return QuoteDetails(segment: segment.id, transcript: row.info.transcript, lines: row.info.lineLabel, verbatim: segment.text,
                            displayed: form.render(style.marks), editable: form.render(.editing), edits: form.describeEdits(),
                            leadIn: stored.leadIn, editedBy: stored.editedBy,
                            isStale: stored.form?.isStale(for: segment.text) ?? false, uses: uses)
    }

    static func storedQuote(_ db: Database, _ segment: UUID) throws -> StoredQuote? {
        guard let row = try Row.fetchOne(db, sql: "SELECT form, leadIn, updatedBy FROM quote WHERE segmentId = ?", arguments: [segment]) else {
            return nil
        }
        return StoredQuote(form: try decodeForm(row["form"]), leadIn: row["leadIn"], editedBy: row["updatedBy"])
    }

    /// Every stored quote, by segment (for an export).
    static func storedQuotes(_ db: Database) throws -> [UUID: StoredQuote] {
        var result: [UUID: StoredQuote] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT segmentId, form, leadIn FROM quote") {
            result[row["segmentId"]] = StoredQuote(form: try decodeForm(row["form"]), leadIn: row["leadIn"])
        }
        return result
    }

    private static func decodeForm(_ json: String?) throws -> QuoteForm? {
        try json.map { try JSONDecoder().decode(QuoteForm.self, from: Data($0.utf8)) }
    }

    /// Records that these quotes went into `file` with these labels, as one export.
    @discardableResult
    public func recordQuoteUses(_ uses: [(segment: UUID, label: String)], file: String) throws -> QuoteExport.ID {
        try pool.write { db in
            let now = Date()
            let export = UUID.timeOrdered(at: now)
            try db.execute(sql: "INSERT INTO quoteExport (id, file, exportedBy, exportedAt) VALUES (?, ?, ?, ?)", arguments: [export, file, coder, now])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO quoteUse (segmentId, label, file, exportedBy, exportedAt, exportId) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for use in uses { try insert.execute(arguments: [use.segment, use.label, file, coder, now, export]) }
            try log(db, "quote.export", ["id": LogValue(export), "file": .string(file), "quotes": .int(uses.count)])
            return export
        }
    }

    // MARK: - Recorded exports

    /// The recorded quote exports, oldest first, each with its file, who made it and when, how many of
    /// its quotes' uses are still recorded, and the labels they had.
    public func quoteExports() throws -> [QuoteExport] {
        try pool.read { db in try Self.quoteExports(db) }
    }

    /// Forgets one recorded export: its quotes' uses go, so later exports no longer warn that a quote
    /// went out with another label in it (a trial export). The file itself is not touched.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when no export has this id.
    @discardableResult
    public func forgetQuoteExport(_ id: QuoteExport.ID) throws -> QuoteExport {
        try pool.write { db in
            guard let export = try Self.quoteExports(db, only: id).first else { throw StoreError.missing(.quoteExport, id) }
            try db.execute(sql: "DELETE FROM quoteExport WHERE id = ?", arguments: [id])
            try log(db, "quote.forget", ["id": LogValue(id), "file": .string(export.file), "quotes": .int(export.quotes)])
            return export
        }
    }

    /// Forgets every recorded export (see ``forgetQuoteExport(_:)``) and returns them.
    @discardableResult
    public func forgetAllQuoteExports() throws -> [QuoteExport] {
        try pool.write { db in
            let exports = try Self.quoteExports(db)
            // Uses recorded before exports were (none left after the migration) go too.
            try db.execute(sql: "DELETE FROM quoteUse; DELETE FROM quoteExport")
            try log(db, "quote.forget", ["all": true, "exports": .int(exports.count), "quotes": .int(exports.reduce(0) { $0 + $1.quotes })])
            return exports
        }
    }

    private static func quoteExports(_ db: Database, only id: QuoteExport.ID? = nil) throws -> [QuoteExport] {
        var exports: [QuoteExport] = []
        var position: [UUID: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT e.id, e.file, e.exportedBy, e.exportedAt, (SELECT COUNT(*) FROM quoteUse u WHERE u.exportId = e.id) AS quotes
              FROM quoteExport e \(id == nil ? "" : "WHERE e.id = ?") ORDER BY e.exportedAt, e.id
            """, arguments: id.map { [$0] } ?? []) {
            position[row["id"]] = exports.count
            exports.append(QuoteExport(id: row["id"], file: row["file"], exportedBy: row["exportedBy"], exportedAt: row["exportedAt"],
                                       quotes: row["quotes"], labels: []))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT exportId, label FROM quoteUse \(id == nil ? "WHERE exportId IS NOT NULL" : "WHERE exportId = ?") GROUP BY exportId, label ORDER BY MIN(id)
            """, arguments: id.map { [$0] } ?? []) {
            if let i = position[row["exportId"]] { exports[i].labels.append(row["label"]) }
        }
        return exports
    }

    /// An export by its id or the last digits of it, or by its file when one export went there.
    static func quoteExport(_ db: Database, _ reference: String) throws -> QuoteExport.ID {
        do {
            return try id(db, in: "quoteExport", what: "quote export", reference)
        } catch StoreError.notFound {
            let trimmed = reference.trimmingCharacters(in: .whitespaces)
            let all = try quoteExports(db)
            let byFile = all.filter { $0.file == trimmed || ($0.file as NSString).lastPathComponent == trimmed }
            if byFile.count == 1 { return byFile[0].id }
            if byFile.count > 1 {
                throw StoreError.ambiguous(what: "quote export", reference: reference, candidates: byFile.map(\.id.shortID))
            }
            throw StoreError.notFound(what: "quote export", reference: reference, candidates: all.map(\.id.shortID))
        }
    }
}
