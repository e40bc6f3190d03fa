import Foundation

/// What a detector found: a kind of identifying detail.
public enum FindingKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A Norwegian national identity number (fødselsnummer, D- or H-number) with valid check digits.
    case nationalIdentityNumber
    case phoneNumber
    case email
    /// A person's name from the project's dictionary (or, later, its pseudonym key).
    case name
    /// A place from the dictionary (a town, a municipality, an office).
    case place
    /// A workplace or employer from the dictionary.
    case employer
    /// A gendered pronoun (han, hun, ham, henne, hans, hennes) where the project writes «hen».
    case pronoun

    /// What the kind is called in English (errors, the command line).
    public var english: String {
        switch self {
        case .nationalIdentityNumber: "national identity number"
        case .phoneNumber: "phone number"
        case .email: "e-mail address"
        case .name: "name"
        case .place: "place"
        case .employer: "employer"
        case .pronoun: "gendered pronoun"
        }
    }

    /// What the kind is called in Norwegian (the browser, documents).
    public var norwegian: String {
        switch self {
        case .nationalIdentityNumber: "fødselsnummer"
        case .phoneNumber: "telefonnummer"
        case .email: "e-postadresse"
        case .name: "navn"
        case .place: "sted"
        case .employer: "arbeidsgiver"
        case .pronoun: "kjønnet pronomen"
        }
    }
}

/// One suggestion: a stretch of a text and what it could be replaced with. Offsets are Unicode scalar
/// offsets, end exclusive, over the stored text, as every offset in a project.
public struct Finding: Sendable, Hashable, Codable {
    /// Twelve hex digits from the transcript, kind, place and text: the same finding keeps its number
    /// from one scan to the next until the text before it changes, so a person can name the ones to apply.
    public var id: String = ""
    public var kind: FindingKind
    public var start: Int
    public var end: Int
    /// The numbered line the finding starts on, as listings number lines.
    public var line: Int
    public var text: String
    public var replacement: String
    /// Someone decided it identifies no one (``Privacy/dismiss(_:everywhere:)``): a scan still lists it
    /// when asked, but applying every finding and a safe export pass it by.
    public var dismissed = false

    public init(kind: FindingKind, start: Int, end: Int, line: Int, text: String, replacement: String) {
        self.kind = kind
        self.start = start
        self.end = end
        self.line = line
        self.text = text
        self.replacement = replacement
    }
}
