import Condensation
import QualCode

/// Tests name transcripts as a person would; the library takes typed ids, so these resolve first — the
/// way the command line does.
extension Condensation {
    @discardableResult
    func addUnit(_ transcript: String, _ selector: SegmentSelector, groups: [String]) throws -> CodingResult {
        try addUnit(try store.resolve.transcript(transcript), selector, groups: groups)
    }
}

extension ProjectStore {
    func code(_ transcript: String, _ selector: SegmentSelector, codes: [String]) throws -> CodingResult {
        try code(try resolve.transcript(transcript), selector, codes: codes)
    }

    func units(code: String) throws -> [UnitRow] {
        try units(code: try resolve.code(code))
    }

    func replaceText(in transcript: String, find: String, with replacement: String) throws -> TextEditReport {
        try replaceText(in: try resolve.transcript(transcript), find: find, with: replacement)
    }
}

extension ProjectStore {
    @discardableResult
    func updateCode(_ code: String, name: String? = nil) throws -> Code {
        try updateCode(try resolve.code(code), name: name)
    }

    func moveCode(_ code: String, under parent: String?) throws {
        let id = try resolve.code(code)
        try moveCode(id, under: try parent.map(resolve.code))
    }

    func deleteCode(_ code: String, force: Bool = false) throws -> CodeChangeReport {
        try deleteCode(try resolve.code(code), force: force)
    }
}

/// Memo targets written as a person would (`transcript:eva`), resolved first as the command line does.
extension ProjectStore {
    @discardableResult
    func addMemo(on target: String, text: String) throws -> MemoEntry {
        try addMemo(on: try resolve.memoTarget(target), text: text)
    }

    func memos(on target: String) throws -> [MemoEntry] {
        try memos(on: try resolve.memoTarget(target))
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
