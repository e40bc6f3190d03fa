import Foundation
import QualCode
import Testing

@Suite struct TextRevisionTests {
    /// "Jeg får tillit 🙂 her" — the emoji is one scalar, å is one scalar after NFC.
    let text = ScalarText("Jeg får tillit 🙂 her og der.")

    func remap(_ edits: [TextEdit], _ start: Int, _ end: Int) throws -> (RemappedSpan, String) {
        let revision = try TextRevision(original: text, edits: edits)
        let span = revision.remap(start: start, end: end)
        return (span, ScalarText(revision.newText).slice(span.start, span.end))
    }

    // Segment "tillit 🙂" = scalars 8..<16.
    var segment: (Int, Int) { (8, 16) }

    @Test func segmentTextUsesScalars() {
        #expect(text.slice(8, 16) == "tillit 🙂")
        #expect(text.count == "Jeg får tillit 🙂 her og der.".unicodeScalars.count)
    }

    @Test func editBeforeShiftsTheSegment() throws {
        let (span, newText) = try remap([TextEdit(start: 0, end: 3, replacement: "Æsj, jeg")], 8, 16)
        #expect(span.change == .shifted)
        #expect(newText == "tillit 🙂")
    }

    @Test func editAfterLeavesTheSegment() throws {
        let (span, newText) = try remap([TextEdit(start: 17, end: 20, replacement: "😀 der")], 8, 16)
        #expect(span.change == .unchanged)
        #expect(span.start == 8 && span.end == 16 && newText == "tillit 🙂")
    }

    @Test func insertionAtTheBoundariesStaysOutside() throws {
        let (atStart, startText) = try remap([TextEdit(start: 8, end: 8, replacement: "stor ")], 8, 16)
        #expect(atStart.change == .shifted && startText == "tillit 🙂")
        let (atEnd, endText) = try remap([TextEdit(start: 16, end: 16, replacement: "!")], 8, 16)
        #expect(atEnd.change == .unchanged && endText == "tillit 🙂")
    }

    @Test func editInsideChangesTheSegmentText() throws {
        let (span, newText) = try remap([TextEdit(start: 8, end: 14, replacement: "tiltro")], 8, 16)
        #expect(span.change == .changed && newText == "tiltro 🙂")
        let (inner, innerText) = try remap([TextEdit(start: 10, end: 12, replacement: "ØÅ")], 8, 16)
        #expect(inner.change == .changed)
        #expect(innerText == "tiØÅit 🙂")
    }

    @Test func editAcrossTheStartClipsTheSegment() throws {
        // "får tilli" → "fikk " : the segment keeps what is left of its own text.
        let (span, newText) = try remap([TextEdit(start: 4, end: 13, replacement: "fikk ")], 8, 16)
        #expect(span.change == .changed)
        #expect(newText == "t 🙂")
    }

    @Test func editAcrossTheEndClipsTheSegment() throws {
        let (span, newText) = try remap([TextEdit(start: 15, end: 20, replacement: "…")], 8, 16)
        #expect(span.change == .changed)
        #expect(newText == "tillit ")
    }

    @Test func deletingTheWholeSegmentOrphansIt() throws {
        let (span, _) = try remap([TextEdit(start: 7, end: 17, replacement: "")], 8, 16)
        #expect(span.change == .orphaned)
        #expect(span.start == 7 && span.end == 7)
    }

    @Test func replacingAllOfASegmentsTextInPiecesOrphansIt() throws {
        // "tillit 🙂" (8..<16) rewritten by three adjacent edits: none of its own text is left.
        let edits = [TextEdit(start: 8, end: 11, replacement: "X"), TextEdit(start: 11, end: 14, replacement: "Y"),
                     TextEdit(start: 14, end: 16, replacement: "Z")]
        let (span, _) = try remap(edits, 8, 16)
        #expect(span.change == .orphaned)
        let (kept, keptText) = try remap([TextEdit(start: 8, end: 11, replacement: "X"), TextEdit(start: 12, end: 16, replacement: "Z")], 8, 16)
        #expect(kept.change == .changed && keptText == "XlZ")
    }

