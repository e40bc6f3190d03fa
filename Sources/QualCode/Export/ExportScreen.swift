import Foundation

/// A check every string an export would write passes before a byte is written: a privacy module's
/// «safe export», which refuses text that still holds what could identify someone. The core knows
/// nothing of what is looked for; it hands over the words.
public protocol ExportScreen: Sendable {
    /// - Parameter texts: the export's strings (paragraphs, cells, captions, notes, alt texts), each
    ///   whole, in document order.
    /// - Throws: an error saying what was found; the export then writes nothing.
    func check(_ texts: [String]) throws
}

extension Document {
    /// Every string a reader of the rendered document can see, in order: what a screen checks.
    public var visibleTexts: [String] {
        var texts = title.map { [$0] } ?? []
        func add(_ inlines: [Inline]) {
            let text = Inline.plainText(inlines)
            if !text.isEmpty { texts.append(text) }
            for case let .footnote(note) in inlines { add(note) }
        }
        for block in blocks {
            switch block {
            case let .heading(_, inlines), let .paragraph(inlines), let .question(inlines), let .listItem(inlines, _, _):
                add(inlines)
            case let .blockQuote(inlines, label):
                add(inlines)
                if let label { add(label) }
            case let .table(table):
                add(table.caption)
                for cell in table.header { add(cell) }
                for row in table.rows { for cell in row { add(cell) } }
                for note in table.notes { add(note) }
            case let .figure(figure):
                add(figure.caption)
                texts.append(figure.altText)
                for note in figure.notes { add(note) }
            }
        }
        return texts
    }
}

extension TextTable {
    /// The headers and every cell, row by row.
    public var visibleTexts: [String] { (headers + rows.joined()).filter { !$0.isEmpty } }
}
