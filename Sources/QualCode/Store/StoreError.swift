import Foundation

/// Why the project store refused an operation. Each case carries the values involved; the description
/// names the input, says what is wrong and that nothing was changed. Where the user can do something
/// about it, ``remedy`` says what as data: the command line words it as a flag, the browser as a button.
public enum StoreError: Error, Sendable, Equatable {
    case projectNotFound(path: String)
    case projectExists(path: String)
    case notAProject(path: String, reason: String)
    case newerVersion(path: String, unknownMigrations: [String])
    /// Bringing an older file up to date failed, e.g. on a damaged file; the failing step was rolled back.
    case migrationFailed(path: String, reason: String)
    /// Another program held the project's write lock for longer than the wait; `path` nil when only the
    /// failed write is known.
    case projectBusy(path: String?)
    /// A change asked of a project whose file or folder cannot be written (reading works).
    case projectReadOnly(path: String?)
    /// A read-only project that cannot be opened as it is: it must be brought up to date by this version,
    /// or its `-wal` file holds changes not yet in the file.
    case readOnlyCannotOpen(path: String, needsMigration: Bool)
    /// The disk holding the project is full; the change was rolled back.
    case diskFull(path: String?)
    case noProjectSelected(reason: String)
    case emptyName(what: String)
    /// A name that breaks ``NameRules``; `name` is as given, trimmed.
    case invalidName(what: String, name: String, problem: NameProblem)
    case duplicate(what: String, name: String)
    /// Nothing is called `reference`; `candidates` are the names there are, `suggestions` the one or two
    /// nearest to it (``Suggestions``), for «did you mean …?».
    case notFound(what: String, reference: String, candidates: [String], suggestions: [String] = [])
    /// A code that would be created, named almost like the existing `similar` ones (a typo, most
    /// likely); nothing was coded. The remedy: confirm it as a new code.
    case similarCode(name: String, similar: [String])
    /// A typed id that names no record (deleted meanwhile, or from another project).
    case missing(RecordKind, UUID)
    case ambiguous(what: String, reference: String, candidates: [String])
    case invalidAttribute(name: String, value: String, type: AttributeType)
    /// A value the store cannot take; `what` names the input in words.
    case invalidValue(what: String, value: String, expected: String)
    /// A value given for one of the inputs the store's callers fill from what a person typed.
    case invalidInput(InputField, value: String, expected: String)
    /// `nearest`: lines that come close, best first (may be empty).
    case quoteNotFound(transcript: String, quote: String, nearest: [QuoteSuggestion])
    case quoteAmbiguous(transcript: String, quote: String, lines: [Int])
    /// Text to replace that does not occur; `nearest` as for a quote.
    case textNotFound(transcript: String, find: String, nearest: [QuoteSuggestion])
    case occurrenceOutOfRange(transcript: String, occurrence: Int, count: Int)
    case spanOutOfRange(transcript: String, start: Int, end: Int, length: Int)
    case linesOutOfRange(transcript: String, first: Int, last: Int, lineCount: Int)
    case blankLines(transcript: String, first: Int, last: Int)
    /// A selection by offsets that holds only white space (a lone line break between turns).
    case blankSelection(transcript: String, start: Int, end: Int)
    case codeInUse(code: String, codings: Int, children: Int)
    case codeCycle(code: String, parent: String)
    case renameWithPath(code: String, name: String)
    /// A code asked for on its own has no segments, while the codes below it have `childSegments`.
    case onlyChildrenCoded(code: String, childSegments: Int)
    case duplicateImport(file: String, existing: String)
    case textUnchanged(transcript: String)
    case editFailed(transcript: String, reason: String)
    /// A deletion refused because work or links hang on the record; the report lists all of it.
    case inUse(DeletionReport)
    /// A participant to withdraw is in a transcript shared with others (a focus group) where no turn is theirs.
    case sharedTranscripts(participant: String, transcripts: [String])
    /// A change that would leave the record as it is (the same text, the same name).
    case unchanged(RecordKind, name: String)
    /// The record changed after the caller read it to edit it (another coder, another window, an editor
    /// left open); nothing was saved, so the other change is kept.
    case changedMeanwhile(RecordKind, name: String)
    /// The coder's most recent coding step cannot be taken back (`step` says which, `reason` why): an
    /// undo that passed over it would take back an older step the coder is not looking at.
    case cannotUndo(step: String, reason: String)
    /// Text longer than the store takes for `what`; `length` and `limit` count characters.
    case tooLong(what: String, length: Int, limit: Int)
    /// A new password shorter or longer than the rules allow (the password itself is never carried).
    case unacceptablePassword(minimum: Int, maximum: Int)
    /// A one-time password link that is unknown, used already or expired (which is not told apart).
    case passwordLinkInvalid
    /// The change would leave the project's accounts without an owner.
    case lastOwner(name: String)
    /// A merge that would not start; `path` is the other file.
    case mergeRefused(path: String, reason: MergeRefusal)
}

