import Foundation

/// One document model for everything QualCode writes (DESIGN.md, invariant 6): headings, paragraphs
/// with italic and bold runs, block quotes, tables and figures with a caption above and notes below,
/// and footnotes. Renderers turn it into a Word package, Flat-OPC XML or HTML; nothing else writes XML.
public struct Document: Sendable, Hashable {
    public var title: String?
    /// The language of the file's metadata (and spelling), and of the default ``labels``.
    public var language: DocumentLanguage
    /// The labels a renderer adds itself: the words in front of caption numbers and notes
    /// (``LabelKey/table``, ``LabelKey/figure``, ``LabelKey/note``: «Tabell 1», «Figur 2»,
    /// «Kommentar:»). Set from ``language`` when the document is made; a house style may rename them.
    /// Changing ``language`` later does not change them.
    public var labels: Labels
    public var blocks: [Block]

    public init(title: String? = nil, language: DocumentLanguage = .nb, blocks: [Block] = [], labels: Labels? = nil) {
        self.title = title
        self.language = language
        self.labels = labels ?? .core(language)
        self.blocks = blocks
    }
}

/// Norwegian Bokmål or English, for the words a renderer adds itself.
public enum DocumentLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case nb, en

    public var languageTag: String { self == .nb ? "nb-NO" : "en-GB" }
}

/// A block-level element.
public enum Block: Sendable, Hashable {
    /// Heading 1–3.
    case heading(level: Int, [Inline])
    case paragraph([Inline])
    /// A quotation set off from the text (style «Sitat»), with an optional label line (style
    /// «Sitat-etikett»), such as «(Jobbspesialist, IPS)».
    case blockQuote([Inline], label: [Inline]?)
    case table(Table)
    /// An image with a numbered caption above («Figur 2 Arbeidsprosessen») and notes below.
    case figure(Figure)
}

/// A run of text with its emphasis, a line break, or a footnote reference with the note's text.
public enum Inline: Sendable, Hashable {
    case text(String, Emphasis = [])
    case lineBreak
    case footnote([Inline])

    public static func italic(_ text: String) -> Inline { .text(text, .italic) }
    public static func bold(_ text: String) -> Inline { .text(text, .bold) }

    /// The plain text of a sequence of inlines (footnotes left out).
    public static func plainText(_ inlines: [Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case let .text(text, _): text
            case .lineBreak: "\n"
            case .footnote: ""
            }
        }.joined()
    }
}

/// Italic and bold, combinable.
public struct Emphasis: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let italic = Emphasis(rawValue: 1)
    public static let bold = Emphasis(rawValue: 2)
}

/// A table with a numbered caption above («Tabell 3 Oversikt over informantene») and notes below
/// («Kommentar: …»). The first row is the header row.
public struct Table: Sendable, Hashable {
    public var caption: [Inline]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]
    public var notes: [[Inline]]

    public init(caption: [Inline], header: [[Inline]], rows: [[[Inline]]], notes: [[Inline]] = []) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.notes = notes
    }

    /// A table of plain strings.
    public init(caption: String, header: [String], rows: [[String]], notes: [String] = []) {
        self.init(caption: [.text(caption)], header: header.map { [.text($0)] },
                  rows: rows.map { $0.map { [.text($0)] } }, notes: notes.map { [.text($0)] })
    }
}
