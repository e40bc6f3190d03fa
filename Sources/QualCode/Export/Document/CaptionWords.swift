import Foundation

/// The words a renderer puts in front of caption numbers and notes: «Tabell 1 …», «Figur 2 …»,
/// «Kommentar: …» (or «Table», «Figure», «Note»). A thesis's house style may call them something
/// else («Tab.», «Illustrasjon», «Merknad»); renaming them never touches the document's content.
public struct CaptionWords: Codable, Sendable, Hashable {
    public var table: String
    public var figure: String
    public var note: String

    public init(table: String, figure: String, note: String) {
        self.table = table
        self.figure = figure
        self.note = note
    }

    /// Tabell / Figur / Kommentar in Bokmål, Table / Figure / Note in English.
    public static func defaults(for language: DocumentLanguage) -> CaptionWords {
        CaptionWords(table: language.tableWord, figure: language.figureWord, note: language.noteWord)
    }
}