/// The kinds of record a typed id names.
public enum RecordKind: String, Sendable, Codable, Hashable {
    case transcript, segment, code, participant, memo, coding, quoteExport

    /// The kind in words, for the library's own descriptions.
    public var words: String { self == .quoteExport ? "quote export" : rawValue }
}

/// Inputs the store takes from what a person typed, named so a front end can point at its own field.
public enum InputField: String, Sendable, Codable, Hashable {
    case quote, lines, find, title, name, date, color, leadIn, memoTarget, speakerMap, offset, limit, media

    /// The input in words, for the library's own descriptions.
    public var words: String {
        switch self {
        case .leadIn: return "lead-in"
        case .memoTarget: return "memo target"
        case .speakerMap: return "speaker map"
        case .media: return "recording"
        default: return rawValue
        }
    }
}

/// What the user can do about a refusal.
public enum StoreRemedy: Sendable, Hashable {
    /// Create the project at this path.
    case createProject(path: String)
    /// Say which project to open.
    case chooseProject
    /// Pick one of `count` occurrences of a quote, or quote more text.
    case pickOccurrence(count: Int)
    /// Delete anyway, which also deletes `codings` codings and `children` child codes.
    case force(codings: Int, children: Int)
    /// Import the file again although it was imported before.
    case allowDuplicate
    /// Move the code to another parent instead of renaming it to a path.
    case moveCode
    /// Include the segments of the code's child codes.
    case includeChildren
    /// Delete anyway, which deletes these dependents (or detaches them) with the record.
    case forceDeletion([Dependent])
    /// Create the code of this name although one with a similar name exists.
    case confirmNewCode(name: String)
}

extension StoreError {
    public var remedy: StoreRemedy? {
        switch self {
        case let .projectNotFound(path): return .createProject(path: path)
        case .noProjectSelected: return .chooseProject
        case let .quoteAmbiguous(_, _, lines): return .pickOccurrence(count: lines.count)
        case let .codeInUse(_, codings, children): return .force(codings: codings, children: children)
        case .duplicateImport: return .allowDuplicate
        case .renameWithPath: return .moveCode
        case .onlyChildrenCoded: return .includeChildren
        case let .inUse(report): return .forceDeletion(report.dependents.filter { $0.count > 0 })
        case let .similarCode(name, _): return .confirmNewCode(name: name)
        default: return nil
        }
    }
}

// MARK: - Description

