import Foundation
import GRDB

/// How quotes are presented: a thesis (italic, pseudonym in parentheses) or a report (a label built
/// from participant attributes, such as «(Jobbspesialist, IPS)»).
public enum QuoteStyle: String, Sendable, Codable, CaseIterable {
    case thesis, report

    /// The label template used when none is given.
    public var defaultLabel: String { self == .thesis ? "({pseudonym})" : "({label})" }
}

/// How the quotes are grouped in the export.
public enum QuoteGrouping: Sendable, Hashable {
    case code
    case participant
    case attribute(String)
}

/// What to export and how.
public struct QuoteOptions: Sendable {
    public var codes: [String]
    public var style: QuoteStyle = .thesis
    /// `{pseudonym}`, `{label}` or any attribute name in braces: «({rolle}, {tjeneste})».
    public var labelTemplate: String?
    public var grouping: QuoteGrouping = .code
    /// Quotes of at least this many words are set as block quotes; shorter ones inline in «».
    public var blockWords = 40
    public var language: DocumentLanguage = .nb

    public init(codes: [String]) { self.codes = codes }
}

/// One quote as exported: the transcript's verbatim text and the text as displayed, with its label.
public struct ExportedQuote: Hashable, Sendable, Codable {
    public var segment: UUID
    public var codes: [String]
    public var transcript: String
    public var lines: String
    public var participants: [String]
    public var label: String
    public var verbatim: String
    public var displayed: String
    public var words: Int
}

extension ProjectStore {
    /// The quotes coded with any of `options.codes`, in transcript order, labelled.
    ///
    /// - Throws: ``StoreError`` for an unknown code, or a label template naming an attribute that
    ///   does not exist.
    public func quotes(_ options: QuoteOptions) throws -> [ExportedQuote] {
        guard !options.codes.isEmpty else { throw StoreError.emptyName(what: "code") }
        let template = options.labelTemplate ?? options.style.defaultLabel
        return try pool.read { db in
            let codeIds = try options.codes.map { try Self.code(db, $0).id }
            let rows = try Self.segmentRows(db, where: "NOT s.isOrphaned AND s.id IN (SELECT segmentId FROM coding WHERE codeId IN (\(databaseQuestionMarks(count: codeIds.count))))",
                                            arguments: StatementArguments(codeIds))
            let people = Dictionary(try Self.participantSummaries(db, withCounts: false).map { ($0.pseudonym, $0) }, uniquingKeysWith: { a, _ in a })
            let attributeNames = Set(try String.fetchAll(db, sql: "SELECT name FROM attribute"))
            let label = try LabelTemplate(template, attributes: attributeNames)
            return rows.map { row in
                let displayed = Self.displayText(row.info.text)
                let labels = row.participants.compactMap { people[$0] }.map { label.render($0, capitalized: options.style == .report) }
                return ExportedQuote(segment: row.info.id, codes: row.codes, transcript: row.info.transcript, lines: row.info.lineLabel,
                                     participants: row.participants, label: labels.isEmpty ? "" : labels.joined(separator: "; "),
                                     verbatim: row.info.text, displayed: displayed, words: displayed.wordCount)
            }
        }
    }

    /// Line breaks inside a quote become spaces; runs of spaces collapse.
    static func displayText(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The quotes as a document: a section per group, the count per participant (so an author sees
    /// when one voice dominates), then the quotes in the chosen house style.
    public func quoteDocument(_ options: QuoteOptions) throws -> Document {
        let people = try pool.read { db in try Self.participantSummaries(db, withCounts: false) }
        return Self.quoteDocument(for: try quotes(options), options: options, participants: people)
    }

    /// The document for quotes already read (``quotes(_:)``), e.g. a selection of them.
    public static func quoteDocument(for quotes: [ExportedQuote], options: QuoteOptions, participants: [ParticipantSummary]) -> Document {
        let nb = options.language == .nb
        var blocks: [Block] = [.heading(level: 1, [.text(nb ? "Sitater" : "Quotes")])]
        for (group, members) in Self.grouped(quotes, by: options.grouping, codes: options.codes, participants: participants) {
            blocks.append(.heading(level: 2, [.text(group)]))
            var counts: [String: Int] = [:]
            for q in members { for p in q.participants { counts[p, default: 0] += 1 } }
            let tally = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let summary = nb ? "\(members.count) sitat\(members.count == 1 ? "" : "er") fra \(counts.count) informant\(counts.count == 1 ? "" : "er")"
                             : "\(members.count) quote\(members.count == 1 ? "" : "s") from \(counts.count) participant\(counts.count == 1 ? "" : "s")"
            blocks.append(.paragraph([.text(summary + (tally.isEmpty ? "." : " (\(tally))."), .italic)]))
            for quote in members {
                if quote.words >= options.blockWords {
                    let body: [Inline] = options.style == .thesis ? [.italic(quote.displayed)] : [.text(quote.displayed)]
                    blocks.append(.blockQuote(body, label: quote.label.isEmpty ? nil : [.text(quote.label)]))
                } else {
                    let inline = "«" + Self.innerQuotes(quote.displayed) + "»"
                    let body: Inline = options.style == .thesis ? .italic(inline) : .text(inline)
                    blocks.append(.paragraph(quote.label.isEmpty ? [body] : [body, .text(" " + quote.label)]))
                }
            }
        }
        return Document(title: nb ? "Sitater" : "Quotes", language: options.language, blocks: blocks)
    }

    /// Quotation marks inside a quote set in «» become ‘ ’, as Norwegian typography does.
    static func innerQuotes(_ text: String) -> String {
        var out = ""
        var open = true
        for ch in text {
            switch ch {
            case "«", "“": out.append("‘")
            case "»", "”": out.append("’")
            case "\"": out.append(open ? "‘" : "’"); open.toggle()
            default: out.append(ch)
            }
        }
        return out
    }

    static func grouped(_ quotes: [ExportedQuote], by grouping: QuoteGrouping, codes: [String],
                        participants: [ParticipantSummary]) -> [(String, [ExportedQuote])] {
        var order: [String] = []
        var groups: [String: [ExportedQuote]] = [:]
        func add(_ key: String, _ quote: ExportedQuote) {
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(quote)
        }
        for quote in quotes {
            switch grouping {
            case .code:
                let wanted = quote.codes.filter { code in codes.contains { $0.lowercased() == code.lowercased() || $0.hasSuffix("/" + code) } }
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
                (codes.firstIndex { $0.lowercased() == a.lowercased() } ?? Int.max, a) < (codes.firstIndex { $0.lowercased() == b.lowercased() } ?? Int.max, b)
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

    init(_ template: String, attributes: Set<String>) throws {
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            pieces.append(.literal(String(rest[..<open])))
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw StoreError.invalidValue(what: "--label", value: template, expected: "fields in braces, such as \"({rolle}, {tjeneste})\"")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard ["pseudonym", "label"].contains(name) || attributes.contains(name) else {
                throw StoreError.notFound(what: "attribute for --label", reference: name, candidates: ["pseudonym", "label"] + attributes.sorted())
            }
            pieces.append(.field(name))
            rest = rest[rest.index(after: close)...]
        }
        pieces.append(.literal(String(rest)))
        self.pieces = pieces
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
