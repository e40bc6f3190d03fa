import Foundation
import GRDB

/// How files are turned into transcripts.
public struct ImportOptions: Sendable {
    /// Pseudonyms of the participants who speak in the file(s); with none given, speakers whose
    /// names match a participant are linked to them.
    public var participants: [String] = []
    /// Label in the text → speaker name (`I` → `Intervjuer`).
    public var speakerMap: [String: String] = [:]
    public var kind: TranscriptKind?
    public var title: String?
    /// The short handle (`eva`); by default made from the file name.
    public var name: String?
    public var date: String?
    public var mode: String?
    public var encoding: String.Encoding?
    public var allowDuplicate = false

    public init() {}
}

/// One transcript as listings show it.
public struct TranscriptSummary: Hashable, Sendable, Codable {
    public var id: UUID
    public var name: String
    public var title: String
    public var kind: TranscriptKind
    /// Pseudonyms, sorted; `participantReferences` gives their ids in the same order.
    public var participants: [String]
    public var participantReferences: [ParticipantReference]
    public var words: Int
    public var turns: Int
    public var segments: Int
    public var orphanedSegments: Int
    public var sourceFile: String?
    public var date: String?
}

/// A numbered line of a transcript, with its speaker and the codes on it.
public struct NumberedLine: Hashable, Sendable, Codable {
    public var number: Int
    public var speaker: String?
    public var text: String
    public var codes: [String]
    /// The codes' ids, in the order of `codes` (a page colours them).
    public var codeIDs: [Code.ID]
    /// Where the line's text lies: Unicode-scalar offsets, end exclusive (what coding by offsets takes).
    public var start: Int
    public var end: Int
}

extension ProjectStore {
    /// Files are parsed this many at a time, side by side, inside the import's one transaction, so
    /// memory stays bounded however many files are imported.
    static let importBatchSize = 16

    // MARK: - Import

    /// Reads files and stores them as transcripts, in one transaction: if any file fails, none is
    /// imported and the project is as before.
    ///
    /// - parameter progress: called after each file with (done, total, file name).
    /// - Throws: ``ImportError`` naming the file and the problem (``ImportError/notSaved(files:reason:)``
    ///   naming every file when the disk is full or cannot be written), or ``StoreError`` (unknown
    ///   participant, duplicate import).
    @discardableResult
    public func importTranscripts(_ urls: [URL], options: ImportOptions = ImportOptions(),
                                  progress: (@Sendable (Int, Int, String) -> Void)? = nil) throws -> [TranscriptSummary] {
        if urls.count > 1 && (options.title != nil || options.name != nil) {
            throw StoreError.invalidInput(options.title != nil ? .title : .name, value: "\(urls.count) files", expected: "a single file")
        }
        if let date = options.date, AttributeType.date.normalized(date) == nil {
            throw StoreError.invalidInput(.date, value: date, expected: "YYYY-MM-DD")
        }
        for url in urls { _ = try SourceFormat(fileName: url.lastPathComponent) }
        return try importWrite(urls.map(\.lastPathComponent)) { db in
            let given = try options.participants.map { try Self.participant(db, $0) }
            let everyone = try Participant.fetchAll(db)
            var seenHashes: [String: String] = [:]
            var imported: [Transcript] = []
            var done = 0
            // Two cores, two jobs: while one batch is written, the next is already being read.
            let batches = stride(from: 0, to: urls.count, by: Self.importBatchSize).map {
                Array(urls[$0..<min(urls.count, $0 + Self.importBatchSize)])
            }
            var pending = batches.first.map { BatchRead(urls: $0, encoding: options.encoding) }
            defer { pending?.wait() }
            for index in batches.indices {
                let sources = try pending!.results()
                pending = index + 1 < batches.count ? BatchRead(urls: batches[index + 1], encoding: options.encoding) : nil
                for source in sources {
                    if !options.allowDuplicate {
                        if let earlier = seenHashes[source.sha256] {
                            throw StoreError.duplicateImport(file: source.fileName, existing: earlier)
                        }
                        if let existing = try String.fetchOne(db, sql: "SELECT slug FROM transcript WHERE sourceSHA256 = ?", arguments: [source.sha256]) {
                            throw StoreError.duplicateImport(file: source.fileName, existing: existing)
                        }
                    }
                    let transcript = try self.insertTranscript(db, source, options: options, given: given, everyone: everyone)
                    seenHashes[source.sha256] = transcript.slug
                    imported.append(transcript)
                    done += 1
                    progress?(done, urls.count, source.fileName)
                }
            }
            return try imported.map { try Self.summary(db, $0) }
        }
    }

