import Foundation

/// How edits in a quote are marked: `(…)` or `[…]` for an omission, `…` for a cut start or end,
/// `[ ]` or `( )` around the researcher's insertions, and the brackets of a gloss.
public struct QuoteMarks: Hashable, Sendable, Codable {
    public struct Brackets: Hashable, Sendable, Codable {
        public var open: String
        public var close: String
        public init(_ open: String, _ close: String) { self.open = open; self.close = close }
    }
    public var omission: String
    public var cutStart: String
    public var cutEnd: String
    public var insertion: Brackets
    public var gloss: Brackets

    public init(omission: String = "(…)", cutStart: String = "…", cutEnd: String = "…",
                insertion: Brackets = Brackets("[", "]"), gloss: Brackets = Brackets("[", "]")) {
        self.omission = omission
        self.cutStart = cutStart
        self.cutEnd = cutEnd
        self.insertion = insertion
        self.gloss = gloss
    }
}

/// The words an export writes itself, in one language: headings, caption words, the interviewer's
/// tag, and the footnotes that say a quote is not recorded speech.
public struct ExportWords: Hashable, Sendable, Codable {
    public var quotes: String
    public var table: String
    public var figure: String
    public var note: String
    public var interviewer: String
    /// Footnote on a quote taken from the interviewer's notes.
    public var fromNotes: String
    /// Footnote on a quote taken from an e-mail.
    public var fromEmail: String
    /// Footnote on a quote taken from a written document.
    public var fromDocument: String

    /// The words a renderer puts before numbers and notes.
    public var captionWords: CaptionWords { CaptionWords(table: table, figure: figure, note: note) }

    public static let nb = ExportWords(quotes: "Sitater", table: "Tabell", figure: "Figur", note: "Kommentar", interviewer: "Intervjuer",
                                       fromNotes: "Notert av intervjueren under samtalen, ikke ordrett.",
                                       fromEmail: "Formidlet i e-post til forskerne.",
                                       fromDocument: "Fra et skriftlig dokument.")
    public static let en = ExportWords(quotes: "Quotes", table: "Table", figure: "Figure", note: "Note", interviewer: "Interviewer",
                                       fromNotes: "Written down by the interviewer during the conversation, not verbatim.",
                                       fromEmail: "Sent to the researchers by e-mail.",
                                       fromDocument: "From a written document.")
}

/// A house style for quotes: how they are set (italic or not, «» inline, block above a length), how
/// they are labelled or introduced, how edits are marked, which filler words light cleaning removes,
/// and the words used in `nb` and `en`. The two built-in styles are also data files in `Templates/`
/// that a user can copy, edit and pass with `--style-file`.
public struct HouseStyle: Hashable, Sendable, Codable {
    public var name: String
    /// Label after the quote: `{pseudonym}`, `{label}` or attribute names in braces; empty for none.
    public var label: String
    /// A sentence before the quote, such as "{pseudonym} forteller:"; empty for none.
    public var leadIn: String
    /// Start each label field with a capital («(Jobbspesialist, IPS)» from the value «jobbspesialist»).
    public var capitalizeLabels: Bool
    /// Quotes of at least this many words are block quotes; shorter ones inline in the quotation marks.
    public var blockWords: Int
    public var italic: Bool
    public var quotationMarks: QuoteMarks.Brackets
    /// Quotation marks inside an inline quote («» becomes ‘’).
    public var innerQuotationMarks: QuoteMarks.Brackets
    public var marks: QuoteMarks
    /// Words removed by light filler cleaning; each removal is recorded as an edit.
    public var fillers: [String]
    public var words: [String: ExportWords]

    public func words(for language: DocumentLanguage) -> ExportWords {
        words[language.rawValue] ?? (language == .nb ? .nb : .en)
    }

    static let norwegianFillers = ["eh", "ehm", "ehh", "eeh", "øh", "øhm", "hm", "hmm", "mhm"]

    /// A master's thesis: italic quotes, the pseudonym in parentheses, `…` for a cut start, `(…)` for
    /// an inner omission, `[…]` for the researcher's insertions.
    public static let thesis = HouseStyle(
        name: "thesis", label: "({pseudonym})", leadIn: "", capitalizeLabels: false, blockWords: 40, italic: true,
        quotationMarks: .init("«", "»"), innerQuotationMarks: .init("‘", "’"), marks: QuoteMarks(),
        fillers: norwegianFillers, words: ["nb": .nb, "en": .en])

    /// An evaluation report: upright quotes with a label from participant attributes, such as
    /// «(Jobbspesialist, Utvidet oppfølging)»; omissions as `(…)`.
    public static let report = HouseStyle(
        name: "report", label: "({label})", leadIn: "", capitalizeLabels: true, blockWords: 40, italic: false,
        quotationMarks: .init("«", "»"), innerQuotationMarks: .init("‘", "’"), marks: QuoteMarks(),
        fillers: norwegianFillers, words: ["nb": .nb, "en": .en])

    public static let builtIn: [HouseStyle] = [thesis, report]
}
