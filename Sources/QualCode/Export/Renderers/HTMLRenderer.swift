import Foundation

/// Renders a ``Document`` as a standalone HTML page (the web UI's preview of an export), with the
/// same caption numbering, quote styles and footnotes as the Word output.
public enum HTMLRenderer {
    public static func html(for document: Document) -> String {
        var html = XMLWriter()
        html.raw("<!DOCTYPE html>\n")
        html.start("html", ["lang": document.language.rawValue])
        html.start("head")
        html.empty("meta", ["charset": "utf-8"])
        html.element("title", text: document.title ?? "QualCode")
        html.element("style", text: stylesheet)
        html.end()
        html.start("body")
        var footnotes: [[Inline]] = []
        var tableNumber = 0
        var figureNumber = 0
        let words = document.labels
        for block in document.blocks {
            switch block {
            case let .heading(level, content):
                html.start("h\(min(max(level, 1), 3))")
                inlines(content, footnotes: &footnotes, to: &html)
                html.end()
            case let .paragraph(content):
                html.start("p")
                inlines(content, footnotes: &footnotes, to: &html)
                html.end()
            case let .blockQuote(content, label):
                html.start("blockquote", ["class": "sitat"])
                html.start("p")
                inlines(content, footnotes: &footnotes, to: &html)
                html.end()
                if let label {
                    html.start("p", ["class": "sitat-etikett"])
                    inlines(label, footnotes: &footnotes, to: &html)
                    html.end()
                }
                html.end()
            case let .question(content):
                html.start("p", ["class": "sitat-sporsmal"])
                inlines(content, footnotes: &footnotes, to: &html)
                html.end()
            case let .listItem(content, marker, level):
                html.start("p", ["class": "liste", "style": "margin-left:\(1.5 * Double(min(max(level, 0), 8) + 1))em"])
                if !marker.isEmpty { html.element("span", ["class": "merke"], text: marker) }
                inlines(content, footnotes: &footnotes, to: &html)
                html.end()
            case let .table(table):
                tableNumber += 1
                let numeric = table.numericColumns
                html.start("table")
                caption(words[.table], tableNumber, table.caption, style: document.captions, footnotes: &footnotes, to: &html)
                if !table.header.isEmpty {
                    html.start("thead")
                    html.start("tr")
                    for (column, cell) in table.header.enumerated() {
                        html.start("th", numeric.contains(column) ? [("class", "tall")] : [])
                        inlines(cell, footnotes: &footnotes, to: &html)
                        html.end()
                    }
                    html.end()
                    html.end()
                }
                html.start("tbody")
                for row in table.rows {
                    html.start("tr")
                    for (column, cell) in row.enumerated() {
                        html.start("td", numeric.contains(column) ? [("class", "tall")] : [])
                        inlines(cell, footnotes: &footnotes, to: &html)
                        html.end()
                    }
                    html.end()
                }
                html.end()
                html.end()
                notes(table.notes, word: words[.note], footnotes: &footnotes, to: &html)
            case let .figure(figure):
                figureNumber += 1
                html.start("figure")
                // Caption above the image, as in the Word output (APA 7).
                caption(words[.figure], figureNumber, figure.caption, element: "figcaption", style: document.captions,
                        footnotes: &footnotes, to: &html)
                var attributes = [("src", source(of: figure.image)), ("alt", figure.altText)]
                if case let .centimetres(centimetres) = figure.width, centimetres.isFinite, centimetres > 0 {
                    attributes.append(("style", "width:\(String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), centimetres))cm"))
                }
                html.empty("img", attributes)
                html.end()
                notes(figure.notes, word: words[.note], footnotes: &footnotes, to: &html)
            }
        }
        if !footnotes.isEmpty {
            html.start("section", ["class": "fotnoter"])
            html.start("ol")
            var nested: [[Inline]] = []
            for (i, note) in footnotes.enumerated() {
                html.start("li", ["id": "fn\(i + 1)"])
                inlines(note, footnotes: &nested, to: &html)
                html.end()
            }
            html.end()
            html.end()
        }
        html.end()
        html.end()
        return html.output
    }

