import Foundation
@testable import QualCode
import Testing

/// Editing a transcript's text never loses or silently moves a segment.
@Suite struct TextEditingTests {
    func setUp(_ folder: TemporaryFolder) throws -> (ProjectStore, [String: SegmentInfo]) {
        let store = try interviewStore(folder)
        var segments: [String: SegmentInfo] = [:]
        segments["early"] = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel"]).segment
        segments["emoji"] = try store.code("eva", .quote("ingenting til 🙂", occurrence: nil), codes: ["Tillit"]).segment
        segments["late"] = try store.code("eva", .quote("han dro sør til Spania", occurrence: nil), codes: ["Reise"]).segment
        return (store, segments)
    }

    func segmentText(_ store: ProjectStore, _ id: UUID) throws -> (String, Bool, String) {
        let unit = try #require(try store.units().first { $0.id == id })
        let transcript = try store.transcript("eva")
        let stored = try #require(try store.retrieve(code: unit.codes[0]).first { $0.segment.id == id })
        return (unit.text, unit.isOrphaned, ScalarText(transcript.text).slice(stored.segment.start, stored.segment.end))
    }

    @Test func anEditBeforeShiftsEverySegmentAfterIt() throws {
        let folder = try TemporaryFolder()
        let (store, s) = try setUp(folder)
        let report = try store.replaceText(in: "eva", find: "metodeveileder", with: "metodeveileder i NAV Ålesund")
        #expect(report.shifted == 3 && report.changed.isEmpty && report.orphaned.isEmpty)
        for (_, segment) in s {
            let (stored, orphaned, inText) = try segmentText(store, segment.id)
            #expect(stored == segment.text && inText == segment.text && !orphaned)
        }
    }

