import Foundation
import GRDB
import QualCode

/// Malterud's systematic text condensation on top of the QualCode store: preliminary themes (step 1),
/// meaning units sorted into code groups (step 2), subgroups with condensates and golden quotes
/// (step 3), and analytic text under category headings, checked back against the transcripts (step 4).
///
/// Code groups and subgroups are codes (a subgroup is a child code of its group), so every unit is a
/// coded segment: it re-anchors when a transcript is edited, shows in the core's process log and retrieval, and goes
/// to Word and REFI-QDA like any coding. What only condensation has — themes, condensates, golden
/// quotes, analytic texts, contradicting units — lives in its own tables (``schema``).
public struct Condensation: Sendable {
    public let store: ProjectStore

    public init(_ store: ProjectStore) { self.store = store }

    /// The method's four steps, in order.
    public static let steps = ["Helhetsinntrykk", "Meningsbærende enheter", "Kondensering", "Sammenfatning"]
}
