import Foundation
@testable import QualCode
import Testing

/// Only lines that hold text are numbered, as MAXQDA numbers paragraphs: a transcript with a blank
/// line between turns is numbered turn by turn, the same in every listing and in `lines`.
@Suite struct LineNumberingTests {
    static let spaced = "Intervjuer: Hvordan startet dagen?\n\nEva: Med kaffe og «tavlemøte».\n   \n\t\nIntervjuer: Og så?\n\nEva: Så ringte NAV-kontoret 🙂.\n"

    @Test func blankAndWhitespaceLinesHaveNoNumber() {
        let text = ScalarText(Self.spaced)
        #expect(text.lineCount == 4)
        #expect((1...4).map(text.lineText) == ["Intervjuer: Hvordan startet dagen?", "Eva: Med kaffe og «tavlemøte».",
                                               "Intervjuer: Og så?", "Eva: Så ringte NAV-kontoret 🙂."])
        #expect(text.rawLineCount == 9)
        // An offset in the blank lines after a line counts with that line; before the first, line 1.
        let second = text.lineRange(2)
        #expect(text.line(at: second.lowerBound) == 2 && text.line(at: second.upperBound + 2) == 2)
        #expect(text.line(at: text.lineStarts[2]) == 3 && text.line(at: text.count) == 4)
        #expect(ScalarText("\n  \n").lineCount == 0 && ScalarText("\n  \n").line(at: 2) == 1)
        #expect(ScalarText("").lineCount == 0)
    }

    @Test func listingsCodingAndContextUseTheSameNumbers() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Eva")
        var options = ImportOptions()
        options.participants = ["Eva"]
        try store.importTranscripts([try folder.write("dag.txt", Self.spaced)], options: options)
        let (_, lines) = try store.lines(of: "dag")
        #expect(lines.map(\.number) == [1, 2, 3, 4])
        #expect(lines.map(\.speaker) == ["Intervjuer", "Eva", "Intervjuer", "Eva"])
        // `--lines 4` is the fourth turn, not the line after the second blank one.
        let coded = try store.code("dag", .lines(4...4), codes: ["Kontakt"])
        #expect(coded.segment.text == "Så ringte NAV-kontoret 🙂." && coded.segment.firstLine == 4)
        let kaffe = try store.code("dag", .quote("Med kaffe", occurrence: nil), codes: ["Rutiner"])
        #expect(kaffe.segment.firstLine == 2)
        // Offsets spanning the whitespace-only lines are cut exactly, lines as the text counts them.
        let id = try store.resolve.transcript("dag")
        let text = ScalarText(Self.spaced)
        let start = text.lineRange(2).lowerBound + 5, end = text.lineRange(3).lowerBound + 10
        let span = try store.code(id, .offsets(start: start, end: end), codes: ["Overgang"])
        #expect(span.segment.text == text.slice(start, end) && span.segment.firstLine == 2 && span.segment.lastLine == 3)
        let retrieved = try #require(try store.retrieve(code: "Kontakt", context: 2).first)
        #expect(retrieved.before.map(\.number) == [2, 3] && retrieved.after.isEmpty)
        let page = try store.transcriptPage(id)
        #expect(page.lines.map(\.number) == [1, 2, 3, 4])
        #expect(page.turns.map(\.line) == [1, 2, 3, 4])
        #expect(throws: StoreError.linesOutOfRange(transcript: "dag", first: 5, last: 5, lineCount: 4)) {
            try store.code("dag", .lines(5...5), codes: ["X"])
        }
    }
}
