import Foundation
import GRDB
import QualCode

/// Several coders on one corpus: how far they agree (percent, Cohen's κ, Krippendorff's α, per code
/// and pooled, in a unit the caller chooses), where they disagree, and the consensus decisions that
/// settle it.
public struct Agreement: Sendable {
    public let store: ProjectStore

    public init(_ store: ProjectStore) { self.store = store }
}

/// Someone who has coded in the project, with how much.
public struct CoderSummary: Sendable, Hashable, Codable {
    public var name: String
    public var codings: Int
}

extension Agreement {
    /// Everyone who has coded in the project, by name: the coders agreement can compare.
    public func coders() throws -> [CoderSummary] {
        try store.pool.read { db in try ProjectStore.codingsByCoder(db).map { CoderSummary(name: $0.coder, codings: $0.codings) } }
    }
}
