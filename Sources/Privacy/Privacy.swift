import Foundation
import QualCode

/// Research ethics for interview data that are personal data: detectors that find what identifies a
/// person (national identity numbers, phone numbers, e-mail addresses, names, places and employers from
/// the project's dictionary, gendered pronouns under a «hen» policy) and suggest a replacement, never
/// applying one unasked.
public struct Privacy: Sendable {
    public let store: ProjectStore

    public init(_ store: ProjectStore) { self.store = store }
}
