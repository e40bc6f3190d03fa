import Foundation
import QualCode

extension MapContents {
    /// The disjuncture register («Brudd»), the analysis's payload: where a formal text and the accounts
    /// of the work do not agree — what the text says (its clauses, with the excerpt), what the
    /// informants say (key quotes), who, and which statement of the problematic it bears on. In the
    /// order of the steps they concern (those of no step last), then in the order recorded. Wide: set
    /// on a landscape page.
    var disjunctureRegister: Table {
        let w = words
        let stepOrder = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($0.element.id, $0.offset) })
        let ordered = disjunctures.enumerated().sorted { a, b in
            (a.element.stepId.flatMap { stepOrder[$0] } ?? .max, a.offset) < (b.element.stepId.flatMap { stepOrder[$0] } ?? .max, b.offset)
        }.map(\.element)
        let superseded = Set(problematic.compactMap(\.supersedes))
        let rows = ordered.map { disjuncture -> [[Inline]] in
            let says = (evidence[disjuncture.id]?.clauses ?? []).map { citation in
                citation.label + (citation.clause.excerpt.map { " – «\($0)»" } ?? "")
            }
            let passages = passages(ofNode: disjuncture.id)
            let statement = disjuncture.problematicId.flatMap { id in problematic.first { $0.id == id } }.map { entry in
                entry.statement + (superseded.contains(entry.id) ? " (" + w[.mapSuperseded] + ")" : "")
            }
            return [Self.cell(disjuncture.name), Self.cell(w.kind(disjuncture.kind)), Self.cell(step(disjuncture.stepId)?.name),
                    Self.lines(says), keyQuotes(passages), accounts(Backing(passages)), Self.cell(statement), Self.cell(disjuncture.note)]
        }
        var table = Table(caption: [.text(w[.mapDisjuncturesCaption])],
                          header: [w[.mapColDisjuncture], w[.mapColKind], w[.mapColStep], w[.mapColTextSays], w[.mapColAccountsSay],
                                   w[.mapColInformants], w[.mapColProblematic], w[.mapColNote]].map { [.text($0)] },
                          rows: rows, notes: [[.text(disjunctures.isEmpty ? w[.mapNoDisjunctures] : w[.mapDisjuncturesNote])]])
        table.landscape = true
        return table
    }
}
