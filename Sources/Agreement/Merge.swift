import Foundation
import GRDB
import QualCode

extension MergeKind {
    public static let consensusDecision = MergeKind(id: "agree.decision", english: "consensus decisions", norwegian: "konsensusbeslutninger")
    public static let agreementSetting = MergeKind(id: "agree.setting", english: "team settings", norwegian: "teaminnstillinger")
}

extension MergeAspect {
    public static let adopted = MergeAspect(id: "agree.adopted", english: "sides adopted", norwegian: "sider valgt")
}

extension Agreement {
    /// Carries consensus decisions and team settings from another copy. A decision is keyed by its
    /// disagreement's number, worked out again from the code and transcript it became here; the
    /// codings it made come through the core's coding map. A decision both copies took differently
    /// keeps ours.
    @Sendable static func merge(_ context: MergeContext) throws {
        let (ours, theirs) = (context.ours, context.theirs)
        context.declare(.consensusDecision, .agreementSetting)
        for row in try Row.fetchAll(theirs, sql: "SELECT * FROM agreeDecision ORDER BY rowid") {
            guard let code = context.codes[row["codeId"]], let transcript = context.transcripts[row["transcriptId"]] else { continue }
            let start: Int = row["start"], end: Int = row["end"]
            let coders = ConsensusDecision.decodeList(row["coders"])
            let key = disagreementID(code: code, transcript: transcript, span: Span(start: start, end: end), coders: coders)
            let adopted: String = row["adopted"]
            if let mine = try Row.fetchOne(ours, sql: "SELECT adopted, codings FROM agreeDecision WHERE disagreement = ?", arguments: [key]) {
                context.matched(.consensusDecision)
                context.compare(.consensusDecision, key, .adopted, ours: ConsensusDecision.decodeList(mine["adopted"]).joined(separator: ", "),
                                theirs: ConsensusDecision.decodeList(adopted).joined(separator: ", "))
                // Our decision stands, so the consensus codings their other decision made, which came in
                // with the core's codings, go again: the consensus coder's codings follow the decision kept.
                let kept = Set(ConsensusDecision.decodeList(mine["codings"]).compactMap(UUID.init(uuidString:)))
                for their in ConsensusDecision.decodeList(row["codings"]).compactMap(UUID.init(uuidString:)) {
                    if let here = context.codings[their], !kept.contains(here) { try context.withdrawCoding(here) }
                }
                continue
            }
            let codings = ConsensusDecision.decodeList(row["codings"]).compactMap(UUID.init(uuidString:)).compactMap { context.codings[$0]?.uuidString }
            try ours.execute(sql: """
                INSERT INTO agreeDecision (disagreement, codeId, transcriptId, start, "end", coders, adopted, consensusCoder, codings, note,
                                           decidedBy, decidedAt, agreed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key, code, transcript, start, end, ConsensusDecision.encodeList(coders.sorted()), adopted,
                                 row["consensusCoder"] as String, ConsensusDecision.encodeList(codings), row["note"] as String?,
                                 row["decidedBy"] as String, row["decidedAt"] as DatabaseValue, row["agreed"] as Bool])
            context.added(.consensusDecision)
        }
        try context.carrySettings(table: "agreeSetting", kind: .agreementSetting)
    }
}
