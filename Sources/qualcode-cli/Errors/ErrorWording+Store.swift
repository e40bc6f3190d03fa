import Foundation
import QualCode

extension ErrorWording {
    /// Store and import errors worded for the command line: the store's inputs by their flags, remedies
    /// as the flag or command that carries them out.
    static func storeMessage(for error: Error) -> String? {
        switch error {
        case let error as StoreError: return wording(of: error)
        case let error as ImportError: return wording(of: error)
        // Busy, read-only or a full disk, met in the middle of a command.
        default: return StoreError.interpreting(error).map { wording(of: $0) }
        }
    }

    static func flag(for field: InputField) -> String {
        switch field {
        case .quote: return "--quote"
        case .lines: return "--lines"
        case .find: return "--find"
        case .title: return "--title"
        case .name: return "--name"
        case .date: return "--date"
        case .color: return "--color"
        case .leadIn: return "--lead-in"
        case .memoTarget: return "--on"
        case .speakerMap: return "--speaker-map"
        case .offset: return "--offset"
        case .limit: return "--limit"
        case .media: return "--media"
        }
    }

    private static func wording(of error: StoreError) -> String {
        switch error {
        case let .projectNotFound(path):
            return "\(path): no such project file; create one with `qualcode init \(path)`."
        case let .noProjectSelected(reason):
            return "no project selected: \(reason). Pass --project FILE or set QUALCODE_PROJECT."
        case let .invalidInput(field, value, expected):
            return "\(flag(for: field)): \"\(value)\" is not valid; expected \(expected)."
        case let .blankLines(_, first, last):
            return "--lines \(first)-\(last): \"blank lines\" is not valid; expected lines with text."
        case let .quoteAmbiguous(transcript, quote, lines):
            return "\(transcript): the quote \"\(quote.truncated())\" occurs \(lines.count) times (\(StoreError.places(lines))); "
                + "pick one with --occurrence N or quote more text."
        case let .occurrenceOutOfRange(transcript, occurrence, count):
            return "\(transcript): --occurrence \(occurrence) asked for, but the quote occurs \(count) time\(count == 1 ? "" : "s"); nothing was coded."
        case let .codeInUse(code, codings, children):
            return "code \"\(code)\" is in use (\(codings) coding\(codings == 1 ? "" : "s"), \(children) child code\(children == 1 ? "" : "s")); "
                + "pass --force to delete it and its codings, nothing was deleted."
        case .renameWithPath:
            return "new code name: \"\(error.renameTarget)\" is not valid; expected a name without \"/\"; use `codes move` to change the parent."
        case .onlyChildrenCoded:
            return error.description.dropLast() + "; pass --with-children to include them."
        case let .inUse(report) where report.record.kind == .segment:
            return "segment \(report.record.name) would go with its last coding, but it has \(Dependent.describe(report.blocking)); "
                + "pass --force to remove it anyway, which \(Dependent.effects(report.dependents)). Nothing was changed."
        case let .inUse(report):
            return "\(report.record.kind.words) \"\(report.record.name)\" is in use (\(Dependent.describe(report.blocking))); "
                + "pass --force to delete it anyway, which also \(Dependent.effects(report.dependents)). Nothing was deleted."
        case let .similarCode(name, similar):
            return "no code \"\(name)\"; did you mean \(Suggestions.alternatives(similar))? (to create it, pass --new-code \"\(name)\" "
                + "instead of --code); nothing was coded."
        case let .duplicateImport(file, existing):
            return "\(file) was imported before, as \"\(existing)\" (same SHA-256); pass --allow-duplicate to import it again. Nothing was imported."
        default:
            return error.description
        }
    }

    private static func wording(of error: ImportError) -> String {
        guard error.remedy == .nameEncoding, case let .invalidUTF8(file, offset) = error else { return error.description }
        return "\(file): invalid UTF-8 at byte \(offset); if the file uses another encoding pass --encoding (for example windows-1252 or latin1); "
            + "nothing was imported."
    }
}

private extension StoreError {
    var renameTarget: String {
        if case let .renameWithPath(_, name) = self { return name }
        return ""
    }
}
