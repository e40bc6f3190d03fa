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

    /// The marks a person writes edits with (``QuoteForm/parse(_:verbatim:fillers:)``), so a form shown
    /// for editing reads back as the same edits: a gloss in `< >`, which house styles print as `[ ]`.
    public static let editing = QuoteMarks(gloss: Brackets("<", ">"))
}

/// A house style for quotes: how they are set (italic or not, «» inline, block above a length), how
/// they are labelled or introduced, how edits are marked, which filler words light cleaning removes,
/// and the words used in `nb` and `en`. The two built-in styles are also data files in `Templates/`
/// that a user can copy, edit and load with ``load(from:)``.
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
    /// Quotes in italics, inline and block alike; otherwise upright, whatever the «Sitat» style says.
    public var italic: Bool
    /// A quote whose segment starts in the middle of a sentence begins with ``QuoteMarks/cutStart``.
    public var markCutStart: Bool
    /// Each group's summary line names the participants with their counts («3 sitater fra 2
    /// informanter (Solveig 2, Amira 1)»); otherwise counts only («3 sitater fra 2 informanter.»).
    public var namesInSummary: Bool
    /// How table and figure captions are set: `inline` («Tabell 1 Tittel») or `apa` (APA 7: the label
    /// bold on one line, the title in italics below).
    public var captions: CaptionStyle
    public var quotationMarks: QuoteMarks.Brackets
    /// Quotation marks inside an inline quote («» becomes ‘’).
    public var innerQuotationMarks: QuoteMarks.Brackets
    public var marks: QuoteMarks
    /// Words removed by light filler cleaning; each removal is recorded as an edit.
    public var fillers: [String]
    /// The style's words by language (`nb`, `en`): labels of ``LabelSet/core`` it renames, keyed by
    /// ``wordKeys`` («Tab.» for «Tabell», «Merknad» for «Kommentar»).
    public var words: [String: [LabelKey: String]]

    /// The labels a house style may rename: the words of a quote document and of captions.
    public static let wordKeys: [LabelKey] = [.quotes, .table, .figure, .note, .interviewer, .fromNotes, .fromEmail, .fromDocument]

    /// The core's labels with this style's words in place of the standard ones, in every language.
    public var labelSet: LabelSet {
        var set = LabelSet.core
        for language in DocumentLanguage.allCases {
            for (key, text) in words[language.rawValue] ?? [:] { set = set.overriding(key, with: text, in: language) }
        }
        return set
    }

    /// The labels in `language`, with this style's words in place of the standard ones.
    public func labels(for language: DocumentLanguage) -> Labels { labelSet.labels(for: language) }

    /// The standard words a built-in style carries, so a printed style shows what can be renamed.
    static func standardWords() -> [String: [LabelKey: String]] {
        Dictionary(uniqueKeysWithValues: DocumentLanguage.allCases.map { language in
            (language.rawValue, Dictionary(uniqueKeysWithValues: wordKeys.map { ($0, LabelSet.core[$0, language]) }))
        })
    }

    static let norwegianFillers = ["eh", "ehm", "ehh", "eeh", "øh", "øhm", "hm", "hmm", "mhm"]

    /// A master's thesis: italic quotes, the pseudonym in parentheses, `…` for a cut start, `(…)` for
    /// an inner omission, `[…]` for the researcher's insertions.
    public static let thesis = HouseStyle(
        name: "thesis", label: "({pseudonym})", leadIn: "", capitalizeLabels: false, blockWords: 40, italic: true,
        markCutStart: true, namesInSummary: true, captions: .inline, quotationMarks: .init("«", "»"), innerQuotationMarks: .init("‘", "’"), marks: QuoteMarks(),
        fillers: norwegianFillers, words: standardWords())

    /// An evaluation report: upright quotes with a label from participant attributes, such as
    /// «(Jobbspesialist, Utvidet oppfølging)»; omissions as `(…)`; group summaries give counts, not
    /// pseudonyms, in a file meant for readers.
    public static let report = HouseStyle(
        name: "report", label: "({label})", leadIn: "", capitalizeLabels: true, blockWords: 40, italic: false,
        markCutStart: true, namesInSummary: false, captions: .inline, quotationMarks: .init("«", "»"), innerQuotationMarks: .init("‘", "’"), marks: QuoteMarks(),
        fillers: norwegianFillers, words: standardWords())

    public static let builtIn: [HouseStyle] = [thesis, report]
}
