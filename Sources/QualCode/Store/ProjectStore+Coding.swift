import Foundation
import GRDB

/// Which stretch of a transcript to code.
public enum SegmentSelector: Sendable, Hashable {
    /// Exact text that must occur once (or pick the `occurrence`, 1-based).
    case quote(String, occurrence: Int?)
    /// Whole lines, 1-based and inclusive; a speaker label at the start is left out.
    case lines(ClosedRange<Int>)
    /// Unicode scalar offsets, end exclusive.
    case offsets(start: Int, end: Int)
}

/// How a coding treats a code that does not exist yet.
public enum NewCodes: Sendable, Hashable {
    /// Create it: a batch from an importer or from a program, whose names are what they are.
    case create
    /// Create it, unless its name is close to an existing code's («Tilit» beside «Tillit»), which is
    /// most likely a typo: that is refused with ``StoreError/similarCode(name:similar:)`` and nothing is
    /// coded. References in `confirmed` (as written in ``CodingRequest/codes``) are created all the
    /// same: the person said they are new. What a person types should be coded this way.
    case createUnlessSimilar(confirmed: Set<String> = [])
}

/// One coding to make: where, and with which codes.
public struct CodingRequest: Sendable, Hashable {
    public var transcript: Transcript.ID
    public var selector: SegmentSelector
    public var codes: [String]
    /// Whether a code that does not exist is created, or refused when it looks like a typo.
    public var newCodes: NewCodes

    /// - Parameters:
    ///   - codes: code paths (`Belastning/Rapportering`) or names that fit one code; a code that
    ///     does not exist is created, as `newCodes` says.
    ///   - newCodes: ``NewCodes/create`` (the default) creates every new code; a front end passes
    ///     ``NewCodes/createUnlessSimilar(confirmed:)`` for what a person typed.
    public init(transcript: Transcript.ID, selector: SegmentSelector, codes: [String], newCodes: NewCodes = .create) {
        self.transcript = transcript
        self.selector = selector
        self.codes = codes
        self.newCodes = newCodes
    }
}

/// A segment as listings show it.
public struct SegmentInfo: Hashable, Sendable, Codable {
    public var id: UUID
    public var transcript: String
    public var start: Int
    public var end: Int
    public var firstLine: Int
    public var lastLine: Int
    public var text: String
    public var isOrphaned: Bool

    public var lineLabel: String { firstLine == lastLine ? "\(firstLine)" : "\(firstLine)-\(lastLine)" }
}

/// What a coding command did.
public struct CodingResult: Hashable, Sendable, Codable {
    public var segment: SegmentInfo
    /// Codes newly applied to the segment by this coder.
    public var added: [String]
    /// Codes this coder had already applied to the same span (a second coding is not made).
    public var alreadyPresent: [String]
    /// Codes that did not exist and were created, by path.
    public var createdCodes: [String]
    /// The codes the segment now carries from this request (added or already there), in request order.
    public var codeIDs: [Code.ID]
    /// For a quote that did not occur exactly: what was forgiven for it to match (empty otherwise).
    public var quoteNormalised: [QuoteNormalisation] = []
}

/// What removing codings from a segment did.
public struct UncodeResult: Hashable, Sendable, Codable {
    /// The labels of the codes whose codings were removed; `removedCodeIDs` in the same order.
    public var removed: [String]
    public var removedCodeIDs: [Code.ID]
    /// The segment had no codings left and was deleted.
    public var segmentDeleted: Bool
    /// Memos on the segment, deleted with it.
    public var memosDeleted: Int
}

/// One row of the process log («prosesslogg»): a unit, who said it, where, and its codes.
public struct UnitRow: Hashable, Sendable, Codable {
    public var id: UUID
    public var transcriptId: Transcript.ID
    public var transcript: String
    /// Pseudonyms of who said it, sorted; `participantReferences` gives their ids in the same order.
    public var participants: [String]
    public var participantReferences: [ParticipantReference]
    /// «41-43», as listings print it; `firstLine` and `lastLine` are the numbers.
    public var lines: String
    public var firstLine: Int
    public var lastLine: Int
    /// The codes' labels (the shortest end of each path that tells it apart), sorted; `codeIDs` in the same order.
    public var codes: [String]
    public var codeIDs: [Code.ID]
    public var text: String
    public var isOrphaned: Bool
}

