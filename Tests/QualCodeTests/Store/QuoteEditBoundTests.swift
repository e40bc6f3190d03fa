import Foundation
@testable import QualCode
import Testing

/// A displayed form cut into many stretches of a common word, on a long segment, with an unmarked word
/// at the end: refused, nothing stored. (The review's slow case — minutes inside the write lock — came
/// from its own 5,000-word text; this text does not reach the slow path, see the session note.)
@Suite struct QuoteEditBoundTests {
    @Test func aQuoteCutIntoManyStretchesOfCommonWordsIsAnswered() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        // 5,000 words, «og» every fifth.
        let vocabulary = ["arbeid", "plan", "møte", "skjema", "veileder", "tiltak", "bedrift", "samtale"]
        let words = (0..<5_000).map { $0 % 5 == 4 ? "og" : vocabulary[($0 * 7) % vocabulary.count] }
        let url = try folder.write("lang.txt", "Eva: " + words.joined(separator: " ") + "\n")
        try store.importTranscripts([url], options: ImportOptions())
        let coded = try store.code("lang", .lines(1...1), codes: ["Lang"])
        let start = words.prefix(10).joined(separator: " ")
        for chunks in [3, 50] {
            let cuts = Array(repeating: "og", count: chunks).joined(separator: " (…) ")
            #expect(throws: QuoteEditError.self) {
                try store.editQuote(segment: coded.segment.id, QuoteUpdate(form: .display("\(start) (…) \(cuts) (…) ZZZ")))
            }
        }
        #expect(try store.quoteDetails(segment: coded.segment.id).edits.isEmpty)
    }
}
