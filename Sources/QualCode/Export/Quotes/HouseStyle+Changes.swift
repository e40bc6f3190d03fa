import Foundation

extension HouseStyle {
    /// The built-in style named `name` (`thesis` or `report`), as a person chooses it on either front end.
    ///
    /// - Throws: ``ExportError/unknownHouseStyle(_:known:)`` naming the styles there are.
    public static func builtIn(named name: String) throws -> HouseStyle {
        guard let style = named(name) else { throw ExportError.unknownHouseStyle(name, known: builtIn.map(\.name)) }
        return style
    }

    /// What a person may change of a house style for one export, on top of the style or its file.
    public struct Changes: Sendable, Hashable {
        /// The label after each quote; `""` for none.
        public var label: String?
        /// A sentence before each quote; it takes the label's place unless ``label`` is given too.
        public var leadIn: String?
        /// Quotes of at least this many words become block quotes.
        public var blockWords: Int?
        /// Name the participants with their counts in each group's summary line.
        public var namesInSummary: Bool

        public init(label: String? = nil, leadIn: String? = nil, blockWords: Int? = nil, namesInSummary: Bool = false) {
            self.label = label
            self.leadIn = leadIn
            self.blockWords = blockWords
            self.namesInSummary = namesInSummary
        }
    }

    /// This style with `changes`. A lead-in («En {rolle} forteller:») introduces the speaker, so it
    /// replaces the label unless a label is given as well.
    ///
    /// - Throws: ``StoreError/invalidValue(what:value:expected:)`` for a block-quote threshold below 1.
    public func changed(_ changes: Changes) throws -> HouseStyle {
        var style = self
        if let blockWords = changes.blockWords {
            guard blockWords >= 1 else {
                throw StoreError.invalidValue(what: "the words that make a block quote", value: String(blockWords), expected: "1 or more")
            }
            style.blockWords = blockWords
        }
        if let leadIn = changes.leadIn { style.leadIn = leadIn; style.label = "" }
        if let label = changes.label { style.label = label }
        if changes.namesInSummary { style.namesInSummary = true }
        return style
    }
}