extension ProjectStore {
    // MARK: - Coding

    /// Marks a segment and applies codes to it. Codes that do not exist yet are created (a path such
    /// as `Organisering/Fag og personal` creates the parent too). Coding the same span with the same
    /// code twice gives one coding.
    ///
    /// - Throws: ``StoreError/similarCode(name:similar:)`` with ``NewCodes/createUnlessSimilar(confirmed:)``
    ///   for a new code named almost like an existing one; nothing is coded.
    public func code(_ transcript: Transcript.ID, _ selector: SegmentSelector, codes: [String], newCodes: NewCodes = .create) throws -> CodingResult {
        try code([CodingRequest(transcript: transcript, selector: selector, codes: codes, newCodes: newCodes)])[0]
    }

    /// Applies many codings in one transaction: all of them, or none if one fails.
    public func code(_ requests: [CodingRequest]) throws -> [CodingResult] {
        for request in requests {
            guard !request.codes.isEmpty else { throw StoreError.emptyName(what: "code") }
            for name in request.codes { _ = try Self.codePath(name) }
        }
        return try pool.write { db in try self.code(in: db, requests) }
    }

    /// The codings inside a transaction a module built on the store (`Condensation`) already holds,
    /// so its own rows and the codings land together.
    package func code(in db: Database, _ requests: [CodingRequest]) throws -> [CodingResult] {
        for request in requests {
            guard !request.codes.isEmpty else { throw StoreError.emptyName(what: "code") }
            for name in request.codes { _ = try Self.codePath(name) }
        }
        var cache = CodingCache()
        let applied = try requests.map { try self.applyCoding(db, $0, cache: &cache) }
        // Names once the batch is done: codes it created can change which end of a path tells two apart.
        let index = try CodeIndex(db)
        return applied.map { a in
            CodingResult(segment: a.segment, added: a.added.map(index.label(of:)), alreadyPresent: a.present.map(index.label(of:)),
                         createdCodes: a.created.map(index.path(of:)), codeIDs: a.codes, quoteNormalised: a.normalised)
        }
    }

    /// What a batch of codings looks up again and again.
    struct CodingCache {
        /// Only the transcript of the latest request that needed its whole text (a quote or lines):
        /// batches come grouped by transcript, and keeping every transcript a 100,000-coding batch
        /// touched took half a gigabyte.
        var text: (transcript: Transcript, text: ScalarText)?
        var names: [Transcript.ID: String] = [:]
        var codes: [String: Code] = [:]
        /// One transaction, one moment: the batch's rows share a timestamp, formatted once (GRDB
        /// formats every `Date` through DateFormatter/ICU, three per coding).
        let now = Date()
        let nowValue: DatabaseValue
        init() { nowValue = now.databaseValue }

        /// The transcript's whole text, read once for the requests that follow.
        mutating func fullText(_ db: Database, _ id: Transcript.ID) throws -> (Transcript, ScalarText) {
            if let cached = text, cached.transcript.id == id { return cached }
            guard let transcript = try Transcript.fetchOne(db, key: id) else { throw StoreError.missing(.transcript, id) }
            let loaded = (transcript, ScalarText(transcript.text))
            text = loaded
            return loaded
        }

        mutating func name(_ db: Database, _ id: Transcript.ID) throws -> String {
            if let name = names[id] { return name }
            guard let name = try String.fetchOne(db, sql: "SELECT slug FROM transcript WHERE id = ?", arguments: [id]) else {
                throw StoreError.missing(.transcript, id)
            }
            names[id] = name
            return name
        }
    }

