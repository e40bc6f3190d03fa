import Foundation

/// The standard tables' labels that are built from several keys or filled with values. The words
/// themselves are in ``LabelSet/core``; the renderers add «Tabell N» before a caption and
/// «Kommentar:» before the first note.
extension Labels {
    var codebookHeader: [String] { [self[.code], self[.definition], self[.parentCode], self[.example], self[.segments], self[.participants]] }
    var codebookNote: String { self(.codebookNote, ProjectStore.exampleMinimumWords) }

    /// - Parameter attributeLabel: the attribute's display name as it reads inside a sentence.
    func matrixCaption(_ columns: MatrixColumns, _ count: MatrixCount, attributeLabel: String? = nil) -> String {
        let by: String
        switch columns {
        case let .attribute(name): by = attributeLabel ?? name
        case .participant: by = self[.byParticipant]
        }
        return self(.matrixCaption, by, self[count == .participants ? .numberOfParticipants : .numberOfSegments])
    }
    /// A display name inside a sentence: «Rolle i tjenesten» becomes «rolle i tjenesten», while a name
    /// whose first word is capitalised throughout or in the middle («NAV-kontor», «IPS») stays as it is.
    package static func inSentence(_ label: String) -> String {
        let firstWord = label.prefix { !$0.isWhitespace }
        guard let first = firstWord.first, first.isUppercase, !firstWord.dropFirst().contains(where: \.isUppercase) else { return label }
        return first.lowercased() + label.dropFirst()
    }

    var sharedSegments: String { self(.sharedSegments, self[.total]) }
    func segmentsLeftOut(_ n: Int) -> String { count(n, one: .segmentsLeftOutOne, other: .segmentsLeftOutOther) }

    /// Ten columns before the attributes, and the text after them.
    var codingsHeader: [String] {
        [self[.codingsSegment], self[.codingsTranscript], self[.codingsFirstLine], self[.codingsLastLine], self[.codingsStart],
         self[.codingsEnd], self[.codingsCode], self[.codingsCoder], self[.codingsCodedAt], self[.codingsParticipants], self[.codingsText]]
    }

    var dictionaryHeader: [String] { [self[.dictionaryVariable], self[.dictionaryDescription], self[.dictionaryType], self[.dictionaryValues]] }
    var dictionaryNote: String { self(.dictionaryNote, VariableNames.maximumLength) }

    func typeName(_ type: AttributeType) -> String {
        switch type {
        case .text: self[.typeText]
        case .integer: self[.typeInteger]
        case .float: self[.typeFloat]
        case .boolean: self[.typeBoolean]
        case .date: self[.typeDate]
        }
    }

    /// What an attribute's values are: the list of values (up to 20), a range, or the form.
    func attributeValues(_ type: AttributeType, values: [String], missing: Bool) -> String {
        var text: String
        switch type {
        case .text: text = values.count <= 20 ? values.joined(separator: "; ") : self(.freeTextValues, values.count)
        case .integer, .float: text = values.isEmpty ? "" : values.count == 1 ? values[0] : "\(values.first!)–\(values.last!)"
        case .boolean: text = self[.booleanValues]
        case .date: text = self[.dateValues]
        }
        if missing { text += (text.isEmpty ? "" : "; ") + self[.emptyIsNotGiven] }
        return text
    }

    func countValues(maximum: Int) -> String { self(.countValues, maximum) }
}
