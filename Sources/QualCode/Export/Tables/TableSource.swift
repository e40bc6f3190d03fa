import Foundation
import GRDB

/// What the standard tables count, read in one transaction so every table of an export agrees:
/// participants with their attributes, the code tree, which segments carry each code and who said
/// each segment.
///
/// Orphaned segments (whose text was deleted from the transcript) are left out. Who said a segment
/// follows the `segmentParticipant` view: the participants whose turns it overlaps, or, in a
/// transcript without attributed turns, the participants linked to the transcript.
struct TableSource {
    /// A code in tree order.
    struct CodeEntry {
        var code: Code
        var path: String
        var depth: Int
        var parentPath: String?
        var hasChildren: Bool

        func label(_ style: CodeLabelStyle) -> String { style.label(path: path, name: code.name, depth: depth) }
    }

    /// Participants ordered by pseudonym, without counts.
    var participants: [ParticipantSummary]
    /// Attributes ordered by name.
    var attributes: [Attribute]
    /// Every code, depth first, parents before children, siblings by name.
    var codes: [CodeEntry]
    /// Code id → the distinct segments coded with it.
    var segmentsByCode: [UUID: [UUID]]
    /// Segment id → the participants who said it (none for a segment nobody known said).
    var participantsBySegment: [UUID: [UUID]]
    /// Participant id → the transcripts linked to them.
    var transcriptsByParticipant: [UUID: Int]

    static func read(_ db: Database) throws -> TableSource {
        let participants = try ProjectStore.participantSummaries(db, withCounts: false)
        let attributes = try Attribute.fetchAll(db).sorted { $0.name < $1.name }
        var segmentsByCode: [UUID: [UUID]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT g.codeId, g.segmentId FROM coding g JOIN segment s ON s.id = g.segmentId
            WHERE NOT s.isOrphaned ORDER BY g.codeId, g.segmentId
            """) {
            segmentsByCode[row["codeId"], default: []].append(row["segmentId"])
        }
        var participantsBySegment: [UUID: [UUID]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT sp.segmentId, sp.participantId FROM segmentParticipant sp JOIN segment s ON s.id = sp.segmentId
            WHERE NOT s.isOrphaned
            """) {
            participantsBySegment[row["segmentId"], default: []].append(row["participantId"])
        }
        let transcripts = try Row.fetchAll(db, sql: "SELECT participantId, COUNT(*) AS n FROM transcriptParticipant GROUP BY participantId")
            .reduce(into: [UUID: Int]()) { $0[$1["participantId"]] = $1["n"] }
        return TableSource(participants: participants, attributes: attributes, codes: try codeTree(db),
                           segmentsByCode: segmentsByCode, participantsBySegment: participantsBySegment,
                           transcriptsByParticipant: transcripts)
    }

    /// The code tree in the order the code listing shows it: depth first, siblings by name.
    static func codeTree(_ db: Database) throws -> [CodeEntry] {
        let codes = try Code.fetchAll(db)
        let children = Dictionary(grouping: codes, by: \.parentId)
        var entries: [CodeEntry] = []
        var seen: Set<UUID> = []
        func visit(_ parent: UUID?, depth: Int, prefix: String?) {
            for code in (children[parent] ?? []).sorted(by: { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) })
            where seen.insert(code.id).inserted {
                let path = prefix.map { $0 + "/" + code.name } ?? code.name
                entries.append(CodeEntry(code: code, path: path, depth: depth, parentPath: prefix,
                                         hasChildren: !(children[code.id] ?? []).isEmpty))
                visit(code.id, depth: depth + 1, prefix: path)
            }
        }
        visit(nil, depth: 0, prefix: nil)
        return entries
    }

    // MARK: - Choosing

    /// The attributes named in `names`, in that order (each once); all of them when `names` is nil.
    ///
    /// - Throws: ``ExportError/unknownAttribute(name:use:known:suggestions:)`` for a name the project does not
    ///   have, saying what it was named for.
    func attributes(named names: [String]?, for use: ExportError.AttributeUse) throws -> [Attribute] {
        guard let names else { return attributes }
        var chosen: [Attribute] = []
        for name in names {
            let key = name.trimmingCharacters(in: .whitespaces)
            guard let attribute = attributes.first(where: { $0.name == key })
                ?? attributes.first(where: { $0.name.lowercased() == key.lowercased() }) else {
                let known = attributes.map(\.name)
                throw ExportError.unknownAttribute(name: name, use: use, known: known, suggestions: Suggestions.nearest(to: name, among: known))
            }
            if !chosen.contains(where: { $0.id == attribute.id }) { chosen.append(attribute) }
        }
        return chosen
    }

    /// The codes named in `references` (resolved by the store, by name or path), in tree order; every
    /// code when `references` is empty.
    ///
    /// - Parameter includeChildren: also every code below a named one (for a table that lists
    ///   codings code by code).
    /// - Throws: ``StoreError`` for an unknown code.
    func codes(named references: [String], includeChildren: Bool = false, in db: Database) throws -> [CodeEntry] {
        guard !references.isEmpty else { return codes }
        var wanted: Set<UUID> = []
        for reference in references {
            let id = try ProjectStore.code(db, reference).id
            wanted.insert(id)
            if includeChildren { wanted.formUnion(descendants(of: id)) }
        }
        return codes.filter { wanted.contains($0.code.id) }
    }

    /// Every code below `code`, at any depth.
    func descendants(of code: UUID) -> Set<UUID> {
        let children = Dictionary(grouping: codes, by: \.code.parentId)
        var result: Set<UUID> = []
        var queue = [code]
        while let next = queue.popLast() {
            for child in children[next] ?? [] where result.insert(child.code.id).inserted { queue.append(child.code.id) }
        }
        return result
    }

    /// The source with each of `chosen` standing for its own segments and those of every code below
    /// it, so a parent's row or column counts its children's segments (each segment once).
    func includingChildren(of chosen: [CodeEntry]) -> TableSource {
        var copy = self
        for entry in chosen {
            var segments = Set(segmentsByCode[entry.code.id] ?? [])
            for child in descendants(of: entry.code.id) { segments.formUnion(segmentsByCode[child] ?? []) }
            copy.segmentsByCode[entry.code.id] = segments.sorted { $0.uuidString < $1.uuidString }
        }
        return copy
    }

    // MARK: - Counting

    /// The participants who said at least one segment of `code`.
    func participants(of code: UUID) -> Set<UUID> {
        var result: Set<UUID> = []
        for segment in segmentsByCode[code] ?? [] { result.formUnion(participantsBySegment[segment] ?? []) }
        return result
    }

    /// Segments of `code` said by each participant.
    func segmentCounts(of code: UUID) -> [UUID: Int] {
        var counts: [UUID: Int] = [:]
        for segment in segmentsByCode[code] ?? [] {
            for participant in participantsBySegment[segment] ?? [] { counts[participant, default: 0] += 1 }
        }
        return counts
    }

    /// Coded segments said by each participant.
    var segmentsByParticipant: [UUID: Int] {
        var counts: [UUID: Int] = [:]
        for participants in participantsBySegment.values {
            for participant in participants { counts[participant, default: 0] += 1 }
        }
        return counts
    }
}