    /// Where a request's segment lies, its text and its lines. Offsets (the browser's way) are cut from
    /// the lines they touch, so the cost does not grow with the transcript; a quote or whole lines need
    /// the whole text.
    private func locate(_ db: Database, _ request: CodingRequest, cache: inout CodingCache)
        throws -> (name: String, start: Int, end: Int, text: String, firstLine: Int, lastLine: Int, normalised: [QuoteNormalisation]) {
        let name = try cache.name(db, request.transcript)
        if case let .offsets(start, end) = request.selector, start >= 0, start < end,
           let cut = try PassageText.cut(db, transcript: request.transcript, start: start, end: end) {
            guard cut.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
                throw StoreError.blankSelection(transcript: name, start: start, end: end)
            }
            return (name, start, end, cut.text, cut.firstLine, cut.lastLine, [])
        }
        let (transcript, text) = try cache.fullText(db, request.transcript)
        let (start, end, normalised) = try Self.span(db, request.selector, in: transcript, text: text)
        if case .offsets = request.selector, !text.scalars[start..<end].contains(where: { !$0.properties.isWhitespace }) {
            throw StoreError.blankSelection(transcript: name, start: start, end: end)
        }
        return (name, start, end, text.slice(start, end), text.line(at: start), text.line(at: max(start, end - 1)), normalised)
    }

    /// One request's coding, with its codes as ids (named once the whole batch is done).
    private struct Applied {
        var segment: SegmentInfo
        var added: [Code.ID] = []
        var present: [Code.ID] = []
        var created: [Code.ID] = []
        var codes: [Code.ID] = []
        var normalised: [QuoteNormalisation] = []
    }

    private func applyCoding(_ db: Database, _ request: CodingRequest, cache: inout CodingCache) throws -> Applied {
        let place = try locate(db, request, cache: &cache)
        let (start, end) = (place.start, place.end)
        var created: [Code.ID] = []
        var codes: [Code] = []
        for name in request.codes {
            if let code = cache.codes[name] { codes.append(code); continue }
            let (code, wasCreated) = try self.codeCreatingIfNeeded(db, name, newCodes: request.newCodes)
            if wasCreated { created.append(code.id) }
            cache.codes[name] = code
            codes.append(code)
        }
        // Cached statements with explicit arguments: the query interface rebuilt the SQL and the
        // Codable records re-encoded every row, for each of the batch's codings.
        let segment: Segment
        var isNew = false
        let findSegment = try db.cachedStatement(sql: """
            SELECT * FROM segment WHERE transcriptId = ? AND start = ? AND "end" = ? AND NOT isOrphaned LIMIT 1
            """)
        if let existing = try Segment.fetchOne(findSegment, arguments: [request.transcript, start, end]) {
            segment = existing
        } else {
            segment = Segment(transcriptId: request.transcript, start: start, end: end, text: place.text, createdBy: coder,
                              createdAt: cache.now)
            let insertSegment = try db.cachedStatement(sql: """
                INSERT INTO segment (id, transcriptId, start, "end", text, isOrphaned, createdBy, createdAt, firstLine, lastLine)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
                """)
            try insertSegment.execute(arguments: [segment.id, request.transcript, start, end, segment.text, coder, cache.nowValue,
                                                  place.firstLine, place.lastLine])
            isNew = true
        }
        var added: [Code.ID] = [], present: [Code.ID] = [], applied: [Code.ID] = []
        let codingExists = try db.cachedStatement(sql: "SELECT 1 FROM coding WHERE segmentId = ? AND codeId = ? AND coder = ?")
        let insertCoding = try db.cachedStatement(sql: """
            INSERT INTO coding (id, segmentId, codeId, coder, createdAt) VALUES (?, ?, ?, ?, ?)
            """)
        for code in codes {
            if applied.contains(code.id) { continue }
            applied.append(code.id)
            // A segment made just now has no codings yet.
            if !isNew, try Int.fetchOne(codingExists, arguments: [segment.id, code.id, coder]) != nil {
                present.append(code.id)
                continue
            }
            let id = UUID.timeOrdered(at: cache.now)
            try insertCoding.execute(arguments: [id, segment.id, code.id, coder, cache.nowValue])
            added.append(code.id)
            try logCodingAdded(db, id, segment: segment, code: code.id, at: cache.nowValue)
        }
        let info = SegmentInfo(id: segment.id, transcript: place.name, start: start, end: end, firstLine: place.firstLine,
                               lastLine: place.lastLine, text: segment.text, isOrphaned: false)
        return Applied(segment: info, added: added, present: present, created: created, codes: applied, normalised: place.normalised)
    }

    /// The log's record of a new coding, which undo reads back (``undoLastCoding()``); `step` marks one
    /// made as part of another step (a change of code, an undo), which undo does not take as a step of its own.
    func logCodingAdded(_ db: Database, _ id: Coding.ID, segment: Segment, code: Code.ID, at: DatabaseValue? = nil,
                        step: [String: LogValue] = [:]) throws {
        try log(db, "coding.add", [
            "id": LogValue(id), "segment": LogValue(segment.id), "transcript": LogValue(segment.transcriptId),
            "start": .int(segment.start), "end": .int(segment.end), "code": LogValue(code),
        ].merging(step) { $1 }, at: at)
    }

    /// Removes this coder's codings of `codes` (all codes when empty) from a segment; a segment left
    /// with no codings is deleted, and the memos on it with it. Removing the last codings of a segment
    /// that has memos is refused unless `force`, so a memo is not lost to a recoding.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` for an unknown segment, ``StoreError/inUse(_:)`` listing the
    ///   memos when refused; nothing is changed then.
    @discardableResult
    public func uncode(segment id: Segment.ID, codes: [Code.ID], force: Bool = false) throws -> UncodeResult {
        try pool.write { db in
            guard let segment = try Segment.fetchOne(db, key: id) else { throw StoreError.missing(.segment, id) }
            return try uncode(in: db, segment: segment, codes: codes, force: force)
        }
    }

    /// ``uncode(segment:codes:force:)`` inside a transaction a module already holds.
    package func uncode(in db: Database, segment: Segment, codes wanted: [UUID], force: Bool = false,
                        step: [String: LogValue] = [:]) throws -> UncodeResult {
        let index = try CodeIndex(db)
        var result = UncodeResult(removed: [], removedCodeIDs: [], segmentDeleted: false, memosDeleted: 0)
        let codings = try Coding.filter(Coding.Columns.segmentId == segment.id && Coding.Columns.coder == coder).fetchAll(db)
        for coding in codings where wanted.isEmpty || wanted.contains(coding.codeId) {
            try coding.delete(db)
            result.removed.append(index.label(of: coding.codeId))
            result.removedCodeIDs.append(coding.codeId)
            try log(db, "coding.remove", ["id": LogValue(coding.id), "segment": LogValue(segment.id), "code": LogValue(coding.codeId)]
                .merging(step) { $1 })
        }
        if try Coding.filter(Coding.Columns.segmentId == segment.id).fetchCount(db) == 0 {
            let memos = try Self.memoCount(db, on: .segment(segment.id))
            if memos > 0 && !force {
                let report = DeletionReport(record: RecordReference(.segment, segment.id, segment.id.shortID),
                                            dependents: [Dependent(.memo, memos, blocks: true)], linked: [], wasDeleted: false)
                throw StoreError.inUse(report)
            }
            try segment.delete(db)
            try log(db, "segment.remove", ["id": LogValue(segment.id), "memos": .int(memos)])
            result.segmentDeleted = true
            result.memosDeleted = memos
        }
        return result
    }

    /// A segment by its id or the last digits of it (``id(_:in:what:_:)``).
    package static func segment(_ db: Database, _ reference: String) throws -> Segment {
        let id = try Self.id(db, in: "segment", what: "segment", reference)
        guard let segment = try Segment.fetchOne(db, key: id) else { throw StoreError.missing(.segment, id) }
        return segment
    }

    /// Where `selector` lies in the text; for a quote, also what had to be forgiven for it to match.
    static func span(_ db: Database, _ selector: SegmentSelector, in transcript: Transcript, text: ScalarText)
        throws -> (start: Int, end: Int, normalised: [QuoteNormalisation]) {
        switch selector {
        case let .offsets(start, end):
            guard start >= 0, end <= text.count, start < end else {
                throw StoreError.spanOutOfRange(transcript: transcript.slug, start: start, end: end, length: text.count)
            }
            return (start, end, [])
        case let .lines(range):
            guard range.lowerBound >= 1, range.upperBound <= text.lineCount else {
                throw StoreError.linesOutOfRange(transcript: transcript.slug, first: range.lowerBound, last: range.upperBound, lineCount: text.lineCount)
            }
            var start = text.lineStarts[range.lowerBound - 1]
            var end = text.lineRange(range.upperBound).upperBound
            let firstLine = text.lineRange(range.lowerBound)
            if let turn = try Turn.filter(Turn.Columns.transcriptId == transcript.id && Turn.Columns.start >= firstLine.lowerBound
                                          && Turn.Columns.start <= firstLine.upperBound).order(Turn.Columns.start).fetchOne(db) {
                start = turn.start
            }
            while start < end, text.scalars[start].properties.isWhitespace { start += 1 }
            while end > start, text.scalars[end - 1].properties.isWhitespace { end -= 1 }
            guard start < end else {
                throw StoreError.blankLines(transcript: transcript.slug, first: range.lowerBound, last: range.upperBound)
            }
            return (start, end, [])
        case let .quote(raw, occurrence):
            let quote = raw.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
            guard !quote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw StoreError.invalidInput(.quote, value: raw, expected: "text from the transcript")
            }
            let matcher = QuoteMatcher(text)
            let found = matcher.match(quote)
            let hits = found.spans
            if let occurrence {
                guard occurrence >= 1, occurrence <= hits.count else {
                    throw StoreError.occurrenceOutOfRange(transcript: transcript.slug, occurrence: occurrence, count: hits.count)
                }
                return (hits[occurrence - 1].lowerBound, hits[occurrence - 1].upperBound, found.normalised)
            }
            switch hits.count {
            case 1: return (hits[0].lowerBound, hits[0].upperBound, found.normalised)
            case 0: throw StoreError.quoteNotFound(transcript: transcript.slug, quote: quote, nearest: matcher.nearest(to: quote))
            default: throw StoreError.quoteAmbiguous(transcript: transcript.slug, quote: quote, lines: hits.map { text.line(at: $0.lowerBound) })
            }
        }
    }

    // MARK: - Process log

    /// Every segment with its participants, lines and codes, in transcript and text order; optionally
    /// only those of one transcript, or carrying one code (with `includeChildren`, or any code below it).
    public func units(transcript: Transcript.ID? = nil, code: Code.ID? = nil, includeChildren: Bool = false) throws -> [UnitRow] {
        try pool.read { db in
            var set = SegmentSet.every
            var condition = ""
            var arguments: StatementArguments = []
            if let transcript {
                guard try Transcript.exists(db, key: transcript) else { throw StoreError.missing(.transcript, transcript) }
                set = .inTranscript(transcript)
            }
            if let code {
                if let transcript {
                    condition = "s.transcriptId = ?"
                    arguments = [transcript]
                }
                set = .carrying(try Self.codeSelection(db, code, includeChildren: includeChildren))
            }
            let rows = try Self.segmentRows(db, in: set, where: condition, arguments: arguments)
            return rows.map { row in
                UnitRow(id: row.info.id, transcriptId: row.transcriptId, transcript: row.info.transcript, participants: row.participants.map(\.pseudonym),
                        participantReferences: row.participants,
                        lines: row.info.lineLabel, firstLine: row.info.firstLine, lastLine: row.info.lastLine, codes: row.codes.map(\.label),
                        codeIDs: row.codes.map(\.id), text: row.info.text, isOrphaned: row.info.isOrphaned)
            }
        }
    }

    /// A segment read for a listing: where it is, who said it, and its codes.
    package struct SegmentRow {
        package var info: SegmentInfo
        package var transcriptId: UUID
        /// Sorted by pseudonym.
        package var participants: [ParticipantReference]
        /// Sorted by label.
        package var codes: [(id: Code.ID, label: String)]
    }

    /// The segments in `set` that also meet `condition` (SQL over `segment s`, may be empty), in transcript
    /// and text order, with their lines, participants and codes. Three flat reads — the segments, then
    /// their codes, then their speakers — rather than subqueries per segment, each read through cursors
    /// that decode columns in place (a copied row carries its column names: a string per row).
    package static func segmentRows(_ db: Database, in set: SegmentSet, where condition: String = "",
                                    arguments: StatementArguments = []) throws -> [SegmentRow] {
        let order = try TranscriptOrder(db)
        var rows: [SegmentRow] = []
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT s.id, s.transcriptId, s.start, s."end", s.text, s.isOrphaned, s.firstLine, s.lastLine FROM segment s
             WHERE \(set.contains("s.id"))\(condition.isEmpty ? "" : " AND (\(condition))")
            """, arguments: set.arguments + arguments)
        while let row = try cursor.next() {
            let transcript: UUID = row[1]
            rows.append(SegmentRow(info: SegmentInfo(id: row[0], transcript: order.slug(of: transcript), start: row[2], end: row[3],
                                                     firstLine: row[6], lastLine: row[7], text: row[4], isOrphaned: row[5]),
                                   transcriptId: transcript, participants: [], codes: []))
        }
        guard !rows.isEmpty else { return [] }
        // Codes and speakers of the set; with every segment in it and a condition, of those meeting it.
        let chosen = set.list != nil || condition.isEmpty ? set
            : SegmentSet(list: "(SELECT s.id FROM segment s WHERE \(condition))", arguments: arguments)
        var position: [UUID: Int] = [:]
        position.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() { position[row.info.id] = i }
        let index = try CodeIndex(db)
        let codings = try Row.fetchCursor(db, sql: "SELECT segmentId, codeId FROM coding WHERE \(chosen.contains("segmentId"))",
                                          arguments: chosen.arguments)
        while let coding = try codings.next() {
            guard let i = position[coding[0]] else { continue }
            let code: UUID = coding[1]
            // One entry per code, however many coders applied it.
            if !rows[i].codes.contains(where: { $0.id == code }) { rows[i].codes.append((code, index.label(of: code))) }
        }
        var pseudonyms: [UUID: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, pseudonym FROM participant") { pseudonyms[row[0]] = row[1] }
        let speakers = try Row.fetchCursor(db, sql: "SELECT segmentId, participantId FROM segmentSpeaker WHERE \(chosen.contains("segmentId"))",
                                           arguments: chosen.arguments)
        while let speaker = try speakers.next() {
            guard let i = position[speaker[0]] else { continue }
            let participant: UUID = speaker[1]
            if let name = pseudonyms[participant] { rows[i].participants.append(ParticipantReference(id: participant, pseudonym: name)) }
        }
        for i in rows.indices {
            rows[i].participants.sort { $0.pseudonym < $1.pseudonym }
            rows[i].codes.sort { $0.label < $1.label }
        }
        // Sorted here rather than by SQLite, whose sorter would copy every segment's text.
        return order.sorted(rows) { ($0.transcriptId, $0.info.start, $0.info.end) }
    }
}

/// Transcripts in slug order, read once per listing: segments sort by the rank of their transcript
/// (an integer compare) and name it by its slug without a join per segment.
package struct TranscriptOrder {
    private var rank: [UUID: Int] = [:]
    private var slugs: [UUID: String] = [:]

    package init(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, slug FROM transcript")
        for row in rows { slugs[row[0]] = row[1] }
        for (i, entry) in slugs.sorted(by: { $0.value < $1.value }).enumerated() { rank[entry.key] = i }
    }

    package func slug(of transcript: UUID) -> String { slugs[transcript] ?? "" }

    /// `items` by transcript slug, then start, then end; each transcript's rank is looked up once per
    /// item, not per comparison.
    package func sorted<T>(_ items: [T], by position: (T) -> (transcript: UUID, start: Int, end: Int)) -> [T] {
        let keys = items.map { item in
            let p = position(item)
            return (rank: rank[p.transcript] ?? -1, start: p.start, end: p.end)
        }
        return items.indices.sorted { (keys[$0].rank, keys[$0].start, keys[$0].end) < (keys[$1].rank, keys[$1].start, keys[$1].end) }
            .map { items[$0] }
    }
}

extension UUID {
    /// The last eight hex digits, enough to name a segment on the command line. (Not the first: a
    /// time-ordered UUID starts with its timestamp, so records made in the same minute share them.)
    public var shortID: String { String(uuidString.lowercased().suffix(8)) }
}
