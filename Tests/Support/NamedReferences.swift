import QualCode

/// Tests name transcripts as a person would; the store takes typed ids, so these resolve first — the
/// way the command line does.
extension ProjectStore {
    public func code(_ transcript: String, _ selector: SegmentSelector, codes: [String]) throws -> CodingResult {
        try code(try resolve.transcript(transcript), selector, codes: codes)
    }

    public func transcript(_ reference: String) throws -> Transcript {
        try transcript(try resolve.transcript(reference))
    }

    public func replaceText(in transcript: String, find: String, with replacement: String, occurrence: Int? = nil,
                            all: Bool = false) throws -> TextEditReport {
        try replaceText(in: try resolve.transcript(transcript), find: find, with: replacement, occurrence: occurrence, all: all)
    }

    public func request(_ transcript: String, _ selector: SegmentSelector, codes: [String]) throws -> CodingRequest {
        CodingRequest(transcript: try resolve.transcript(transcript), selector: selector, codes: codes)
    }
}

extension ProjectStore {
    @discardableResult
    public func updateTranscript(_ transcript: String, _ update: TranscriptUpdate) throws -> TranscriptSummary {
        try updateTranscript(try resolve.transcript(transcript), update)
    }

    public func participantIDs(_ names: String...) throws -> [Participant.ID] {
        try names.map(resolve.participant)
    }
}

extension ProjectStore {
    public func retrieve(code: String, context: Int = 0, includeChildren: Bool = false) throws -> [RetrievedSegment] {
        try retrieve(code: try resolve.code(code), context: context, includeChildren: includeChildren)
    }

    public func units(code: String, includeChildren: Bool = false) throws -> [UnitRow] {
        try units(code: try resolve.code(code), includeChildren: includeChildren)
    }
}

/// Codes named by path, resolved first as the command line does; creating paths stay strings.
extension ProjectStore {
    @discardableResult
    public func addCode(_ path: String, parent: String, definition: String? = nil) throws -> Code {
        try addCode(path, parent: try resolve.code(parent), definition: definition)
    }

    @discardableResult
    public func updateCode(_ code: String, name: String? = nil, definition: String? = nil) throws -> Code {
        try updateCode(try resolve.code(code), name: name, definition: definition)
    }

    public func moveCode(_ code: String, under parent: String?) throws {
        let id = try resolve.code(code)
        try moveCode(id, under: try parent.map(resolve.code))
    }

    public func mergeCode(_ source: String, into target: String) throws -> CodeChangeReport {
        let from = try resolve.code(source)
        return try mergeCode(from, into: try resolve.code(target))
    }

    public func deleteCode(_ code: String, force: Bool = false) throws -> CodeChangeReport {
        try deleteCode(try resolve.code(code), force: force)
    }
}

/// Memo targets written as a person would (`transcript:eva`), resolved first as the command line does.
extension ProjectStore {
    @discardableResult
    public func addMemo(on target: String, text: String) throws -> MemoEntry {
        try addMemo(on: try resolve.memoTarget(target), text: text)
    }

    public func memos(on target: String) throws -> [MemoEntry] {
        try memos(on: try resolve.memoTarget(target))
    }
}

/// Quotes named by a segment's (short) id, resolved first as the command line does.
extension ProjectStore {
    @discardableResult
    public func editQuote(segment: String, _ update: QuoteUpdate, style: HouseStyle = .thesis) throws -> QuoteDetails {
        try editQuote(segment: try resolve.segment(segment), update, style: style)
    }

    public func quoteDetails(segment: String, style: HouseStyle = .thesis) throws -> QuoteDetails {
        try quoteDetails(segment: try resolve.segment(segment), style: style)
    }
}

