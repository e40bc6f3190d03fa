import Foundation

/// QualCode's own `styles.xml`: the named styles every export uses. Built-in styles keep Word's
/// internal names (so Word and other readers know them as headings and captions); our own have
/// Norwegian names, which a user's reference document can redefine.
enum StyleSheet {
    struct Style {
        var id: String
        var name: String
        var type = "paragraph"
        var basedOn: String? = "Normal"
        var next: String? = nil
        var paragraph: [(String, [(String, String)])] = []
        var run: [(String, [(String, String)])] = []
    }

    static let styles: [Style] = [
        Style(id: "Normal", name: "Normal", basedOn: nil,
              paragraph: [("w:spacing", [("w:after", "120"), ("w:line", "276"), ("w:lineRule", "auto")])],
              run: [("w:rFonts", [("w:ascii", "Calibri"), ("w:hAnsi", "Calibri"), ("w:cs", "Calibri")]),
                    ("w:sz", [("w:val", "24")])]),
        Style(id: "Heading1", name: "heading 1", next: "Normal",
              paragraph: [("w:keepNext", []), ("w:spacing", [("w:before", "360"), ("w:after", "120")]), ("w:outlineLvl", [("w:val", "0")])],
              run: [("w:b", []), ("w:sz", [("w:val", "32")])]),
        Style(id: "Heading2", name: "heading 2", next: "Normal",
              paragraph: [("w:keepNext", []), ("w:spacing", [("w:before", "240"), ("w:after", "120")]), ("w:outlineLvl", [("w:val", "1")])],
              run: [("w:b", []), ("w:sz", [("w:val", "28")])]),
        Style(id: "Heading3", name: "heading 3", next: "Normal",
              paragraph: [("w:keepNext", []), ("w:spacing", [("w:before", "240"), ("w:after", "60")]), ("w:outlineLvl", [("w:val", "2")])],
              run: [("w:b", []), ("w:i", [])]),
        Style(id: "Caption", name: "caption", next: "Normal",
              paragraph: [("w:keepNext", []), ("w:spacing", [("w:before", "240"), ("w:after", "60")])],
              run: [("w:b", []), ("w:sz", [("w:val", "22")])]),
        Style(id: "Sitat", name: "Sitat", next: "Normal",
              paragraph: [("w:spacing", [("w:before", "120"), ("w:after", "60")]), ("w:ind", [("w:left", "720"), ("w:right", "720")])],
              run: [("w:i", []), ("w:sz", [("w:val", "22")])]),
        Style(id: "SitatEtikett", name: "Sitat-etikett", basedOn: "Sitat", next: "Normal",
              paragraph: [("w:spacing", [("w:before", "0"), ("w:after", "200")]), ("w:jc", [("w:val", "right")])],
              run: [("w:i", [("w:val", "0")])]),
        // The interviewer's question before a quote: indented like it, upright, kept with it.
        Style(id: "SitatSporsmal", name: "Sitat-spørsmål", basedOn: "Sitat", next: "Sitat",
              paragraph: [("w:keepNext", []), ("w:spacing", [("w:before", "120"), ("w:after", "60")])],
              run: [("w:i", [("w:val", "0")])]),
        // Word's built-in «List Paragraph» («Listeavsnitt»): the items of a list in an analytic text.
        Style(id: "Listeavsnitt", name: "List Paragraph",
              paragraph: [("w:spacing", [("w:after", "60")]), ("w:ind", [("w:left", "720")]), ("w:contextualSpacing", [])]),
        Style(id: "Tabelltekst", name: "Tabelltekst",
              paragraph: [("w:spacing", [("w:before", "20"), ("w:after", "20"), ("w:line", "240"), ("w:lineRule", "auto")])],
              run: [("w:sz", [("w:val", "20")])]),
        Style(id: "Tabellkommentar", name: "Tabellkommentar", next: "Normal",
              paragraph: [("w:spacing", [("w:before", "60"), ("w:after", "240")])],
              run: [("w:sz", [("w:val", "18")])]),
        Style(id: "Fotnotetekst", name: "footnote text",
              paragraph: [("w:spacing", [("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")])],
              run: [("w:sz", [("w:val", "18")])]),
        Style(id: "Fotnotereferanse", name: "footnote reference", type: "character", basedOn: nil,
              run: [("w:vertAlign", [("w:val", "superscript")])]),
    ]

    /// The figure paragraph: single line spacing, so an inline image is never clipped by a fixed line height.
    static let figure = Style(id: "Figur", name: "Figur", next: "Normal",
                              paragraph: [("w:keepLines", []), ("w:spacing", [("w:before", "0"), ("w:after", "120"), ("w:line", "240"), ("w:lineRule", "auto")])])

    /// Every style QualCode's documents use, by id, with the style ids they point to.
    static var all: [Style] { styles + [figure, tableGrid] }

    /// A plain grid for tables (Word's «Table Grid», «Tabellrutenett» in Norwegian Word).
    static let tableGrid = Style(id: "Tabellrutenett", name: "Table Grid", type: "table", basedOn: nil)

    /// QualCode's own `styles.xml`.
    static func xml(language: DocumentLanguage) -> String {
        var root = XMLTree("w:styles", [("xmlns:w", WordprocessingML.namespace)])
        root.append(XMLTree("w:docDefaults", children: [
            XMLTree("w:rPrDefault", children: [XMLTree("w:rPr", children: [XMLTree("w:lang", [("w:val", language.languageTag)])])]),
        ]))
        for style in all { root.append(element(style, id: style.id, name: style.name, ids: { $0 })) }
        return root.xml
    }

    /// One `w:style`, with `ids` turning the ids it points to (based on, next) into the document's.
    static func element(_ style: Style, id: String, name: String, ids: (String) -> String) -> XMLTree {
        var attributes = [("w:type", style.type)]
        if style.id == "Normal" { attributes.append(("w:default", "1")) }
        attributes.append(("w:styleId", id))
        var element = XMLTree("w:style", attributes, children: [XMLTree("w:name", [("w:val", name)])])
        if let basedOn = style.basedOn { element.append(XMLTree("w:basedOn", [("w:val", ids(basedOn))])) }
        if let next = style.next { element.append(XMLTree("w:next", [("w:val", ids(next))])) }
        if style.type == "table" {
            element.append(XMLTree("w:uiPriority", [("w:val", "59")]))
            let borders = ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"].map {
                XMLTree($0, [("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "808080")])
            }
            element.append(XMLTree("w:tblPr", children: [
                XMLTree("w:tblBorders", children: borders),
                XMLTree("w:tblCellMar", children: [XMLTree("w:left", [("w:w", "108"), ("w:type", "dxa")]),
                                                   XMLTree("w:right", [("w:w", "108"), ("w:type", "dxa")])]),
            ]))
            return element
        }
        element.append(XMLTree("w:qFormat"))
        for (container, list) in [("w:pPr", style.paragraph), ("w:rPr", style.run)] where !list.isEmpty {
            element.append(XMLTree(container, children: list.map { XMLTree($0.0, $0.1) }))
        }
        return element
    }
}
