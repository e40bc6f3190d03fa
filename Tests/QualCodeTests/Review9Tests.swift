import Foundation
import GRDB
import Testing
@testable import QualCode

/// Findings of the ninth review: each test failed before its fix.
@Suite struct Review9Tests {
    // MARK: - Short ids

    /// A short id needs four hex digits; dashes are not digits. `----` or `a---` named whichever memo
    /// (or segment, or quote export) was the only one whose id ended that way — `memo delete -- ----`
    /// deleted the project's only memo.
    @Test(arguments: ["----", "a---", "-a-a-", "0-0-"])
    func aShortIdOfDashesOrFewerThanFourDigitsNamesNothing(reference: String) throws {
        let folder = try TemporaryFolder()
        let store = try MemoEditingTests.project(folder)
        try MemoEditingTests.insert(store, id: "01900000-0000-7000-8000-00000000a00a")
        #expect(throws: StoreError.self) { try store.resolve.memo(reference) }
        #expect(try store.resolve.memo("a00a") == UUID(uuidString: "01900000-0000-7000-8000-00000000a00a"))
        #expect(try store.resolve.memo("0000-a00a") == UUID(uuidString: "01900000-0000-7000-8000-00000000a00a"))
    }
}

extension Review9Tests {
    // MARK: - Quotes end between characters

    static let emojiTranscript = """
        Intervjuer: Hvordan gikk det?
        Kari: Det gikk bra 👍🏽 og jeg smilte 😀.
        Kari: Vi skrev q̇ på tavla, og 👩‍💻 jobbet med det.
        Kari: Flagget 🇳🇴🇸🇪 hang ute, og 👍 betyr ja.
        """

    /// «👍» occurs as a character once (line 4); it also occurred as the first scalar of «👍🏽» on line 2,
    /// so the quote was ambiguous — and «👩» or «q» were coded as half a character, the skin tone,
    /// the joiner or the combining dot cut off. A quote matches whole characters only.
    @Test func aQuoteDoesNotMatchHalfACharacter() throws {
        let text = ScalarText(Self.emojiTranscript)
        let matcher = QuoteMatcher(text)
        let thumbs = matcher.match("👍")
        #expect(thumbs.spans.count == 1)
        if let span = thumbs.spans.first { #expect(text.line(at: span.lowerBound) == 4) }
        #expect(matcher.match("👩").spans.isEmpty)
        #expect(matcher.match("q").spans.isEmpty)
        #expect(matcher.match("🇴🇸").spans.isEmpty)
        #expect(matcher.match("🇸🇪").spans.count == 1)
        // Whole characters still match, exactly or forgiven.
        #expect(matcher.match("bra 👍🏽 og").spans.count == 1)
        #expect(matcher.match("q̇ på tavla").spans.count == 1)
        #expect(matcher.match("og 👩‍💻 jobbet").spans.count == 1)
        let forgiven = matcher.match("vi skrev q̇  på")
        #expect(forgiven.spans.count == 1 && forgiven.normalised == [.spaces, .initialCapital])
        #expect(matcher.match("vi skrev q").spans.isEmpty)
    }

    @Test func codingAQuoteOfHalfACharacterIsRefusedAndChangesNothing() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.importTranscripts([try folder.write("kari.txt", Self.emojiTranscript)])
        #expect(throws: StoreError.self) { try store.code("kari", .quote("👩", occurrence: nil), codes: ["Data"]) }
        #expect(try store.units().isEmpty)
        let coded = try store.code("kari", .quote("👍", occurrence: nil), codes: ["Ja"])
        #expect(coded.segment.text == "👍" && coded.segment.firstLine == 4)
    }
}

extension Review9Tests {
    // MARK: - Hostile Markdown

    /// 40 KB of `> > > … x` (or as deep a list or emphasis) in an analytic text was stored without a
    /// word and then crashed `stc export chapter` with a stack overflow: the walk over libcmark's tree
    /// recursed once per level. Past a depth no person writes, the text is kept as plain text.
    @Test func deeplyNestedMarkdownKeepsItsTextAndDoesNotOverflowTheStack() {
        let depth = 20_000
        let quotes = Markdown.blocks(String(repeating: "> ", count: depth) + "dypt sitat")
        #expect(quotes == [.blockQuote([.text("dypt sitat")], label: nil)])
        let list = Markdown.blocks(String(repeating: "- ", count: depth) + "punkt")
        #expect(list.count > 10 && list.count < 1_000)
        #expect(list.contains(.paragraph([.text("punkt")])))
        // Each item opening with a list has its marker first, then the list one level in.
        #expect(Array(list.prefix(3)) == [.listItem([], marker: "•", level: 0), .listItem([], marker: "•", level: 1), .listItem([], marker: "•", level: 2)])
        let emphasis = Markdown.blocks(String(repeating: "*a ", count: depth) + "kjerne" + String(repeating: " a*", count: depth))
        #expect(emphasis.count == 1)
        if case let .paragraph(inlines)? = emphasis.first {
            let words = inlines.compactMap { inline -> String? in if case let .text(text, _) = inline { return text } else { return nil } }.joined()
            #expect(words.contains("kjerne") && words.filter { $0 == "a" }.count == 2 * depth)
        }
        let links = Markdown.blocks(String(repeating: "[", count: depth) + "lenke" + String(repeating: "](u)", count: depth))
        #expect(links.count == 1)
    }

    /// `- - punkt`: an item whose first child is a list got its bullet after that list, an empty «•»
    /// below the nested item.
    @Test func anItemOpeningWithAListHasItsMarkerFirst() {
        #expect(Markdown.blocks("- - punkt\n- neste") == [
            .listItem([], marker: "•", level: 0), .listItem([.text("punkt")], marker: "•", level: 1),
            .listItem([.text("neste")], marker: "•", level: 0),
        ])
        #expect(Markdown.blocks("1. ```\n   kode\n   ```") == [.listItem([], marker: "1.", level: 0), .paragraph([.text("kode")])])
    }

    @Test func ordinaryNestingIsUnchanged() {
        let blocks = Markdown.blocks("- én\n  - to\n    - tre\n\n> sitat\n> > i sitat\n\n*kursiv **fet og kursiv***")
        #expect(blocks == [
            .listItem([.text("én")], marker: "•", level: 0), .listItem([.text("to")], marker: "•", level: 1),
            .listItem([.text("tre")], marker: "•", level: 2),
            .blockQuote([.text("sitat")], label: nil), .blockQuote([.text("i sitat")], label: nil),
            .paragraph([.text("kursiv ", .italic), .text("fet og kursiv", [.italic, .bold])]),
        ])
    }
}
