import Foundation
import QualCode

/// Why a privacy operation was refused; the description is one line naming the input, and nothing was changed.
public enum PrivacyError: Error, Sendable, Equatable, CustomStringConvertible {
    case keyNotFound(path: String)
    case keyExists(path: String)
    /// The file is no key this version can read.
    case notAKey(path: String, reason: String)
    /// The key is encrypted and no passphrase was given.
    case passphraseNeeded(path: String)
    case wrongPassphrase(path: String)
    case passphraseTooShort(minimum: Int)
    case emptyValue(what: String)
    case realNameTaken(pseudonym: String)
    case notInKey(what: String, name: String)
    case notATermKind(FindingKind)
    case invalidDate(String)
    /// No finding fits what was asked to be applied; `notFound` are numbers asked for that no scan gives.
    case nothingToApply(notFound: [String])
    /// Numbers asked to be restored that are no dismissed finding.
    case notDismissed([String])
    /// A safe export found what could identify someone, not yet applied or dismissed; nothing was written.
    case unsafeExport([UnresolvedFinding])
    /// A safe export needs the project's key open (its names are what it looks for).
    case keyNeededForSafeExport(path: String)

    public var description: String {
        switch self {
        case let .keyNotFound(path):
            "No pseudonym key at \(shown(path)); make one first (nothing was changed)."
        case let .keyExists(path):
            "A pseudonym key already exists at \(shown(path)); it was left as it is."
        case let .notAKey(path, reason):
            "\(shown(path)) is not a QualCode pseudonym key (\(reason)); nothing was changed."
        case let .passphraseNeeded(path):
            "The pseudonym key \(shown(path)) is encrypted: its passphrase is needed; nothing was changed."
        case let .wrongPassphrase(path):
            "The passphrase does not open the pseudonym key \(shown(path)) (or the file was altered); nothing was changed."
        case let .passphraseTooShort(minimum):
            "A passphrase must have at least \(minimum) characters; nothing was changed."
        case let .emptyValue(what):
            "The \(what) is empty; nothing was changed."
        case let .realNameTaken(pseudonym):
            "That real name is already in the key, for \(shown(pseudonym)); nothing was changed."
        case let .notInKey(what, name):
            "The key has no \(what) \(shown(name)); nothing was changed."
        case let .nothingToApply(notFound):
            notFound.isEmpty ? "No finding to apply; nothing was changed."
                : "No finding has the number \(notFound.prefix(5).map(shown).joined(separator: ", ")) (applied already, or the text changed since the scan); nothing was changed."
        case let .invalidDate(text):
            "\(shown(text)) is not a date: expected YYYY-MM-DD; nothing was changed."
        case let .notDismissed(numbers):
            "No dismissed finding has the number \(numbers.prefix(5).map(shown).joined(separator: ", ")) (a scan lists dismissed findings when asked); nothing was changed."
        case let .unsafeExport(findings):
            "Not written: the export holds \(findings.count) finding(s) not applied or dismissed: "
                + findings.prefix(5).map(Self.place).joined(separator: "; ")
                + (findings.count > 5 ? "; and \(findings.count - 5) more" : "") + "."
        case let .keyNeededForSafeExport(path):
            "A safe export looks for the names in the pseudonym key \(shown(path)), and it is not open (its passphrase is needed); nothing was written."
        case let .notATermKind(kind):
            "The dictionary holds names, places and employers, not \(kind.rawValue); nothing was changed."
        }
    }

    private static func place(_ finding: UnresolvedFinding) -> String {
        let words = "\(finding.kind.english) «\(String(finding.text.prefix(80)).escapingControlCharacters())»"
        guard let transcript = finding.transcript, let line = finding.line, let id = finding.id else {
            return words + " (in the project's own text: a code, memo, note or condensate)"
        }
        return words + " (\(id), \(transcript) line \(line))"
    }

    private func shown(_ value: String) -> String { "\"\(String(value.prefix(200)).escapingControlCharacters())\"" }
}
