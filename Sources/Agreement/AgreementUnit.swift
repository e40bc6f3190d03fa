import Foundation

/// What one decision of a coder is about when agreement is counted.
public enum AgreementUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every character (Unicode scalar) of a transcript: was it coded with the code? As NVivo and
    /// QualCoder count, so a long passage weighs more than a short one and boundaries count.
    case characters
    /// The passages any compared coder marked (overlapping marks joined into one passage): did the coder
    /// give this code to it? As MAXQDA's segment comparison, so boundaries do not count.
    case segments
    /// The transcript's sentences (a line break, or . ! ? … before a space, ends one): did the coder
    /// give this code to any part of it?
    case sentences
}