    @Test func severalEditsAddUp() throws {
        let edits = [TextEdit(start: 0, end: 0, replacement: "Å "), TextEdit(start: 10, end: 12, replacement: ""),
                     TextEdit(start: 21, end: 23, replacement: "eller")]
        let (span, newText) = try remap(edits, 8, 16)
        #expect(span.change == .changed)
        #expect(newText == "tiit 🙂")
    }

    @Test func overlappingOrOutOfRangeEditsAreRefused() {
        #expect(throws: TextEditError.self) { try TextRevision(original: text, edits: [TextEdit(start: 0, end: 99, replacement: "")]) }
        #expect(throws: TextEditError.self) {
            try TextRevision(original: text, edits: [TextEdit(start: 0, end: 5, replacement: ""), TextEdit(start: 3, end: 6, replacement: "")])
        }
    }
}

@Suite struct TextDiffTests {
    @Test(arguments: [
        ("linje én\nlinje to\nlinje tre", "linje én\nlinje TO\nlinje tre"),
        ("a\nb", "a\nb\nc"),
        ("a\nb\nc", "a\nc"),
        ("første\nandre", "null\nførste\nandre"),
        ("æ\nø\nå", "å\nø\næ"),
        ("én linje", "én linje 🙂"),
        ("x\n\ny", "x\ny\n\nz"),
        ("a\nb", "a"),
        ("a\nb", "c\na\nb\nd"),
        ("a", "b"),
    ])
    func editsReproduceTheNewText(old: String, new: String) throws {
        let original = ScalarText(old)
        let edits = TextDiff.edits(from: original, to: new)
        #expect(try TextRevision(original: original, edits: edits).newText == new)
    }

    @Test func appendingALineIsOneInsertionAtTheEnd() {
        let edits = TextDiff.edits(from: ScalarText("Intervjuer: Hei\nEva: Hei"), to: "Intervjuer: Hei\nEva: Hei\nIntervjuer: Takk!")
        #expect(edits == [TextEdit(start: 24, end: 24, replacement: "\nIntervjuer: Takk!")])
    }

    @Test func twoTyposOnOneLineAreTwoEdits() {
        let old = ScalarText("Eva: tilit er alt for meg i jobbenn")
        let edits = TextDiff.edits(from: old, to: "Eva: tillit er alt for meg i jobben")
        #expect(edits.count == 2)
        let revision = try! TextRevision(original: old, edits: edits)
        let quote = old.occurrences(of: "alt for meg")[0]
        let span = revision.remap(start: quote, end: quote + 11)
        #expect(span.change == .shifted)
        #expect(ScalarText(revision.newText).slice(span.start, span.end) == "alt for meg")
    }

    @Test func aTypoFixIsOneSmallEdit() {
        let old = (1...200).map { "Linje \($0): tillit og trygghet" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "Linje 120: tillit", with: "Linje 120: tilit")
        let edits = TextDiff.edits(from: ScalarText(old), to: new)
        #expect(edits.count == 1)
        #expect(edits[0].end - edits[0].start <= 2)
    }

    @Test func randomEditsRoundTrip() throws {
        var rng = SplitMix(seed: 42)
        let words = ["tillit", "får", "far", "sør", "🙂", "eh", "(latter)", "\n", "metodeveileder", "«navske»"]
        for _ in 0..<200 {
            let old = (0..<rng.next(40)).map { _ in words[rng.next(words.count)] }.joined(separator: " ")
            var new = Array(old)
            for _ in 0..<rng.next(4) where !new.isEmpty {
                let at = rng.next(new.count)
                new.replaceSubrange(at..<min(new.count, at + rng.next(6)), with: Array(words[rng.next(words.count)]))
            }
            let newText = String(new)
            let original = ScalarText(old)
            #expect(try TextRevision(original: original, edits: TextDiff.edits(from: original, to: newText)).newText == newText)
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return bound <= 0 ? 0 : Int(z % UInt64(bound))
    }
}
