import Foundation

/// Why a file could not be imported. Every case names the file; nothing is written when one is thrown.
public enum ImportError: Error, Sendable, Equatable {
    case unreadable(file: String, reason: String)
    case empty(file: String)
    case tooLarge(file: String, bytes: Int, limit: Int)
    case binary(file: String)
    case invalidUTF8(file: String, byteOffset: Int)
    case undecodable(file: String, encoding: String)
    case unsupportedFormat(file: String, ext: String)
    case notAZip(file: String)
    case missingEntry(file: String, entry: String)
    case unsafeEntryPath(file: String, entry: String)
    case entryTooLarge(file: String, entry: String, limit: Int)
    case forbiddenDTD(file: String, entry: String)
    case malformedXML(file: String, entry: String, line: Int, reason: String)
    case missingHeader(file: String, expected: String)
    /// A subtitle cue's timing line (`line`, in cue number `cue`, counted from 1) is wrong.
    case badCueTiming(file: String, line: Int, cue: Int, problem: CueTimingProblem)
    /// An archive entry's bytes do not agree with its header.
    case damagedEntry(file: String, entry: String, damage: ZipEntryDamage)
    /// The text read from the file is larger than one transcript may be.
    case textTooLarge(file: String, bytes: Int, limit: Int)
    /// The files were read but the project could not be written, so none was imported.
    case notSaved(files: [String], reason: StorageFailure)
    case invalidRow(file: String, line: Int, reason: String)
    case missingColumn(file: String, column: String)
    case noText(file: String)
}

// MARK: - Description

extension ImportError: CustomStringConvertible, LocalizedError {
    public var description: String {
        let nothing = "nothing was imported."
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot be read (\(reason)); \(nothing)"
        case let .empty(file):
            return "\(file): the file is empty; \(nothing)"
        case let .tooLarge(file, bytes, limit):
            return "\(file): \(bytes.formattedBytes) is larger than the import limit of \(limit.formattedBytes); split the file; \(nothing)"
        case let .binary(file):
            return "\(file): looks like binary data (it contains NUL bytes), not text; \(nothing)"
        case let .invalidUTF8(file, offset):
            return "\(file): invalid UTF-8 at byte \(offset); if the file uses another encoding, name it (for example windows-1252 or latin1); \(nothing)"
        case let .undecodable(file, encoding):
            return "\(file): cannot be decoded as \(encoding); \(nothing)"
        case let .unsupportedFormat(file, ext):
            return "\(file): unsupported file type \".\(ext)\" (supported: .txt, .md, .docx, .vtt, .srt); \(nothing)"
        case let .notAZip(file):
            return "\(file): not a valid .docx (it is not a ZIP package); \(nothing)"
        case let .missingEntry(file, entry):
            return "\(file): not a valid .docx (the package has no \(entry)); \(nothing)"
        case let .unsafeEntryPath(file, entry):
            return "\(file): archive entry \"\(entry)\" points outside the document; \(nothing)"
        case let .entryTooLarge(file, entry, limit):
            return "\(file): archive entry \(entry) unpacks to more than \(limit.formattedBytes) (a ZIP bomb or a corrupt file); \(nothing)"
        case let .forbiddenDTD(file, entry):
            return "\(file): \(entry) declares a DOCTYPE or entities, which Word never writes and QualCode refuses for safety; \(nothing)"
        case let .malformedXML(file, entry, line, reason):
            return "\(file): \(entry), line \(line): malformed XML (\(reason)); \(nothing)"
        case let .missingHeader(file, expected):
            return "\(file), line 1: expected \"\(expected)\" at the start of the file; \(nothing)"
        case let .badCueTiming(file, line, cue, problem):
            return "\(file), line \(line) (cue \(cue)): \(problem); \(nothing)"
        case let .damagedEntry(file, entry, damage):
            return "\(file): the file is damaged: archive entry \(entry) \(damage); \(nothing)"
        case let .textTooLarge(file, bytes, limit):
            return "\(file): its text (\(bytes.formattedBytes)) is larger than the limit of \(limit.formattedBytes) for one transcript; "
                + "split the document; \(nothing)"
        case let .notSaved(files, reason):
            let remedy = reason == .diskFull ? " Free some space and import again." : ""
            return "\(Self.list(files)): \(reason); \(nothing)\(remedy)"
        case let .invalidRow(file, line, reason):
            return "\(file), line \(line): \(reason)"
        case let .missingColumn(file, column):
            return "\(file): no \"\(column)\" column in the header row; \(nothing)"
        case let .noText(file):
            return "\(file): the file holds no text; \(nothing)"
        }
    }

    public var errorDescription: String? { description }

    /// A few file names, and how many more.
    static func list(_ files: [String], shown: Int = 3) -> String {
        guard files.count > shown + 1 else { return files.joined(separator: ", ") }
        return files.prefix(shown).joined(separator: ", ") + " and \(files.count - shown) more files"
    }
}

