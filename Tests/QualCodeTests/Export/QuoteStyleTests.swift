import Foundation
@testable import QualCode
import TestSupport
import Testing

/// What a house style decides beyond labels and marks: italics that hold in a block quote too, the
/// cut mark before a quote that starts mid-sentence, pseudonyms in group summaries, caption style.
@Suite struct QuoteStyleTests {
    static let interview = """
        Intervjuer: Hva gjør dere når noen faller fra?
        Solveig: Vi tar kontakt igjen med en gang, og vi gir oss ikke før vi har fått snakket med dem. Det er det viktigste vi gjør, tror jeg, for ellers mister vi dem helt og må begynne på nytt med kartlegging, arbeidsgiverkontakt og alt som hører til.
        Intervjuer: Og arbeidsgiverne?
        Amira: De fleste arbeidsgiverne er positive når de først har møtt kandidaten.
        """

    func project(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Solveig", attributes: [("rolle", "jobbspesialist")])
        try store.addParticipant(pseudonym: "Amira", attributes: [("rolle", "metodeveileder")])
        var options = ImportOptions()
        options.participants = ["Solveig", "Amira"]
        options.kind = .focusGroup
        try store.importTranscripts([try folder.write("fokusgruppe.txt", Self.interview)], options: options)
        // A whole sentence, a long stretch starting mid-sentence, and a sentence from its start.
        _ = try store.code("fokusgruppe", .quote("Vi tar kontakt igjen med en gang, og vi gir oss ikke før vi har fått snakket med dem.", occurrence: nil),
                           codes: ["Oppfølging"])
        _ = try store.code("fokusgruppe", .quote("for ellers mister vi dem helt og må begynne på nytt med kartlegging, arbeidsgiverkontakt og alt som hører til.",
                                                 occurrence: nil), codes: ["Oppfølging"])
        _ = try store.code("fokusgruppe", .quote("De fleste arbeidsgiverne er positive", occurrence: nil), codes: ["Oppfølging"])
        return store
    }

    @Test func aQuoteStartingMidSentenceGetsTheCutMark() throws {
        let folder = try TemporaryFolder()
        let store = try project(folder)
        var options = QuoteOptions(codes: ["Oppfølging"])
        let displayed = try store.quotes(options).map(\.displayed)
        #expect(displayed == ["Vi tar kontakt igjen med en gang, og vi gir oss ikke før vi har fått snakket med dem.",
                              "… for ellers mister vi dem helt og må begynne på nytt med kartlegging, arbeidsgiverkontakt og alt som hører til.",
                              "De fleste arbeidsgiverne er positive"])
        // The style's own mark; and a style may leave it out.
        options.style.marks.cutStart = "[…]"
        #expect(try store.quotes(options)[1].displayed.hasPrefix("[…] for ellers"))
        options.style.markCutStart = false
        #expect(try store.quotes(options)[1].displayed.hasPrefix("for ellers"))
        // The verbatim text is never changed.
        #expect(try store.quotes(options)[1].verbatim.hasPrefix("for ellers"))
    }

    @Test func reportQuotesAreUprightInBlockQuotesTooAndTheQuestionStandsApart() throws {
        let folder = try TemporaryFolder()
        let store = try project(folder)
        var options = QuoteOptions(codes: ["Oppfølging"])
        options.style = .report
        options.style.label = "({rolle})"
        options.style.blockWords = 15
        options.withQuestion = true
        let url = folder.file("rapport.docx")
        _ = try store.exportQuotes(QuoteExportRequest(options: options), to: ExportTarget(path: url.path, format: .docx))
        let read = try DocxRendererTests.readBack(url)
        let quotes = read.paragraphs.filter { $0.style == "Sitat" }
        #expect(quotes.count == 3)
        // The «Sitat» style is italic; python-docx reads the runs' own setting: explicitly not italic.
        #expect(quotes.allSatisfy { $0.runs.allSatisfy { $0.italic == false } })
        let questions = read.paragraphs.filter { $0.style == "Sitat-spørsmål" }.map(\.text)
        #expect(questions.first == "Intervjuer: Hva gjør dere når noen faller fra?")
        #expect(questions.count == 3)
        // Each question comes right before its answer.
        let styles = read.paragraphs.map(\.style)
        for index in styles.indices where styles[index] == "Sitat-spørsmål" { #expect(styles[index + 1] == "Sitat") }

        options.style = .thesis
        options.style.blockWords = 15
        let thesis = folder.file("avhandling.docx")
        _ = try store.exportQuotes(QuoteExportRequest(options: options), to: ExportTarget(path: thesis.path, format: .docx))
        #expect(try DocxRendererTests.readBack(thesis).paragraphs.filter { $0.style == "Sitat" }.allSatisfy { $0.runs.allSatisfy { $0.italic == true } })
    }

    @Test func groupSummariesNamePseudonymsOnlyWhenTheStyleAsks() throws {
        let folder = try TemporaryFolder()
        let store = try project(folder)
        func summary(_ style: HouseStyle) throws -> String? {
            var options = QuoteOptions(codes: ["Oppfølging"])
            options.style = style
            return try store.quoteDocument(options).blocks.compactMap { block -> String? in
                guard case let .paragraph(inlines) = block, Inline.plainText(inlines).contains(" fra ") else { return nil }
                return Inline.plainText(inlines)
            }.first
        }
        #expect(try summary(.report) == "3 sitater fra 2 informanter.")
        #expect(try summary(.thesis) == "3 sitater fra 2 informanter (Solveig 2, Amira 1).")
        var asked = HouseStyle.report
        asked.namesInSummary = true
        #expect(try summary(asked) == "3 sitater fra 2 informanter (Solveig 2, Amira 1).")
    }

    @Test func aStyleFileSetsCaptionsSummariesAndCutMarks() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("apa.json", """
            {"basedOn": "report", "captions": "apa", "namesInSummary": true, "markCutStart": false}
            """)
        let style = try HouseStyle.load(from: file)
        #expect(style.captions == .apa && style.namesInSummary && !style.markCutStart && !style.italic)
        let bad = try folder.write("feil.json", #"{"captions": "harvard"}"#)
        #expect(throws: StyleFileError(path: bad.path, reason: "captions must be \"inline\" or \"apa\"")) { try HouseStyle.load(from: bad) }

        // An APA caption: the label on one line, the title in italics (not bold) on the next, in one paragraph.
        var document = Document(tables: [Table(caption: "Oversikt over informantene", header: ["Pseudonym"], rows: [["Solveig"]])], language: .nb)
        document.captions = style.captions
        let url = folder.file("apa.docx")
        try DocxRenderer.write(document, to: url)
        let caption = try #require(try DocxRendererTests.readBack(url).paragraphs.first { $0.style == "Caption" })
        #expect(caption.text == "Tabell 1\nOversikt over informantene")
        let title = try #require(caption.runs.first { $0.text == "Oversikt over informantene" })
        #expect(title.italic == true && title.bold == false)
        let html = HTMLRenderer.html(for: document)
        #expect(html.contains("<caption>Tabell 1<br/><span class=\"tittel\"><em>Oversikt over informantene</em></span></caption>"))
    }
}
