import Foundation
import GRDB

/// Participants by id, then pseudonym; attributes by id, then name (both in any letter case, as the store
/// keeps them apart); and their values. A value both copies hold and that differs keeps ours; a
/// participant or attribute renamed in one copy is still one record, its other name reported.
enum MergeParticipants {
    static func merge(_ context: MergeContext) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        context.declare(.participant, .attribute, .attributeValue)
        var ourParticipants = Dictionary(try Participant.fetchAll(ours).map { ($0.pseudonym.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var participantsById = Dictionary(ourParticipants.values.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for participant in try Participant.order(Column.rowID).fetchAll(theirs) {
            // By id first: a participant renamed in one copy must not come back under the old pseudonym.
            if let mine = participantsById[participant.id] ?? ourParticipants[participant.pseudonym.lowercased()] {
                context.participants[participant.id] = mine.id
                context.matched(.participant)
                let renamed = mine.pseudonym.lowercased() != participant.pseudonym.lowercased()
                context.compare(.participant, mine.pseudonym, .pseudonym, ours: renamed ? mine.pseudonym : nil, theirs: participant.pseudonym)
                if context.settle(.participant, participant.pseudonym, .label, ours: mine.label, theirs: participant.label) {
                    try context.fill(.participant, table: "participant", "id", mine.id, ["label": participant.label.databaseValue])
                }
                continue
            }
            var new = participant
            new.id = try context.freeID(participant.id, in: "participant")
            try new.insert(ours)
            ourParticipants[new.pseudonym.lowercased()] = new
            participantsById[new.id] = new
            context.participants[participant.id] = new.id
            context.added(.participant)
        }

        var ourAttributes = Dictionary(try Attribute.fetchAll(ours).map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var attributesById = Dictionary(ourAttributes.values.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var attributeTypes: [UUID: Attribute] = [:]
        for attribute in try Attribute.order(Column.rowID).fetchAll(theirs) {
            if let mine = attributesById[attribute.id] ?? ourAttributes[attribute.name.lowercased()] {
                let renamed = mine.name.lowercased() != attribute.name.lowercased()
                context.compare(.attribute, mine.name, .name, ours: renamed ? mine.name : nil, theirs: attribute.name)
                context.attributes[attribute.id] = mine.id
                attributeTypes[mine.id] = mine
                context.matched(.attribute)
                context.compare(.attribute, attribute.name, .type, ours: mine.type.rawValue, theirs: attribute.type.rawValue)
                if context.settle(.attribute, attribute.name, .label, ours: mine.label, theirs: attribute.label) {
                    try context.fill(.attribute, table: "attribute", "id", mine.id, ["label": attribute.label.databaseValue])
                }
                continue
            }
            var new = attribute
            new.id = try context.freeID(attribute.id, in: "attribute")
            try new.insert(ours)
            ourAttributes[new.name.lowercased()] = new
            attributesById[new.id] = new
            attributeTypes[new.id] = new
            context.attributes[attribute.id] = new.id
            context.added(.attribute)
        }

        // Conflicts name the participant and attribute as this project does.
        let pseudonyms = Dictionary(ourParticipants.values.map { ($0.id, $0.pseudonym) }, uniquingKeysWith: { a, _ in a })
        for value in try AttributeValue.order(Column.rowID).fetchAll(theirs) {
            guard let participant = context.participants[value.participantId], let attributeId = context.attributes[value.attributeId],
                  let attribute = attributeTypes[attributeId] else { continue }
            let what = "\(pseudonyms[participant] ?? "?"): \(attribute.name)"
            if let mine = try AttributeValue.fetchOne(ours, key: ["participantId": participant, "attributeId": attributeId]) {
                context.matched(.attributeValue)
                context.compare(.attributeValue, what, .value, ours: mine.value, theirs: value.value)
                continue
            }
            // Their value must fit our attribute's type (a type conflict was reported above).
            guard let normalized = attribute.type.normalized(value.value) else {
                context.conflict(.attributeValue, what, .type, ours: attribute.type.rawValue, theirs: value.value)
                continue
            }
            try AttributeValue(participantId: participant, attributeId: attributeId, value: normalized).insert(ours)
            context.added(.attributeValue)
        }
    }
}
