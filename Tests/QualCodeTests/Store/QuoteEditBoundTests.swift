import Foundation
@testable import QualCode
import Testing

/// A displayed form cut into many stretches of a common word, on a long segment, with an unmarked word
/// at the end: refused, nothing stored, and answered (the review's case: every word but «og» used once,
/// so each stretch is aligned from each of a thousand places; it held the write lock for minutes).
@Suite struct QuoteEditBoundTests {
    @Test func aQuoteCutIntoManyStretchesOfCommonWordsIsAnswered() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        // 5,000 words, «og» every fifth, every other word once (a word of a small vocabulary and its place).
        let vocabulary = ["møte", "rapport", "veileder", "høsten", "samtale", "ærlig", "økonomi", "tillit"]
        let words = (0..<5_000).map { $0 % 5 == 4 ? "og" : "\(vocabulary[($0 * 7) % vocabulary.count])\($0)" }
        let url = try folder.write("lang.txt", "Eva: " + words.joined(separator: " ") + "\n")
        try store.addParticipant(pseudonym: "Eva")
        var options = ImportOptions()
        options.participants = ["Eva"]
        try store.importTranscripts([url], options: options)
        let coded = try store.code("lang", .lines(1...1), codes: ["Lang"])
        let start = words.prefix(10).joined(separator: " ")
        for chunks in [3, 50] {
            let cuts = Array(repeating: "og", count: chunks).joined(separator: " (…) ")
            #expect(throws: QuoteEditError.self) {
                try store.editQuote(segment: coded.segment.id, QuoteUpdate(form: .display("\(start) (…) \(cuts) (…) ZZZ")))
            }
        }
        #expect(try store.quoteDetails(segment: coded.segment.id).edits.isEmpty)
        // Cut the same way without the stray word, the quote is read as meant: three stretches far apart.
        let middle = words[2_500..<2_503].joined(separator: " ")
        let end = words.suffix(4).joined(separator: " ")
        let details = try store.editQuote(segment: coded.segment.id, QuoteUpdate(form: .display("\(start) (…) \(middle) (…) og (…) \(end)")))
        #expect(details.displayed == "\(start) (…) \(middle) (…) og (…) \(end)")
        #expect(details.edits.components(separatedBy: "utelatt").count == 4)
    }

    @Test func anExcerptOfALongTurnIsReadStretchByStretch() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Eva")
        // A long turn: the whole quote's diff gives up on it, so only the stretches can be placed.
        let filler = (0..<3_000).map { "ord\($0)" }.joined(separator: " ")
        let turn = "Vi har noen som snakker med oss. Det er vanskelig for mange å få jobb. \(filler) Det blir vanskelig å forklare."
        var options = ImportOptions()
        options.participants = ["Eva"]
        try store.importTranscripts([try folder.write("lang.txt", "Eva: \(turn)\n")], options: options)
        let segment = try store.code("lang", .lines(1...1), codes: ["Lang"]).segment.id
        // Cut at both ends: three words from the middle.
        let excerpt = try store.editQuote(segment: segment, QuoteUpdate(form: .display("… ord1500 ord1501 ord1502 …")))
        #expect(excerpt.displayed == "… ord1500 ord1501 ord1502 …")
        // A stretch is placed where it reads as marked edits, the first such place: here «[for flere]»
        // replaces «for mange», not an insertion before the «vanskelig å» far later.
        let replaced = try store.editQuote(segment: segment, QuoteUpdate(form: .display("Vi har noen (…) vanskelig [for flere] å (…)")))
        #expect(replaced.edits.contains("\"for mange\" → \"for flere\""), "\(replaced.edits)")
        // A word found nowhere is named, not some other word of the quote.
        let error = #expect(throws: QuoteEditError.self) {
            try store.editQuote(segment: segment, QuoteUpdate(form: .display("… ord1500 ord1501 (…) ZZZ ord2000 …")))
        }
        #expect(error == .addedWords("ZZZ"))
    }
}
