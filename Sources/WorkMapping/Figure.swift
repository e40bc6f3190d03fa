import Foundation
import GRDB
import QualCode

extension WorkMapping {
    /// The map as the drawing shows it (``MapFigure``): steps in order with their actions and texts,
    /// process-wide texts, and with `lanes` one swim lane per actor that performs an action.
    public func figure(lanes: Bool = false, language: DocumentLanguage = .nb) throws -> MapFigure {
        try store.pool.read { db in
            let steps = try MapStep.order(Column("position")).fetchAll(db)
            let actions = try MapAction.order(Column("position")).fetchAll(db)
            let texts = try MapText.order(Column("name").collating(.nocase)).fetchAll(db)
            let box = { (id: UUID, label: String) in MapFigure.Box(key: id.uuidString.lowercased(), label: label) }
            let figureSteps = steps.map { step in
                MapFigure.Step(box: box(step.id, step.name),
                               actions: actions.filter { $0.stepId == step.id }.map { box($0.id, $0.name) },
                               texts: texts.filter { $0.scope == .step && $0.stepId == step.id }.map { box($0.id, $0.name) },
                               orderNotFixed: step.orderNotFixed)
            }
            var figureLanes: [MapFigure.Lane] = []
            if lanes {
                let performs = try MapLink.filter(Column("kind") == MapLinkKind.performs.rawValue).fetchAll(db)
                for actor in try MapActor.order(Column("position")).fetchAll(db) {
                    // An actor that performs a whole step performs each of its actions.
                    var done: [String] = []
                    for link in performs where link.fromId == actor.id {
                        let ids = link.toKind == .step ? actions.filter { $0.stepId == link.toId }.map(\.id) : [link.toId]
                        for id in ids where !done.contains(id.uuidString.lowercased()) { done.append(id.uuidString.lowercased()) }
                    }
                    if !done.isEmpty { figureLanes.append(MapFigure.Lane(actor: box(actor.id, actor.name), actions: done)) }
                }
            }
            let standpoint = try String.fetchOne(db, sql: "SELECT value FROM mapSetting WHERE key = 'standpoint'")
            var (caption, note) = Self.figureCaption(standpoint: standpoint, language: language)
            if steps.contains(where: \.orderNotFixed) {
                note += language == .en ? " Dashed arrows: the step does not always come in this place." : " Stiplet pil: steget kommer ikke alltid på dette stedet."
            }
            return MapFigure(caption: caption, note: note, steps: figureSteps,
                             processTexts: texts.filter { $0.scope == .process }.map { box($0.id, $0.name) },
                             lanes: figureLanes, words: language == .en ? .en : .nb)
        }
    }

    /// The map's caption, from whose standpoint it is drawn, and the note that it is simplified and the
    /// order not fixed: the same under the SVG and the Graphviz drawing.
    static func figureCaption(standpoint: String?, language: DocumentLanguage) -> (caption: String, note: String) {
        language == .en
            ? ("Map of the work" + (standpoint.map { " seen from the standpoint of \($0)" } ?? ""),
               "A simplified picture, drawn from the informants' accounts; the work does not always go in this order.")
            // Inside the sentence the standpoint's first word loses its capital, an acronym («NAV-veiledere») keeps it.
            : ("Kart over arbeidet" + (standpoint.map { ", sett fra ståstedet til \(Labels.inSentence($0))" } ?? ""),
               "Forenklet fremstilling, tegnet ut fra informantenes beskrivelser; arbeidet skjer ikke alltid i denne rekkefølgen.")
    }
}
