import Crypto
import Foundation
import QualCode

/// Which findings to apply: by number, or every one (of some kinds) in some transcripts.
public struct RedactionChoice: Sendable, Hashable {
    public var transcripts: [Transcript.ID]
    public var kinds: Set<FindingKind>
    /// The findings' numbers, as a scan gives them; when empty, every finding the other fields allow
    /// that no one dismissed.
    public var ids: Set<String>
    /// Gendered pronouns too; by default when the project's policy is «hen».
    public var pronouns: Bool?

    public init(transcripts: [Transcript.ID] = [], kinds: Set<FindingKind> = [], ids: Set<String> = [], pronouns: Bool? = nil) {
        self.transcripts = transcripts
        self.kinds = kinds
        self.ids = ids
        self.pronouns = pronouns
    }
}

/// What a redaction did, per transcript; the texts removed are not in it.
public struct RedactionReport: Sendable, Hashable, Codable {
    public struct Transcript: Sendable, Hashable, Codable {
        public var name: String
        public var applied: Int
        public var byKind: [String: Int]
        /// Coded passages that now hold a replacement.
        public var segmentsChanged: Int
    }
    public var transcripts: [Transcript]
    /// Numbers asked for that no scan finds (applied already, or the text changed).
    public var notFound: [String]

    public var applied: Int { transcripts.reduce(0) { $0 + $1.applied } }
}

extension Privacy {
    /// Applies chosen findings as redactions, transcript by transcript, through the core's one
    /// text-changing function (``ProjectStore/applyEdits(_:to:expectedText:purpose:unscrubbed:)``): codings
    /// survive on the replacements, and the removed words are taken out of the log and the file.
    ///
    /// - Throws: ``PrivacyError/nothingToApply`` when no finding fits the choice (nothing changed).
    public func apply(_ choice: RedactionChoice, key: PseudonymKey? = nil) throws -> RedactionReport {
        let scans = try scan(choice.transcripts, key: key, pronouns: choice.pronouns, kinds: choice.kinds, keepingTexts: true)
        // A dismissed finding is applied only when named.
        let chosen = scans.map { result in (result, result.findings.filter { choice.ids.isEmpty ? !$0.dismissed : choice.ids.contains($0.id) }) }
        let found = Set(chosen.flatMap { $0.1.map(\.id) })
        let missing = choice.ids.subtracting(found).sorted()
        guard chosen.contains(where: { !$0.1.isEmpty }) else { throw PrivacyError.nothingToApply(notFound: missing) }
        var report = RedactionReport(transcripts: [], notFound: missing)
        for (result, findings) in chosen where !findings.isEmpty {
            // The text the places were found in: changed since (another redaction, an edit), nothing is written.
            let text = result.scannedText ?? ""
            let edits = findings.map { TextEdit(start: $0.start, end: $0.end, replacement: $0.replacement) }
            // «han» made «hen» identifies no one: the same word elsewhere (a code, a memo, another
            // interview) is left as it was written.
            let pronouns = Set(findings.filter { $0.kind == .pronoun }.map { TextEdit(start: $0.start, end: $0.end, replacement: $0.replacement) })
            let done = try store.applyEdits(edits, to: result.transcript, expectedText: text, purpose: .redaction, unscrubbed: pronouns)
            report.transcripts.append(.init(name: result.name, applied: findings.count,
                                            byKind: Dictionary(grouping: findings, by: \.kind.rawValue).mapValues(\.count),
                                            segmentsChanged: done.changed.count))
        }
        return report
    }

    /// A finding's number: the first six bytes of SHA-256 over its transcript, kind, place and text.
    static func number(_ finding: Finding, in transcript: Transcript.ID) -> String {
        let material = "\(transcript.uuidString)\u{1F}\(finding.kind.rawValue)\u{1F}\(finding.start)\u{1F}\(finding.end)\u{1F}\(finding.text)"
        return SHA256.hash(data: Data(material.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
    }
}
