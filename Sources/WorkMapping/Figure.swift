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
                               texts: texts.filter { $0.scope == .step && $0.stepId == step.id }.map { box($0.id, $0.name) })
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
            let english = language == .en
            let caption = english ? "Map of the work" + (standpoint.map { " seen from the standpoint of \($0)" } ?? "")
                                  : "Kart over arbeidet" + (standpoint.map { ", sett fra ståstedet til \(Self.midSentence($0))" } ?? "")
            let note = english ? "A simplified picture, drawn from the informants' accounts; the work does not always go in this order."
                               : "Forenklet fremstilling, tegnet ut fra informantenes beskrivelser; arbeidet skjer ikke alltid i denne rekkefølgen."
            return MapFigure(caption: caption, note: note, steps: figureSteps,
                             processTexts: texts.filter { $0.scope == .process }.map { box($0.id, $0.name) },
                             lanes: figureLanes, words: english ? .en : .nb)
        }
    }

    /// A standpoint set inside a sentence: «Jobbspesialister i NAV» as «jobbspesialister i NAV» — only
    /// the first letter lowered, and not in an abbreviation («NAV-veiledere», «IPS-team») or a name
    /// written in capitals.
    static func midSentence(_ text: String) -> String {
        guard let first = text.first, first.isUppercase else { return text }
        let second = text.dropFirst().first
        if second?.isUppercase == true { return text }
        return first.lowercased() + text.dropFirst()
    }
}
