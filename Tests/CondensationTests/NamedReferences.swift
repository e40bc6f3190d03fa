import Condensation
import QualCode
import TestSupport

/// Tests name transcripts as a person would; the library takes typed ids, so these resolve first — the
/// way the command line does.
extension Condensation {
    @discardableResult
    func addUnit(_ transcript: String, _ selector: SegmentSelector, groups: [String]) throws -> CodingResult {
        try addUnit(try store.resolve.transcript(transcript), selector, groups: groups)
    }
}

/// Units named by a segment's (short) id, resolved first as the command line does.
extension Condensation {
    func moveUnit(_ unit: String, to path: String, from: String? = nil) throws {
        try moveUnit(try store.resolve.segment(unit), to: path, from: from)
    }

    func markContradicting(_ unit: String, in path: String, note: String? = nil, _ contradicts: Bool = true) throws {
        try markContradicting(try store.resolve.segment(unit), in: path, note: note, contradicts)
    }

    func condense(_ path: String, text: String?, golden: String?) throws {
        try condense(path, text: text, golden: try golden.map(store.resolve.segment))
    }
}
