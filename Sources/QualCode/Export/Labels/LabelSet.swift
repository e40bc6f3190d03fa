import Foundation

/// The name of a label in a ``LabelSet``: English, camelCase, never shown to a reader
/// (`codebookCaption` → «Kodebok»).
///
/// The core's keys are static members below (`LabelSet+Core.swift`); a module adds its own the same
/// way (`extension LabelKey { static let analysis: LabelKey = "analysis" }`) and registers their
/// words with ``LabelSet/adding(_:)``.
public struct LabelKey: RawRepresentable, Hashable, Sendable, Codable, CodingKeyRepresentable, Comparable,
                        ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (a: LabelKey, b: LabelKey) -> Bool { a.rawValue < b.rawValue }
}

/// Every word an export writes itself — captions, headers, notes, headings, footnotes — keyed by
/// name, in Norwegian Bokmål («bokmål») and English: the one place a renderer, a method module or a
/// front end gets a label from.
///
/// A label may hold numbered fields, `{1}`, `{2}`, filled by ``Labels/callAsFunction(_:_:)``
/// («Celler med færre enn {1} er skjult.»). A word that changes with a number has a key per form
/// (`quoteCountOne`, `quoteCountOther`). A house style renames labels for one project
/// (``overriding(_:with:in:)``); renaming a label never touches stored data.
///
/// For example:
/// ```swift
/// LabelSet.core[.codebookCaption, .nb]            // "Kodebok"
/// LabelSet.core.labels(for: .en)(.suppressedBelow, 3) // "Cells with fewer than 3 are hidden."
/// ```
///
/// ## Topics
/// - ``core``
/// - ``labels(for:)``
/// - ``adding(_:)``
/// - ``overriding(_:with:in:)``
public struct LabelSet: Sendable, Hashable {
    /// One label in both languages.
    public struct Entry: Sendable, Hashable, Codable {
        public var nb: String
        public var en: String
        public init(nb: String, en: String) { self.nb = nb; self.en = en }
        public subscript(language: DocumentLanguage) -> String { language == .nb ? nb : en }
    }

    public private(set) var entries: [LabelKey: Entry]

    /// A set from `(key, Bokmål, English)` rows; a key given twice keeps its last row.
    public init(_ rows: [(LabelKey, nb: String, en: String)]) {
        entries = Dictionary(rows.map { ($0.0, Entry(nb: $0.nb, en: $0.en)) }, uniquingKeysWith: { _, last in last })
    }

    /// Every key, sorted.
    public var keys: [LabelKey] { entries.keys.sorted() }

    /// The label in `language`; the key itself for a key the set does not have (never a crash, and
    /// a test over ``keys`` finds it).
    public subscript(key: LabelKey, language: DocumentLanguage) -> String {
        entries[key]?[language] ?? key.rawValue
    }

    /// This set with `other`'s labels added (a module registering its own); `other` wins on a shared key.
    public func adding(_ other: LabelSet) -> LabelSet {
        var copy = self
        copy.entries.merge(other.entries) { _, theirs in theirs }
        return copy
    }

    /// This set with one label renamed in one language (a house style's «Tab.» for «Tabell»).
    public func overriding(_ key: LabelKey, with text: String, in language: DocumentLanguage) -> LabelSet {
        var copy = self
        var entry = copy.entries[key] ?? Entry(nb: key.rawValue, en: key.rawValue)
        if language == .nb { entry.nb = text } else { entry.en = text }
        copy.entries[key] = entry
        return copy
    }

    /// The labels in one language, for a renderer or an export to read.
    public func labels(for language: DocumentLanguage) -> Labels { Labels(set: self, language: language) }
}

/// A ``LabelSet`` read in one language: what a document, a table or a front end holds.
public struct Labels: Sendable, Hashable {
    public var set: LabelSet
    public var language: DocumentLanguage

    public init(set: LabelSet = .core, language: DocumentLanguage) {
        self.set = set
        self.language = language
    }

    /// The core's labels in `language`.
    public static func core(_ language: DocumentLanguage) -> Labels { Labels(set: .core, language: language) }

    public subscript(key: LabelKey) -> String { self.set[key, language] }

    /// The label with its fields `{1}`, `{2}`, … filled in order.
    /// A field without a value stays as written; a value is never read for fields itself.
    public func callAsFunction(_ key: LabelKey, _ values: any CustomStringConvertible...) -> String {
        let text = self[key]
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let number = Int(after[..<close]), values.indices.contains(number - 1) {
                result += values[number - 1].description
                rest = after[after.index(after: close)...]
            } else {
                result += "{"
                rest = after
            }
        }
        return result + rest
    }

    /// The `one` form for 1, else `other`, with the number filled in as `{1}`.
    public func count(_ n: Int, one: LabelKey, other: LabelKey) -> String { self(n == 1 ? one : other, n) }

    /// These labels with one renamed.
    public func overriding(_ key: LabelKey, with text: String) -> Labels {
        Labels(set: self.set.overriding(key, with: text, in: language), language: language)
    }
}
