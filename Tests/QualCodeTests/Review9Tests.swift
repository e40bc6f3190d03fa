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
