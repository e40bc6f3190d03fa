import Foundation
import QualCode

/// How the map's tables fill a cell: lists one item a line, the accounts in words, the key quotes in
/// the house style.
extension MapContents {
    /// How long a key quote may be before it is cut (characters of the displayed quote): two of them
    /// still fit a column of a landscape page.
    static let keyQuoteLength = 120

    /// Items one a line (a line break in Word, a newline in CSV); none is an empty cell.
    static func lines(_ items: [String]) -> [Inline] {
        var cell: [Inline] = []
        for item in items {
            if !cell.isEmpty { cell.append(.lineBreak) }
            cell.append(.text(item))
        }
        return cell
    }

    /// One text; none (or blank) is an empty cell.
    static func cell(_ text: String?) -> [Inline] { text.map { $0.isEmpty ? [] : [.text($0)] } ?? [] }

    /// Items on one line, between commas; none is an empty cell.
    static func commas(_ items: [String]) -> [Inline] { items.isEmpty ? [] : [.text(items.joined(separator: ", "))] }

    /// Cells one a line.
    static func lines(_ items: [[Inline]]) -> [Inline] {
        var cell: [Inline] = []
        for item in items where !item.isEmpty {
            if !cell.isEmpty { cell.append(.lineBreak) }
            cell += item
        }
        return cell
    }

    /// «3 passasjer fra 2 informanter: Ola, Siv», and on a line of its own how many an edit removed.
    func accounts(_ backing: Backing, names: Bool = true) -> [Inline] {
        var sentence = words.passagesFrom(backing.passages, backing.informants.count)
        if names, !backing.informants.isEmpty { sentence += ": " + backing.informants.joined(separator: ", ") }
        return Self.lines([sentence] + (backing.removed > 0 ? [words.labels(.mapRemoved, words.passages(backing.removed))] : []))
    }

    /// One or two short quotes from different informants, each as the house style runs a quote into
    /// text, cut where long, with its label («(Siv)» in a thesis). Each informant's quote is the
    /// shortest of theirs that is a whole thought (six words or more), else their longest; informants
    /// with more passages come first.
    func keyQuotes(_ items: [MapEvidence], count: Int = 2) -> [Inline] {
        let quoted = items.filter { !$0.isOrphaned }.compactMap { quotes[$0.segment] }.filter { !$0.participants.isEmpty }
        var byInformant: [String: [ExportedQuote]] = [:]
        for quote in quoted { for person in quote.participants { byInformant[person, default: []].append(quote) } }
        let ranked = byInformant.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        var chosen: [ExportedQuote] = []
        var heard = Set<String>()
        for (_, theirs) in ranked where chosen.count < count {
            guard let best = theirs.filter({ heard.isDisjoint(with: $0.participants) }).min(by: { Self.rank($0) < Self.rank($1) }) else { continue }
            chosen.append(best)
            heard.formUnion(best.participants)
        }
        return Self.lines(chosen.map { quote in
            [quote.inline(style: style, limit: Self.keyQuoteLength)] + (quote.label.isEmpty ? [] : [.text(" " + quote.label)])
        })
    }

    /// Smaller is better: whole thoughts before fragments, then the shortest (or, of fragments, the longest).
    private static func rank(_ quote: ExportedQuote) -> (Int, Int, String) {
        quote.words >= 6 ? (0, quote.displayed.count, quote.displayed) : (1, -quote.displayed.count, quote.displayed)
    }

    /// «Kvalitetsveileder: Tid ute (65 %)» for each clause, each once, in the order given.
    static func clauseLines(_ citations: [ClauseCitation]) -> [String] {
        var seen = Set<MapClause.ID>()
        return citations.filter { seen.insert($0.clause.id).inserted }.map(\.label)
    }
}