    /// An import's one transaction; a full disk or an I/O error, wherever SQLite meets it (an insert,
    /// the COMMIT), becomes ``ImportError/notSaved(files:reason:)`` naming the files. SQLite has
    /// rolled back by then, so nothing was imported.
    func importWrite<T>(_ files: [String], _ updates: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(updates)
        } catch let error as DatabaseError {
            guard let reason = Self.storageFailure(error) else { throw error }
            throw ImportError.notSaved(files: files, reason: reason)
        }
    }

    /// What a database error says about the disk, if anything.
    static func storageFailure(_ error: DatabaseError) -> StorageFailure? {
        switch error.resultCode {
        case .SQLITE_FULL: .diskFull
        case .SQLITE_IOERR: .ioError(code: error.extendedResultCode.rawValue)
        default: nil
        }
    }

    private func insertTranscript(_ db: Database, _ source: ImportedSource, options: ImportOptions,
                                  given: [Participant], everyone: [Participant]) throws -> Transcript {
        let scalars = ScalarText(source.text)
        let turns = source.turns
            ?? SpeakerTurns(speakerMap: options.speakerMap, knownNames: everyone.map(\.pseudonym)).turns(in: scalars)
        let speakers = Self.orderedSpeakers(turns)
        let assignment = Self.assignSpeakers(speakers, given: given, everyone: everyone, speakerMap: options.speakerMap)
        var linked = given.map(\.id)
        for id in speakers.compactMap({ assignment[$0] }) where !linked.contains(id) { linked.append(id) }

        let base = (source.fileName as NSString).deletingPathExtension
        let slug = try Self.uniqueSlug(db, Self.slug(options.name ?? base))
        let kind = options.kind ?? (linked.count > 1 ? .focusGroup : .interview)
        let transcript = Transcript(slug: slug, title: options.title ?? base, kind: kind, date: options.date, mode: options.mode,
                                    sourceFileName: source.fileName, sourceFormat: source.format.rawValue,
                                    sourceSHA256: source.sha256, lineEnding: source.lineEnding, text: source.text,
                                    wordCount: source.wordCount)
        try transcript.insert(db)
        for id in linked { try TranscriptParticipant(transcriptId: transcript.id, participantId: id).insert(db) }
        // A prepared statement rather than record inserts: a long focus group has thousands of turns.
        let insertTurn = try db.cachedStatement(sql: """
            INSERT INTO turn (transcriptId, ordinal, speaker, participantId, start, "end", startTime, endTime)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (ordinal, turn) in turns.enumerated() {
            try insertTurn.execute(arguments: [transcript.id, ordinal, turn.speaker, assignment[turn.speaker],
                                               turn.start, turn.end, turn.startTime, turn.endTime])
        }
        try Self.indexPassages(db, transcript, scalars)
        try log(db, "transcript.import", [
            "id": LogValue(transcript.id), "name": .string(slug), "file": .string(source.fileName),
            "sha256": .string(source.sha256), "characters": .int(scalars.count), "turns": .int(turns.count),
            "participants": .array(linked.map { LogValue($0) }),
        ])
        return transcript
    }

    static func orderedSpeakers(_ turns: [ImportedTurn]) -> [String] {
        var seen: [String] = []
        for t in turns where !seen.contains(t.speaker) { seen.append(t.speaker) }
        return seen
    }

    /// Decides which participant each speaker is: by name (or first name), and — for a one-person
    /// interview — the one speaker who is not the interviewer.
    static func assignSpeakers(_ speakers: [String], given: [Participant], everyone: [Participant],
                               speakerMap: [String: String]) -> [String: UUID] {
        let pool = given.isEmpty ? everyone : given
        var result: [String: UUID] = [:]
        func firstWord(_ s: String) -> String { s.split(separator: " ").first.map { String($0).lowercased() } ?? "" }
        for speaker in speakers {
            let key = speaker.lowercased()
            if let p = pool.first(where: { $0.pseudonym.lowercased() == key })
                ?? pool.first(where: { firstWord($0.pseudonym) == firstWord(speaker) && !firstWord(speaker).isEmpty }) {
                result[speaker] = p.id
            }
        }
        guard given.count == 1, !result.values.contains(given[0].id) else { return result }
        let interviewerLike: (String) -> Bool = { speaker in
            let labels = [speaker] + speakerMap.filter { $0.value == speaker }.map(\.key)
            return labels.contains { SpeakerTurns.interviewerLabels.contains($0.lowercased()) }
        }
        let others = speakers.filter { result[$0] == nil && !interviewerLike($0) }
        if others.count == 1 { result[others[0]] = given[0].id }
        return result
    }

    static func slug(_ raw: String) -> String {
        var out = ""
        for ch in raw.lowercased().precomposedStringWithCanonicalMapping {
            if ch.isLetter || ch.isNumber { out.append(ch) } else if !out.hasSuffix("-") { out.append("-") }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "transkripsjon" : trimmed
    }

    static func uniqueSlug(_ db: Database, _ base: String) throws -> String {
        let taken = Set(try String.fetchAll(db, sql: "SELECT slug FROM transcript"))
        if !taken.contains(base) { return base }
        var n = 2
        while taken.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }

    /// Rebuilds one transcript's rows in the full-text index.
    static func indexPassages(_ db: Database, _ transcript: Transcript, _ scalars: ScalarText? = nil) throws {
        try db.execute(sql: "DELETE FROM passage WHERE transcriptId = ?", arguments: [transcript.id])
        let text = scalars ?? ScalarText(transcript.text)
        let insert = try db.cachedStatement(sql: "INSERT INTO passage (transcriptId, line, start, text) VALUES (?, ?, ?, ?)")
        // Fed directly, not by a trigger (see migration "feedPassageIndexDirectly").
        let insertFTS = try db.cachedStatement(sql: "INSERT INTO passageFTS (rowid, text) VALUES (?, ?)")
        // Every line that is not empty is a passage, so the passages between them give back the whole
        // text (see `PassageText`); a line of whitespace only is kept with number 0: not numbered.
        var numbered = 0
        for raw in 1...text.rawLineCount {
            let range = text.rawLineRange(raw)
            guard !range.isEmpty else { continue }
            let isNumbered = numbered < text.lineCount && text.lineStarts[numbered] == range.lowerBound
            if isNumbered { numbered += 1 }
            let lineText = text.slice(range.lowerBound, range.upperBound)
            try insert.execute(arguments: [transcript.id, isNumbered ? numbered : 0, range.lowerBound, lineText])
            try insertFTS.execute(arguments: [db.lastInsertedRowID, lineText])
        }
    }

    // MARK: - Reads

    public func transcripts() throws -> [TranscriptSummary] {
        try pool.read { db in try Self.summaries(db) }
    }

    static func summaries(_ db: Database, only id: UUID? = nil) throws -> [TranscriptSummary] {
        let filter = id == nil ? "" : "WHERE t.id = ?"
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.id, t.slug, t.title, t.kind, t.wordCount, t.sourceFileName, t.date,
              (SELECT COUNT(*) FROM turn WHERE turn.transcriptId = t.id) AS turns,
              (SELECT COUNT(*) FROM segment s WHERE s.transcriptId = t.id AND NOT s.isOrphaned) AS segments,
              (SELECT COUNT(*) FROM segment s WHERE s.transcriptId = t.id AND s.isOrphaned) AS orphaned,
              (SELECT group_concat(p.pseudonym, char(31)) FROM transcriptParticipant tp JOIN participant p ON p.id = tp.participantId
                WHERE tp.transcriptId = t.id) AS participants
            FROM transcript t \(filter) ORDER BY t.slug
            """, arguments: id.map { [$0] } ?? [])
        var references: [UUID: [ParticipantReference]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT tp.transcriptId, p.id, p.pseudonym FROM transcriptParticipant tp JOIN participant p ON p.id = tp.participantId
            \(id == nil ? "" : "WHERE tp.transcriptId = ?")
            """, arguments: id.map { [$0] } ?? []) {
            references[row[0], default: []].append(ParticipantReference(id: row[1], pseudonym: row[2]))
        }
        return rows.map { row in
            let transcriptId: UUID = row["id"]
            let participants = (row["participants"] as String?)?.split(separator: "\u{1F}").map(String.init).sorted() ?? []
            return TranscriptSummary(id: transcriptId, name: row["slug"], title: row["title"], kind: row["kind"],
                              participants: participants,
                              participantReferences: (references[transcriptId] ?? []).sorted { $0.pseudonym < $1.pseudonym },
                              words: row["wordCount"], turns: row["turns"], segments: row["segments"],
                              orphanedSegments: row["orphaned"], sourceFile: row["sourceFileName"], date: row["date"])
        }
    }

    static func summary(_ db: Database, _ transcript: Transcript) throws -> TranscriptSummary {
        try summaries(db, only: transcript.id)[0]
    }

    /// The transcript with its text.
    public func transcript(_ id: Transcript.ID) throws -> Transcript {
        try pool.read { db in
            guard let transcript = try Transcript.fetchOne(db, key: id) else { throw StoreError.missing(.transcript, id) }
            return transcript
        }
    }

    static func transcript(_ db: Database, _ reference: String) throws -> Transcript {
        let key = reference.trimmingCharacters(in: .whitespaces).lowercased()
        if let t = try Transcript.filter(Transcript.Columns.slug == key).fetchOne(db) { return t }
        if let id = UUID(uuidString: reference), let t = try Transcript.fetchOne(db, key: id) { return t }
        let slugs = try String.fetchAll(db, sql: "SELECT slug FROM transcript ORDER BY slug")
        if let participant = try? participant(db, reference) {
            let ids = try UUID.fetchAll(db, sql: "SELECT transcriptId FROM transcriptParticipant WHERE participantId = ?", arguments: [participant.id])
            if ids.count == 1, let t = try Transcript.fetchOne(db, key: ids[0]) { return t }
            if ids.count > 1 {
                let names = try ids.compactMap { try Transcript.fetchOne(db, key: $0)?.slug }.sorted()
                throw StoreError.ambiguous(what: "transcript", reference: reference, candidates: names)
            }
        }
        let wordMatches = slugs.filter { $0.split(separator: "-").contains(Substring(key)) }
        if wordMatches.count == 1 { return try Transcript.filter(Transcript.Columns.slug == wordMatches[0]).fetchOne(db)! }
        if wordMatches.count > 1 { throw StoreError.ambiguous(what: "transcript", reference: reference, candidates: wordMatches) }
        throw StoreError.notFound(what: "transcript", reference: reference, candidates: slugs, suggestions: try nearestTranscripts(db, to: key))
    }

    /// The transcripts nearest to a name that fits none: by their names, the words of their names and
    /// the pseudonyms of the participants in them.
    private static func nearestTranscripts(_ db: Database, to reference: String) throws -> [String] {
        var keys: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT t.slug, p.pseudonym FROM transcript t
            LEFT JOIN transcriptParticipant tp ON tp.transcriptId = t.id LEFT JOIN participant p ON p.id = tp.participantId
            ORDER BY t.slug
            """) {
            let slug: String = row["slug"]
            if keys[slug] == nil { keys[slug] = [slug] + slug.split(separator: "-").map(String.init) }
            if let pseudonym: String = row["pseudonym"] { keys[slug]!.append(pseudonym) }
        }
        return Suggestions.nearest(to: reference, among: keys.keys.sorted()) { keys[$0] ?? [] }
    }

    /// Numbered lines of a transcript (all, or `range`), each with its speaker and the codes on it.
    public func lines(of reference: String, range: ClosedRange<Int>? = nil) throws -> (Transcript, [NumberedLine]) {
        try pool.read { db in
            let transcript = try Self.transcript(db, reference)
            let text = ScalarText(transcript.text)
            guard text.lineCount > 0 else { return (transcript, []) }
            let wanted = range ?? 1...text.lineCount
            guard wanted.lowerBound >= 1, wanted.upperBound <= text.lineCount else {
                throw StoreError.linesOutOfRange(transcript: transcript.slug, first: wanted.lowerBound, last: wanted.upperBound, lineCount: text.lineCount)
            }
            let turns = try Turn.filter(Turn.Columns.transcriptId == transcript.id).order(Turn.Columns.start).fetchAll(db)
            let first = text.lineStarts[wanted.lowerBound - 1], last = text.lineRange(wanted.upperBound).upperBound
            let coded = try CodedSpan.all(db, transcript: transcript.id, from: first, to: last, index: try CodeIndex(db))
            let lines = wanted.map { n -> NumberedLine in
                let r = text.lineRange(n)
                let speaker = turns.first { $0.start >= r.lowerBound && $0.start <= r.upperBound }?.speaker
                let codes = CodedSpan.codes(over: r.lowerBound, r.upperBound, coded)
                return NumberedLine(number: n, speaker: speaker, text: text.slice(r.lowerBound, r.upperBound), codes: codes.map(\.label),
                                    codeIDs: codes.map(\.code), start: r.lowerBound, end: r.upperBound)
            }
            return (transcript, lines)
        }
    }
}

