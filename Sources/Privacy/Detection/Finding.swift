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

    public init(kind: FindingKind, start: Int, end: Int, line: Int, text: String, replacement: String) {
        self.kind = kind
        self.start = start
        self.end = end
        self.line = line
        self.text = text
        self.replacement = replacement
    }
}
