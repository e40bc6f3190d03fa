import Foundation

/// Why the project store refused an operation. Each message names the input, says what is wrong and
/// what happened (nothing was changed), so the CLI, the browser and the log agree.
public enum StoreError: Error, Sendable, Equatable {
    case projectNotFound(path: String)
    case projectExists(path: String)
    case notAProject(path: String, reason: String)
    case newerVersion(path: String, unknownMigrations: [String])
    case noProjectSelected(reason: String)
    case emptyName(what: String)
    case duplicate(what: String, name: String)
    case notFound(what: String, reference: String, candidates: [String])
    case ambiguous(what: String, reference: String, candidates: [String])
    case invalidAttribute(name: String, value: String, type: AttributeType)
    case invalidValue(what: String, value: String, expected: String)
    case quoteNotFound(transcript: String, quote: String)
    case quoteAmbiguous(transcript: String, quote: String, lines: [Int])
    case occurrenceOutOfRange(transcript: String, occurrence: Int, count: Int)
    case spanOutOfRange(transcript: String, start: Int, end: Int, length: Int)
    case linesOutOfRange(transcript: String, first: Int, last: Int, lineCount: Int)
    case codeInUse(code: String, codings: Int, children: Int)
    case codeCycle(code: String, parent: String)
    case duplicateImport(file: String, existing: String)
    case textUnchanged(transcript: String)
    case editFailed(transcript: String, reason: String)
}

// MARK: - Description

extension StoreError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .projectNotFound(path):
            return "\(path): no such project file; create one with `qualcode init \(path)`."
        case let .projectExists(path):
            return "\(path) already exists; nothing was created."
        case let .notAProject(path, reason):
            return "\(path) is not a QualCode project (\(reason)); it was not opened or changed."
        case let .newerVersion(path, unknown):
            let list = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(path) was written by a newer QualCode (unknown migration \(list)); update QualCode to open it."
        case let .noProjectSelected(reason):
            return "no project selected: \(reason). Pass --project FILE or set QUALCODE_PROJECT."
        case let .emptyName(what):
            return "a \(what) name cannot be empty or blank; nothing was changed."
        case let .duplicate(what, name):
            return "a \(what) named \"\(name)\" already exists; nothing was changed."
        case let .notFound(what, reference, candidates):
            let hint = candidates.isEmpty ? "" : " Known: \(candidates.prefix(12).joined(separator: ", "))\(candidates.count > 12 ? ", …" : "")."
            return "no \(what) \"\(reference)\".\(hint)"
        case let .ambiguous(what, reference, candidates):
            return "\"\(reference)\" matches several \(what)s: \(candidates.joined(separator: ", ")); be more specific."
        case let .invalidAttribute(name, value, type):
            return "attribute \"\(name)\": \"\(value)\" is not a valid \(type.rawValue) value (the attribute is typed \(type.rawValue)); nothing was changed."
        case let .invalidValue(what, value, expected):
            return "\(what): \"\(value)\" is not valid; expected \(expected)."
        case let .quoteNotFound(transcript, quote):
            return "\(transcript): the quote \"\(quote.truncated())\" does not occur in the text; nothing was coded."
        case let .quoteAmbiguous(transcript, quote, lines):
            let places = lines.enumerated().map { "occurrence \($0.offset + 1) on line \($0.element)" }.joined(separator: ", ")
            return "\(transcript): the quote \"\(quote.truncated())\" occurs \(lines.count) times (\(places)); pick one with --occurrence N or quote more text."
        case let .occurrenceOutOfRange(transcript, occurrence, count):
            return "\(transcript): --occurrence \(occurrence) asked for, but the quote occurs \(count) time\(count == 1 ? "" : "s"); nothing was coded."
        case let .spanOutOfRange(transcript, start, end, length):
            return "\(transcript): offsets \(start)..<\(end) are outside the text (0..<\(length), end exclusive); nothing was coded."
        case let .linesOutOfRange(transcript, first, last, lineCount):
            return "\(transcript): lines \(first)-\(last) are outside the transcript (lines 1-\(lineCount))."
        case let .codeInUse(code, codings, children):
            return "code \"\(code)\" is in use (\(codings) coding\(codings == 1 ? "" : "s"), \(children) child code\(children == 1 ? "" : "s")); pass --force to delete it and its codings, nothing was deleted."
        case let .codeCycle(code, parent):
            return "code \"\(code)\" cannot move under \"\(parent)\", which is itself or one of its descendants; nothing was changed."
        case let .duplicateImport(file, existing):
            return "\(file) was imported before, as \"\(existing)\" (same SHA-256); pass --allow-duplicate to import it again. Nothing was imported."
        case let .textUnchanged(transcript):
            return "\(transcript): the text is unchanged; nothing was saved."
        case let .editFailed(transcript, reason):
            return "\(transcript): \(reason); nothing was changed."
        }
    }

    public var errorDescription: String? { description }
}
