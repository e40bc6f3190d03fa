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

    static func xml(language: DocumentLanguage) -> String {
        var xml = XMLWriter()
        xml.start("w:styles", ["xmlns:w": WordprocessingML.namespace])
        xml.start("w:docDefaults")
        xml.start("w:rPrDefault")
        xml.start("w:rPr")
        xml.empty("w:lang", ["w:val": language.languageTag])
        xml.end()
        xml.end()
        xml.end()
        for style in styles {
            xml.start("w:style", style.id == "Normal" ? ["w:type": style.type, "w:default": "1", "w:styleId": style.id]
                                                       : ["w:type": style.type, "w:styleId": style.id])
            xml.empty("w:name", ["w:val": style.name])
            if let basedOn = style.basedOn { xml.empty("w:basedOn", ["w:val": basedOn]) }
            if let next = style.next { xml.empty("w:next", ["w:val": next]) }
            xml.empty("w:qFormat")
            properties("w:pPr", style.paragraph, to: &xml)
            properties("w:rPr", style.run, to: &xml)
            xml.end()
        }
        // A plain grid for tables.
        xml.start("w:style", ["w:type": "table", "w:styleId": "Tabellrutenett"])
        xml.empty("w:name", ["w:val": "Table Grid"])
        xml.start("w:tblPr")
        xml.start("w:tblBorders")
        for side in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
            xml.empty(side, ["w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "808080"])
        }
        xml.end()
        xml.start("w:tblCellMar")
        xml.empty("w:left", ["w:w": "108", "w:type": "dxa"])
        xml.empty("w:right", ["w:w": "108", "w:type": "dxa"])
        xml.end()
        xml.end()
        xml.end()
        xml.end()
        return xml.output
    }

    private static func properties(_ name: String, _ list: [(String, [(String, String)])], to xml: inout XMLWriter) {
        guard !list.isEmpty else { return }
        xml.start(name)
        for (element, attributes) in list {
            xml.empty(element, attributes)
        }
        xml.end()
    }
}
