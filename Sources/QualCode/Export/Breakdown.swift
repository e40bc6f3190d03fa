import Foundation

/// What an export splits its rows, columns or sections by: codes, participants, or the values of
/// one participant attribute. Written `code`, `participant` or `attr:NAME` («attr:tjeneste»).
///
/// The one parser of that small language: the code matrix's columns (``MatrixColumns``) and the
/// quote export's grouping (``QuoteGrouping``) are both read through it, each taking the forms that
/// make sense for it. Whether the attribute exists is checked when the export reads the project.
///
/// For example:
/// ```swift
/// try Breakdown(parsing: "attr:tjeneste")   // .attribute("tjeneste")
/// try MatrixColumns(parsing: "participant") // .participant
/// try QuoteGrouping(parsing: "attr:")       // throws ExportError.invalidBreakdown
/// ```
public enum Breakdown: Sendable, Hashable {
    case code
    case participant
    case attribute(String)

    /// The forms of the language, for saying what is accepted.
    public enum Form: String, Sendable, Hashable, CaseIterable, Codable {
        case code, participant, attribute

        /// How the form is written: `code`, `participant`, `attr:NAME`.
        public var syntax: String { self == .attribute ? "attr:NAME" : rawValue }
    }

    public var form: Form {
        switch self {
        case .code: .code
        case .participant: .participant
        case .attribute: .attribute
        }
    }

    /// Reads `code`, `participant` (or `participants`) or `attr:NAME`, accepting only `allowed`.
    ///
    /// - Throws: ``ExportError/invalidBreakdown(_:allowed:)`` for anything else, an empty attribute
    ///   name, or a form not in `allowed`.
    public init(parsing text: String, allowed: [Form] = Form.allCases) throws {
        let parsed: Breakdown?
        switch text {
        case "code": parsed = .code
        case "participant", "participants": parsed = .participant
        case let t where t.hasPrefix("attr:"):
            let name = t.dropFirst(5).trimmingCharacters(in: .whitespaces)
            parsed = name.isEmpty ? nil : .attribute(name)
        default: parsed = nil
        }
        guard let parsed, allowed.contains(parsed.form) else { throw ExportError.invalidBreakdown(text, allowed: allowed) }
        self = parsed
    }
}

extension MatrixColumns {
    /// The forms a matrix's columns take.
    public static let forms: [Breakdown.Form] = [.attribute, .participant]

    /// `attr:NAME` or `participant`.
    ///
    /// - Throws: ``ExportError/invalidBreakdown(_:allowed:)``.
    public init(parsing text: String) throws {
        switch try Breakdown(parsing: text, allowed: Self.forms) {
        case let .attribute(name): self = .attribute(name)
        case .participant, .code: self = .participant
        }
    }
}

extension QuoteGrouping {
    /// The forms a quote export's grouping takes.
    public static let forms: [Breakdown.Form] = [.code, .participant, .attribute]

    /// `code`, `participant` or `attr:NAME`.
    ///
    /// - Throws: ``ExportError/invalidBreakdown(_:allowed:)``.
    public init(parsing text: String) throws {
        switch try Breakdown(parsing: text, allowed: Self.forms) {
        case .code: self = .code
        case .participant: self = .participant
        case let .attribute(name): self = .attribute(name)
        }
    }
}