/// A coded stretch of a transcript and its code: what numbered lines (`show`, the lines around a
/// retrieved segment) list as their codes.
struct CodedSpan {
    var start: Int
    var end: Int
    var code: Code.ID
    var label: String

    /// The codings whose segments touch `from`…`to` in a transcript (orphaned ones left out).
    static func all(_ db: Database, transcript: Transcript.ID, from: Int, to: Int, index: CodeIndex) throws -> [CodedSpan] {
        let statement = try db.cachedStatement(sql: """
            SELECT s.start, s."end", g.codeId FROM segment s JOIN coding g ON g.segmentId = s.id
            WHERE s.transcriptId = ? AND NOT s.isOrphaned AND s.start <= ? AND s."end" >= ?
            """)
        return try Row.fetchAll(statement, arguments: [transcript, to, from]).map {
            CodedSpan(start: $0[0], end: $0[1], code: $0[2], label: index.label(of: $0[2]))
        }
    }

    /// The codes of the spans that touch a line from `start` to `end`, each once, by label; an empty line
    /// counts as one character wide, so a span starting there shows.
    static func codes(over start: Int, _ end: Int, _ spans: [CodedSpan]) -> [(code: Code.ID, label: String)] {
        var codes: [(code: Code.ID, label: String)] = []
        for span in spans where span.start < max(end, start + 1) && span.end > start && !codes.contains(where: { $0.code == span.code }) {
            codes.append((span.code, span.label))
        }
        return codes.sorted { $0.label < $1.label }
    }
}

