import Foundation
import GRDB

/// A participant with their attribute values and how much of the material is theirs.
public struct ParticipantSummary: Hashable, Sendable, Codable {
    public var id: UUID
    public var pseudonym: String
    public var label: String?
    /// Attribute name → value, in the attribute's normal form.
    public var attributes: [String: String]
    public var transcripts: Int
    public var segments: Int
    /// The transcripts linked to the participant (the ones `transcripts` counts), by name; empty where
    /// counts were skipped.
    public var linkedTranscripts: [RecordReference] = []
}

/// What a participant CSV import did.
public struct ParticipantImportReport: Hashable, Sendable, Codable {
    public var added: [String]
    public var updated: [String]
    public var attributes: [String: AttributeType]
    /// Display names set from the headers («rolle=Rolle i tjenesten»), by attribute name.
    public var labels: [String: String] = [:]
}

extension ProjectStore {
    // MARK: - Reads

    public func participants() throws -> [ParticipantSummary] {
        try pool.read { db in try Self.participantSummaries(db) }
    }

    /// Participants with their attributes; `withCounts: false` skips the transcript and segment
    /// counts, which walk every segment (labels need only the attributes).
    static func participantSummaries(_ db: Database, withCounts: Bool = true) throws -> [ParticipantSummary] {
        let participants = try Participant.order(Participant.Columns.pseudonym).fetchAll(db)
        let attributes = Dictionary(uniqueKeysWithValues: try Attribute.fetchAll(db).map { ($0.id, $0.name) })
        var values: [UUID: [String: String]] = [:]
        for v in try AttributeValue.fetchAll(db) {
            values[v.participantId, default: [:]][attributes[v.attributeId] ?? "?"] = v.value
        }
        guard withCounts else {
            return participants.map { p in
                ParticipantSummary(id: p.id, pseudonym: p.pseudonym, label: p.label, attributes: values[p.id] ?? [:], transcripts: 0, segments: 0)
            }
        }
        let transcriptCounts = try Row.fetchAll(db, sql: "SELECT participantId, COUNT(*) AS n FROM transcriptParticipant GROUP BY participantId")
            .reduce(into: [UUID: Int]()) { $0[$1["participantId"]] = $1["n"] }
        // Who said a segment: the maintained segment → speaker rows, read through their participant index.
        let segmentCounts = try Row.fetchAll(db, sql: """
            SELECT participantId AS pid, COUNT(*) AS n FROM segmentSpeaker
             WHERE segmentId NOT IN (SELECT id FROM segment WHERE isOrphaned)
             GROUP BY participantId
            """).reduce(into: [UUID: Int]()) { $0[$1["pid"]] = $1["n"] }
        let links = try Row.fetchAll(db, sql: """
            SELECT tp.participantId AS pid, t.id, t.slug FROM transcriptParticipant tp JOIN transcript t ON t.id = tp.transcriptId
             ORDER BY t.slug
            """).reduce(into: [UUID: [RecordReference]]()) { $0[$1["pid"], default: []].append(RecordReference(.transcript, $1["id"], $1["slug"])) }
        return participants.map { p in
            ParticipantSummary(id: p.id, pseudonym: p.pseudonym, label: p.label, attributes: values[p.id] ?? [:],
                               transcripts: transcriptCounts[p.id] ?? 0, segments: segmentCounts[p.id] ?? 0,
                               linkedTranscripts: links[p.id] ?? [])
        }
    }

    /// Finds a participant by pseudonym, case-insensitively (æøå included).
    public func participant(_ reference: String) throws -> Participant {
        try pool.read { db in try Self.participant(db, reference) }
    }

    static func participant(_ db: Database, _ reference: String) throws -> Participant {
        let all = try Participant.fetchAll(db)
        let key = reference.trimmingCharacters(in: .whitespaces).lowercased()
        if let match = all.first(where: { $0.pseudonym.lowercased() == key }) { return match }
        if let id = UUID(uuidString: reference), let match = all.first(where: { $0.id == id }) { return match }
        let pseudonyms = all.map(\.pseudonym).sorted()
        throw StoreError.notFound(what: "participant", reference: reference, candidates: pseudonyms,
                                  suggestions: Suggestions.nearest(to: reference, among: pseudonyms))
    }

    // MARK: - Writes

