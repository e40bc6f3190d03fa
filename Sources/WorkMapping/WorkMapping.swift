import Foundation
import QualCode

/// Institutional-ethnography work mapping on top of the QualCode store: a standpoint, the sequence of
/// work people describe (steps and the actions within them), the actors, the texts that coordinate the
/// work (forms, standards, targets) and where the formal texts and the accounts disagree (disjunctures),
/// every node and link backed by evidence — ordinary coded segments, so they re-anchor when a transcript
/// is edited — and the map drawn from it (``MapFigure``, laid out by ``MapLayout``).
public struct WorkMapping: Sendable {
    public let store: ProjectStore

    public init(_ store: ProjectStore) { self.store = store }
}
