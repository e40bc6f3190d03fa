import Foundation
import QualCode

/// What to compare: whose codings, of which codes, in which transcripts, counted in which unit.
public struct AgreementScope: Sendable, Hashable {
    /// The coders, in the order tables give them columns; at least two different ones.
    public var coders: [String]
    /// Each code is compared on its own (a parent's codings are not its children's); none means every
    /// code the coders applied in the transcripts compared.
    public var codes: [Code.ID]
    /// None means every transcript.
    public var transcripts: [Transcript.ID]
    public var unit: AgreementUnit

    public init(coders: [String], codes: [Code.ID] = [], transcripts: [Transcript.ID] = [], unit: AgreementUnit = .characters) {
        self.coders = coders
        self.codes = codes
        self.transcripts = transcripts
        self.unit = unit
    }
}