    @Test func textCopiedWithWindowsLineEndsIsFoundAndReplacedWithLF() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        let url = try folder.write("intervju-ola.txt", "Intervjuer: Hvor bor du?\r\n\r\nOla: I Kristiansand.\r\nOla: Ved havna.\r\n")
        try store.importTranscripts([url])
        let report = try store.replaceText(in: "ola", find: "Kristiansand.\r\nOla: Ved", with: "[by].\r\nOla: Nær")
        #expect(report.edits == 1)
        #expect(try store.transcript("ola").text.contains("I [by].\nOla: Nær havna."))
        #expect(!(try store.transcript("ola").text.contains("\r")))
    }

    @Test func anEditInsideChangesOnlyThatSegment() throws {
        let folder = try TemporaryFolder()
        let (store, s) = try setUp(folder)
        let report = try store.replaceText(in: "eva", find: "ingenting", with: "ikke noe som helst")
        #expect(report.changed.map(\.segment) == [s["emoji"]!.id])
        #expect(report.unchanged == 1 && report.shifted == 1)
        let (stored, _, inText) = try segmentText(store, s["emoji"]!.id)
        #expect(stored == "ikke noe som helst til 🙂" && inText == stored)
    }

    @Test func anEditAcrossASegmentBoundaryClipsIt() throws {
        let folder = try TemporaryFolder()
        let (store, s) = try setUp(folder)
        _ = try store.replaceText(in: "eva", find: "til 🙂 Og", with: "🙂🙂 og")
        let (stored, orphaned, inText) = try segmentText(store, s["emoji"]!.id)
        #expect(stored == "ingenting " && inText == stored && !orphaned)
    }

    @Test func deletingASegmentsTextOrphansAndReportsIt() throws {
        let folder = try TemporaryFolder()
        let (store, s) = try setUp(folder)
        let eventsBefore = try store.eventCount()
        let report = try store.replaceText(in: "eva", find: "Nei, han dro sør til Spania. ", with: "")
        #expect(report.orphaned.map(\.segment) == [s["late"]!.id])
        #expect(report.orphaned[0].before == "han dro sør til Spania")
        let unit = try #require(try store.units().first { $0.id == s["late"]!.id })
        #expect(unit.isOrphaned && unit.text == "han dro sør til Spania" && unit.codes == ["Reise"])
        #expect(try store.transcripts()[0].orphanedSegments == 1)
        #expect(try store.eventCount() == eventsBefore + 1)
        #expect(try store.search("spania").total == 0)
    }

    @Test func anOrphanedSegmentKeepsItsLine() throws {
        let folder = try TemporaryFolder()
        let (store, s) = try setUp(folder)
        _ = try store.replaceText(in: "eva", find: "Nei, han dro sør til Spania. ", with: "")
        #expect(try store.units().first { $0.id == s["late"]!.id }?.lines == "6")
    }

    @Test func anEditorRoundTripKeepsEverythingAnchored() throws {
        let folder = try TemporaryFolder()
        let (store, s) = try setUp(folder)
        var text = try store.transcript("eva").text
        text = "Intervju 3. oktober\n" + text.replacingOccurrences(of: "(latter)", with: "(ler)") + "\nIntervjuer: Takk!"
        let report = try store.replaceText(of: try store.resolve.transcript("eva"), with: text)
        #expect(report.orphaned.isEmpty && report.changed.isEmpty)
        for (_, segment) in s {
            let (stored, _, inText) = try segmentText(store, segment.id)
            #expect(stored == segment.text && inText == segment.text)
        }
        #expect(try store.lines(of: "eva", range: 1...1).1[0].text == "Intervju 3. oktober")
        #expect(try store.search("ler").total == 1)
    }

    @Test func everyEventPayloadIsValidJSON() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try setUp(folder)
        _ = try store.replaceText(in: "eva", find: "(latter)", with: "«sa \"nei\"»\n\t\\ \u{1}🙂")
        let events = try store.events(last: 1_000)
        #expect(events.count > 5)
        for event in events {
            let object = try JSONSerialization.jsonObject(with: Data(event.payload.utf8)) as? [String: Any]
            #expect(object != nil, "\(event.payload)")
        }
        let edit = try #require(events.last?.payload)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(edit.utf8)) as? [String: Any])
        let first = try #require((parsed["edits"] as? [[String: Any]])?.first)
        #expect(first["replacement"] as? String == "«sa \"nei\"»\n\t\\ \u{1}🙂")
    }

    // MARK: - Bad input

    @Test func badEditsChangeNothing() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try setUp(folder)
        let before = try ProjectSnapshot(store)
        let text = try store.transcript("eva").text
        #expect(throws: StoreError.self) { try store.replaceText(in: "eva", find: "finnes ikke", with: "x") }
        #expect(throws: StoreError.self) { try store.replaceText(in: "eva", find: "tillit", with: "x") }  // twice: ambiguous
        #expect(throws: StoreError.textUnchanged(transcript: "intervju-eva")) { try store.replaceText(of: try store.resolve.transcript("eva"), with: text) }
        #expect(throws: StoreError.self) { try store.replaceText(of: try store.resolve.transcript("eva"), with: "  \n") }
        let id = try store.transcript("eva").id
        #expect(throws: StoreError.self) { try store.applyEdits([TextEdit(start: 0, end: 10_000, replacement: "")], to: id, expectedText: text) }
        #expect(throws: StoreError.self) { try store.applyEdits([TextEdit(start: 0, end: 1, replacement: "")], to: id, expectedText: "stale") }
        #expect(try ProjectSnapshot(store) == before)
        #expect(try store.transcript("eva").text == text)
    }

    @Test func anEditMadeFromAnOlderTextIsRefusedAndKeepsTheOtherChange() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let id = try store.resolve.transcript("eva")
        let opened = try store.transcript(id).text
        // Someone else edits while «the editor» is open.
        _ = try store.replaceText(in: id, find: "tillit", with: "trygghet", occurrence: 1)
        let theirs = try store.transcript(id).text
        let before = try ProjectSnapshot(store)
        #expect(throws: StoreError.changedMeanwhile(.transcript, name: "intervju-eva")) {
            try store.replaceText(of: id, with: opened + "\nEn ny linje.", basedOn: opened)
        }
        #expect(try ProjectSnapshot(store) == before && store.transcript(id).text == theirs)
        // Made from the current text, the same edit goes through.
        #expect(try store.replaceText(of: id, with: theirs + "\nEn ny linje.", basedOn: theirs).edits == 1)
    }
}
