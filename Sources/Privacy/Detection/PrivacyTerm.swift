import Foundation

/// An entry of the project's redaction dictionary: a name, place or employer as it stands in the
/// transcripts, and what replaces it («Kari» → «[navn]», «Brødrene Dahl» → «[arbeidsgiver]»).
public struct PrivacyTerm: Sendable, Hashable, Codable {
    public var text: String
    public var kind: FindingKind
    public var replacement: String

    public init(text: String, kind: FindingKind, replacement: String? = nil) {
        self.text = text
        self.kind = kind
        self.replacement = replacement ?? Self.usualReplacement(for: kind)
    }

    /// The replacement a finding of `kind` is given unless the dictionary says otherwise, as Norwegian
    /// reports write them.
    public static func usualReplacement(for kind: FindingKind) -> String {
        switch kind {
        case .nationalIdentityNumber: "[fødselsnummer]"
        case .phoneNumber: "[telefonnummer]"
        case .email: "[e-post]"
        case .name: "[navn]"
        case .place: "[sted]"
        case .employer: "[arbeidsgiver]"
        case .pronoun: "hen"
        }
    }

    /// Bokmål's gendered personal pronouns and the «hen» forms that replace them.
    static let pronouns: [PrivacyTerm] = [("han", "hen"), ("hun", "hen"), ("ham", "hen"), ("henne", "hen"), ("hans", "hens"),
                                          ("hennes", "hens")].map { PrivacyTerm(text: $0.0, kind: .pronoun, replacement: $0.1) }
}
