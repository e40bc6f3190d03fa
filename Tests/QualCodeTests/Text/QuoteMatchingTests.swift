import Foundation
@testable import QualCode
import Testing

/// Quotes as people copy them out of Word or retype them: the exact text first, else a unique match
/// after forgiving ellipses, quotation marks, apostrophes, dashes, spaces and the first letter's case.
@Suite struct QuoteMatchingTests {
    static let transcript = """
        Intervjuer: Hva betyr «tillit» for deg?
        Eva: Jeg tror… altså, det er det som bærer alt – særlig når det går dårlig.
        Eva: Det er NAVs «ansvar», sa han. Jeg sa: “Det er vårt ansvar”.
        Eva: Han sa: 'vi får se'. Ikke mer enn det.
        Eva: Jeg tror at det går bra.
        """

    private func match(_ quote: String) -> QuoteMatch { QuoteMatcher(ScalarText(Self.transcript)).match(quote) }

    @Test func anExactMatchIsPreferredAndNeedsNothingForgiven() {
        let found = match("det er det som bærer alt")
        #expect(found.spans.count == 1 && found.normalised.isEmpty)
    }

    @Test(arguments: [
        ("Jeg tror... altså", [QuoteNormalisation.ellipsis], "Jeg tror… altså"),
        ("det er det som bærer alt - særlig", [.dashes], "det er det som bærer alt – særlig"),
        ("Det er NAVs \"ansvar\", sa han", [.quotationMarks], "Det er NAVs «ansvar», sa han"),
        ("Jeg sa: \"Det er vårt ansvar\"", [.quotationMarks], "Jeg sa: “Det er vårt ansvar”"),
        ("Han sa: ’vi får se’", [.apostrophes], "Han sa: 'vi får se'"),
        ("ikke  mer\n enn det", [.spaces, .initialCapital], "Ikke mer enn det"),
        ("sÆRLIG når", [], ""),
        ("jeg tror...   altså, det er", [.ellipsis, .spaces, .initialCapital], "Jeg tror… altså, det er"),
    ])
    func whatCopyingChangesIsForgiven(quote: String, forgiven: [QuoteNormalisation], stored: String) {
        let found = match(quote)
        if stored.isEmpty {
            // Only the first letter's case is forgiven, not a word's.
            #expect(found.spans.isEmpty)
            return
        }
        #expect(found.normalised == forgiven)
        #expect(found.spans.count == 1)
        if let span = found.spans.first { #expect(ScalarText(Self.transcript).slice(span.lowerBound, span.upperBound) == stored) }
    }

    @Test func aForgivenMatchMustStillBeUniqueToBeUsed() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.importTranscripts([try folder.write("eva.txt", Self.transcript)])
        // «jeg tror» occurs nowhere exactly, and twice once the first letter's case is forgiven.
        #expect(throws: StoreError.quoteAmbiguous(transcript: "eva", quote: "jeg tror", lines: [2, 5])) {
            try store.code("eva", .quote("jeg tror", occurrence: nil), codes: ["X"])
        }
        #expect(try store.code("eva", .quote("jeg tror", occurrence: 2), codes: ["Tro"]).segment.firstLine == 5)
        let result = try store.code("eva", .quote("jeg tror at", occurrence: nil), codes: ["Tro"])
        #expect(result.segment.text == "Jeg tror at" && result.quoteNormalised == [.initialCapital] && result.segment.firstLine == 5)
        let quoted = try store.code("eva", .quote("NAVs \"ansvar\"", occurrence: nil), codes: ["Ansvar"])
        #expect(quoted.segment.text == "NAVs «ansvar»" && quoted.quoteNormalised == [.quotationMarks])
    }

    @Test func aQuoteNotFoundNamesTheClosestLines() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.importTranscripts([try folder.write("eva.txt", Self.transcript)])
        do {
            _ = try store.code("eva", .quote("det som bærer alt når det går godt", occurrence: nil), codes: ["X"])
            Issue.record("expected quoteNotFound")
        } catch let StoreError.quoteNotFound(transcript, _, nearest) {
            #expect(transcript == "eva")
            #expect(nearest.first?.line == 2)
            #expect(nearest.first.map { $0.text.contains("bærer alt") } == true)
        }
        #expect(try store.codeTree().isEmpty)
        let message = StoreError.quoteNotFound(transcript: "eva", quote: "x", nearest: [QuoteSuggestion(line: 2, text: "bærer alt")]).description
        #expect(message == "eva: the quote \"x\" does not occur in the text (closest: line 2 \"bærer alt\"); nothing was coded.")
    }
}
