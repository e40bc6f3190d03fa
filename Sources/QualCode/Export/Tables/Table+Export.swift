import Foundation

extension Table {
    /// The table as rows of plain text, for CSV: the header row and the body rows. The caption and
    /// the notes belong to the document and are left out.
    public var textTable: TextTable {
        TextTable(headers: header.map(Inline.plainText), rows: rows.map { $0.map(Inline.plainText) })
    }
}

extension Document {
    /// A document holding `tables` and nothing else, titled after the first caption, ready to be
    /// written as Word, Word XML or HTML. The renderers number the captions («Tabell 1 …»).
    public init(tables: [Table], language: DocumentLanguage) {
        self.init(title: tables.first.map { Inline.plainText($0.caption) }, language: language, blocks: tables.map(Block.table))
    }
}
