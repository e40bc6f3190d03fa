import Foundation
@testable import QualCode
import Testing

/// Analytic texts in Markdown, parsed by libcmark into the document model.
@Suite struct MarkdownTests {
    @Test func emphasisStrongAndParagraphsBecomeRunsAndParagraphs() {
        #expect(Markdown.blocks("") == [])
        #expect(Markdown.blocks("  \n\n ") == [])
        #expect(Markdown.blocks("Informantene beskrev *tillit* og _nærhet_ som **grunnmuren** i ***alt***.\n\nAndre avsnitt.") == [
            .paragraph([.text("Informantene beskrev "), .text("tillit", .italic), .text(" og "), .text("nærhet", .italic), .text(" som "),
                        .text("grunnmuren", .bold), .text(" i "), .text("alt", [.italic, .bold]), .text(".")]),
            .paragraph([.text("Andre avsnitt.")]),
        ])
        // A soft line break is a space, a hard one (two spaces, or a backslash) a line break.
        #expect(Markdown.blocks("første linje\nandre linje  \ntredje\\\nfjerde") == [
            .paragraph([.text("første linje andre linje"), .lineBreak, .text("tredje"), .lineBreak, .text("fjerde")]),
        ])
    }

    @Test func listsQuotesHeadingsCodeAndLinks() {
        #expect(Markdown.blocks("3) tre\n4) fire\n\n   fortsatt fire\n") == [
            .listItem([.text("tre")], marker: "3)", level: 0),
            .listItem([.text("fire")], marker: "4)", level: 0),
            .listItem([.text("fortsatt fire")], marker: "", level: 0),
        ])
        #expect(Markdown.blocks("> «Jeg er den de kan sparre med.»") == [.blockQuote([.text("«Jeg er den de kan sparre med.»")], label: nil)])
        #expect(Markdown.blocks("## Funn\nTekst") == [.paragraph([.text("Funn", .bold)]), .paragraph([.text("Tekst")])])
        #expect(Markdown.blocks("Se `kode` og [Malterud](https://example.org) <br> her.\n\n---\n\n<div>bort</div>") == [
            .paragraph([.text("Se kode og Malterud <br> her.")]),
        ])
        // Quotation marks and dashes stay as typed (no «smart» conversion), æøå and emoji as they are.
        #expect(Markdown.blocks("\"Det navske\" -- sa hun 🙂 på Ålesund-kontoret") == [.paragraph([.text("\"Det navske\" -- sa hun 🙂 på Ålesund-kontoret")])])
        // Stars that open nothing stay stars.
        #expect(Markdown.blocks("5 * 3 = 15") == [.paragraph([.text("5 * 3 = 15")])])
    }
}
