import Foundation
import GRDB

/// How the quotes are grouped in the export.
public enum QuoteGrouping: Sendable, Hashable {
    case code
    case participant
    case attribute(String)
}

/// What to export and how.
public struct QuoteOptions: Sendable {
    public var codes: [String]
    /// These segments, whatever their codes, in place of ``codes`` (a method module showing its units
    /// in a house style); orphaned ones are left out.
    public var segments: [UUID]?
    /// Also export the quotes of every code below the named ones (not by default, as everywhere);
    /// grouped by code, a quote of a child code goes under that code's own heading.
    public var includeChildren = false
    /// The house style: labels, lead-ins, block threshold, marks for edits, words.
    public var style: HouseStyle = .thesis
    public var grouping: QuoteGrouping = .code
    public var language: DocumentLanguage = .nb
    /// Put the interviewer's question before each quote.
    public var withQuestion = false
    /// Remove filler words from quotes that have no edits of their own, recording each removal.
    public var cleanFillers = false

    public init(codes: [String], includeChildren: Bool = false, style: HouseStyle = .thesis, grouping: QuoteGrouping = .code,
                language: DocumentLanguage = .nb, withQuestion: Bool = false, cleanFillers: Bool = false) {
        self.codes = codes
        self.includeChildren = includeChildren
        self.style = style
        self.grouping = grouping
        self.language = language
        self.withQuestion = withQuestion
        self.cleanFillers = cleanFillers
    }

    /// The quotes of these segments (see ``segments``).
    public init(segments: [UUID]) {
        codes = []
        self.segments = segments
    }
}

/// One quote as exported: the transcript's verbatim text and the text as displayed, with its edits,
/// label, lead-in and where it came from.
public struct ExportedQuote: Hashable, Sendable, Codable {
    public var segment: UUID
    public var codes: [String]
    public var transcript: String
    public var lines: String
    /// Interview, focus group, notes, e-mail or document: only the first two are recorded speech.
    public var source: TranscriptKind
    public var participants: [String]
    public var label: String
    public var leadIn: String
    /// The interviewer's question before the quote, when asked for and found.
    public var question: String?
    public var verbatim: String
    public var displayed: String
    /// Every edit in words; empty for a verbatim quote.
    public var edits: String
    /// The quote's stored edits were made before the transcript changed, so it is shown verbatim.
    public var hasStaleEdits: Bool
    public var words: Int
}

extension ExportedQuote {
    /// The quote run into a sentence or a table cell as the house style sets it: in its quotation
    /// marks («», with ‘’ for the marks inside), italic or upright. With `limit`, a longer quote is cut
    /// at a word boundary and ends in the style's mark for a cut end, so a cut is marked like any
    /// other edit (a method module's «key quotes»).
    package func inline(style: HouseStyle, limit: Int? = nil) -> Inline {
        let text = limit.map { displayed.cut(at: $0, mark: style.marks.cutEnd) } ?? displayed
        let marks = style.quotationMarks
        return .text(marks.open + ProjectStore.innerQuotes(text, style.innerQuotationMarks) + marks.close, style.italic ? .italic : .upright)
    }

    /// The CSV quote bank: one row per quote with everything an author needs to trace it, under the
    /// headers of `labels` («kode», «deltakere», … in Bokmål).
    public static func quoteBank(_ quotes: [ExportedQuote], labels: Labels = .core(.nb)) -> TextTable {
        let headers: [LabelKey] = [.bankCode, .bankParticipants, .bankLabel, .bankLeadIn, .bankQuestion, .bankTranscript, .bankLines,
                                   .bankSource, .bankVerbatim, .bankDisplayed, .bankEdits, .bankSegment]
        return TextTable(headers: headers.map { labels[$0] },
                  rows: quotes.map { [$0.codes.joined(separator: "; "), $0.participants.joined(separator: ", "), $0.label, $0.leadIn,
                                      $0.question ?? "", $0.transcript, $0.lines, $0.source.rawValue, $0.verbatim, $0.displayed,
                                      $0.edits, $0.segment.uuidString] })
    }
}

extension ProjectStore {
    /// The quotes coded with any of `options.codes` (and, with `options.includeChildren`, any code
    /// below them), in transcript order, labelled, with their edits.
    ///
    /// - Throws: ``ExportError/noCodes`` when no code is named, ``StoreError`` for an unknown code; ``ExportError/unknownField(field:template:part:known:suggestions:)``
    ///   for a label or lead-in template naming an attribute that does not exist,
    ///   ``ExportError/badTemplate(template:part:)`` for a template with an unclosed field,
    ///   ``ExportError/unknownAttribute(name:use:known:suggestions:)`` for a grouping by an attribute
    ///   the project does not have. A named code whose segments are all in its children
    ///   simply gives no quotes here; ``exportQuotes(_:to:)`` refuses to write such an export.
    public func quotes(_ options: QuoteOptions) throws -> [ExportedQuote] {
        try pool.read { db in try quotes(in: db, options) }
    }