// MARK: - Details

/// What is wrong with a subtitle cue's timing line.
public enum CueTimingProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line is not a timing; `format` gives the example of what is expected.
    case unreadable(found: String, format: SourceFormat)
    /// Minutes or seconds over 59 in one of the cue's timestamps.
    case outOfRange(timestamp: String, unit: ClockUnit, value: Int)
    /// The cue ends before it starts.
    case endsBeforeStart(start: String, end: String)

    public enum ClockUnit: String, Sendable { case minutes, seconds }

    public var description: String {
        switch self {
        case let .unreadable(found, format):
            let example = format == .srt ? "00:01:02,000 --> 00:01:04,000" : "00:01:02.000 --> 00:01:04.000"
            return "expected a cue timing such as \"\(example)\", found \"\(found.truncated())\""
        case let .outOfRange(timestamp, unit, value):
            return "the timestamp \"\(timestamp.truncated())\" has \(value) \(unit.rawValue), but \(unit.rawValue) go up to 59"
        case let .endsBeforeStart(start, end):
            return "the cue ends at \(end.truncated()), before it starts at \(start.truncated())"
        }
    }
}

/// How an archive entry's bytes disagree with its header.
public enum ZipEntryDamage: Sendable, Equatable, CustomStringConvertible {
    /// It unpacks to more bytes than the header's size (unpacking stops there).
    case largerThanDeclared(declared: Int)
    /// It unpacks to fewer bytes than the header's size.
    case smallerThanDeclared(declared: Int, actual: Int)
    /// Stored uncompressed, yet its header gives two different sizes.
    case sizesDisagree(compressed: Int, uncompressed: Int)
    /// Its bytes do not match the header's checksum (CRC-32).
    case checksumMismatch
    /// Its compressed data cannot be unpacked.
    case corrupt

    public var description: String {
        switch self {
        case let .largerThanDeclared(declared):
            return "is larger than its header says (more than \(declared) bytes)"
        case let .smallerThanDeclared(declared, actual):
            return "is smaller than its header says (\(actual) bytes, not \(declared))"
        case let .sizesDisagree(compressed, uncompressed):
            return "is \(compressed > uncompressed ? "larger" : "smaller") than its header says "
                + "(\(compressed) bytes stored, \(uncompressed) declared)"
        case .checksumMismatch:
            return "does not match its checksum"
        case .corrupt:
            return "cannot be unpacked (its compressed data is corrupt)"
        }
    }
}

/// Why the project could not be written.
public enum StorageFailure: Sendable, Equatable, CustomStringConvertible {
    /// SQLite reported a full disk (SQLITE_FULL).
    case diskFull
    /// SQLite reported a disk I/O error (SQLITE_IOERR and its extended codes).
    case ioError(code: Int32)

    public var description: String {
        switch self {
        case .diskFull: "the disk holding the project is full"
        case let .ioError(code): "the project file could not be written (disk I/O error, SQLite code \(code))"
        }
    }
}

extension Int {
    var formattedBytes: String {
        if self >= 1 << 20 { return "\(self >> 20) MiB" }
        if self >= 1 << 10 { return "\(self >> 10) KiB" }
        return "\(self) bytes"
    }
}

/// What the user can do about a refused import.
public enum ImportRemedy: Sendable, Hashable {
    /// Name the file's text encoding (windows-1252, latin1, …).
    case nameEncoding
}

extension ImportError {
    public var remedy: ImportRemedy? {
        if case .invalidUTF8 = self { return .nameEncoding }
        return nil
    }
}
