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
    /// How captions are set: «Tabell 1 Tittel» on one line, or APA 7's label and italic title on two.
    public var captions: CaptionStyle = .inline
    /// Set every page of a Word document in landscape (the longer side across), for a document whose
    /// content is wide, such as a work map; a table's own ``Table/landscape`` is then landscape anyway.
    /// HTML has no pages and ignores it.
    public var landscape = false
    public var blocks: [Block]

    public init(title: String? = nil, language: DocumentLanguage = .nb, blocks: [Block] = [], labels: Labels? = nil) {
        self.title = title
        self.language = language
        self.labels = labels ?? .core(language)
        self.blocks = blocks
    }
}

/// How a table's or figure's caption is set above it. Both keep the number a field Word renumbers.
public enum CaptionStyle: String, Sendable, Hashable, Codable, CaseIterable {
    /// «**Tabell 1 Oversikt over informantene**» on one line (the caption style is bold).
    case inline
    /// APA 7: «**Tabell 1**» on one line, the title in italics on the line below.
    case apa
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
    /// «Sitat-etikett»), such as «(Jobbspesialist, IPS)». The style is italic; runs marked
    /// ``Emphasis/upright`` stay upright in it (a house style without italics).
    case blockQuote([Inline], label: [Inline]?)
    /// The interviewer's question before a block quote (style «Sitat-spørsmål»), set apart from the
    /// answer: indented like the quote, upright.
    case question([Inline])
    /// One item of a bulleted or numbered list (style «Listeavsnitt»): its marker («•», «2.»), its
    /// nesting level (0 at the top), its text. A second paragraph of an item has an empty marker.
    case listItem([Inline], marker: String, level: Int)
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
    /// Explicitly not italic, in a paragraph whose style is (a block quote in a house style that sets
    /// quotes upright). Ignored beside ``italic``.
    public static let upright = Emphasis(rawValue: 4)
}

/// A table with a numbered caption above («Tabell 3 Oversikt over informantene») and notes below
/// («Kommentar: …»). The first row is the header row.
///
/// Renderers give the columns widths from their content (``TableLayout``) and right-align columns
/// of numbers (``numericColumns``).
public struct Table: Sendable, Hashable {
    public var caption: [Inline]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]
    public var notes: [[Inline]]
    /// Set the table on a landscape page of its own (a section of its own in Word).
    public var landscape = false

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

extension Table {
    /// The number of columns: the widest of the header and the rows.
    public var columnCount: Int { max(header.count, rows.map(\.count).max() ?? 0) }

    /// The columns whose body cells all hold numbers (counts, «3 (33,3 %)», «<3», «–»), with at least
    /// one that has a digit: renderers right-align them, header included.
    public var numericColumns: Set<Int> {
        Set((0..<columnCount).filter { column in
            var digits = false
            for row in rows {
                let text = column < row.count ? Inline.plainText(row[column]) : ""
                for scalar in text.unicodeScalars {
                    if ("0"..."9").contains(scalar) { digits = true } else if !Self.numberScalars.contains(scalar) { return false }
                }
            }
            return digits
        })
    }

    /// What may stand beside the digits in a number cell: signs, separators, percent, parentheses,
    /// the «<N» of a hidden cell, the «–» of a missing value, spaces.
    static let numberScalars: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", ",", ".", "%", "(", ")", "<", "‹", "–", "-", "+", "±"]
}
