import Foundation
import QualCode

extension MapContents {
    /// The text inventory («Tekstene»): every text of the map by level, from the laws and boss texts
    /// that regulate others down to the forms and targets activated in a day's work — who issued it,
    /// which version, where it applies, its place in the hierarchy, its clauses, how much evidence
    /// backs it, and where the copy came from. Wide: set on a landscape page.
    var textInventory: Table {
        let w = words
        let rows = texts.map { text -> [[Inline]] in
            let regulatedBy = links.filter { $0.kind == .regulates && $0.toId == text.id }.compactMap { name(of: $0.fromId) }
            let regulates = links.filter { $0.kind == .regulates && $0.fromId == text.id }.compactMap { name(of: $0.toId) }
            let hierarchy = (regulatedBy.isEmpty ? [] : [w.labels(.mapRegulatedBy, regulatedBy.joined(separator: ", "))])
                + (regulates.isEmpty ? [] : [w.labels(.mapRegulates, regulates.joined(separator: ", "))])
            let clauseLines = (clauses[text.id] ?? []).map { clause in
                clause.requirement + (clause.place.map { ", " + $0 } ?? "")
            }
            let scope = text.scope == .process ? w[.mapWholeProcess] : step(text.stepId)?.name ?? ""
            let origin = [text.provenance, text.fileName.map { w.labels(.mapFile, $0) }].compactMap { $0 }
            return [Self.cell(text.name), Self.cell(w.kind(text.kind)), Self.cell(text.issuer),
                    Self.commas([text.version, text.date].compactMap { $0 }), Self.cell(scope),
                    Self.lines(hierarchy), Self.lines(clauseLines), accounts(Backing(passages(ofNode: text.id)), names: false),
                    Self.lines(origin)]
        }
        var table = Table(caption: [.text(w[.mapTextsCaption])],
                          header: [w[.mapColText], w[.mapColKind], w[.mapColIssuer], w[.mapColVersion], w[.mapColScope], w[.mapColHierarchy],
                                   w[.mapColClauses], w[.mapColEvidence], w[.mapColProvenance]].map { [.text($0)] },
                          rows: rows, notes: [[.text(texts.isEmpty ? w[.mapNoTexts] : w[.mapTextsNote])]])
        table.landscape = true
        return table
    }
}
