import Foundation

/// The WordprocessingML parts shared by the .docx and the Flat-OPC renderers: the body, the
/// footnotes and the style sheet, built from a ``Document``.
struct WordprocessingML {
    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    let document: Document
    private(set) var footnotes: [[Inline]] = []
    private var tableNumber = 0

    init(_ document: Document) { self.document = document }

    // MARK: - document.xml

    /// `word/document.xml`; collects the footnotes on the way.
    mutating func documentXML() -> String {
        var xml = XMLWriter()
        xml.start("w:document", ["xmlns:w": Self.namespace, "xmlns:r": Self.relationshipsNamespace])
        xml.start("w:body")
        for block in document.blocks { write(block, to: &xml) }
        xml.start("w:sectPr")
        xml.empty("w:pgSz", ["w:w": "11906", "w:h": "16838"])  // A4
        xml.empty("w:pgMar", ["w:top": "1417", "w:right": "1417", "w:bottom": "1417", "w:left": "1417",
                              "w:header": "708", "w:footer": "708", "w:gutter": "0"])
        xml.end()
        xml.end()
        xml.end()
        return xml.output
    }

    private mutating func write(_ block: Block, to xml: inout XMLWriter) {
        switch block {
        case let .heading(level, inlines):
            paragraph(style: "Heading\(min(max(level, 1), 3))", inlines, to: &xml)
        case let .paragraph(inlines):
            paragraph(style: nil, inlines, to: &xml)
        case let .blockQuote(inlines, label):
            paragraph(style: "Sitat", inlines, to: &xml)
            if let label { paragraph(style: "SitatEtikett", label, to: &xml) }
        case let .table(table):
            write(table, to: &xml)
        }
    }

    private mutating func write(_ table: Table, to xml: inout XMLWriter) {
        tableNumber += 1
        // Caption above: «Tabell 3 Oversikt …», the number a SEQ field so Word renumbers and lists it.
        xml.start("w:p")
        paragraphProperties(style: "Caption", keepNext: true, to: &xml)
        run(document.language.tableWord + " ", [], to: &xml)
        // A complex field with its result written out: Word renumbers it, and readers that do not
        // evaluate fields still see the number.
        fieldCharacter("begin", to: &xml)
        xml.start("w:r")
        xml.element("w:instrText", ["xml:space": "preserve"], text: " SEQ \(document.language.tableWord) \\* ARABIC ")
        xml.end()
        fieldCharacter("separate", to: &xml)
        run(String(tableNumber), [], to: &xml)
        fieldCharacter("end", to: &xml)
        run(" ", [], to: &xml)
        inlines(table.caption, to: &xml)
        xml.end()

        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0, 1)
        xml.start("w:tbl")
        xml.start("w:tblPr")
        xml.empty("w:tblStyle", ["w:val": "Tabellrutenett"])
        xml.empty("w:tblW", ["w:w": "5000", "w:type": "pct"])
        xml.empty("w:tblLook", ["w:val": "04A0", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0",
                                "w:lastColumn": "0", "w:noHBand": "0", "w:noVBand": "1"])
        xml.end()
        xml.start("w:tblGrid")
        for _ in 0..<columns { xml.empty("w:gridCol", ["w:w": String(9072 / columns)]) }
        xml.end()
        if !table.header.isEmpty { row(table.header, columns: columns, header: true, to: &xml) }
        for cells in table.rows { row(cells, columns: columns, header: false, to: &xml) }
        xml.end()

