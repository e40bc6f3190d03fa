import Foundation
import GRDB
import QualCode

/// The findings in one transcript.
public struct TranscriptFindings: Sendable, Hashable, Codable {
    public var transcript: Transcript.ID
    /// The transcript's short name, as listings give it.
    public var name: String
    public var findings: [Finding]
    /// The text the findings' places are in, for a change made from them (the text it expects); kept
    /// only when asked for.
    var scannedText: String?

    enum CodingKeys: String, CodingKey { case transcript, name, findings }
}

extension Privacy {
    /// Runs the detectors over transcripts (all when none is named): numbers, e-mail addresses, the
    /// key's names (replaced by their pseudonyms) and dictionary terms, and gendered pronouns. Only
    /// finds; nothing is changed. Findings someone dismissed are listed, marked ``Finding/dismissed``.
    ///
    /// - Parameters:
    ///   - key: the pseudonym key, when the project has one and it is open.
    ///   - kinds: only these kinds of finding; every kind when empty.
    ///   - pronouns: whether gendered pronouns are findings; by default, when the project's policy is «hen».
    public func scan(_ transcripts: [Transcript.ID] = [], key: PseudonymKey? = nil, pronouns: Bool? = nil,
                     kinds: Set<FindingKind> = []) throws -> [TranscriptFindings] {
        try scan(transcripts, key: key, pronouns: pronouns, kinds: kinds, keepingTexts: false)
    }

    /// The scan, each result with the text it was made on when `keepingTexts` (so a change made from it
    /// can refuse a text that changed meanwhile).
    func scan(_ transcripts: [Transcript.ID], key: PseudonymKey?, pronouns: Bool?, kinds: Set<FindingKind>,
              keepingTexts: Bool) throws -> [TranscriptFindings] {
        let terms = key?.detectorTerms ?? []
        let pronouns = try pronouns ?? (pronounPolicy() == .hen)
        let chosen = transcripts.isEmpty ? try store.transcripts().map(\.id) : transcripts
        let dismissals = try dismissalIndex()
        return try chosen.map { id in
            let transcript = try store.transcript(id)
            let text = ScalarText(transcript.text)
            var found = Detectors.scan(text, terms: terms, pronouns: pronouns)
            for index in found.indices { found[index].id = Self.number(found[index], in: id) }
            Self.markDismissed(&found, in: text, by: dismissals)
            return TranscriptFindings(transcript: id, name: transcript.slug, findings: kinds.isEmpty ? found : found.filter { kinds.contains($0.kind) },
                                      scannedText: keepingTexts ? transcript.text : nil)
        }
    }
}
