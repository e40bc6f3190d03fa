import Foundation

/// How a standard table is worded and labelled: the language of captions, headers, notes and
/// numbers, how codes are named in the first column, and an optional caption of the author's own.
public struct TablePresentation: Sendable, Hashable {
    /// Norwegian (decimal comma, «Kommentar») or English.
    public var language: DocumentLanguage
    public var codeLabels: CodeLabelStyle
    /// Replaces the default caption («Kodebok», «Oversikt over informantene», …).
    public var caption: String?

    public init(language: DocumentLanguage = .nb, codeLabels: CodeLabelStyle = .path, caption: String? = nil) {
        self.language = language
        self.codeLabels = codeLabels
        self.caption = caption
    }

    var words: TableWords { TableWords(language: language) }
    var numbers: TableNumberFormat { TableNumberFormat(language) }

    /// The author's caption when one was given, else `standard`.
    func caption(or standard: String) -> String {
        guard let caption, !caption.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return standard }
        return caption
    }
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
