import Foundation
import QualCode

extension MapContents {
    /// The informants («Informantene»): one row per informant and transcript, with the project's
    /// participant attributes (tjeneste, rolle, …), the steps they give evidence for, how many passages
    /// of the map are theirs, and how many of the standing questions their transcript was read with.
    /// An informant with no transcript has a row of their own, with nothing counted.
    var informantTable: Table {
        let w = words
        let numbers = TableNumberFormat(language)
        let byTranscript = Dictionary(grouping: allPassages.filter { !$0.isOrphaned }, by: \.transcript)
        // Which steps each passage backs (a passage may back several, through the steps' actions too).
        var stepsOf: [Segment.ID: Set<MapStep.ID>] = [:]
        for step in steps { for passage in passages(of: step.id) where !passage.isOrphaned { stepsOf[passage.segment, default: []].insert(step.id) } }
        var rows: [[[Inline]]] = []
        for person in participants {
            let values = attributes.map { attribute in
                Self.cell(person.attributes[attribute.name].map { numbers.attributeValue($0, type: attribute.type) })
            }
            let theirs = transcripts.filter { $0.participantReferences.contains { $0.id == person.id } }
            guard !theirs.isEmpty else {
                rows.append([Self.cell(person.pseudonym), []] + values + [[], Self.cell("0"), []])
                continue
            }
            for transcript in theirs {
                let said = (byTranscript[transcript.name] ?? []).filter { $0.informants.contains(person.pseudonym) }
                let stepIDs = Set(said.flatMap { stepsOf[$0.segment] ?? [] })
                let answeredCount = answered[transcript.id]?.count ?? 0
                rows.append([Self.cell(person.pseudonym), Self.cell(transcript.name)] + values
                            + [Self.commas(steps.filter { stepIDs.contains($0.id) }.map(\.name)), Self.cell(String(said.count)),
                               Self.cell(w.labels(.mapAnswered, answeredCount, questions.count))])
            }
        }
        var table = Table(caption: [.text(w[.mapInformantsCaption])],
                          header: ([w[.mapColInformant], w[.mapColTranscript]] + attributes.map(\.displayName)
                                   + [w[.mapColStepsWithEvidence], w[.mapColPassages], w[.mapColAnswered]]).map { [.text($0)] },
                          rows: rows, notes: [[.text(participants.isEmpty ? w[.mapNoParticipants] : w[.mapInformantsNote])]])
        // Past seven columns (more than two attributes) a portrait page breaks the words: turn it.
        table.landscape = table.columnCount > 7
        return table
    }
}