    /// ``quotes(_:)`` inside a transaction a module already holds.
    package func quotes(in db: Database, _ options: QuoteOptions) throws -> [ExportedQuote] {
        guard !options.codes.isEmpty || options.segments != nil else { throw ExportError.noCodes }
        let style = options.style
        do {
            let set = try options.segments.map(SegmentSet.listed) ?? .carrying(Self.quoteCodeIds(db, options))
            let rows = try Self.segmentRows(db, in: set, where: "NOT s.isOrphaned")
            let people = Dictionary(try Self.participantSummaries(db, withCounts: false).map { ($0.pseudonym, $0) }, uniquingKeysWith: { a, _ in a })
            let attributeNames = Set(try String.fetchAll(db, sql: "SELECT name FROM attribute"))
            if case let .attribute(name) = options.grouping, !attributeNames.contains(name) {
                let known = attributeNames.sorted()
                throw ExportError.unknownAttribute(name: name, use: .quoteGroups, known: known, suggestions: Suggestions.nearest(to: name, among: known))
            }
            let label = try LabelTemplate(style.label, part: .label, attributes: attributeNames)
            let leadIn = try LabelTemplate(style.leadIn, part: .leadIn, attributes: attributeNames)
            let kinds = Dictionary(try Row.fetchAll(db, sql: "SELECT slug, kind FROM transcript").map { ($0["slug"] as String, $0["kind"] as TranscriptKind) },
                                   uniquingKeysWith: { a, _ in a })
            let stored = try Self.storedQuotes(db)
            return try rows.map { row in
                let text = row.info.text
                let saved = stored[row.info.id]
                let stale = saved?.form?.isStale(for: text) ?? false
                let form = (stale ? nil : saved?.form) ?? (options.cleanFillers ? QuoteForm.cleaned(text, fillers: style.fillers) : .verbatim(text))
                var displayed = form.render(style.marks)
                if style.markCutStart, !form.startsWithCut, try Self.startsMidSentence(db, row) {
                    displayed = style.marks.cutStart + " " + displayed
                }
                let speakers = row.participants.compactMap { people[$0.pseudonym] }
                // Several speakers (a focus-group exchange): each distinct label once, speakers in name order.
                func rendered(_ template: LabelTemplate) -> String {
                    var seen = Set<String>()
                    return speakers.map { template.render($0, capitalized: style.capitalizeLabels) }
                        .filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: "; ")
                }
                return ExportedQuote(segment: row.info.id, codes: row.codes.map(\.label), transcript: row.info.transcript, lines: row.info.lineLabel,
                                     source: kinds[row.info.transcript] ?? .interview, participants: row.participants.map(\.pseudonym),
                                     label: rendered(label), leadIn: saved?.leadIn ?? rendered(leadIn),
                                     question: options.withQuestion ? try Self.question(db, before: row) : nil,
                                     verbatim: text, displayed: displayed, edits: form.describeEdits(language: options.language),
                                     hasStaleEdits: stale, words: displayed.wordCount)
            }
        }
    }

    /// The ids of the codes whose quotes to export: the named ones, and every code below them when
    /// children are included.
    static func quoteCodeIds(_ db: Database, _ options: QuoteOptions) throws -> [UUID] {
        let index = try CodeIndex(db)
        var ids: [UUID] = []
        for reference in options.codes {
            let code = try index.resolve(reference)
            ids += options.includeChildren ? index.subtree(of: code.id) : [code.id]
        }
        var seen = Set<UUID>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// Refuses, unless their children are included, named codes that have no segments of their own
    /// while codes below them do: an export would give an empty file, row or column where the user
    /// expects the children's segments.
    ///
    /// - Throws: ``ExportError/onlyInChildren(_:)`` listing each such code by path with its children's count.
    static func refuseCodesOnlyInChildren(_ db: Database, _ references: [String], includeChildren: Bool) throws {
        guard !includeChildren, !references.isEmpty else { return }
        let index = try CodeIndex(db)
        var missing: [ExportError.CodeWithoutSegments] = []
        var seen = Set<UUID>()
        for reference in references {
            let code = try index.resolve(reference).id
            // A code named twice (by name and by path) is one code, listed once.
            guard seen.insert(code).inserted else { continue }
            if let inChildren = try segmentsOnlyInChildren(db, code, index: index) {
                missing.append(.init(code: index.path(of: code), segmentsInChildren: inChildren))
            }
        }
        if !missing.isEmpty { throw ExportError.onlyInChildren(missing) }
    }

    /// Whether the segment starts in the middle of a sentence: the text before it on its line, past
    /// spaces and closing quotation marks or brackets, ends in something other than the end of a
    /// sentence (. ! ? …) or a speaker's colon. A segment at the start of a line starts a sentence.
    static func startsMidSentence(_ db: Database, _ row: SegmentRow) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            SELECT start, text FROM passage WHERE transcriptId = ? AND start <= ? ORDER BY start DESC LIMIT 1
            """)
        guard let line = try Row.fetchOne(statement, arguments: [row.transcriptId, row.info.start]) else { return false }
        let before = row.info.start - (line[0] as Int)
        let text: String = line[1]
        let scalars = text.unicodeScalars
        guard before > 0, before <= scalars.count else { return false }
        var last = scalars.index(scalars.startIndex, offsetBy: before)
        while last > scalars.startIndex {
            last = scalars.index(before: last)
            let scalar = scalars[last]
            if scalar.properties.isWhitespace || "»”’\")]".unicodeScalars.contains(scalar) { continue }
            return !".!?…:".unicodeScalars.contains(scalar)
        }
        return false
    }

    /// The interviewer's last turn before the segment, as displayed text.
    static func question(_ db: Database, before row: SegmentRow) throws -> String? {
        // substr counts characters, which for SQLite TEXT are Unicode scalars: the unit of offsets.
        let text = try String.fetchOne(db, sql: """
            SELECT substr(t.text, turn.start + 1, turn."end" - turn.start) FROM turn JOIN transcript t ON t.id = turn.transcriptId
             WHERE turn.transcriptId = ? AND turn.participantId IS NULL AND turn."end" <= ?
             ORDER BY turn.start DESC LIMIT 1
            """, arguments: [row.transcriptId, row.info.start])
        return text.map(\.collapsedWhitespace).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The quotes as a document: a section per group, the count per participant (so an author sees
    /// when one voice dominates), then the quotes in the chosen house style.
    public func quoteDocument(_ options: QuoteOptions) throws -> Document {
        try quoteDocument(for: try quotes(options), options: options)
    }

    /// The document for quotes already read and checked.
    public func quoteDocument(for quotes: [ExportedQuote], options: QuoteOptions) throws -> Document {
        let people = try pool.read { db in try Self.participantSummaries(db, withCounts: false) }
        return Self.quoteDocument(for: quotes, options: options, participants: people)
    }

    /// The document for quotes already read (``quotes(_:)``), e.g. a selection of them.
    public static func quoteDocument(for quotes: [ExportedQuote], options: QuoteOptions, participants: [ParticipantSummary]) -> Document {
        let style = options.style
        let words = style.labels(for: options.language)
        var blocks: [Block] = [.heading(level: 1, [.text(words[.quotes])])]
        for (group, members) in Self.grouped(quotes, by: options.grouping, codes: options.codes, participants: participants) {
            blocks.append(.heading(level: 2, [.text(group)]))
            var counts: [String: Int] = [:]
            for q in members { for p in q.participants { counts[p, default: 0] += 1 } }
            // Pseudonyms only where the house style asks for them (a thesis); a report gives counts.
            let tally = style.namesInSummary
                ? counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") : ""
            let summary = words.count(members.count, one: .quoteCountOne, other: .quoteCountOther) + " "
                + words.count(counts.count, one: .fromParticipantsOne, other: .fromParticipantsOther)
            blocks.append(.paragraph([.text(summary + (tally.isEmpty ? "." : " (\(tally))."), .italic)]))
            for quote in members { blocks += Self.blocks(for: quote, style: style, words: words) }
        }
        var document = Document(title: words[.quotes], language: options.language, blocks: blocks, labels: words)
        document.captions = style.captions
        return document
    }

    /// One quote in the house style: its lead-in, then the quote inline in «» below the word
    /// threshold or as a block quote above it, then its label; a footnote says when the text is not
    /// recorded speech. With the interviewer's question, the question is a paragraph of its own
    /// («Intervjuer: …», upright) before the quote, which is then always a block. Italic or upright
    /// as the style says, in the block quote too.
    package static func blocks(for quote: ExportedQuote, style: HouseStyle, words: Labels) -> [Block] {
        var blocks: [Block] = []
        if !quote.leadIn.isEmpty { blocks.append(.paragraph([.text(quote.leadIn)])) }
        let emphasis: Emphasis = style.italic ? .italic : .upright
        var note: [Inline] = []
        switch quote.source {
        case .notes: note = [.footnote([.text(words[.fromNotes])])]
        case .email: note = [.footnote([.text(words[.fromEmail])])]
        case .document: note = [.footnote([.text(words[.fromDocument])])]
        case .interview, .focusGroup: break
        }
        if quote.words >= style.blockWords || quote.question != nil {
            if let question = quote.question { blocks.append(.question([.text(words[.interviewer] + ": ", .italic), .text(question)])) }
            blocks.append(.blockQuote([.text(quote.displayed, emphasis)] + note, label: quote.label.isEmpty ? nil : [.text(quote.label)]))
        } else {
            blocks.append(.paragraph([quote.inline(style: style)] + note + (quote.label.isEmpty ? [] : [.text(" " + quote.label)])))
        }
        return blocks
    }

    /// Quotation marks inside a quote set in «» become ‘ ’ (or the style's inner marks), as Norwegian
    /// typography does.
    static func innerQuotes(_ text: String, _ marks: QuoteMarks.Brackets = .init("‘", "’")) -> String {
        var out = ""
        var open = true
        for ch in text {
            switch ch {
            case "«", "“": out += marks.open
            case "»", "”": out += marks.close
            case "\"": out += open ? marks.open : marks.close; open.toggle()
            default: out.append(ch)
            }
        }
        return out
    }

    static func grouped(_ quotes: [ExportedQuote], by grouping: QuoteGrouping, codes: [String],
                        participants: [ParticipantSummary]) -> [(String, [ExportedQuote])] {
        // A requested code names a quote's code by its name or by a path ending in it, in any case.
        func names(_ requested: String, _ code: String) -> Bool {
            let r = requested.lowercased(), c = code.lowercased()
            return r == c || r.hasSuffix("/" + c)
        }
        var order: [String] = []
        var groups: [String: [ExportedQuote]] = [:]
        func add(_ key: String, _ quote: ExportedQuote) {
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(quote)
        }
        for quote in quotes {
            switch grouping {
            case .code:
                let wanted = quote.codes.filter { code in codes.contains { names($0, code) } }
                for code in (wanted.isEmpty ? quote.codes : wanted) { add(code, quote) }
            case .participant:
                add(quote.participants.isEmpty ? "–" : quote.participants.joined(separator: ", "), quote)
            case let .attribute(name):
                let values = Set(quote.participants.compactMap { p in participants.first { $0.pseudonym == p }?.attributes[name] })
                add(values.isEmpty ? "–" : values.sorted().joined(separator: ", "), quote)
            }
        }
        if case .code = grouping {
            order.sort { a, b in
                (codes.firstIndex { names($0, a) } ?? Int.max, a) < (codes.firstIndex { names($0, b) } ?? Int.max, b)
            }
        } else {
            order.sort()
        }
        return order.map { ($0, groups[$0]!) }
    }
}

/// A label template such as «({rolle}, {tjeneste})», checked against the project's attributes once.
struct LabelTemplate {
    enum Piece { case literal(String), field(String) }
    let pieces: [Piece]

    /// - Parameter part: which template it is, for the error.
    /// - Parameter attributes: the project's attribute names to check the fields against; nil checks
    ///   only the syntax (a style file read before a project is open).
    init(_ template: String, part: ExportError.TemplatePart, attributes: Set<String>?) throws {
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            pieces.append(.literal(String(rest[..<open])))
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw ExportError.badTemplate(template: template, part: part)
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard ["pseudonym", "label"].contains(name) || attributes?.contains(name) ?? !name.isEmpty else {
                let known = ["pseudonym", "label"] + (attributes ?? []).sorted()
                throw ExportError.unknownField(field: name, template: template, part: part, known: known,
                                               suggestions: Suggestions.nearest(to: name, among: known))
            }
            pieces.append(.field(name))
            rest = rest[rest.index(after: close)...]
        }
        pieces.append(.literal(String(rest)))
        self.pieces = pieces
    }

    /// The fields the template uses, in order.
    var fieldNames: [String] {
        pieces.compactMap { if case let .field(name) = $0 { name } else { nil } }
    }

    /// The label for one participant; `capitalized` starts every field with a capital, as reports
    /// print «(Jobbspesialist, IPS)» from the value «jobbspesialist».
    func render(_ participant: ParticipantSummary, capitalized: Bool = false) -> String {
        pieces.map { piece in
            let value: String
            switch piece {
            case let .literal(text): return text
            case .field("pseudonym"): value = participant.pseudonym
            case .field("label"): value = participant.label ?? participant.pseudonym
            case let .field(name): value = participant.attributes[name] ?? "–"
            }
            return capitalized ? value.prefix(1).uppercased() + value.dropFirst() : value
        }.joined()
    }
}
