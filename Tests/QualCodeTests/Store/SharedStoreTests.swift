import Foundation
import GRDB
import Testing
@testable import QualCode

/// One open project serving several coders at once, as the web server will use it.
@Suite struct SharedStoreTests {
    @Test func twoCodersCodeAtOnceThroughOneStore() async throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let transcript = try store.resolve.transcript("eva")
        let text = try store.transcript(transcript).text.unicodeScalars.count
        let anne = try store.acting(as: "anne"), berit = try store.acting(as: "berit")
        // Forty codings each, the same spans for both, sent concurrently from many tasks.
        let spans = (0..<40).map { i in (start: (i * 7) % (text - 12), end: (i * 7) % (text - 12) + 10) }
        try await withThrowingTaskGroup(of: CodingResult.self) { group in
            for (who, acting) in [("anne", anne), ("berit", berit)] {
                for span in spans {
                    group.addTask {
                        try await acting.perform { store in
                            try store.code(transcript, .offsets(start: span.start, end: span.end), codes: ["Samtidig/\(who)", "Felles"])
                        }
                    }
                }
            }
            for try await result in group { #expect(result.codeIDs.count == 2) }
        }
        try await store.pool.read { db in
            let byCoder = try Row.fetchAll(db, sql: "SELECT coder, COUNT(*) AS n FROM coding GROUP BY coder ORDER BY coder")
            #expect(byCoder.map { $0["coder"] as String } == ["anne", "berit"])
            // Each coder's two codes on each distinct span: nothing lost, nothing doubled.
            let distinct = Set(spans.map { "\($0.start)-\($0.end)" }).count
            #expect(byCoder.map { $0["n"] as Int } == [distinct * 2, distinct * 2])
            let actors = try String.fetchAll(db, sql: "SELECT DISTINCT actor FROM event WHERE action = 'coding.add' ORDER BY actor")
            #expect(actors == ["anne", "berit"])
            // One segment per span, shared by both coders.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM segment") == distinct)
        }
        #expect(try store.integrityCheck() == "ok")
        #expect(throws: StoreError.emptyName(what: "coder")) { try store.acting(as: "  ") }
        #expect(throws: StoreError.self) { try store.acting(as: "anne\u{1B}[2J") }
    }

    @Test func readsRunWhileAnotherCoderWrites() async throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let transcript = try store.resolve.transcript("eva")
        async let writes: Void = {
            let writer = try store.acting(as: "skriver")
            for i in 0..<30 { _ = try await writer.perform { try $0.code(transcript, .offsets(start: i, end: i + 5), codes: ["Skriving"]) } }
        }()
        var pages = 0
        for _ in 0..<30 {
            let page = try await store.perform { try $0.transcriptPage(transcript) }
            #expect(page.codings.allSatisfy { $0.coder == "skriver" })
            pages += 1
        }
        try await writes
        #expect(pages == 30)
        #expect(try store.transcriptPage(transcript).codings.count == 30)
    }
}

@Suite struct TranscriptPageTests {
    @Test func aPageHoldsTheTextLinesTurnsAndEveryCoding() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        for name in ["Eva", "Siri"] { try store.addParticipant(pseudonym: name) }
        let url = try folder.write("gruppe.txt", """
            Intervjuer: Hva betyr tillit? 😀

            Eva: Tillit er alt – «helt sant».
            Siri: Og tid, ærlig talt.
            """)
        var options = ImportOptions()
        options.participants = ["Eva", "Siri"]
        try store.importTranscripts([url], options: options)
        let id = try store.resolve.transcript("gruppe")
        let quote = try store.code(id, .quote("Tillit er alt", occurrence: nil), codes: ["Tid/Tillit"])
        _ = try store.code(id, .quote("ærlig talt", occurrence: nil), codes: ["/Tillit", "Tid"])
        let page = try store.transcriptPage(id)
        #expect(page.transcript.id == id && page.text.hasPrefix("Intervjuer:"))
        // Only lines with text are numbered, as every listing numbers them; a blank line has no number.
        #expect(page.lines.map(\.number) == [1, 2, 3])
        let scalars = Array(page.text.unicodeScalars)
        for line in page.lines { #expect(line.end <= scalars.count && line.start < line.end) }
        #expect(page.turns.map(\.speaker) == ["Intervjuer", "Eva", "Siri"])
        #expect(page.turns.map { $0.participant?.pseudonym } == [nil, "Eva", "Siri"])
        #expect(page.turns.map(\.line) == [1, 2, 3])
        // Every coding, with offsets that cut the coded text out of the page's text.
        #expect(page.codings.count == 3)
        for coding in page.codings {
            let cut = String(String.UnicodeScalarView(scalars[coding.start..<coding.end]))
            #expect(cut == "Tillit er alt" || cut == "ærlig talt")
        }
        #expect(page.codings.first?.segment == quote.segment.id && page.codings.first?.firstLine == 2)
        // Two codes named «Tillit» are told apart by their paths.
        #expect(page.codes.map(\.path) == ["Tid", "Tid/Tillit", "Tillit"])
        #expect(page.codes.map(\.label) == ["Tid", "Tid/Tillit", "/Tillit"])
        #expect(throws: StoreError.missing(.transcript, quote.segment.id)) { try store.transcriptPage(quote.segment.id) }
    }

    @Test func anOffsetsSelectionIsCutFromItsLinesExactly() throws {
        // The fast path reads only the lines a selection touches: it must give what the whole text gives.
        let folder = try TemporaryFolder()
        let store = try folder.project()
        let url = try folder.write("lang.txt", """


            Intervjuer: Første spørsmål 🙂 om æøå?


            Eva: Svar med «sitat» – og mer.
               
            Slutt.

            """)
        try store.importTranscripts([url], options: ImportOptions())
        let id = try store.resolve.transcript("lang")
        let text = Array(try store.transcript(id).text.unicodeScalars)
        let whole = ScalarText(String(String.UnicodeScalarView(text)))
        var checked = 0
        for start in stride(from: 0, to: text.count - 1, by: 3) {
            for end in stride(from: start + 1, through: min(text.count, start + 40), by: 5) {
                let piece = String(String.UnicodeScalarView(text[start..<end]))
                guard !piece.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                let result = try store.code(id, .offsets(start: start, end: end), codes: ["K"])
                #expect(result.segment.text == piece, "\(start)..<\(end)")
                #expect(result.segment.firstLine == whole.line(at: start) && result.segment.lastLine == whole.line(at: max(start, end - 1)),
                        "\(start)..<\(end)")
                checked += 1
            }
        }
        #expect(checked > 50)
        #expect(throws: StoreError.self) { try store.code(id, .offsets(start: 0, end: text.count + 1), codes: ["K"]) }
    }
}
