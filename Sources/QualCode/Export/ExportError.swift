import Foundation

/// Why an export failed. Nothing is left half-written when one is thrown.
///
/// Errors are data: the values that went wrong and, where there is one, a ``remedy`` that a front
/// end words in its own way (a flag on the command line, a button in the web UI).
public enum ExportError: Error, Sendable, Equatable {
    case packageFailed(reason: String)
    case cannotWrite(path: String, reason: String)
    case unsupportedFormat(String, expected: String)
    /// A figure's image is not PNG or JPEG, or its header is broken.
    case unsupportedImage(reason: String)
    /// A figure's SVG is too large, not UTF-8, not well-formed XML, declares a DOCTYPE, or is not an SVG.
    case unsupportedSVG(reason: String)
    /// A figure without alt text; the caption names it.
    case missingAltText(caption: String)
    /// A reference document that cannot be used; `file` is the path as given.
    case badReference(file: String, reason: String)
    /// `value` is not one of the `allowed` forms of a ``Breakdown`` (`code`, `participant`, `attr:NAME`).
    case invalidBreakdown(String, allowed: [Breakdown.Form])
    /// An attribute the project does not have, named for `use`; `known` lists the project's attributes,
    /// `suggestions` the one or two nearest to `name` (``Suggestions``).
    case unknownAttribute(name: String, use: AttributeUse, known: [String], suggestions: [String] = [])
    /// A label or lead-in template with an unclosed field («({rolle»).
    case badTemplate(template: String, part: TemplatePart)
    /// A label or lead-in template whose field names no attribute («({role})»); `known` lists the fields
    /// there are, `suggestions` the one or two nearest to `field`.
    case unknownField(field: String, template: String, part: TemplatePart, known: [String], suggestions: [String])
    /// Codes that have no segments of their own while codes below them do: the export would be empty
    /// (or lack them) although the user probably expects their children's segments.
    case onlyInChildren([CodeWithoutSegments])
    /// A landscape page asked of a format that has no pages (CSV).
    case landscapeWithoutPage(ExportFormat)
    /// A CSV field separator that is not one character, or is a quotation mark or a line break.
    case invalidDelimiter(String)
    /// A built-in house style that does not exist; `known` names the ones there are.
    case unknownHouseStyle(String, known: [String])
    /// A quote export that names no code.
    case noCodes
    /// Files that go together could not be put into one ZIP archive.
    case archiveFailed(reason: String)

    /// What an attribute was named for.
    public enum AttributeUse: String, Sendable, Hashable, Codable {
        /// The columns of a code matrix.
        case matrixColumns
        /// The attribute columns of a table (participants, codings, wide data set).
        case tableColumns
        /// The sections of a quote export.
        case quoteGroups
    }

    /// Which template of a house style.
    public enum TemplatePart: String, Sendable, Hashable, Codable {
        case label, leadIn
    }

    /// A code with no segments of its own, and how many segments the codes below it hold.
    public struct CodeWithoutSegments: Sendable, Hashable, Codable {
        public var code: String
        public var segmentsInChildren: Int
        public init(code: String, segmentsInChildren: Int) {
            self.code = code
            self.segmentsInChildren = segmentsInChildren
        }
    }

    /// What the user can do about an error, for a front end to offer in its own words.
    public enum Remedy: String, Sendable, Hashable, Codable {
        /// Export again with the segments of every code below the named ones.
        case includeChildren
    }

    /// What the user can do about this error; nil when there is nothing to offer but fixing the input.
    public var remedy: Remedy? {
        if case .onlyInChildren = self { return .includeChildren }
        return nil
    }
}

// MARK: - Description

extension ExportError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .packageFailed(reason): "the Word package could not be built (\(reason)); nothing was written."
        case let .cannotWrite(path, reason): "\(path): cannot be written (\(reason)); nothing was written."
        case let .unsupportedFormat(format, expected): "this export cannot be written as \(format) (expected \(expected))."
        case let .unsupportedImage(reason): "a figure cannot be used: \(reason); save the image as PNG or JPEG."
        case let .unsupportedSVG(reason):
            "a figure's SVG cannot be used: \(reason); save the drawing again as SVG, or leave the SVG out and keep the PNG. Nothing was written."
        case let .missingAltText(caption):
            "figure \"\(caption.truncated())\" has no alt text; describe what the image shows, for readers who cannot see it."
        case let .badReference(file, reason):
            "\(file): cannot be used as a reference document (\(reason)); nothing was written."
        case let .invalidBreakdown(value, allowed):
            "\"\(value.escapingControlCharacters(invisible: true).truncated())\": expected \(Self.list(allowed.map(\.syntax)))."
        case let .unknownAttribute(name, use, known, suggestions):
            "no attribute \"\(name)\" for the \(use.phrase)\(Self.didYouMean(suggestions, else: known))"
        case let .badTemplate(template, part):
            "the \(part.words) \"\(template)\" is not valid; expected fields in braces, such as \"({rolle}, {tjeneste})\"."
        case let .unknownField(field, template, part, known, suggestions):
            "the \(part.words) \"\(template)\" names no attribute {\(field)}\(Self.didYouMean(suggestions, braced: true, else: known))"
        case let .onlyInChildren(codes):
            "\(Self.sentence(codes)); include the child codes to export their segments. Nothing was written."
        case let .landscapeWithoutPage(format):
            "\(format.rawValue) has no pages to set in landscape; a landscape page needs docx, wordxml or html."
        case let .invalidDelimiter(value):
            "\"\(value.escapingControlCharacters())\": a CSV delimiter is one character other than a quotation mark or a line break."
        case let .unknownHouseStyle(name, known):
            "\"\(name.escapingControlCharacters())\": expected \(Self.list(known))."
        case .noCodes:
            "name at least one code whose quotes to export; nothing was written."
        case let .archiveFailed(reason):
            "the ZIP archive could not be built (\(reason)); nothing was written."
        }
    }
    public var errorDescription: String? { description }

    /// «; did you mean "rolle"?» (`{rolle}` when `braced`), else the known names or a full stop.
    package static func didYouMean(_ suggestions: [String], braced: Bool = false, else known: [String]) -> String {
        guard !suggestions.isEmpty else { return "." + Self.known(known) }
        return "; did you mean \(Suggestions.alternatives(suggestions) { braced ? "{\($0)}" : "\"\($0)\"" })?"
    }

    /// «"a", "b" or "c"» without quotes: `code, participant or attr:NAME`.
    package static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    /// « Known: a, b, c.» (at most twelve), or nothing.
    package static func known(_ candidates: [String]) -> String {
        candidates.isEmpty ? "" : " Known: \(candidates.prefix(12).joined(separator: ", "))\(candidates.count > 12 ? ", …" : "")."
    }

    /// «code "Balansekunst" has no segments of its own, but 5 below it»; one clause per code.
    package static func sentence(_ codes: [CodeWithoutSegments]) -> String {
        codes.map { "code \"\($0.code)\" has no segments of its own, but its child codes have \($0.segmentsInChildren)" }
            .joined(separator: "; ")
    }
}

extension ExportError.TemplatePart {
    /// «label», «lead-in».
    var words: String { self == .label ? "label" : "lead-in" }
}

extension ExportError.AttributeUse {
    /// «matrix columns», «table columns», «quote groups».
    var phrase: String {
        switch self {
        case .matrixColumns: "matrix columns"
        case .tableColumns: "table columns"
        case .quoteGroups: "quote groups"
        }
    }
}
