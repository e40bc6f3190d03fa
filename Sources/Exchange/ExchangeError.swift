import Foundation
import QualCode

/// Why an exchange file could not be read or written; nothing is created or changed when one is thrown
/// (a project being made is removed again).
public enum ExchangeError: Error, Sendable, Equatable {
    /// The file's extension is none of `.qdpx`, `.qde` or `.qdc`.
    case unsupportedFile(file: String)
    /// A REFI-QDA package without a `.qde` project at its top, or with more than one.
    case noProjectInPackage(file: String, found: [String])
    /// No file at the path given (or not a regular file).
    case notFound(path: String)
    /// A `.qdpx` that is not a ZIP package (or one damaged beyond reading its table of contents).
    case notAPackage(file: String)
    /// The XML's root or namespace is not what the file's kind needs (`Project`, `CodeBook`).
    case notRefi(file: String, expected: String, found: String)
    /// The XML could not be parsed; `line` is where the parser stopped.
    case malformedXML(file: String, line: Int, reason: String)
    /// The XML declares a document type or entities, which REFI-QDA files never need and which are refused for safety.
    case forbiddenDTD(file: String)
    /// A required attribute is missing or not what it must be (`startPosition` that is no number).
    case invalidAttribute(file: String, element: String, attribute: String, value: String?)
    /// A text source's file is not in the package (or beside the project file).
    case missingSource(file: String, source: String, path: String)
    /// A text source names a place that may not be read (outside the package, an absolute path inside one).
    case unsafeSourcePath(file: String, source: String, path: String)
    /// The file's codes are nested `depth` levels deep, more than a project allows (`limit`).
    case codesTooDeep(file: String, depth: Int, limit: Int)
    /// A source's or note's text in a package that is not UTF-8 (invalid at byte `offset`).
    case notUTF8(file: String, offset: Int)
    /// A file given as Taguette's project export that is not one.
    case notTaguette(file: String, reason: String)
    /// A Taguette export without a document in it: it would make an empty project.
    case noTaguetteDocuments(file: String)
    /// A new project's file already exists; it is left as it is.
    case destinationExists(path: String)
    /// A codebook is asked of a project without codes (a codebook holds at least one).
    case noCodes

    public var description: String {
        switch self {
        case let .unsupportedFile(file):
            return "\(file) is not a REFI-QDA file: expected a project (.qdpx, .qde) or a codebook (.qdc)."
        case let .notFound(path):
            return "\(path): no such file."
        case let .notAPackage(file):
            return "\(file) is not a REFI-QDA package: a .qdpx is a ZIP file, and this one cannot be read as one."
        case let .noProjectInPackage(file, found):
            let what = found.isEmpty ? "no .qde project file" : "\(found.count) .qde project files (\(found.joined(separator: ", ")))"
            return "\(file) holds \(what) at its top; a REFI-QDA package holds exactly one."
        case let .notRefi(file, expected, found):
            return "\(file) is not a REFI-QDA \(expected == "CodeBook" ? "codebook" : "project"): expected <\(expected)> in the QDA-XML namespace, found \(found)."
        case let .malformedXML(file, line, reason):
            return "\(file) is not well-formed XML (line \(line)): \(reason)."
        case let .forbiddenDTD(file):
            return "\(file) declares a DOCTYPE or entities, which REFI-QDA files never need; it is refused for safety."
        case let .invalidAttribute(file, element, attribute, value):
            let shown = value.map { "\"\($0.escapingControlCharacters().truncated())\"" } ?? "missing"
            return "\(file): <\(element)> has \(attribute) \(shown), which is not valid."
        case let .missingSource(file, source, path):
            return "\(file): the text of source \"\(source)\" (\(path)) is not there; nothing was imported."
        case let .unsafeSourcePath(file, source, path):
            return "\(file): source \"\(source)\" points outside the package (\(path)); it is refused for safety."
        case let .codesTooDeep(file, depth, limit):
            return "\(file): its codes are nested \(depth) levels deep, and a project allows at most \(limit); nothing was imported."
        case let .notUTF8(file, offset):
            return "\(file): the text is not UTF-8 (invalid at byte \(offset)), which a REFI-QDA source must be; save it as UTF-8 and import again. Nothing was imported."
        case let .notTaguette(file, reason):
            return "\(file) is not a Taguette project export (\(reason))."
        case let .noTaguetteDocuments(file):
            return "\(file) holds no documents, so there is nothing to import; no project was made."
        case let .destinationExists(path):
            return "\(path) already exists; a REFI-QDA project is imported into a new project file, so choose another name."
        case .noCodes:
            return "the project has no codes, and a REFI-QDA codebook holds at least one; nothing was written."
        }
    }
}

extension ExchangeError: CustomStringConvertible, LocalizedError {
    public var errorDescription: String? { description }
}
