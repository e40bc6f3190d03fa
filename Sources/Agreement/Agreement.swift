import Foundation
import QualCode

/// Several coders on one corpus: how far they agree (percent, Cohen's κ, Krippendorff's α, per code
/// and pooled, in a unit the caller chooses), where they disagree, and the consensus decisions that
/// settle it.
public struct Agreement: Sendable {
    public let store: ProjectStore

    public init(_ store: ProjectStore) { self.store = store }
}