    /// Adds a participant with typed attributes (`rolle=metodeveileder`, `teamstørrelse=6`).
    ///
    /// A new attribute takes its type from the first value (integer, float, boolean, date or text);
    /// later values must fit it.
    /// The pseudonym is held to ``NameRules`` (trimmed, composed, one line, at most
    /// ``NameRules/maximumLength`` characters), like every name a person gives.
    /// The label is trimmed (a blank one is none).
    /// - Throws: ``StoreError/duplicate(what:name:)`` for a pseudonym taken (case-insensitively);
    ///   ``StoreError/emptyName(what:)`` or ``StoreError/invalidName(what:name:problem:)`` for one that breaks
    ///   the rules; ``StoreError/invalidAttribute(name:value:type:)`` for a value that does not fit its
    ///   attribute's type. Nothing is changed then.
    @discardableResult
    public func addParticipant(pseudonym: String, label: String? = nil, attributes: [(String, String)] = []) throws -> Participant {
        let pseudonym = try NameRules.checked(pseudonym, what: "participant")
        let label = Self.label(label)
        return try pool.write { db in
            try Self.requireFreePseudonym(db, pseudonym)
            let participant = Participant(pseudonym: pseudonym, label: label)
            try participant.insert(db)
            for (name, value) in attributes {
                try Self.setAttribute(db, participant: participant.id, name: name, value: value, newType: AttributeType.inferred(from: [value]))
            }
            try log(db, "participant.add", [
                "id": LogValue(participant.id), "pseudonym": .string(pseudonym), "label": LogValue(label),
                "attributes": .object(Dictionary(attributes, uniquingKeysWith: { $1 }).mapValues { .string($0) }),
            ])
            return participant
        }
    }

    /// Sets or clears (empty value) attributes of an existing participant, and optionally its label (a
    /// blank label removes it). An attribute not defined yet is made with the type of its value; a value
    /// must fit its attribute's type (decimal commas and «ja»/«nei» are taken and stored in normal form).
    /// All of it is one transaction: one value refused, nothing is changed.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` when no participant has this id, ``StoreError/unchanged(_:name:)``
    ///   when neither a label nor a value is given, ``StoreError/invalidAttribute(name:value:type:)`` for a
    ///   value that does not fit, and as
    ///   ``NameRules`` for an attribute name that breaks the rules.
    public func updateParticipant(_ id: Participant.ID, label: String? = nil, attributes: [(String, String)]) throws {
        let newLabel = label.map(Self.label)
        try pool.write { db in
            guard var participant = try Participant.fetchOne(db, key: id) else { throw StoreError.missing(.participant, id) }
            guard label != nil || !attributes.isEmpty else { throw StoreError.unchanged(.participant, name: "\"\(participant.pseudonym)\"") }
            if let newLabel { participant.label = newLabel; try participant.update(db) }
            for (name, value) in attributes {
                try Self.setAttribute(db, participant: participant.id, name: name, value: value, newType: AttributeType.inferred(from: [value]))
            }
            try log(db, "participant.update", [
                "id": LogValue(participant.id), "label": LogValue(label),
                "attributes": .object(Dictionary(attributes, uniquingKeysWith: { $1 }).mapValues { .string($0) }),
            ])
        }
    }

    /// Gives a participant another pseudonym. Everything stays linked (transcripts, speaker turns, the
    /// segments they said, attributes, memos): they refer to the participant's id, which does not change.
    /// The transcripts' text is not touched: speaker labels in it stay as they were imported.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` for an unknown id, ``StoreError/unchanged(_:name:)`` for the
    ///   same name, and as ``addParticipant(pseudonym:label:attributes:)`` for a name taken or not valid.
    @discardableResult
    public func renameParticipant(_ id: Participant.ID, to newName: String) throws -> Participant {
        let name = try NameRules.checked(newName, what: "participant")
        return try pool.write { db in
            guard var participant = try Participant.fetchOne(db, key: id) else { throw StoreError.missing(.participant, id) }
            guard participant.pseudonym != name else { throw StoreError.unchanged(.participant, name: "\"\(name)\"") }
            try Self.requireFreePseudonym(db, name, except: id)
            let old = participant.pseudonym
            participant.pseudonym = name
            try participant.update(db)
            try log(db, "participant.rename", ["id": LogValue(id), "from": .string(old), "to": .string(name)])
            return participant
        }
    }

    /// Refuses a pseudonym another participant has, case-insensitively («eva» and «Eva» are one name).
    static func requireFreePseudonym(_ db: Database, _ name: String, except id: Participant.ID? = nil) throws {
        let key = name.lowercased()
        if try Participant.fetchAll(db).contains(where: { $0.id != id && $0.pseudonym.lowercased() == key }) {
            throw StoreError.duplicate(what: "participant", name: name)
        }
    }

