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
    /// Adopted as a passage every coder coded the same (not decided on a disagreement).
    public var agreed = false

    /// The decisions taken between these coders (in any order), by disagreement number.
    static func all(_ db: Database, coders: [String]) throws -> [String: ConsensusDecision] {
        var decisions: [String: ConsensusDecision] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM agreeDecision") where decodeList(row["coders"]).sorted() == coders.sorted() {
            let decision = ConsensusDecision(
                disagreement: row["disagreement"], adopted: decodeList(row["adopted"]), consensusCoder: row["consensusCoder"],
                codings: decodeList(row["codings"]).count, note: row["note"], decidedBy: row["decidedBy"], decidedAt: row["decidedAt"],
                agreed: row["agreed"])
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
    /// (several coders adopted: the stretch their passages cover together, once; no one's: nothing is
    /// coded) and records each decision. Deciding again — or deciding a passage that changed since an
    /// earlier decision on it — takes back the earlier decision and the codings it made. All of them in
    /// one transaction; the event log records each, under who decided.
    ///
    /// - Parameters:
    ///   - ids: the disagreements' numbers as ``disagreements(_:)`` lists them.
    ///   - adopt: compared coders whose passages are adopted; empty adopts none.
    ///   - consensusCoder: whose codings the decisions are: a name of its own, not a compared coder's, not
    ///     an account's, and not one with codings of its own made otherwise than by consensus decisions.
    /// - Throws: ``AgreementError/unknownDisagreement(id:)``, ``AgreementError/notCompared(coder:compared:)``,
    ///   ``AgreementError/consensusCoderCompared(name:)``, ``AgreementError/consensusCoderInUse(name:)``,
    ///   what ``agreement(_:)`` throws; nothing is changed then.
    @discardableResult
    public func decide(_ ids: [String], in scope: AgreementScope, adopt: [String], as consensusCoder: String = Agreement.defaultConsensusCoder,
                       note: String? = nil) throws -> [ConsensusDecision] {
        let consensusCoder = try NameRules.checked(consensusCoder, what: "consensus coder")
        let note = note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        return try store.pool.write { db in
            let layers = try CodingLayers.read(db, scope)
            try Self.checkConsensusCoder(db, consensusCoder, compared: layers.coders)
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
                let adopted = item.sides.map(\.coder).filter { adopt.contains($0) }
                let spans = item.sides.filter { adopted.contains($0.coder) }.flatMap(\.passages).map { Span(start: $0.start, end: $0.end) }.covered()
                let made = try record(db, code: item.code, path: item.codePath, transcript: item.transcript, span: Span(start: item.start, end: item.end),
                                      key: item.id, coders: layers.coders, adopted: adopted, spans: spans, consensus: consensus, note: note, agreed: false)
                try store.log(db, "agree.consensus", [
                    "disagreement": .string(item.id), "code": LogValue(item.code), "transcript": LogValue(item.transcript),
                    "start": .int(item.start), "end": .int(item.end), "coders": .array(layers.coders.map { .string($0) }),
                    "adopted": .array(adopted.map { .string($0) }), "consensusCoder": .string(consensusCoder),
                    "codings": .int(made.count), "note": LogValue(note),
                ])
                return ConsensusDecision(disagreement: item.id, adopted: adopted, consensusCoder: consensusCoder, codings: made.count, note: note,
                                         decidedBy: store.coder, decidedAt: Date())
            }
        }
    }

    /// Codes every passage the coders agree on (each gave the code over the same stretch) for the
    /// consensus coder, so the consensus coding holds the agreed passages as well as the decided ones.
    /// Each is recorded as a decision adopting every coder, so a later decision on it can take it back.
    ///
    /// - Throws: as ``decide(_:in:adopt:as:note:)``.
    @discardableResult
    public func adoptAgreed(_ scope: AgreementScope, as consensusCoder: String = Agreement.defaultConsensusCoder) throws -> AgreedAdoption {
        let consensusCoder = try NameRules.checked(consensusCoder, what: "consensus coder")
        return try store.pool.write { db in
            let layers = try CodingLayers.read(db, scope)
            try Self.checkConsensusCoder(db, consensusCoder, compared: layers.coders)
            let consensus = try store.coding(for: consensusCoder)
            var adoption = AgreedAdoption(added: 0, alreadyPresent: 0)
            for code in layers.codes {
                for layer in layers.layers where layer.codedByAll {
                    let marks = layers.coders.indices.map { layer.marks(of: code, coder: $0) }
                    for (cluster, inside) in Self.passages(marks) {
                        let coverage = inside.map { $0.map(\.span).covered() }
                        guard !coverage.contains(where: \.isEmpty), Set(coverage).count == 1 else { continue }
                        let key = Self.disagreementID(code: code, transcript: layer.id, span: cluster, coders: layers.coders)
                        if try Self.decision(db, key: key, consensusCoder: consensusCoder) {
                            adoption.alreadyPresent += 1
                            continue
                        }
                        _ = try record(db, code: code, path: layers.paths[code] ?? "", transcript: layer.id, span: cluster, key: key,
                                       coders: layers.coders, adopted: layers.coders, spans: coverage[0], consensus: consensus, note: nil,
                                       agreed: true)
                        adoption.added += 1
                    }
                }
            }
            try store.log(db, "agree.adoptAgreed", [
                "coders": .array(layers.coders.map { .string($0) }), "consensusCoder": .string(consensusCoder),
                "added": .int(adoption.added), "alreadyPresent": .int(adoption.alreadyPresent),
            ])
            return adoption
        }
    }

    /// Takes back earlier decisions on the passage (the same one, or one that overlaps it for the same
    /// code and coders: the codings changed since), codes `spans` for the consensus coder, and records
    /// the decision with the codings it made.
    private func record(_ db: Database, code: UUID, path: String, transcript: UUID, span: Span, key: String, coders: [String],
                        adopted: [String], spans: [Span], consensus: ProjectStore, note: String?, agreed: Bool) throws -> [String] {
        try takeBack(db, code: code, transcript: transcript, span: span, key: key, coders: coders)
        var made: [String] = []
        // Anchored at the top, so a path no other code's path ends in names exactly this code.
        let requests = spans.map { CodingRequest(transcript: transcript, selector: .offsets(start: $0.start, end: $0.end), codes: ["/" + path]) }
        for result in try consensus.code(in: db, requests) where !result.added.isEmpty {
            if let coding = try Self.codingID(db, segment: result.segment.id, code: code, coder: consensus.coder) { made.append(coding.uuidString) }
        }
        try db.execute(sql: """
            INSERT INTO agreeDecision (disagreement, codeId, transcriptId, start, "end", coders, adopted, consensusCoder, codings, note,
                                       decidedBy, decidedAt, agreed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [key, code, transcript, span.start, span.end, ConsensusDecision.encodeList(coders.sorted()),
                             ConsensusDecision.encodeList(adopted), consensus.coder, ConsensusDecision.encodeList(made), note,
                             store.coder, Date(), agreed])
        return made
    }

    /// Takes back every decision on this passage, or on one overlapping it for the same code and
    /// coders, with the codings each made (as the consensus coder it made them for).
    private func takeBack(_ db: Database, code: UUID, transcript: UUID, span: Span, key: String, coders: [String]) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT disagreement, consensusCoder, codings, coders FROM agreeDecision
             WHERE disagreement = ? OR (codeId = ? AND transcriptId = ? AND start < ? AND "end" > ?)
            """, arguments: [key, code, transcript, span.end, span.start])
        for row in rows {
            let disagreement: String = row["disagreement"]
            guard disagreement == key || ConsensusDecision.decodeList(row["coders"]).sorted() == coders.sorted() else { continue }
            let owner = try store.coding(for: row["consensusCoder"])
            for id in ConsensusDecision.decodeList(row["codings"]).compactMap(UUID.init(uuidString:)) {
                guard let segmentID = try UUID.fetchOne(db, sql: "SELECT segmentId FROM coding WHERE id = ?", arguments: [id]),
                      let segment = try ProjectStore.segment(db, id: segmentID) else { continue }
                _ = try owner.uncode(in: db, segment: segment, codes: [code], force: true)
            }
            try db.execute(sql: "DELETE FROM agreeDecision WHERE disagreement = ?", arguments: [disagreement])
        }
    }

    /// Whether an agreed passage was already adopted for this consensus coder.
    private static func decision(_ db: Database, key: String, consensusCoder: String) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT 1 FROM agreeDecision WHERE disagreement = ? AND consensusCoder = ?", arguments: [key, consensusCoder]) != nil
    }

    /// Refuses a consensus coder who is one of the compared coders, an account, or someone with codings
    /// no consensus decision made: the decisions' codings must not be mistaken for a person's.
    static func checkConsensusCoder(_ db: Database, _ name: String, compared: [String]) throws {
        guard !compared.contains(name) else { throw AgreementError.consensusCoderCompared(name: name) }
        if try ProjectStore.isAccount(db, name: name) { throw AgreementError.consensusCoderInUse(name: name) }
        let codings = try ProjectStore.codingsByCoder(db).first { $0.coder == name }?.codings ?? 0
        guard codings > 0 else { return }
        let made = try String.fetchAll(db, sql: "SELECT codings FROM agreeDecision WHERE consensusCoder = ?", arguments: [name])
            .reduce(0) { $0 + ConsensusDecision.decodeList($1).count }
        if codings > made { throw AgreementError.consensusCoderInUse(name: name) }
    }

    static func codingID(_ db: Database, segment: UUID, code: UUID, coder: String) throws -> UUID? {
        try UUID.fetchOne(db, sql: "SELECT id FROM coding WHERE segmentId = ? AND codeId = ? AND coder = ?", arguments: [segment, code, coder])
    }
}
