import Foundation
import QualCode

extension MapContents {
    /// The step table («Stegene i arbeidet»), the map in words beside the figure: each step in order
    /// with its actions, the texts it uses, produces or is governed by, who does it, what the formal
    /// texts require of it, and what the informants say — how many, who, and a quote or two.
    /// Wide: set on a landscape page.
    var stepTable: Table {
        let w = words
        let rows = steps.map { step -> [[Inline]] in
            let actions = actions(of: step.id)
            let texts = textsOf(step: step.id)
            let requirements = Self.clauseLines(
                (evidence[step.id]?.clauses ?? []) + actions.flatMap { evidence[$0.id]?.clauses ?? [] }
                    + texts.flatMap { text in (clauses[text.text.id] ?? []).map { ClauseCitation(clause: $0, text: text.text.name) } })
            let passages = passages(of: step.id)
            return [stepCell(step), Self.lines(actions.map(\.name)), Self.lines(texts.map(textLine)),
                    Self.commas(actorsOf(step: step.id).map(\.name)),
                    Self.lines(requirements), accounts(Backing(passages)), keyQuotes(passages)]
        }
        var notes = [w[.mapStepsNote]]
        if let standpoint { notes.append(w.labels(.mapStandpoint, standpoint)) }
        if steps.isEmpty { notes = [w[.mapNoSteps]] }
        var table = Table(caption: [.text(w[.mapStepsCaption])],
                          header: [w[.mapColStep], w[.mapColActions], w[.mapColTexts], w[.mapColActors], w[.mapColRequirements],
                                   w[.mapColAccounts], w[.mapColKeyQuotes]].map { [.text($0)] },
                          rows: rows, notes: [[.text(notes.joined(separator: " "))]])
        table.landscape = true
        return table
    }

    /// The step's name, and below it, in italics, that its place in the order is not fixed and what was
    /// merged into it.
    private func stepCell(_ step: MapStep) -> [Inline] {
        var cell: [Inline] = [.text(step.name)]
        if step.orderNotFixed { cell += [.lineBreak, .italic("(" + words[.mapOrderNotFixed] + ")")] }
        if let merged = step.mergedFrom { cell += [.lineBreak, .italic("(" + words.labels(.mapMergedFrom, merged) + ")")] }
        return cell
    }

    /// A text with how the step takes part in it, when it does through a link: «Kartleggingsmal (brukes)».
    private func textLine(_ entry: (text: MapText, relations: [LinkWord])) -> String {
        guard !entry.relations.isEmpty else { return entry.text.name }
        return entry.text.name + " (" + entry.relations.map { words[$0.key] }.joined(separator: ", ") + ")"
    }

    /// How a step is tied to a text.
    enum LinkWord: Int, Comparable {
        case used, produced, governs
        var key: LabelKey {
            switch self {
            case .used: .mapTextUsed
            case .produced: .mapTextProduced
            case .governs: .mapTextGoverns
            }
        }
        static func < (a: LinkWord, b: LinkWord) -> Bool { a.rawValue < b.rawValue }
    }

    /// The texts of a step, in the texts' order: those drawn under it, those it or its actions use or
    /// produce, and those that govern it or its actions.
    func textsOf(step: MapStep.ID) -> [(text: MapText, relations: [LinkWord])] {
        let members = Set([step] + actions(of: step).map(\.id))
        var relations: [MapText.ID: Set<LinkWord>] = [:]
        for link in links {
            switch link.kind {
            case .uses where members.contains(link.fromId): relations[link.toId, default: []].insert(.used)
            case .produces where members.contains(link.fromId): relations[link.toId, default: []].insert(.produced)
            case .governs where members.contains(link.toId): relations[link.fromId, default: []].insert(.governs)
            default: break
            }
        }
        return texts.filter { ($0.scope == .step && $0.stepId == step) || relations[$0.id] != nil }
            .map { ($0, (relations[$0.id] ?? []).sorted()) }
    }

    /// The actors that perform the step or one of its actions, in the actors' order.
    func actorsOf(step: MapStep.ID) -> [MapActor] {
        let members = Set([step] + actions(of: step).map(\.id))
        let performing = Set(links.filter { $0.kind == .performs && members.contains($0.toId) }.map(\.fromId))
        return actors.filter { performing.contains($0.id) }
    }
}