    public static func write(_ document: Document, to url: URL) throws {
        try ExportFile.write(html(for: document), to: url)
    }

    /// The image as a data URL: its SVG where it has one (a browser draws it sharp at any size), else the
    /// PNG or JPEG. An SVG inside `<img>` runs no script and loads nothing, so it needs no cleaning, and
    /// the alt text and caption work as for any image.
    private static func source(of image: FigureImage) -> String {
        if let svg = image.svg { return "data:\(SVGImage.contentType);base64,\(svg.data.base64EncodedString())" }
        return "data:\(image.format.contentType);base64,\(image.data.base64EncodedString())"
    }

    /// «Tabell 3 Tittel» on one line, or in APA 7 style the label bold and the title in italics below it.
    private static func caption(_ word: String, _ number: Int, _ content: [Inline], element: String = "caption", style: CaptionStyle,
                                footnotes: inout [[Inline]], to html: inout XMLWriter) {
        html.start(element)
        switch style {
        case .inline:
            html.text("\(word) \(number) ")
            inlines(content, footnotes: &footnotes, to: &html)
        case .apa:
            html.text("\(word) \(number)")
            html.empty("br")
            html.start("span", ["class": "tittel"])
            inlines(content.map { $0.adding(.italic) }, footnotes: &footnotes, to: &html)
            html.end()
        }
        html.end()
    }

    /// Notes below a table or figure, the first starting «Kommentar:».
    private static func notes(_ notes: [[Inline]], word: String, footnotes: inout [[Inline]], to html: inout XMLWriter) {
        for (i, note) in notes.enumerated() {
            html.start("p", ["class": "tabellkommentar"])
            if i == 0 { html.element("em", text: word + ": ") }
            inlines(note, footnotes: &footnotes, to: &html)
            html.end()
        }
    }

    private static func inlines(_ content: [Inline], footnotes: inout [[Inline]], to html: inout XMLWriter) {
        for inline in content {
            switch inline {
            case let .text(text, emphasis):
                if emphasis.contains(.bold) { html.start("strong") }
                if emphasis.contains(.italic) { html.start("em") } else if emphasis.contains(.upright) { html.start("span", ["class": "rett"]) }
                let lines = text.components(separatedBy: "\n")
                for (i, line) in lines.enumerated() {
                    if i > 0 { html.empty("br") }
                    html.text(line)
                }
                if emphasis.contains(.italic) || emphasis.contains(.upright) { html.end() }
                if emphasis.contains(.bold) { html.end() }
            case .lineBreak:
                html.empty("br")
            case let .footnote(note):
                footnotes.append(note)
                html.start("sup")
                html.element("a", ["href": "#fn\(footnotes.count)"], text: String(footnotes.count))
                html.end()
            }
        }
    }

    static let stylesheet = """
        body{font-family:Calibri,Carlito,sans-serif;max-width:42em;margin:2em auto;line-height:1.4}
        blockquote.sitat{margin:1em 3em;font-style:italic}
        blockquote.sitat p.sitat-etikett{font-style:normal;text-align:right}
        table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold;margin-bottom:.3em}
        th,td{border:1px solid #808080;padding:.1em .4em;text-align:left;font-size:.9em}th.tall,td.tall{text-align:right}
        caption span.tittel{font-weight:normal}span.rett{font-style:normal}
        p.sitat-sporsmal{margin:1em 3em 0}p.liste{margin-top:0;margin-bottom:.2em;text-indent:-1.5em}span.merke{display:inline-block;width:1.5em;text-indent:0}
        figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}figure img{display:block;width:100%;max-width:100%;height:auto}
        p.tabellkommentar{font-size:.8em}section.fotnoter{font-size:.8em;border-top:1px solid #999;margin-top:2em}
        """
}
