import Foundation
import QualCode

/// The tables a work map becomes, as an institutional ethnography reports it beside the map: the
/// steps, the texts, the disjunctures, the quotes by step and the informants.
public enum MapTableKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Step | actions | texts | actors | formal requirements | accounts | key quotes (landscape).
    case steps
    /// Text | kind | issuer | version and date | scope | regulated by / regulates | clauses | evidence | provenance (landscape).
    case texts
    /// Disjuncture | kind | step | the formal text says | the accounts say | informants | problematic | note (landscape).
    case disjunctures
    /// Step | action | informant | quote | transcript and lines: every passage, removed ones marked.
    case quotes
    /// Informant | transcript | attributes | steps with evidence | passages | questions answered.
    case informants

    /// The heading the tables document gives the table.
    var heading: LabelKey {
        switch self {
        case .steps: .mapStepsHeading
        case .texts: .mapTextsHeading
        case .disjunctures: .mapDisjuncturesHeading
        case .quotes: .mapQuotesHeading
        case .informants: .mapInformantsHeading
        }
    }
}

extension WorkMapping {
    /// One table of the map, with its caption, header, rows and notes in Bokmål or English. A map
    /// with nothing of the kind yet gives the header, no rows and a note that says so.
    ///
    /// For example:
    /// ```swift
    /// let steps = try WorkMapping(store).table(.steps, language: .nb)
    /// ```
    ///
    /// - Parameter style: the house style the quotes are printed in (marks, labels, italics).
    /// - Throws: ``ExportError`` for a house style whose quote label names an attribute the project
    ///   does not have. Evidence whose passage was removed from its transcript is not an error: it is
    ///   counted apart and listed as removed.
    public func table(_ kind: MapTableKind, language: DocumentLanguage = .nb, style: HouseStyle = .thesis) throws -> Table {
        try MapContents.read(self, style: style, language: language).table(kind)
    }

    /// The tables in one document, each under a heading of its own, in the order asked; the wide ones
    /// (steps, texts, disjunctures) on landscape pages, their headings with them.
    ///
    /// - Throws: as ``table(_:language:style:)``.
    public func tablesDocument(_ kinds: [MapTableKind] = MapTableKind.allCases, language: DocumentLanguage = .nb,
                               style: HouseStyle = .thesis) throws -> Document {
        let contents = try MapContents.read(self, style: style, language: language)
        var blocks: [Block] = []
        for kind in kinds {
            blocks.append(.heading(level: 1, [.text(contents.words[kind.heading])]))
            blocks.append(.table(contents.table(kind)))
        }
        var document = Document(title: contents.words[.mapTablesTitle], language: language, blocks: blocks, labels: style.labels(for: language))
        document.captions = style.captions
        return document
    }
}

extension MapContents {
    func table(_ kind: MapTableKind) -> Table {
        switch kind {
        case .steps: stepTable
        case .texts: textInventory
        case .disjunctures: disjunctureRegister
        case .quotes: quotesByStep
        case .informants: informantTable
        }
    }
}
