import Foundation

/// One replacement in a transcript's text: the scalars `start..<end` become `replacement`.
public struct TextEdit: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var replacement: String

    public init(start: Int, end: Int, replacement: String) {
        self.start = start
        self.end = end
        self.replacement = replacement
    }

    var delta: Int { replacement.scalarCount - (end - start) }

    /// The same edit trimmed to the scalars that really change («tillit» → «tilliten» inserts «en»),
    /// so segments that share the unchanged part stay anchored to it; nil when nothing changes.
    public func narrowed(in original: ScalarText) -> TextEdit? {
        let new = Array(replacement.unicodeScalars)
        var lo = 0
        while lo < end - start && lo < new.count && original.scalars[start + lo] == new[lo] { lo += 1 }
        var hi = 0
        while hi < end - start - lo && hi < new.count - lo && original.scalars[end - 1 - hi] == new[new.count - 1 - hi] { hi += 1 }
        guard lo + hi < end - start || lo + hi < new.count else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: new[lo..<(new.count - hi)])
        return TextEdit(start: start + lo, end: end - hi, replacement: String(view))
    }
}

/// What happened to an anchored span when a transcript's text changed.
public enum AnchorChange: String, Sendable, Codable {
    /// Same text, same place.
    case unchanged
    /// Same text, moved because text before it changed.
    case shifted
    /// Still anchored, but part of its text was edited or cut.
    case changed
    /// All of its text was removed; kept with its old text and reported.
    case orphaned
}

/// A span after a text revision.
public struct RemappedSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var change: AnchorChange
}

/// A validated set of edits over one text, and the one function that moves anchored spans with it.
///
/// Every change to a transcript's text goes through here (DESIGN.md, invariant 2): segments, turns
/// and later quotes and evidence all call ``remap(start:end:)``, so no caller shifts offsets by hand.
public struct TextRevision: Sendable {
    public let edits: [TextEdit]
    public let newText: String

    /// - Throws: ``TextEditError`` when an edit lies outside the text or edits overlap.
    public init(original: ScalarText, edits unsorted: [TextEdit]) throws(TextEditError) {
        let edits = unsorted.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var previousEnd = 0
        for edit in edits {
            guard edit.start >= 0, edit.start <= edit.end, edit.end <= original.count else {
                throw .outOfRange(start: edit.start, end: edit.end, length: original.count)
            }
            guard edit.start >= previousEnd else { throw .overlapping(at: edit.start) }
            previousEnd = edit.end
        }
        var view = String.UnicodeScalarView()
        var cursor = 0
        for edit in edits {
            view.append(contentsOf: original.scalars[cursor..<edit.start])
            view.append(contentsOf: edit.replacement.unicodeScalars)
            cursor = edit.end
        }
        view.append(contentsOf: original.scalars[cursor...])
        self.edits = edits
        self.newText = String(view)
    }

    /// Where the span `start..<end` of the old text lies in the new text.
    ///
    /// Text inserted exactly at a span's start or end stays outside it; text inserted inside grows it.
    /// A span that loses part of its text is clipped to what is left (`changed`); one that loses all of
    /// it is `orphaned`, placed where its text used to be, never moved onto other text.
    ///
    /// - Parameter substituting: the edits put one thing in the place of another (a redaction: a name
    ///   becomes «[navn]»): a span the edit covers maps onto the replacement, and a span cut by it keeps
    ///   the replacement, rather than being orphaned or clipped — a coded passage stays coded.
    public func remap(start: Int, end: Int, substituting: Bool = false) -> RemappedSpan {
        var deltaBeforeStart = 0  // length change of the edits wholly before the span
        var delta = 0             // length change of every edit before the span's end
        var clippedStart: Int?
        var clippedEnd: Int?
        var touched = false
        var removed = 0  // scalars of the span's own text that edits replaced
        for edit in edits {
            if edit.start >= end { break }
            if edit.end <= start {
                deltaBeforeStart += edit.delta
                delta += edit.delta
                continue
            }
            touched = true
            removed += max(0, min(edit.end, end) - max(edit.start, start))
            if edit.start <= start && edit.end >= end {
                let at = edit.start + delta
                if substituting, !edit.replacement.isEmpty {
                    return RemappedSpan(start: at, end: at + edit.replacement.scalarCount, change: .changed)
                }
                return RemappedSpan(start: at, end: at, change: .orphaned)
            }
            if edit.start < start {
                // The span's start was cut: it now begins after the replacement (or, substituting, at it).
                clippedStart = edit.start + delta + (substituting ? 0 : edit.replacement.scalarCount)
            }
            if edit.end > end {
                // The span's end was cut: it now ends where the cut began (or, substituting, after the replacement).
                clippedEnd = edit.start + delta + (substituting ? edit.replacement.scalarCount : 0)
            }
            delta += edit.delta
        }
        let newStart = clippedStart ?? start + deltaBeforeStart
        let newEnd = clippedEnd ?? end + delta
        guard touched else {
            return RemappedSpan(start: newStart, end: newEnd, change: delta == 0 ? .unchanged : .shifted)
        }
        // All of its own text gone, even if by several edits, is orphaned, not "changed" onto new text
        // (unless substituting: then the replacements stand in for it).
        if newEnd <= newStart || (removed >= end - start && !substituting) { return RemappedSpan(start: newStart, end: newStart, change: .orphaned) }
        return RemappedSpan(start: newStart, end: newEnd, change: .changed)
    }
}

/// Why a set of text edits was refused.
public enum TextEditError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    case outOfRange(start: Int, end: Int, length: Int)
    case overlapping(at: Int)

    public var description: String {
        switch self {
        case let .outOfRange(start, end, length):
            "edit \(start)..<\(end) lies outside the text (\(length) characters); nothing was changed."
        case let .overlapping(at):
            "edits overlap at character \(at); nothing was changed."
        }
    }
    public var errorDescription: String? { description }
}
