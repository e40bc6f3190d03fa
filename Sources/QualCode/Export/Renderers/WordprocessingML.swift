import Foundation

/// The WordprocessingML parts shared by the .docx and the Flat-OPC renderers: the body, the
/// footnotes and the style sheet, built from a ``Document``.
struct WordprocessingML {
    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let drawingNamespace = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let pictureNamespace = "http://schemas.openxmlformats.org/drawingml/2006/picture"
    static let wordDrawingNamespace = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    /// Office 2016's SVG picture extension: the blip names the raster image, this names the SVG.
    static let svgNamespace = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
    /// The `a:ext` uri Word gives the SVG extension of a blip.
    static let svgExtensionURI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
    /// English Metric Units per twip (1 in = 914,400 EMU = 1,440 twips).
    static let emuPerTwip = 635

    let document: Document
    /// QualCode's style ids → the ids in the package's styles.xml (a reference document's own).
    let styleIds: [String: String]
    let page: PageLayout
    /// The size (half-points) and relative width of the font of table text, for the column widths.
    let tableText: (size: Int, fontFactor: Double)
    private(set) var footnotes: [[Inline]] = []
    /// The figures' images in order; image *n* is `word/media/image<n>.<ext>` with relationship `rIdImage<n>`,
    /// its SVG (if it has one) `word/media/image<n>.svg` with relationship `rIdSvg<n>`.
    private(set) var images: [FigureImage] = []
    private var tableNumber = 0
    private var figureNumber = 0

    init(_ document: Document, styleIds: [String: String] = [:], page: PageLayout = .a4, tableText: (size: Int, fontFactor: Double) = (20, 1)) {
        self.document = document
        self.styleIds = styleIds
        self.page = document.landscape ? page.landscape : page
        self.tableText = tableText
    }

    /// The relationship id of image `number` (1-based).
    static func imageRelationship(_ number: Int) -> String { "rIdImage\(number)" }

    /// The package path of image `number` (1-based), below `word/`.
    static func imagePath(_ number: Int, _ image: FigureImage) -> String { "media/image\(number).\(image.format.fileExtension)" }

    /// The relationship id of image `number`'s SVG (1-based).
    static func svgRelationship(_ number: Int) -> String { "rIdSvg\(number)" }

    /// The package path of image `number`'s SVG (1-based), below `word/`.
    static func svgPath(_ number: Int) -> String { "media/image\(number).svg" }

    /// The style id written for one of QualCode's styles.
    private func style(_ id: String) -> String { styleIds[id] ?? id }

