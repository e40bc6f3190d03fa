import Foundation
import QualCode

/// Why a change to the work map was refused, or the map could not be drawn as PNG; nothing is changed
/// or written then.
public enum MapError: Error, Sendable, Equatable {
    /// No step, action, actor or text by that name; `suggestions` are the nearest names.
    case notFound(kind: MapNodeKind, name: String, suggestions: [String])
    /// The name is taken by another of the same kind (ignoring case).
    case duplicate(kind: MapNodeKind, name: String)
    /// A link from something to itself.
    case selfLink(kind: MapLinkKind, name: String)
    /// A link whose ends are not of the kinds it joins («a text precedes a step»).
    case wrongEnds(kind: MapLinkKind, from: MapNodeKind, to: MapNodeKind)
    /// A link that would close a circle in an order or a text hierarchy; `path` names the circle.
    case cycle(kind: MapLinkKind, path: [String])
    /// A step-scoped text needs its step; a process-wide text has none.
    case scopeWithoutStep(text: String)
    /// Nothing to merge: fewer than two steps named, or the same step twice.
    case mergeNeedsTwoSteps
    /// A node's name is also its code's name, where «/» would start a level.
    case slashInName(kind: MapNodeKind, name: String)
    /// No link with that id, or between those two things.
    case linkNotFound(id: String)
    /// A name more than one node has (actions of the same name in two steps); `choices` name each.
    case ambiguous(kind: MapNodeKind, name: String, choices: [String])
    /// A PNG size that gives no pixels, or more than ``MapRaster/maximumSide`` a side or
    /// ``MapRaster/maximumPixels`` in all; `width` and `height` are what it would give.
    case rasterSize(MapRaster.Size, width: Int, height: Int)
    /// rsvg-convert, which draws the map as PNG, is not installed; `searched` are the folders looked in.
    case rasterizerMissing(searched: [String])
    /// rsvg-convert failed (its exit status, -1 when it could not be started) or wrote no PNG; `message`
    /// is the first line it wrote to standard error.
    case rasterizerFailed(program: String, status: Int32, message: String)
    /// An export of the map's tables that names none.
    case noTables
    /// A CSV file holds one table; these were asked for together.
    case oneTablePerCSV(tables: [MapTableKind])

    public var description: String {
        switch self {
        case let .notFound(kind, name, suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean \(Suggestions.alternatives(suggestions))?"
            return "no \(kind.rawValue) \"\(name.escapingControlCharacters(invisible: true).truncated())\" in the work map\(hint)"
        case let .duplicate(kind, name):
            return "the work map already has \(kind == .action || kind == .actor ? "an" : "a") \(kind.rawValue) named \"\(name)\"; nothing was changed."
        case let .selfLink(kind, name):
            return "\"\(name)\" cannot be linked to itself (\(kind.rawValue)); nothing was changed."
        case let .wrongEnds(kind, from, to):
            let ends = kind.ends
            return "\(kind.rawValue) links \(ends.from.map(\.rawValue).sorted().joined(separator: " or ")) to "
                + "\(ends.to.map(\.rawValue).sorted().joined(separator: " or ")), not \(from.rawValue) to \(to.rawValue); nothing was changed."
        case let .cycle(kind, path):
            return "\(kind.rawValue) would go round in a circle: \(path.joined(separator: " → ")); nothing was changed."
        case let .scopeWithoutStep(text):
            return "the text \"\(text)\" is tied to one step: name the step (or make it process-wide); nothing was changed."
        case .mergeNeedsTwoSteps:
            return "a merge needs at least two different steps; nothing was changed."
        case let .slashInName(kind, name):
            return "\(kind.rawValue) name \"\(name)\" has a «/»; write it without (a node's name is also its code's); nothing was changed."
        case let .ambiguous(kind, name, choices):
            return "\"\(name)\" names \(choices.count) \(kind.rawValue)s; say which: \(choices.map { "\"\($0)\"" }.joined(separator: " or ")); nothing was changed."
        case let .linkNotFound(id):
            return "no such link in the work map (\(id)); link the two first; nothing was changed."
        case let .rasterSize(size, width, height):
            return "a PNG at \(size) would be \(width) × \(height) pixels; choose a scale or width that gives 1 to "
                + "\(MapRaster.maximumSide) pixels a side and at most \(MapRaster.maximumPixels) in all; nothing was written."
        case let .rasterizerMissing(searched):
            return "\(MapRaster.program) was not found (looked in \(searched.joined(separator: ", "))); it draws the map as PNG: "
                + "install librsvg2-bin (Debian, Ubuntu) or librsvg (Homebrew); nothing was written."
        case let .rasterizerFailed(program, status, message):
            let why = status == -1 ? message : "exit status \(status)" + (message.isEmpty ? "" : ": \(message.escapingControlCharacters().truncated(to: 200))")
            return "\(program) could not draw the map as PNG (\(why)); nothing was written."
        case .noTables:
            return "no table of the map was named (there are \(MapTableKind.allCases.map(\.rawValue).joined(separator: ", "))); nothing was written."
        case let .oneTablePerCSV(tables):
            return "a CSV file holds one table, and \(tables.count) were named (\(tables.map(\.rawValue).joined(separator: ", "))): "
                + "write each to a CSV file of its own, or all of them to one document; nothing was written."
        }
    }
}

extension MapError: CustomStringConvertible, LocalizedError {
    public var errorDescription: String? { description }
}
