import Foundation
import QualCode
import Testing

@Suite struct HTMLRendererTests {
    @Test func rendersTheSameStructureAsWord() throws {
        let html = HTMLRenderer.html(for: DocxRendererTests.sample)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nb\">"))
        #expect(html.contains("<h2>Balansekunsten — Sparringspartner</h2>"))
        #expect(html.contains("<em>tillit</em>") && html.contains("<strong>grunnmuren</strong>"))
        #expect(html.contains(" &amp; mer &lt;her&gt;."))
        #expect(html.contains("<blockquote class=\"sitat\"><p>Eh, jeg er ikke sjefen deres (…) men jeg er den de kan sparre med.</p><p class=\"sitat-etikett\">(Jobbspesialist, IPS)</p></blockquote>"))
        #expect(html.contains("<caption>Tabell 1 Oversikt over informantene</caption>"))
        #expect(html.contains("<th>Tjeneste (N=2)</th>"))
        #expect(html.contains("<p class=\"tabellkommentar\"><em>Kommentar: </em>Tallene er antall informanter.</p>"))
        #expect(html.contains("<sup><a href=\"#fn1\">1</a></sup>") && html.contains("<li id=\"fn1\">Se også Malterud (2017).</li>"))
        #expect(html.contains("<title>Sitater – «Tillit» 🙂</title>"))
    }

    @Test func numbersAreRightAlignedListsIndentedAndUprightQuotesMarked() {
        let html = HTMLRenderer.html(for: Document(blocks: [
            .table(Table(caption: "Tall", header: ["Kode", "Segmenter"], rows: [["Tillit", "12"], ["Relasjon", "3 (25,0\u{A0}%)"]])),
            .listItem([.text("første")], marker: "1.", level: 1),
            .blockQuote([.text("Rett opp.", .upright)], label: nil),
        ]))
        #expect(html.contains("<th class=\"tall\">Segmenter</th>") && html.contains("<td class=\"tall\">12</td>") && html.contains("<td>Tillit</td>"))
        #expect(html.contains("<p class=\"liste\" style=\"margin-left:3.0em\"><span class=\"merke\">1.</span>første</p>"))
        #expect(html.contains("<span class=\"rett\">Rett opp.</span>"))
    }

    /// Which columns are numbers: digits with signs, separators, «%», «<3» and «–», and no letters.
    @Test func numericColumnsHoldOnlyNumbers() {
        let table = Table(caption: "", header: ["A", "B", "C", "D"], rows: [["12", "3 (25,0\u{A0}%)", "IPS-25", ""], ["<3", "–", "4", ""]])
        #expect(table.numericColumns == [0, 1])
    }

    @Test func userTextCannotInjectMarkup() {
        let html = HTMLRenderer.html(for: Document(title: "</title><script>x()</script>",
                                                  blocks: [.paragraph([.text("<img src=x onerror=alert(1)>")])]))
        #expect(!html.contains("<script>") && !html.contains("<img"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }
}

// MARK: - Figures

extension HTMLRendererTests {
    @Test func figuresHaveCaptionAboveAndEscapedAltText() throws {
        let png = TestImages.png(width: 2, height: 2)
        let figure = try Figure(imageData: png, altText: "\"><script>x()</script> «kart» & mer", caption: "Kart <b>",
                                notes: ["Egen framstilling."], width: .centimetres(8.5))
        let html = HTMLRenderer.html(for: Document(language: .en, blocks: [.figure(figure)]))
        #expect(!html.contains("<script>") && !html.contains("<b>"))
        let image = "<img src=\"data:image/png;base64,\(png.base64EncodedString())\" alt=\"&quot;&gt;&lt;script&gt;x()&lt;/script&gt; «kart» &amp; mer\" style=\"width:8.50cm\"/>"
        #expect(html.contains("<figure><figcaption>Figure 1 Kart &lt;b&gt;</figcaption>" + image + "</figure>"))
        #expect(html.contains("<p class=\"tabellkommentar\"><em>Note: </em>Egen framstilling.</p>"))
    }
}
