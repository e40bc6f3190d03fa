import Foundation

/// How a standard table is worded and labelled: the language of captions, headers, notes and
/// numbers, how codes are named in the first column, and an optional caption of the author's own.
public struct TablePresentation: Sendable, Hashable {
    /// Norwegian (decimal comma, «Kommentar») or English.
    public var language: DocumentLanguage
    public var codeLabels: CodeLabelStyle
    /// Replaces the default caption («Kodebok», «Oversikt over informantene», …).
    public var caption: String?
    /// The words of captions, headers and notes; a house style's ``HouseStyle/labelSet`` renames some.
    public var labelSet: LabelSet
    /// How attributes head their columns and are named in captions: by their display names («Rolle i
    /// tjenesten», best in a document) or their names (`rolle`, best in CSV for a script).
    public var attributeHeaders: AttributeHeaderStyle
    /// Set each table on a landscape page of its own (documents only).
    public var landscape: Bool
    /// How captions are set in a document: on one line, or APA 7's two.
    public var captions: CaptionStyle

    public init(language: DocumentLanguage = .nb, codeLabels: CodeLabelStyle = .path, caption: String? = nil, labelSet: LabelSet = .core,
                attributeHeaders: AttributeHeaderStyle = .label, landscape: Bool = false, captions: CaptionStyle = .inline) {
        self.language = language
        self.codeLabels = codeLabels
        self.caption = caption
        self.labelSet = labelSet
        self.attributeHeaders = attributeHeaders
        self.landscape = landscape
        self.captions = captions
    }

    /// How a standard table is presented in `format`: in CSV a code's full path and an attribute's
    /// name stand alone in a row for a script; in a document the rows follow the code tree and the
    /// headers are the attributes' display names. A house style gives the words («Tabell»,
    /// «Kommentar») and the caption style.
    ///
    /// - Throws: ``ExportError/landscapeWithoutPage(_:)`` for a landscape page in CSV, which has none.
    public init(for format: ExportFormat, language: DocumentLanguage = .nb, caption: String? = nil, style: HouseStyle? = nil,
                landscape: Bool = false) throws {
        if landscape && !format.isDocument { throw ExportError.landscapeWithoutPage(format) }
        self.init(language: language, codeLabels: format == .csv ? .path : .indented, caption: caption, labelSet: style?.labelSet ?? .core,
                  attributeHeaders: format == .csv ? .name : .label, landscape: landscape, captions: style?.captions ?? .inline)
    }

    /// How an attribute heads a column.
    func header(_ attribute: Attribute) -> String {
        attributeHeaders == .label ? attribute.displayName : attribute.name
    }

    /// The labels in the table's language: what the tables and their document are worded with.
    public var labels: Labels { labelSet.labels(for: language) }
    var words: Labels { labels }
    var numbers: TableNumberFormat { TableNumberFormat(language) }

    /// The author's caption when one was given, else `standard`.
    func caption(or standard: String) -> String {
        guard let caption, !caption.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return standard }
        return caption
    }
}

/// How an attribute heads a table's column: by its display name (``Attribute/label``, the name when it
/// has none) or by its name.
public enum AttributeHeaderStyle: String, Sendable, Hashable, CaseIterable, Codable {
    case label, name
}

/// How a code is named in a table: its full path (`Balansekunst/Sparringspartner`, best for CSV,
/// where a row must stand alone) or its name indented under its parent (best in Word, where the
/// rows follow the code tree).
public enum CodeLabelStyle: String, Sendable, Hashable, CaseIterable, Codable {
    case path, indented

    /// The label of a code at `depth` (0 for a top-level code).
    func label(path: String, name: String, depth: Int) -> String {
        switch self {
        case .path: path
        // Em spaces: Word keeps them, HTML does not collapse them, and they never start a formula.
        case .indented: String(repeating: "\u{2003}", count: depth) + name
        }
    }
}
