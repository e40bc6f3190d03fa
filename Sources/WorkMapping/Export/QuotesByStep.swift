import Foundation
import QualCode

extension MapContents {
    /// The quotes by step («Sitater etter steg»), an appendix to write the descriptive chapter from:
    /// for each step in order, the passages that back it and then those of each of its actions, each
    /// as the house style prints it, with who said it and where. A passage an edit removed from its
    /// transcript is listed as removed — without its text, which may have been taken out on purpose
    /// — and a step with no passages says so: nothing disappears from the list unremarked.
    var quotesByStep: Table {
        let w = words
        var rows: [[[Inline]]] = []
        for step in steps {
            let groups = [(action: "", passages: passages(ofNode: step.id))]
                + actions(of: step.id).map { (action: $0.name, passages: passages(ofNode: $0.id)) }
            if groups.allSatisfy(\.passages.isEmpty) {
                rows.append([Self.cell(step.name), [], [], [.italic(w[.mapNoPassages])], []])
                continue
            }
            for group in groups {
                for passage in group.passages {
                    rows.append([Self.cell(step.name), Self.cell(group.action)] + quoteCells(passage))
                }
            }
        }
        return Table(caption: [.text(w[.mapQuotesCaption])],
                     header: [w[.mapColStep], w[.mapColAction], w[.mapColInformant], w[.mapColQuote], w[.mapColSource]].map { [.text($0)] },
                     rows: rows, notes: [[.text(steps.isEmpty ? w[.mapNoSteps] : w[.mapQuotesNote])]])
    }

    /// Who said it, the quote, and its transcript and lines; a removed passage keeps who and where.
    private func quoteCells(_ passage: MapEvidence) -> [[Inline]] {
        guard !passage.isOrphaned, let quote = quotes[passage.segment] else {
            return [Self.commas(passage.informants), [.italic(words[.mapRemovedPassage])], Self.cell(passage.transcript)]
        }
        return [Self.commas(quote.participants), [quote.inline(style: style)], Self.cell("\(quote.transcript), \(quote.lines)")]
    }
}