        for (i, note) in table.notes.enumerated() {
            xml.start("w:p")
            paragraphProperties(style: "Tabellkommentar", keepNext: false, to: &xml)
            if i == 0 { run(document.language.noteWord + ": ", .italic, to: &xml) }
            inlines(note, to: &xml)
            xml.end()
        }
    }

    private func fieldCharacter(_ type: String, to xml: inout XMLWriter) {
        xml.start("w:r")
        xml.empty("w:fldChar", ["w:fldCharType": type])
        xml.end()
    }

    private mutating func row(_ cells: [[Inline]], columns: Int, header: Bool, to xml: inout XMLWriter) {
        xml.start("w:tr")
        if header {
            xml.start("w:trPr")
            xml.empty("w:tblHeader")
            xml.end()
        }
        for index in 0..<columns {
            xml.start("w:tc")
            xml.start("w:tcPr")
            xml.empty("w:tcW", ["w:w": String(9072 / columns), "w:type": "dxa"])
            xml.end()
            xml.start("w:p")
            paragraphProperties(style: "Tabelltekst", keepNext: false, to: &xml)
            let content = index < cells.count ? cells[index] : []
            inlines(header ? content.map { $0.adding(.bold) } : content, to: &xml)
            xml.end()
            xml.end()
        }
        xml.end()
    }

    private mutating func paragraph(style: String?, _ content: [Inline], to xml: inout XMLWriter) {
        xml.start("w:p")
        if let style { paragraphProperties(style: style, keepNext: style.hasPrefix("Heading"), to: &xml) }
        inlines(content, to: &xml)
        xml.end()
    }

    private func paragraphProperties(style: String, keepNext: Bool, to xml: inout XMLWriter) {
        xml.start("w:pPr")
        xml.empty("w:pStyle", ["w:val": style])
        if keepNext { xml.empty("w:keepNext") }
        xml.end()
    }

    private mutating func inlines(_ content: [Inline], to xml: inout XMLWriter) {
        for inline in content {
            switch inline {
            case let .text(text, emphasis):
                run(text, emphasis, to: &xml)
            case .lineBreak:
                xml.start("w:r")
                xml.empty("w:br")
                xml.end()
            case let .footnote(note):
                footnotes.append(note)
                xml.start("w:r")
                xml.start("w:rPr")
                xml.empty("w:rStyle", ["w:val": "Fotnotereferanse"])
                xml.end()
                xml.empty("w:footnoteReference", ["w:id": String(footnotes.count)])
                xml.end()
            }
        }
    }

    /// One run; line breaks and tabs inside the text become `w:br` and `w:tab`.
    private func run(_ text: String, _ emphasis: Emphasis, to xml: inout XMLWriter) {
        xml.start("w:r")
        if !emphasis.isEmpty {
            xml.start("w:rPr")
            if emphasis.contains(.bold) { xml.empty("w:b") }
            if emphasis.contains(.italic) { xml.empty("w:i") }
            xml.end()
        }
        var piece = ""
        func flush(_ xml: inout XMLWriter) {
            if !piece.isEmpty { xml.element("w:t", ["xml:space": "preserve"], text: piece) }
            piece = ""
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": flush(&xml); xml.empty("w:br")
            case "\t": flush(&xml); xml.empty("w:tab")
            case "\r": continue
            default: piece.unicodeScalars.append(scalar)
            }
        }
        flush(&xml)
        xml.end()
    }

    // MARK: - footnotes.xml

    /// `word/footnotes.xml`, with the separator notes Word expects at ids -1 and 0.
    mutating func footnotesXML() -> String {
        var xml = XMLWriter()
        xml.start("w:footnotes", ["xmlns:w": Self.namespace, "xmlns:r": Self.relationshipsNamespace])
        for (id, kind) in [("-1", "separator"), ("0", "continuationSeparator")] {
            xml.start("w:footnote", ["w:type": kind, "w:id": id])
            xml.start("w:p")
            xml.start("w:r")
            xml.empty(kind == "separator" ? "w:separator" : "w:continuationSeparator")
            xml.end()
            xml.end()
            xml.end()
        }
        let notes = footnotes
        for (index, note) in notes.enumerated() {
            xml.start("w:footnote", ["w:id": String(index + 1)])
            xml.start("w:p")
            paragraphProperties(style: "Fotnotetekst", keepNext: false, to: &xml)
            xml.start("w:r")
            xml.start("w:rPr")
            xml.empty("w:rStyle", ["w:val": "Fotnotereferanse"])
            xml.end()
            xml.empty("w:footnoteRef")
            xml.end()
            run(" ", [], to: &xml)
            inlines(note.filter { if case .footnote = $0 { false } else { true } }, to: &xml)
            xml.end()
            xml.end()
        }
        xml.end()
        return xml.output
    }
}

extension Inline {
    func adding(_ emphasis: Emphasis) -> Inline {
        if case let .text(text, current) = self { return .text(text, current.union(emphasis)) }
        return self
    }
}