    /// The attribute a name means: written exactly so, or else in another case («rolle» for «Rolle»),
    /// as names are unique ignoring case.
    static func attribute(_ db: Database, named raw: String) throws -> Attribute? {
        let name = raw.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        let all = try Attribute.fetchAll(db)
        return all.first { $0.name == name } ?? all.first { $0.name.lowercased() == name.lowercased() }
    }

    static func setAttribute(_ db: Database, participant: UUID, name rawName: String, value: String, newType: @autoclosure () -> AttributeType) throws {
        let name = try NameRules.checked(rawName, what: "attribute")
        let attribute: Attribute
        if let existing = try Self.attribute(db, named: name) {
            attribute = existing
        } else {
            attribute = Attribute(name: name, type: newType())
            try attribute.insert(db)
        }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            try AttributeValue.filter(AttributeValue.Columns.participantId == participant && AttributeValue.Columns.attributeId == attribute.id).deleteAll(db)
            return
        }
        guard let normal = attribute.type.normalized(trimmed) else {
            throw StoreError.invalidAttribute(name: name, value: value, type: attribute.type)
        }
        try AttributeValue(participantId: participant, attributeId: attribute.id, value: normal).upsert(db)
    }

    /// Adds or updates participants from a CSV file: a `pseudonym` column (or the first column), an
    /// optional `label` column, and one column per attribute. Comma or semicolon separated, UTF-8
    /// with or without BOM, UTF-16 with BOM, or the `encoding` named. All rows are checked before
    /// anything is written.
    public func importParticipants(csv url: URL, encoding: String.Encoding? = nil) throws -> ParticipantImportReport {
        let table = try ParticipantTable.read(url, encoding: encoding)
        return try importWrite([url.lastPathComponent]) { db in
            var report = ParticipantImportReport(added: [], updated: [], attributes: [:])
            let existing = Dictionary(try Participant.fetchAll(db).map { ($0.pseudonym.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
            // A new attribute is typed by its whole column, so "6" then "6,5" makes a float; an existing
            // one keeps its type. Every value is checked before the first row is written.
            let columnTypes = try table.attributeNames.enumerated().map { column, name in
                try Self.attribute(db, named: name)?.type ?? AttributeType.inferred(from: table.rows.map { $0.values[column] })
            }
            for row in table.rows {
                if existing[row.pseudonym.lowercased()] == nil {
                    do { _ = try NameRules.checked(row.pseudonym, what: "participant") } catch let error as StoreError {
                        throw ImportError.invalidRow(file: url.lastPathComponent, line: row.line, reason: error.description)
                    }
                }
                for (column, value) in row.values.enumerated() where !value.trimmingCharacters(in: .whitespaces).isEmpty {
                    if columnTypes[column].normalized(value) == nil {
                        let error = StoreError.invalidAttribute(name: table.attributeNames[column], value: value, type: columnTypes[column])
                        throw ImportError.invalidRow(file: url.lastPathComponent, line: row.line, reason: error.description)
                    }
                }
            }
            for row in table.rows {
                let pseudonym = row.pseudonym
                var participant: Participant
                if let found = existing[pseudonym.lowercased()] {
                    participant = found
                    if let label = row.label { participant.label = label; try participant.update(db) }
                    report.updated.append(pseudonym)
                } else {
                    participant = Participant(pseudonym: try NameRules.checked(pseudonym, what: "participant"), label: row.label)
                    try participant.insert(db)
                    report.added.append(pseudonym)
                }
                for (column, name) in table.attributeNames.enumerated() {
                    do {
                        try Self.setAttribute(db, participant: participant.id, name: name, value: row.values[column],
                                              newType: columnTypes[column])
                    } catch let error as StoreError {
                        throw ImportError.invalidRow(file: url.lastPathComponent, line: row.line, reason: error.description)
                    }
                }
            }
            for (column, label) in table.attributeLabels.enumerated() {
                guard let label, var attribute = try Self.attribute(db, named: table.attributeNames[column]) else { continue }
                attribute.label = label
                try attribute.update(db)
                report.labels[attribute.name] = label
            }
            for name in table.attributeNames {
                if let attribute = try Self.attribute(db, named: name) { report.attributes[attribute.name] = attribute.type }
            }
            try log(db, "participant.import", [
                "file": .string(url.lastPathComponent), "added": .array(report.added.map { .string($0) }),
                "updated": .array(report.updated.map { .string($0) }),
                "labels": .object(report.labels.mapValues { .string($0) }),
            ])
            return report
        }
    }
}