extension StoreError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .projectNotFound(path):
            return "\(path): no such project file."
        case let .projectExists(path):
            return "\(path) already exists; nothing was created."
        case let .notAProject(path, reason):
            return "\(path) is not a QualCode project (\(reason)); it was not opened or changed."
        case let .newerVersion(path, unknown):
            let list = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(path) was written by a newer QualCode (unknown migration \(list)); update QualCode to open it."
        case let .noProjectSelected(reason):
            return "no project selected: \(reason)."
        case let .migrationFailed(path, reason):
            return "\(path) could not be brought up to this version of QualCode (\(reason)); the step that failed changed nothing."
        case let .projectBusy(path):
            return "\(path ?? "the project") is busy: another program has been writing to it for too long; try again. Nothing was changed."
        case let .projectReadOnly(path):
            return "\(path ?? "the project") is read-only (its file or folder cannot be written): it can be read, not changed. Nothing was changed."
        case let .readOnlyCannotOpen(path, needsMigration):
            return needsMigration
                ? "\(path) was written by an older QualCode and must be brought up to date, but it is read-only; copy it somewhere writable. Nothing was changed."
                : "\(path) is read-only and its -wal file holds changes not yet written into it; open it once where it can be written. Nothing was changed."
        case let .diskFull(path):
            return "the disk holding \(path ?? "the project") is full; nothing was changed. Free some space and try again."
        case let .emptyName(what):
            return "\(Self.article(what)) \(what) name cannot be empty or blank; nothing was changed."
        case let .invalidName(what, name, problem):
            let shown = name.escapingControlCharacters(invisible: true)
            switch problem {
            case .controlCharacters:
                return "\(what) name \"\(shown.truncated())\" has control characters, line breaks or invisible or direction-changing characters; a name is one line of plain text. Nothing was changed."
            case let .tooLong(limit):
                return "\(what) name \"\(shown.truncated())\" is \(name.count) characters long; at most \(limit) are allowed. Nothing was changed."
            case .emptyPathPart:
                return "code path \"\(shown.truncated())\" has an empty part between two slashes; nothing was changed."
            case let .tooDeep(limit):
                return "code \"\(shown.truncated())\" would sit more than \(limit) levels down the code tree; at most \(limit) are allowed. Nothing was changed."
            }
        case let .duplicate(what, name):
            return "\(Self.article(what)) \(what) named \"\(name)\" already exists; nothing was changed."
        case let .notFound(what, reference, candidates, suggestions):
            if !suggestions.isEmpty { return "no \(what) \"\(reference)\"; did you mean \(Suggestions.alternatives(suggestions))?" }
            let hint = candidates.isEmpty ? "" : " Known: \(candidates.prefix(12).joined(separator: ", "))\(candidates.count > 12 ? ", …" : "")."
            return "no \(what) \"\(reference)\".\(hint)"
        case let .similarCode(name, similar):
            return "no code \"\(name)\"; did you mean \(Suggestions.alternatives(similar))? (To create it, confirm it as a new code.) Nothing was coded."
        case let .missing(kind, id):
            return "no \(kind.words) with id \(id.uuidString.lowercased()); nothing was changed."
        case let .ambiguous(what, reference, candidates):
            return "\"\(reference)\" matches several \(what)s: \(candidates.joined(separator: ", ")); be more specific."
        case let .invalidAttribute(name, value, type):
            return "attribute \"\(name)\": \"\(value)\" is not a valid \(type.rawValue) value (the attribute is typed \(type.rawValue)); nothing was changed."
        case let .invalidValue(what, value, expected):
            return "\(what): \"\(value.escapingControlCharacters().truncated())\" is not valid; expected \(expected)."
        case let .invalidInput(field, value, expected):
            return "\(field.words): \"\(value.escapingControlCharacters(invisible: true).truncated())\" is not valid; expected \(expected)."
        case let .quoteNotFound(transcript, quote, nearest):
            return "\(transcript): the quote \"\(quote.truncated())\" does not occur in the text\(Self.nearest(nearest)); nothing was coded."
        case let .textNotFound(transcript, find, nearest):
            return "\(transcript): the text \"\(find.truncated())\" does not occur\(Self.nearest(nearest)); nothing was changed."
        case let .quoteAmbiguous(transcript, quote, lines):
            return "\(transcript): the quote \"\(quote.truncated())\" occurs \(lines.count) times (\(Self.places(lines))); pick one or quote more text."
        case let .occurrenceOutOfRange(transcript, occurrence, count):
            return "\(transcript): occurrence \(occurrence) asked for, but the quote occurs \(count) time\(count == 1 ? "" : "s"); nothing was coded."
        case let .spanOutOfRange(transcript, start, end, length):
            return "\(transcript): offsets \(start)..<\(end) are outside the text (0..<\(length), end exclusive); nothing was coded."
        case let .linesOutOfRange(transcript, first, last, lineCount):
            return "\(transcript): lines \(first)-\(last) are outside the transcript (lines 1-\(lineCount))."
        case let .blankLines(transcript, first, last):
            return "\(transcript): lines \(first)-\(last) hold no text; nothing was coded."
        case let .blankSelection(transcript, start, end):
            return "\(transcript): the selection \(start)..<\(end) holds no text, only white space; nothing was coded."
        case let .codeInUse(code, codings, children):
            return "code \"\(code)\" is in use (\(codings) coding\(codings == 1 ? "" : "s"), \(children) child code\(children == 1 ? "" : "s")); nothing was deleted."
        case let .codeCycle(code, parent):
            return "code \"\(code)\" cannot move under \"\(parent)\", which is itself or one of its descendants; nothing was changed."
        case let .renameWithPath(code, name):
            return "code \"\(code)\" cannot be renamed to \"\(name)\": a new name has no \"/\" (moving a code changes its parent); nothing was changed."
        case let .duplicateImport(file, existing):
            return "\(file) was imported before, as \"\(existing)\" (same SHA-256). Nothing was imported."
        case let .onlyChildrenCoded(code, childSegments):
            return "code \"\(code)\" has no segments of its own; the codes below it have \(childSegments)."
        case let .textUnchanged(transcript):
            return "\(transcript): the text is unchanged; nothing was saved."
        case let .editFailed(transcript, reason):
            return "\(transcript): \(reason); nothing was changed."
        case let .sharedTranscripts(participant, transcripts):
            return "\(participant) is in transcripts with others where no turn is marked as theirs (\(transcripts.map { "\"\($0)\"" }.joined(separator: ", "))), "
                + "so their words cannot be told from the others'; give their turns their speaker label first; nothing was changed."
        case let .inUse(report):
            return "\(report.record.kind.words) \"\(report.record.name)\" is in use (\(Dependent.describe(report.blocking))); "
                + "deleting it also \(Dependent.effects(report.dependents)); nothing was deleted."
        case let .unchanged(kind, name):
            return "\(kind.words) \(name) is unchanged; nothing was saved."
        case let .cannotUndo(step, reason):
            return "your last step, \(step), cannot be undone: \(reason). Nothing was changed."
        case let .changedMeanwhile(kind, name):
            return "\(kind.words) \(name) was changed by someone else while this edit was open; nothing was saved, so their change is kept."
        case let .tooLong(what, length, limit):
            return "\(what): \(length) characters is too long; at most \(limit) are taken. Nothing was changed."
        case let .unacceptablePassword(minimum, maximum):
            return "a password must be \(minimum) to \(maximum) characters long; nothing was changed."
        case .passwordLinkInvalid:
            return "this password link is unknown, used already or expired; ask the project's owner for a new one."
        case let .lastOwner(name):
            return "\(name) is the project's last owner; make someone else owner first. Nothing was changed."
        case let .mergeRefused(path, reason):
            switch reason {
            case .sameFile:
                return "\(path) is this project's own file; a project cannot be merged with itself. Nothing was changed."
            case let .missingModules(modules):
                return "\(path) holds tables of \(modules.map { "\"\($0)\"" }.joined(separator: ", ")), which this project was not opened with; nothing was merged or changed."
            case let .holdsErasedWords(participants, transcripts):
                let held = (participants.isEmpty ? [] : ["withdrawn participant(s) " + participants.map { "\"\($0)\"" }.joined(separator: ", ")])
                    + (transcripts.isEmpty ? [] : ["transcript(s) as they were before a withdrawal or redaction here: " + transcripts.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")])
                return "\(path) was made before words were taken out of this project and still holds them (\(held.joined(separator: "; "))); "
                    + "withdraw and redact the same in it first, or merge a copy made since; nothing was merged or changed."
            }
        }
    }

    /// «a» or «an» before `word` («an attribute», «a participant»).
    static func article(_ word: String) -> String {
        word.first.map { "aeiouAEIOU".contains($0) } == true ? "an" : "a"
    }

    /// «occurrence 1 on line 12, occurrence 2 on line 40».
    /// « (closest: line 12 "…", line 30 "…")», or nothing.
    package static func nearest(_ suggestions: [QuoteSuggestion]) -> String {
        guard !suggestions.isEmpty else { return "" }
        return " (closest: " + suggestions.map { "line \($0.line) \"\($0.text.truncated())\"" }.joined(separator: ", ") + ")"
    }

    package static func places(_ lines: [Int]) -> String {
        lines.enumerated().map { "occurrence \($0.offset + 1) on line \($0.element)" }.joined(separator: ", ")
    }

    public var errorDescription: String? { description }
}
