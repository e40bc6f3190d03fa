import Foundation
import GRDB
import QualCode

/// A consensus decision on a disagreement: which coders' passages the team adopted (none: the code does
/// not belong there), made as codings of the consensus coder, so the coders' own codings — and the
/// agreement worked out from them — stay as they were.
public struct ConsensusDecision: Sendable, Hashable, Codable {
    /// The disagreement's number.
    public var disagreement: String
    public var adopted: [String]
    /// Whose codings the decision made («konsensus»).
    public var consensusCoder: String
    /// How many codings the decision made.
    public var codings: Int
    public var note: String?
    public var decidedBy: String
    public var decidedAt: Date

    static func all(_ db: Database) throws -> [String: ConsensusDecision] {
        var decisions: [String: ConsensusDecision] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM agreeDecision") {
            let decision = ConsensusDecision(
                disagreement: row["disagreement"], adopted: decodeList(row["adopted"]), consensusCoder: row["consensusCoder"],
                codings: decodeList(row["codings"]).count, note: row["note"], decidedBy: row["decidedBy"], decidedAt: row["decidedAt"])
            decisions[decision.disagreement] = decision
        }
        return decisions
    }

    static func decodeList(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    static func encodeList(_ list: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(list)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

/// What adopting agreed passages did.
public struct AgreedAdoption: Sendable, Hashable, Codable {
    /// Codings made for the consensus coder.
    public var added: Int
    /// Agreed passages the consensus coder already had.
    public var alreadyPresent: Int
}

extension Agreement {
    /// The consensus coder's name when none is given.
    public static let defaultConsensusCoder = "konsensus"

    /// Settles disagreements: codes the adopted coders' passages with the code for the consensus coder
    /// (no one's: nothing is coded) and records each decision; deciding again replaces the earlier
    /// decision and the codings it made. All of them in one transaction; the event log records each.
    ///
    /// - Parameters:
    ///   - ids: the disagreements' numbers as ``disagreements(_:)`` lists them.
    ///   - adopt: compared coders whose passages are adopted; empty adopts none.
    /// - Throws: ``AgreementError/unknownDisagreement(id:)``, ``AgreementError/notCompared(coder:compared:)``,
    ///   ``AgreementError/consensusCoderCompared(name:)``, what ``agreement(_:)`` throws; nothing is
    ///   changed then.
    @discardableResult
    public func decide(_ ids: [String], in scope: AgreementScope, adopt: [String], as consensusCoder: String = Agreement.defaultConsensusCoder,
                       note: String? = nil) throws -> [ConsensusDecision] {
        let consensusCoder = try NameRules.checked(consensusCoder, what: "consensus coder")
        let note = note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        return try store.pool.write { db in
            let layers = try CodingLayers.read(db, scope)
            guard !layers.coders.contains(consensusCoder) else { throw AgreementError.consensusCoderCompared(name: consensusCoder) }
            for coder in adopt where !layers.coders.contains(coder) {
                throw AgreementError.notCompared(coder: coder, compared: layers.coders)
            }
            let items = Self.disagreements(layers, decisions: [:]).items
            var chosen: [Disagreement] = []
            for id in ids {
                let key = id.trimmingCharacters(in: .whitespaces).lowercased()
                guard let item = items.first(where: { $0.id == key }) else { throw AgreementError.unknownDisagreement(id: id) }
                if !chosen.contains(item) { chosen.append(item) }
            }
            let consensus = try store.coding(for: consensusCoder)
            return try chosen.map { item in
                try decide(db, item, coders: layers.coders, adopt: adopt, consensus: consensus, note: note)
            }
        }
    }

    private func decide(_ db: Database, _ item: Disagreement, coders: [String], adopt: [String], consensus: ProjectStore,
                        note: String?) throws -> ConsensusDecision {
        try undoDecision(db, item.id, by: consensus)
        var made: [String] = []
        var seen: Set<UUID> = []
        // Anchored at the top, so a path no other code's path ends in names exactly this code.
        let path = "/" + item.codePath
        for side in item.sides where adopt.contains(side.coder) {
            for passage in side.passages where seen.insert(passage.segment).inserted {
                let result = try consensus.code(in: db, [CodingRequest(transcript: item.transcript,
                                                                      selector: .offsets(start: passage.start, end: passage.end),
                                                                      codes: [path])])[0]
                if !result.added.isEmpty, let coding = try Self.codingID(db, segment: result.segment.id, code: item.code, coder: consensus.coder) {
                    made.append(coding.uuidString)
                }
            }
        }
        let adopted = item.sides.map(\.coder).filter { adopt.contains($0) }
        let now = Date()
        try db.execute(sql: """
            INSERT INTO agreeDecision (disagreement, codeId, transcriptId, start, "end", coders, adopted, consensusCoder, codings, note, decidedBy, decidedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [item.id, item.code, item.transcript, item.start, item.end, ConsensusDecision.encodeList(coders),
                             ConsensusDecision.encodeList(adopted), consensus.coder, ConsensusDecision.encodeList(made), note,
                             store.coder, now])
        try store.log(db, "agree.consensus", [
            "disagreement": .string(item.id), "code": LogValue(item.code), "transcript": LogValue(item.transcript),
            "start": .int(item.start), "end": .int(item.end), "coders": .array(coders.map { .string($0) }),
            "adopted": .array(adopted.map { .string($0) }), "consensusCoder": .string(consensus.coder),
            "codings": .int(made.count), "note": LogValue(note),
        ])
        return ConsensusDecision(disagreement: item.id, adopted: adopted, consensusCoder: consensus.coder, codings: made.count, note: note,
                                 decidedBy: store.coder, decidedAt: now)
    }

    /// Codes every passage the coders agree on (each gave the code over the same stretch) for the
    /// consensus coder, so the consensus coding holds the agreed passages as well as the decided ones.
    ///
    /// - Throws: as ``decide(_:in:adopt:as:note:)``.
    @discardableResult
    public func adoptAgreed(_ scope: AgreementScope, as consensusCoder: String = Agreement.defaultConsensusCoder) throws -> AgreedAdoption {
        let consensusCoder = try NameRules.checked(consensusCoder, what: "consensus coder")
        return try store.pool.write { db in
            let layers = try CodingLayers.read(db, scope)
            guard !layers.coders.contains(consensusCoder) else { throw AgreementError.consensusCoderCompared(name: consensusCoder) }
            let consensus = try store.coding(for: consensusCoder)
            var requests: [CodingRequest] = []
            for code in layers.codes {
                let path = "/" + (layers.paths[code] ?? "")
                for layer in layers.layers where layer.codedByAll {
                    let marks = layers.coders.indices.map { layer.marks(of: code, coder: $0) }
                    for cluster in marks.flatMap({ $0.map(\.span) }).clustered() {
                        let coverage = marks.map { $0.filter { $0.span.overlaps(cluster) }.map(\.span).covered() }
                        guard !coverage.contains(where: \.isEmpty), Set(coverage).count == 1 else { continue }
                        for mark in marks[0] where mark.span.overlaps(cluster) {
                            requests.append(CodingRequest(transcript: layer.id, selector: .offsets(start: mark.span.start, end: mark.span.end),
                                                          codes: [path]))
                        }
                    }
                }
            }
            let results = try consensus.code(in: db, requests)
            let adoption = AgreedAdoption(added: results.filter { !$0.added.isEmpty }.count,
                                          alreadyPresent: results.filter { $0.added.isEmpty }.count)
            try store.log(db, "agree.adoptAgreed", [
                "coders": .array(layers.coders.map { .string($0) }), "consensusCoder": .string(consensusCoder),
                "added": .int(adoption.added), "alreadyPresent": .int(adoption.alreadyPresent),
            ])
            return adoption
        }
    }

    /// Takes back the codings an earlier decision on the disagreement made, and the decision.
    private func undoDecision(_ db: Database, _ key: String, by consensus: ProjectStore) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT codeId, codings FROM agreeDecision WHERE disagreement = ?", arguments: [key]) else { return }
        let code: UUID = row["codeId"]
        for id in ConsensusDecision.decodeList(row["codings"]).compactMap(UUID.init(uuidString:)) {
            guard let segmentID = try UUID.fetchOne(db, sql: "SELECT segmentId FROM coding WHERE id = ?", arguments: [id]),
                  let segment = try ProjectStore.segment(db, id: segmentID) else { continue }
            _ = try consensus.uncode(in: db, segment: segment, codes: [code], force: true)
        }
        try db.execute(sql: "DELETE FROM agreeDecision WHERE disagreement = ?", arguments: [key])
    }

    static func codingID(_ db: Database, segment: UUID, code: UUID, coder: String) throws -> UUID? {
        try UUID.fetchOne(db, sql: "SELECT id FROM coding WHERE segmentId = ? AND codeId = ? AND coder = ?", arguments: [segment, code, coder])
    }
}