    /// A SEQ field's identifier from a caption word: letters, digits and underscores, starting with
    /// a letter (Word's rule for bookmark names); `fallback` when nothing is left.
    static func sequenceName(_ word: String, fallback: String) -> String {
        let kept = String(word.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "_" })
        guard let first = kept.unicodeScalars.first, CharacterSet.letters.contains(first) else { return fallback }
        return kept
    }

    // MARK: - document.xml

    /// `word/document.xml`; collects the footnotes and images on the way.
    mutating func documentXML() -> String {
        var xml = XMLWriter()
        xml.start("w:document", ["xmlns:w": Self.namespace, "xmlns:r": Self.relationshipsNamespace,
                                 "xmlns:wp": Self.wordDrawingNamespace, "xmlns:a": Self.drawingNamespace,
                                 "xmlns:pic": Self.pictureNamespace])
        xml.start("w:body")
        // A landscape table gets a section of its own: each section but the last ends in a paragraph
        // holding its page, the last one's page is the body's. Headings go with what follows them, so a
        // heading right before a landscape table is on its page, not left alone on the page before.
        var landscape = false
        var sectionHasContent = false
        var orientations = [Bool](repeating: false, count: document.blocks.count)
        for (index, block) in document.blocks.enumerated().reversed() {
            switch block {
            case let .table(table): orientations[index] = table.landscape
            case .heading: orientations[index] = index + 1 < orientations.count && orientations[index + 1]
            default: break
            }
        }
        for (block, wanted) in zip(document.blocks, orientations) {
            if wanted != landscape {
                if sectionHasContent { sectionBreak(page: landscape ? page.landscape : page, to: &xml) }
                landscape = wanted
                sectionHasContent = false
            }
            write(block, page: landscape ? page.landscape : page, to: &xml)
            sectionHasContent = true
        }
        xml.start("w:sectPr")
        (landscape ? page.landscape : page).write(to: &xml)
        xml.end()
        xml.end()
        xml.end()
        return xml.output
    }

    /// An empty paragraph that ends a section set on `page`; the next section starts on a new page.
    private func sectionBreak(page: PageLayout, to xml: inout XMLWriter) {
        xml.start("w:p")
        xml.start("w:pPr")
        xml.start("w:sectPr")
        page.write(to: &xml)
        xml.end()
        xml.end()
        xml.end()
    }

    private mutating func write(_ block: Block, page: PageLayout, to xml: inout XMLWriter) {
        switch block {
        case let .heading(level, inlines):
            paragraph(style: "Heading\(min(max(level, 1), 3))", inlines, to: &xml)
        case let .paragraph(inlines):
            paragraph(style: nil, inlines, to: &xml)
        case let .blockQuote(inlines, label):
            paragraph(style: "Sitat", inlines, to: &xml)
            if let label { paragraph(style: "SitatEtikett", label, to: &xml) }
        case let .question(inlines):
            paragraph(style: "SitatSporsmal", inlines, keepNext: true, to: &xml)
        case let .listItem(inlines, marker, level):
            xml.start("w:p")
            xml.start("w:pPr")
            xml.empty("w:pStyle", ["w:val": style("Listeavsnitt")])
            // The marker hangs in the indent; a tab takes the text to the indent (Word's implicit tab stop).
            let indent = 360 * (min(max(level, 0), 8) + 1)
            xml.empty("w:ind", ["w:left": String(indent), "w:hanging": "360"])
            xml.end()
            if !marker.isEmpty { run(marker + "\t", [], to: &xml) }
            self.inlines(inlines, to: &xml)
            xml.end()
        case let .table(table):
            write(table, width: page.textWidth, to: &xml)
        case let .figure(figure):
            write(figure, to: &xml)
        }
    }

    /// A caption paragraph: «Tabell 3 Oversikt …», the number a SEQ field so Word renumbers and lists it.
    /// In APA 7 style the title goes on a line of its own, in italics and not bold.
    private mutating func caption(word: String, sequence: String, number: Int, _ content: [Inline], to xml: inout XMLWriter) {
        xml.start("w:p")
        paragraphProperties(style: "Caption", keepNext: true, to: &xml)
        run(word + " ", [], to: &xml)
        // A complex field with its result written out: Word renumbers it, and readers that do not
        // evaluate fields still see the number.
        fieldCharacter("begin", to: &xml)
        xml.start("w:r")
        xml.element("w:instrText", ["xml:space": "preserve"], text: " SEQ \(sequence) \\* ARABIC ")
        xml.end()
        fieldCharacter("separate", to: &xml)
        run(String(number), [], to: &xml)
        fieldCharacter("end", to: &xml)
        switch document.captions {
        case .inline:
            run(" ", [], to: &xml)
            inlines(content, to: &xml)
        case .apa:
            xml.start("w:r")
            xml.empty("w:br")
            xml.end()
            inlines(content.map { $0.adding(.italic) }, format: RunFormat(notBold: true), to: &xml)
        }
        xml.end()
    }

    /// Notes below a table or figure, the first starting «Kommentar:».
    private mutating func notes(_ notes: [[Inline]], to xml: inout XMLWriter) {
        for (i, note) in notes.enumerated() {
            xml.start("w:p")
            paragraphProperties(style: "Tabellkommentar", keepNext: false, to: &xml)
            if i == 0 { run(document.labels[.note] + ": ", .italic, to: &xml) }
            inlines(note, to: &xml)
            xml.end()
        }
    }

    /// A table as wide as the text, its columns as wide as their content asks (``TableLayout``), set
    /// with a fixed layout so Word and LibreOffice keep those widths.
    private mutating func write(_ table: Table, width: Int, to xml: inout XMLWriter) {
        tableNumber += 1
        let word = document.labels[.table]
        caption(word: word, sequence: Self.sequenceName(word, fallback: LabelSet.core[.table, document.language]),
                number: tableNumber, table.caption, to: &xml)

        let layout = TableLayout(table, width: width, size: tableText.size, fontFactor: tableText.fontFactor)
        let cells = CellFormat(widths: layout.widths, rightAligned: table.numericColumns,
                               size: layout.size < tableText.size ? layout.size : nil)
        xml.start("w:tbl")
        xml.start("w:tblPr")
        xml.empty("w:tblStyle", ["w:val": style("Tabellrutenett")])
        xml.empty("w:tblW", ["w:w": String(layout.widths.reduce(0, +)), "w:type": "dxa"])
        xml.empty("w:tblLayout", ["w:type": "fixed"])
        if layout.cellMargin != TableLayout.cellMargin {
            xml.start("w:tblCellMar")
            xml.empty("w:left", ["w:w": String(layout.cellMargin), "w:type": "dxa"])
            xml.empty("w:right", ["w:w": String(layout.cellMargin), "w:type": "dxa"])
            xml.end()
        }
        xml.empty("w:tblLook", ["w:val": "04A0", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0",
                                "w:lastColumn": "0", "w:noHBand": "0", "w:noVBand": "1"])
        xml.end()
        xml.start("w:tblGrid")
        for width in layout.widths { xml.empty("w:gridCol", ["w:w": String(width)]) }
        xml.end()
        if !table.header.isEmpty { row(table.header, cells, header: true, to: &xml) }
        for content in table.rows { row(content, cells, header: false, to: &xml) }
        xml.end()

        notes(table.notes, to: &xml)
    }

    /// How a table's cells are set: their widths, the columns aligned right, a smaller size when the
    /// table had to shrink to fit.
    private struct CellFormat {
        var widths: [Int]
        var rightAligned: Set<Int>
        var size: Int?
    }

    /// A figure: caption above (kept with the image), the image in its own paragraph, notes below.
    private mutating func write(_ figure: Figure, to xml: inout XMLWriter) {
        figureNumber += 1
        images.append(figure.image)
        let word = document.labels[.figure]
        caption(word: word, sequence: Self.sequenceName(word, fallback: LabelSet.core[.figure, document.language]),
                number: figureNumber, figure.caption, to: &xml)
        let (width, height) = extent(of: figure)
        let name = "\(word) \(figureNumber)"
        xml.start("w:p")
        paragraphProperties(style: "Figur", keepNext: false, to: &xml)
        xml.start("w:r")
        xml.start("w:drawing")
        xml.start("wp:inline", ["distT": "0", "distB": "0", "distL": "0", "distR": "0"])
        xml.empty("wp:extent", ["cx": String(width), "cy": String(height)])
        xml.empty("wp:effectExtent", ["l": "0", "t": "0", "r": "0", "b": "0"])
        xml.empty("wp:docPr", ["id": String(figureNumber), "name": name, "descr": figure.altText])
        xml.start("wp:cNvGraphicFramePr")
        xml.empty("a:graphicFrameLocks", ["noChangeAspect": "1"])
        xml.end()
        xml.start("a:graphic")
        xml.start("a:graphicData", ["uri": Self.pictureNamespace])
        xml.start("pic:pic")
        xml.start("pic:nvPicPr")
        xml.empty("pic:cNvPr", ["id": "0", "name": "image\(figureNumber).\(figure.image.format.fileExtension)",
                                "descr": figure.altText])
        xml.empty("pic:cNvPicPr")
        xml.end()
        xml.start("pic:blipFill")
        blip(figureNumber, hasSVG: figure.image.svg != nil, to: &xml)
        xml.start("a:stretch")
        xml.empty("a:fillRect")
        xml.end()
        xml.end()
        xml.start("pic:spPr")
        xml.start("a:xfrm")
        xml.empty("a:off", ["x": "0", "y": "0"])
        xml.empty("a:ext", ["cx": String(width), "cy": String(height)])
        xml.end()
        xml.start("a:prstGeom", ["prst": "rect"])
        xml.empty("a:avLst")
        xml.end()
        xml.end()
        xml.end()
        xml.end()
        xml.end()
        xml.end()
        xml.end()
        xml.end()
        xml.end()
        notes(figure.notes, to: &xml)
    }

    /// The picture's `a:blip`: the raster image, and the SVG in the extension Word 2016 added for it.
    /// Readers that do not know the extension skip it (an `a:extLst` is ignorable by design, so no
    /// `mc:Ignorable` is needed) and show the raster image. The `asvg` prefix is declared on the element
    /// that uses it, as Word writes it.
    private func blip(_ number: Int, hasSVG: Bool, to xml: inout XMLWriter) {
        guard hasSVG else {
            xml.empty("a:blip", ["r:embed": Self.imageRelationship(number)])
            return
        }
        xml.start("a:blip", ["r:embed": Self.imageRelationship(number)])
        xml.start("a:extLst")
        xml.start("a:ext", ["uri": Self.svgExtensionURI])
        xml.empty("asvg:svgBlip", ["xmlns:asvg": Self.svgNamespace, "r:embed": Self.svgRelationship(number)])
        xml.end()
        xml.end()
        xml.end()
    }

    /// The figure's size in EMU: its width (the text width unless narrower), the height from the
    /// aspect ratio, shrunk to fit when that would be taller than most of the page.
    func extent(of figure: Figure) -> (width: Int, height: Int) {
        let textWidth = Double(page.textWidth * Self.emuPerTwip)
        var width = textWidth
        if case let .centimetres(centimetres) = figure.width, centimetres.isFinite, centimetres > 0 {
            width = min(centimetres * 360_000, textWidth)
        }
        let ratio = Double(figure.image.pixelHeight) / Double(figure.image.pixelWidth)
        let maxHeight = Double(page.textHeight * Self.emuPerTwip) * 0.8
        if width * ratio > maxHeight { width = maxHeight / ratio }
        return (max(Int(width.rounded()), 1), max(Int((width * ratio).rounded()), 1))
    }

    private func fieldCharacter(_ type: String, to xml: inout XMLWriter) {
        xml.start("w:r")
        xml.empty("w:fldChar", ["w:fldCharType": type])
        xml.end()
    }

    private mutating func row(_ cells: [[Inline]], _ format: CellFormat, header: Bool, to xml: inout XMLWriter) {
        xml.start("w:tr")
        if header {
            xml.start("w:trPr")
            // Repeated at the top of each page; a row is never split across pages.
            xml.empty("w:cantSplit")
            xml.empty("w:tblHeader")
            xml.end()
        }
        for (index, width) in format.widths.enumerated() {
            xml.start("w:tc")
            xml.start("w:tcPr")
            xml.empty("w:tcW", ["w:w": String(width), "w:type": "dxa"])
            xml.end()
            xml.start("w:p")
            paragraphProperties(style: "Tabelltekst", keepNext: false, alignment: format.rightAligned.contains(index) ? "right" : nil, to: &xml)
            let content = index < cells.count ? cells[index] : []
            inlines(header ? content.map { $0.adding(.bold) } : content, format: RunFormat(size: format.size), to: &xml)
            xml.end()
            xml.end()
        }
        xml.end()
    }

    private mutating func paragraph(style: String?, _ content: [Inline], keepNext: Bool? = nil, to xml: inout XMLWriter) {
        xml.start("w:p")
        if let style { paragraphProperties(style: style, keepNext: keepNext ?? style.hasPrefix("Heading"), to: &xml) }
        inlines(content, to: &xml)
        xml.end()
    }

    private func paragraphProperties(style: String, keepNext: Bool, alignment: String? = nil, to xml: inout XMLWriter) {
        xml.start("w:pPr")
        xml.empty("w:pStyle", ["w:val": self.style(style)])
        if keepNext { xml.empty("w:keepNext") }
        if let alignment { xml.empty("w:jc", ["w:val": alignment]) }
        xml.end()
    }

    /// What a run sets beyond its emphasis: a size (a table shrunk to fit), bold switched off (an APA
    /// caption's title in the bold caption style).
    struct RunFormat {
        var size: Int?
        var notBold = false
    }

    private mutating func inlines(_ content: [Inline], format: RunFormat = RunFormat(), to xml: inout XMLWriter) {
        for inline in content {
            switch inline {
            case let .text(text, emphasis):
                run(text, emphasis, format: format, to: &xml)
            case .lineBreak:
                xml.start("w:r")
                xml.empty("w:br")
                xml.end()
            case let .footnote(note):
                footnotes.append(note)
                xml.start("w:r")
                xml.start("w:rPr")
                xml.empty("w:rStyle", ["w:val": style("Fotnotereferanse")])
                xml.end()
                xml.empty("w:footnoteReference", ["w:id": String(footnotes.count)])
                xml.end()
            }
        }
    }

    /// One run; line breaks and tabs inside the text become `w:br` and `w:tab`.
    private func run(_ text: String, _ emphasis: Emphasis, format: RunFormat = RunFormat(), to xml: inout XMLWriter) {
        xml.start("w:r")
        if !emphasis.isEmpty || format.size != nil || format.notBold {
            // CT_RPr order: w:b, w:i, …, w:sz.
            xml.start("w:rPr")
            if emphasis.contains(.bold) { xml.empty("w:b") } else if format.notBold { xml.empty("w:b", ["w:val": "0"]) }
            if emphasis.contains(.italic) { xml.empty("w:i") } else if emphasis.contains(.upright) { xml.empty("w:i", ["w:val": "0"]) }
            if let size = format.size {
                xml.empty("w:sz", ["w:val": String(size)])
                xml.empty("w:szCs", ["w:val": String(size)])
            }
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
            xml.empty("w:rStyle", ["w:val": style("Fotnotereferanse")])
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
