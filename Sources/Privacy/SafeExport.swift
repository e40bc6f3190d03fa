import Foundation
import GRDB
import QualCode

/// A finding a safe export refused, and where the project has it, so it can be applied or dismissed.
public struct UnresolvedFinding: Sendable, Hashable, Codable {
    public var kind: FindingKind
    public var text: String
    /// The transcript's short name and line where the scan finds the same words, with the finding's
    /// number; nil when the words are the project's own (a code, a memo, a condensate) and not a transcript's.
    public var transcript: String?
    public var line: Int?
    public var id: String?
}

/// The privacy check of a safe export: the detectors run over every string the export would write,
/// and a finding not dismissed (in the transcript view, or with `privacy dismiss`) stops it before a
/// byte is written. Applied findings are gone from the text, so they pass by being absent.
public struct SafeExportScreen: ExportScreen {
    let privacy: Privacy
    let key: PseudonymKey?
    let pronouns: Bool
    let dismissals: DismissalIndex

    public func check(_ texts: [String]) throws {
        let joined = texts.joined(separator: "\n\(Dismissal.boundary)\n")
        let text = ScalarText(joined)
        var found = Detectors.scan(text, terms: key?.detectorTerms ?? [], pronouns: pronouns)
        Privacy.markDismissed(&found, in: text, by: dismissals)
        let open = found.filter { !$0.dismissed }
        guard !open.isEmpty else { return }
        throw PrivacyError.unsafeExport(try privacy.locate(open, key: key))
    }
}

extension Privacy {
    /// The screen a safe export passes: the key's names and terms (when the project has a key, it must
    /// be open), the numbers and addresses, and gendered pronouns under a «hen» policy.
    ///
    /// - Throws: ``PrivacyError/keyNeededForSafeExport(path:)`` when the project has a key and none was
    ///   given: without its names the check would pass what it exists to stop.
    public func safeExportScreen(key: PseudonymKey?) throws -> SafeExportScreen {
        if key == nil, hasKey { throw PrivacyError.keyNeededForSafeExport(path: keyURL.path) }
        return SafeExportScreen(privacy: self, key: key, pronouns: try pronounPolicy() == .hen,
                                dismissals: try dismissalIndex())
    }

    /// Each finding with the place a scan of the transcripts gives the same kind and words, when one does.
    func locate(_ findings: [Finding], key: PseudonymKey?) throws -> [UnresolvedFinding] {
        var places: [String: (String, Finding)] = [:]
        for result in try scan(key: key, pronouns: findings.contains { $0.kind == .pronoun }) {
            for finding in result.findings where !finding.dismissed {
                places[finding.kind.rawValue + "\u{1F}" + finding.text] = places[finding.kind.rawValue + "\u{1F}" + finding.text] ?? (result.name, finding)
            }
        }
        var seen = Set<String>()
        return findings.compactMap { finding in
            let key = finding.kind.rawValue + "\u{1F}" + finding.text
            guard seen.insert(key).inserted else { return nil }
            let place = places[key]
            return UnresolvedFinding(kind: finding.kind, text: finding.text, transcript: place?.0, line: place?.1.line, id: place?.1.id)
        }
    }
}