/// One batch of files being read in the background, several at a time.
private final class BatchRead: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var storage: [Result<ImportedSource, ImportError>?]

    init(urls: [URL], encoding: String.Encoding?) {
        storage = Array(repeating: nil, count: urls.count)
        DispatchQueue.global().async(group: group) { [self] in
            DispatchQueue.concurrentPerform(iterations: urls.count) { i in
                let result = Result { () throws(ImportError) -> ImportedSource in try TranscriptReader.read(url: urls[i], encoding: encoding) }
                lock.withLock { storage[i] = result }
            }
        }
    }

    func wait() { group.wait() }

    /// The batch's sources in file order; throws the first file's error.
    func results() throws(ImportError) -> [ImportedSource] {
        wait()
        let all = lock.withLock { storage }
        var sources: [ImportedSource] = []
        for result in all { sources.append(try result!.get()) }
        return sources
    }
}

/// Changes to a transcript's description; nil leaves a field as it is.
public struct TranscriptUpdate: Sendable {
    public var title: String?
    public var kind: TranscriptKind?
    public var date: String?
    public var mode: String?
    /// When set, replaces the linked participants and attributes every turn again.
    public var participants: [Participant.ID]?
    /// A recording to attach (`.some(url)`), or `.some(nil)` to detach the one attached.
    public var media: URL??

