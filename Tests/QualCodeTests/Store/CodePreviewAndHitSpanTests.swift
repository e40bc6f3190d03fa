import Foundation
@testable import QualCode
import Testing

/// What the web UI's code and search pages need from the library: the deletion of a code counted before
/// it happens, and search hits that say where they are in the store's offsets.
@Suite struct CodePreviewAndHitSpanTests {
    @Test func theDeletionPreviewIsTheReportOfTheForcedDeleteAndChangesNothing() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Balansekunst", "Trivsel"])
        _ = try store.code("eva", .quote("sparringspartner", occurrence: nil), codes: ["Balansekunst/Sparringspartner"])
        let spar = try store.resolve.code("Sparringspartner")
        _ = try store.addMemo(on: "code:Balansekunst", text: "Om å balansere.")
        let segment = try #require(try store.units().first { $0.text == "sparringspartner" })
        _ = try store.addMemo(on: .segment(segment.id), text: "Rollen.")
        let id = try store.resolve.code("Balansekunst")
        let before = try ProjectSnapshot(store)
        let preview = try store.codeDeletion(id)
        #expect(try ProjectSnapshot(store) == before)
        #expect(preview.codingsRemoved == 2)
        #expect(preview.childrenRemoved == ["Sparringspartner"] && preview.childrenRemovedIds == [spar])
        // The code's memo and the memo of the segment left without codings; «kjempegod jobb» keeps Trivsel.
        #expect(preview.memosRemoved == 2)
        #expect(throws: StoreError.codeInUse(code: "Balansekunst", codings: 2, children: 1)) { try store.deleteCode(id) }
        #expect(try store.deleteCode(id, force: true) == preview)
        #expect(try store.units().map(\.text) == ["kjempegod jobb"])
        #expect(throws: StoreError.missing(.code, id)) { try store.codeDeletion(id) }
    }

    @Test func hitsGiveTheLineAndTheMatchedWordsInScalarOffsets() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let eva = try store.resolve.transcript("eva")
        let scalars = Array(try store.transcript(eva).text.unicodeScalars)
        func text(_ start: Int, _ end: Int) -> String { String(String.UnicodeScalarView(scalars[start..<end])) }
        // After the emoji on line 4: offsets count scalars, not UTF-16 units or bytes.
        let hit = try #require(try store.search("navske").hits.first)
        #expect(hit.line == 4)
        #expect(text(hit.start, hit.end) == hit.text)
        #expect(hit.text.hasPrefix("Tillit er alt.") || hit.text.contains("Tillit er alt."))
        #expect(hit.matches.map { text($0.start, $0.end) } == ["navske"])
        let phrase = try #require(try store.search("\"tillit er alt\"").hits.last)
        #expect(phrase.matches.map { text($0.start, $0.end).lowercased() } == ["tillit er alt"])
        let words = try #require(try store.search("tillit får").hits.first { $0.line == 4 })
        #expect(words.matches.map { text($0.start, $0.end) } == ["Tillit", "tillit", "får"])
        // A line already coded by offsets from a hit holds exactly the hit's text.
        let coded = try store.code(eva, .offsets(start: hit.matches[0].start, end: hit.matches[0].end), codes: ["Nav"])
        #expect(coded.segment.text == "navske")
    }

    @Test func theMarksCountScalarsAndSkipTheMarkers() {
        let marked = "a\u{E000}😀b\u{E001} c \u{E000}ø\u{E001}"
        #expect(SearchHit.matches(in: marked, open: "\u{E000}", close: "\u{E001}", lineStart: 10)
                == [.init(start: 11, end: 13), .init(start: 16, end: 17)])
    }
}
