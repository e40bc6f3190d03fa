import Foundation
import QualCode

extension ErrorWording {
    /// Errors of the Export domain worded for the command line (nil: not one of its errors): what the
    /// library names by use becomes the flag that carries it, a remedy becomes the flag that applies it.
    static func exportMessage(for error: Error) -> String? {
        guard let error = error as? ExportError else { return nil }
        switch error {
        case let .unknownAttribute(name, use, known, suggestions):
            return "no attribute for \(flag(for: use)) \"\(name)\"\(ExportError.didYouMean(suggestions, else: known))"
        case let .badTemplate(template, part):
            return "\(part == .label ? "--label" : "--lead-in"): \"\(template)\" is not valid; expected fields in braces, such as \"({rolle}, {tjeneste})\"."
        case let .onlyInChildren(codes):
            let clauses = codes.map { "code \"\($0.code)\" has no segments of its own, but its child codes have \($0.segmentsInChildren)" }
            return clauses.joined(separator: "; ") + "; pass --with-children to export them. Nothing was written."
        default:
            return nil
        }
    }

    /// A quote check's warning for the command line: a remedy becomes the command that applies it.
    static func warning(_ warning: QuoteWarning) -> String {
        switch warning.remedy {
        case .editAgain?:
            let id = warning.segment.shortID
            return "quote \(id): the transcript changed after this quote was edited, so it is exported verbatim; edit it again with `qualcode quote edit \(id)`."
        case nil:
            return warning.description
        }
    }

    /// A label template without fields, which every quote gets as it is written.
    static func literalLabel(_ label: String) -> String {
        "the label \"\(label)\" has no field in braces, so every quote is labelled just so; "
            + "name attributes in braces (--label \"({rolle})\"), or pass --label \"\" for no label."
    }

    /// The option that names an attribute for `use`.
    static func flag(for use: ExportError.AttributeUse) -> String {
        switch use {
        case .matrixColumns: "--cols"
        case .tableColumns: "--attr"
        case .quoteGroups: "--group-by"
        }
    }
}