    public init(title: String? = nil, kind: TranscriptKind? = nil, date: String? = nil, mode: String? = nil,
                participants: [Participant.ID]? = nil, media: URL?? = nil) {
        self.title = title
        self.kind = kind
        self.date = date
        self.mode = mode
        self.participants = participants
        self.media = media
    }
}

extension ProjectStore {
    /// Changes a transcript's title, kind, date, mode or participants. New participants re-attribute the
    /// speaker turns the same way an import does.
    @discardableResult
    public func updateTranscript(_ id: Transcript.ID, _ update: TranscriptUpdate) throws -> TranscriptSummary {
        let media = try update.media.map { try $0.map(Self.checkedMedia) }
        return try pool.write { db in
            guard var transcript = try Transcript.fetchOne(db, key: id) else { throw StoreError.missing(.transcript, id) }
            if let title = update.title {
                transcript.title = try NameRules.checked(title, what: "transcript title")
            }
            if let kind = update.kind { transcript.kind = kind }
            if let date = update.date {
                guard date.isEmpty || AttributeType.date.normalized(date) != nil else {
                    throw StoreError.invalidInput(.date, value: date, expected: "YYYY-MM-DD")
                }
                transcript.date = date.isEmpty ? nil : date
            }
            if let mode = update.mode { transcript.mode = mode.isEmpty ? nil : mode }
            try transcript.update(db)
            if let ids = update.participants {
                let given = try ids.map { id in
                    guard let participant = try Participant.fetchOne(db, key: id) else { throw StoreError.missing(.participant, id) }
                    return participant
                }
                let turns = try Turn.filter(Turn.Columns.transcriptId == transcript.id).fetchAll(db)
                let assignment = Self.assignSpeakers(Self.orderedSpeakers(turns.map { ImportedTurn(speaker: $0.speaker, start: $0.start, end: $0.end) }),
                                                     given: given, everyone: given, speakerMap: [:])
                try TranscriptParticipant.filter(TranscriptParticipant.Columns.transcriptId == transcript.id).deleteAll(db)
                for p in given { try TranscriptParticipant(transcriptId: transcript.id, participantId: p.id).insert(db) }
                for var turn in turns {
                    turn.participantId = assignment[turn.speaker]
                    try turn.update(db)
                }
                try Self.refreshSegmentSpeakers(db, transcript: transcript.id)
            }
            switch media {
            case let .some(.some(checked)): _ = try attachMedia(db, to: transcript.id, checked)
            case .some(.none): _ = try detachMedia(db, from: transcript.id)
            case .none: break
            }
            try log(db, "transcript.update", [
                "id": LogValue(transcript.id), "title": .string(transcript.title), "kind": .string(transcript.kind.rawValue),
                "date": LogValue(transcript.date), "mode": LogValue(transcript.mode),
                "participants": update.participants.map { .array($0.map { LogValue($0) }) } ?? .null,
            ])
            return try Self.summary(db, transcript)
        }
    }
}
