import QualCode

/// Malterud's systematic text condensation on top of the QualCode store.
///
/// The four steps arrive with their own issue; the module exists now so the package layout and the
/// dependency direction (`Condensation` → `QualCode`) are fixed from the start.
public enum Condensation {
    /// The method's four steps, in order.
    public static let steps = ["Helhetsinntrykk", "Meningsbærende enheter", "Kondensering", "Sammenfatning"]
}
