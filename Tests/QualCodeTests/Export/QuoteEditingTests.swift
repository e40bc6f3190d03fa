import Foundation
import GRDB
@testable import QualCode
import Testing

/// Stored quote edits, lead-ins, the interviewer's question, and the checks before export, on a small
/// synthetic study of our own.
@Suite struct QuoteEditingTests {
    static let interview = """
        Intervjuer: Hvordan er det å veilede kollegaer?
        Siri: Eh, jeg tror at han, ehm, har fått veldig mye ut av det. Vi sitter sammen hver fredag.
        Intervjuer: Og ledelsen?
        Siri: Lederen min sier at vi må levere på måltallene, og det blir feil.
        """
    static let notes = """
        Notat fra telefonsamtale med Tore. Han sa at kurset hadde vært nyttig for hele teamet.
        """

    struct Study {
        let folder: TemporaryFolder
        let store: ProjectStore
        let first: UUID
        let second: UUID
        let note: UUID
    }

    func study() throws -> Study {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Siri", label: "Informant S", attributes: [("rolle", "metodeveileder"), ("fylke", "Agder")])
        try store.addParticipant(pseudonym: "Tore", label: "Informant T", attributes: [("rolle", "jobbspesialist"), ("fylke", "Agder")])
        try store.addParticipant(pseudonym: "Unni", label: "Informant U", attributes: [("rolle", "jobbspesialist"), ("fylke", "Agder")])
        var options = ImportOptions()
        options.participants = ["Siri"]
        try store.importTranscripts([try folder.write("intervju-siri.txt", Self.interview)], options: options)
        options.participants = ["Tore"]
        options.kind = .notes
        try store.importTranscripts([try folder.write("notat-tore.txt", Self.notes)], options: options)
        let a = try store.code("intervju-siri", .quote("Eh, jeg tror at han, ehm, har fått veldig mye ut av det.", occurrence: nil), codes: ["Utbytte"])
        let b = try store.code("intervju-siri", .quote("Lederen min sier at vi må levere på måltallene, og det blir feil.", occurrence: nil), codes: ["Styring"])
        let c = try store.code("notat-tore", .quote("kurset hadde vært nyttig for hele teamet", occurrence: nil), codes: ["Utbytte"])
        return Study(folder: folder, store: store, first: a.segment.id, second: b.segment.id, note: c.segment.id)
    }

    @Test func anEditIsStoredWithTheQuoteAndTheTranscriptStaysAsItWas() throws {
        let s = try study()
        let before = try s.store.transcript("intervju-siri").text
        let details = try s.store.editQuote(segment: s.first.shortID, QuoteUpdate(form: .display("jeg tror at [kollegaen] har fått (…) mye ut av det.")))
        #expect(details.displayed == "jeg tror at [kollegaen] har fått (…) mye ut av det.")
        #expect(details.edits == "fyllord fjernet: \"Eh,\"; erstattet: \"han, ehm,\" → \"kollegaen\"; utelatt: \"veldig\"")
        #expect(try s.store.transcript("intervju-siri").text == before)
        // Read back from the file, not from memory.
        let reopened = try ProjectStore.open(at: s.folder.file("studie.qualcode"), coder: "tester")
        #expect(try reopened.quoteDetails(segment: s.first.uuidString).displayed == details.displayed)
        var options = QuoteOptions(codes: ["Utbytte"])
        options.style = .report
        let quote = try #require(try reopened.quotes(options).first { $0.segment == s.first })
        #expect(quote.displayed == "jeg tror at [kollegaen] har fått (…) mye ut av det.")
        #expect(quote.verbatim == "Eh, jeg tror at han, ehm, har fått veldig mye ut av det.")
        let events = try reopened.events(last: 1000).filter { $0.action == "quote.edit" }
        #expect(events.count == 1)
    }

    @Test func theFormForEditingReadsBackAsTheSameEditsAndSaysWhoEditedLast() throws {
        let s = try study()
        let glossed = "Eh, jeg tror at han <en kollega>, ehm, har fått (…) mye ut av det."
        let details = try s.store.editQuote(segment: s.first, QuoteUpdate(form: .display(glossed)))
        // The house style prints a gloss in [ ]; the form for editing keeps it in < >, where [ ] would be an insertion.
        #expect(details.displayed == "Eh, jeg tror at han [en kollega], ehm, har fått (…) mye ut av det.")
        #expect(details.editable == glossed)
        #expect(details.editedBy == "tester")
        let berit = try ProjectStore.open(at: s.folder.file("studie.qualcode"), coder: "berit")
        let again = try berit.editQuote(segment: s.first, QuoteUpdate(form: .display(details.editable), leadIn: "Siri forteller:"))
        #expect(again.edits == details.edits && again.displayed == details.displayed && again.editedBy == "berit")
        #expect(try s.store.quoteDetails(segment: s.first).edits.contains("forklaring"))
    }

    @Test func aLeadInIsOneLineOfPlainText() throws {
        let s = try study()
        try s.store.editQuote(segment: s.first, QuoteUpdate(leadIn: "Siri forteller 🙂:"))
        let before = try ProjectSnapshot(s.store)
        for bad in ["\u{1B}[2J\u{1B}[31mRØD\u{7}", "\u{202E}ond", "Siri\u{200B} sier:", "to\nlinjer", "Siri\u{2028}sier", "\u{E0041}Siri",
                    String(repeating: "ø", count: 201)] {
            let error = #expect(throws: StoreError.self, "\(bad.unicodeScalars.map { String($0.value, radix: 16) })") {
                try s.store.editQuote(segment: s.first, QuoteUpdate(leadIn: bad))
            }
            // The message shows what was refused, escaped: one line, nothing a terminal would obey or hide.
            #expect(error.map { !$0.description.unicodeScalars.contains { $0.isControlOrSeparator || $0.isBidiControl } } == true)
            #expect(error.map { $0.description.invisibleScalarOffsets.isEmpty } == true)
        }
        #expect(try ProjectSnapshot(s.store) == before)
        #expect(try s.store.quoteDetails(segment: s.first).leadIn == "Siri forteller 🙂:")
    }

    @Test func aRefusedEditChangesNothing() throws {
        let s = try study()
        try s.store.editQuote(segment: s.first.shortID, QuoteUpdate(form: .cleanFillers, leadIn: "Siri forteller:"))
        let before = try s.store.quoteDetails(segment: s.first.shortID)
        let eventCount = try s.store.events(last: 1000).count
        #expect(throws: QuoteEditError.self) {
            try s.store.editQuote(segment: s.first.shortID, QuoteUpdate(form: .display("jeg tror at han har fått lite ut av det."), leadIn: "Noe annet:"))
        }
        #expect(throws: StoreError.self) { try s.store.editQuote(segment: "ffffffff", QuoteUpdate(form: .verbatim)) }
        let nowhere = UUID()
        #expect(throws: StoreError.missing(.segment, nowhere)) { try s.store.editQuote(segment: nowhere, QuoteUpdate(form: .verbatim)) }
        #expect(throws: StoreError.self) { try s.store.editQuote(segment: s.first.shortID, QuoteUpdate(leadIn: "to\nlinjer")) }
        #expect(try s.store.quoteDetails(segment: s.first.shortID) == before)
        #expect(try s.store.events(last: 1000).count == eventCount)
    }

    @Test func editingTheTranscriptMakesTheEditsStaleAndTheQuoteGoesOutVerbatim() throws {
        let s = try study()
        try s.store.editQuote(segment: s.first.shortID, QuoteUpdate(form: .display("jeg tror at han, ehm, har fått (…) mye ut av det.")))
        _ = try s.store.replaceText(in: "intervju-siri", find: "veldig mye", with: "svært mye")
        let details = try s.store.quoteDetails(segment: s.first.shortID)
        #expect(details.isStale)
        #expect(details.displayed == "Eh, jeg tror at han, ehm, har fått svært mye ut av det.")
        let quotes = try s.store.quotes(QuoteOptions(codes: ["Utbytte"]))
        let warnings = try s.store.checkQuotes(quotes, options: QuoteOptions(codes: ["Utbytte"]))
        #expect(warnings.contains { $0.kind == .staleEdits && $0.segment == s.first })
        // Editing again on the new text clears it.
        try s.store.editQuote(segment: s.first.shortID, QuoteUpdate(form: .cleanFillers))
        #expect(try !s.store.quoteDetails(segment: s.first.shortID).isStale)
    }

    @Test func anOrphanedSegmentCannotBeEdited() throws {
        let s = try study()
        _ = try s.store.replaceText(in: "intervju-siri", find: "Lederen min sier at vi må levere på måltallene, og det blir feil.", with: "[slettet]")
        #expect(throws: StoreError.self) { try s.store.editQuote(segment: s.second.shortID, QuoteUpdate(form: .cleanFillers)) }
    }

    @Test func leadInsQuestionsAndNotesAppearInTheDocument() throws {
        let s = try study()
        try s.store.editQuote(segment: s.second.shortID, QuoteUpdate(leadIn: "En metodeveileder forteller:"))
        var options = QuoteOptions(codes: ["Styring", "Utbytte"])
        options.withQuestion = true
        options.cleanFillers = true
        let quotes = try s.store.quotes(options)
        let second = try #require(quotes.first { $0.segment == s.second })
        #expect(second.question == "Og ledelsen?")
        #expect(second.leadIn == "En metodeveileder forteller:")
        let first = try #require(quotes.first { $0.segment == s.first })
        #expect(first.displayed == "Jeg tror at han, har fått veldig mye ut av det.")
        #expect(first.question == "Hvordan er det å veilede kollegaer?")
        let note = try #require(quotes.first { $0.segment == s.note })
        #expect(note.source == .notes && note.question == nil)

        let document = try s.store.quoteDocument(for: quotes, options: options)
        let text = document.blocks.map { block -> String in
            switch block {
            case let .paragraph(inlines): return "P:" + Inline.plainText(inlines)
            case let .blockQuote(inlines, label): return "Q:" + Inline.plainText(inlines) + "|" + Inline.plainText(label ?? [])
            case let .question(inlines): return "?:" + Inline.plainText(inlines)
            default: return ""
            }
        }
        #expect(text.contains("P:En metodeveileder forteller:"))
        // The question is set apart from the answer: a paragraph of its own, then the quote.
        let question = try #require(text.firstIndex(of: "?:Intervjuer: Og ledelsen?"))
        #expect(text[question + 1] == "Q:Lederen min sier at vi må levere på måltallene, og det blir feil.|(Siri)")
        // The note is footnoted as not being recorded speech.
        let footnoted = document.blocks.contains { block in
            guard case let .paragraph(inlines) = block else { return false }
            return inlines.contains { if case let .footnote(note) = $0 { Inline.plainText(note).contains("ikke ordrett") } else { false } }
        }
        #expect(footnoted)
        // Thesis style: the quotes are italic.
        let italic = document.blocks.contains { block in
            guard case let .blockQuote(inlines, _) = block else { return false }
            return inlines.contains { if case let .text(_, emphasis) = $0 { emphasis.contains(.italic) } else { false } }
        }
        #expect(italic)
    }

    @Test func theChecksFindEachProblem() throws {
        let s = try study()
        try s.store.editQuote(segment: s.second.shortID, QuoteUpdate(leadIn: "En jobbspesialist forteller:"))
        var options = QuoteOptions(codes: ["Styring", "Utbytte"])
        options.style = .report
        options.style.label = "({rolle}, {fylke})"
        let quotes = try s.store.quotes(options)
        var warnings = try s.store.checkQuotes(quotes, options: options)
        // Siri is the only metodeveileder in Agder; Tore shares his label with Unni.
        let identifying: Set<UUID> = Set(warnings.filter { $0.kind == .labelIdentifiesOne }.map(\.segment))
        #expect(identifying == [s.first, s.second])
        #expect(warnings.contains { $0.kind == .notSpeech && $0.segment == s.note })
        #expect(warnings.contains { $0.kind == .leadInDisagrees && $0.segment == s.second && $0.message.contains("metodeveileder") })
        #expect(!warnings.contains { $0.kind == .twoLabels })

        try s.store.recordQuoteUses(quotes.map { ($0.segment, $0.label) }, file: "kapittel-3.docx")
        options.style.label = "({rolle})"
        warnings = try s.store.checkQuotes(try s.store.quotes(options), options: options)
        // A coarser label reveals nothing new.
        #expect(!warnings.contains { $0.kind == .twoLabels })
        options.style.label = "({label})"
        warnings = try s.store.checkQuotes(try s.store.quotes(options), options: options)
        let twice = warnings.filter { $0.kind == .twoLabels }
        #expect(twice.count == 3)
        #expect(twice.first?.message.contains("kapittel-3.docx") == true)
        // Pseudonym labels name one person by design and are not flagged.
        #expect(!warnings.contains { $0.kind == .labelIdentifiesOne })
        #expect(try s.store.quoteDetails(segment: s.note.shortID).uses.map(\.file) == ["kapittel-3.docx"])
    }

    @Test func threeThousandQuotesAreCleanedAlikeAndPassTheChecks() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Siri", attributes: [("rolle", "metodeveileder")])
        let line = "Siri: Eh, vi jobber tett med arbeidsgiverne, ehm, og det gir resultater over tid.\n"
        var options = ImportOptions()
        options.participants = ["Siri"]
        try store.importTranscripts([try folder.write("lang.txt", String(repeating: line, count: 3000))], options: options)
        _ = try store.code((1...3000).map { try store.request("lang", .lines($0...$0), codes: ["Samarbeid"]) })
        var quoteOptions = QuoteOptions(codes: ["Samarbeid"])
        quoteOptions.cleanFillers = true
        let quotes = try store.quotes(quoteOptions)
        #expect(quotes.count == 3000)
        #expect(quotes.allSatisfy { $0.displayed == "Vi jobber tett med arbeidsgiverne, og det gir resultater over tid." })
        #expect(try store.checkQuotes(quotes, options: quoteOptions).isEmpty)
    }

    @Test func aFocusGroupExchangeIsLabelledOncePerLabelAndCheckedPerSpeaker() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Siri", attributes: [("rolle", "metodeveileder"), ("tjeneste", "IPS"), ("fylke", "Agder")])
        try store.addParticipant(pseudonym: "Tore", attributes: [("rolle", "jobbspesialist"), ("tjeneste", "IPS ung"), ("fylke", "Agder")])
        try store.addParticipant(pseudonym: "Unni", attributes: [("rolle", "jobbspesialist"), ("tjeneste", "IPS ung"), ("fylke", "Agder")])
        var options = ImportOptions()
        options.participants = ["Siri", "Tore", "Unni"]
        options.kind = .focusGroup
        try store.importTranscripts([try folder.write("fokusgruppe.txt", """
            Moderator: Hva tenker dere om måltallene?
            Tore: Vi merker dem hver uke.
            Unni: Ja, hver eneste uke.
            Siri: Jeg prøver å skjerme teamet mot dem.
            """)], options: options)
        let pair = try store.code("fokusgruppe", .lines(2...3), codes: ["Måltall"])
        let mixed = try store.code("fokusgruppe", .lines(3...4), codes: ["Måltall"])
        let siri = try store.code("fokusgruppe", .lines(4...4), codes: ["Skjerming"])
        try store.editQuote(segment: pair.segment.id.shortID, QuoteUpdate(leadIn: "En jobbspesialist i IPS forteller:"))
        try store.editQuote(segment: siri.segment.id.shortID, QuoteUpdate(leadIn: "En metodeveileder i IPS ung forteller:"))
        var quoteOptions = QuoteOptions(codes: ["Måltall"])
        quoteOptions.style = .report
        quoteOptions.style.label = "({rolle}, {fylke})"
        let quotes = try store.quotes(quoteOptions)
        let first = try #require(quotes.first { $0.segment == pair.segment.id })
        #expect(first.label == "(Jobbspesialist, Agder)")
        let second = try #require(quotes.first { $0.segment == mixed.segment.id })
        #expect(second.label == "(Metodeveileder, Agder); (Jobbspesialist, Agder)")
        // No lead-in template: no stray separators.
        quoteOptions.style.leadIn = ""
        #expect(try store.quotes(quoteOptions).allSatisfy { !$0.leadIn.hasPrefix(";") })

        let warnings = try store.checkQuotes(quotes, options: quoteOptions)
        // Siri's part of the mixed label names her alone; Tore and Unni share theirs.
        #expect(warnings.filter { $0.kind == .labelIdentifiesOne }.map(\.segment) == [mixed.segment.id])
        // «IPS ung» is not Siri's service; «IPS» is part of Tore's and Unni's.
        quoteOptions.codes = ["Måltall", "Skjerming"]
        let all = try store.checkQuotes(try store.quotes(quoteOptions), options: quoteOptions)
        #expect(all.filter { $0.kind == .leadInDisagrees }.map(\.segment) == [siri.segment.id])
    }

    @Test func aCodeAskedForByItsPathInAnyCaseGroupsOnlyItsQuotes() throws {
        let s = try study()
        _ = try s.store.code("notat-tore", .quote("kurset hadde vært nyttig for hele teamet", occurrence: nil), codes: ["Utbytte/Kurs"])
        let options = QuoteOptions(codes: ["utbytte/kurs"])
        let document = try s.store.quoteDocument(options)
        let headings = document.blocks.compactMap { block -> String? in
            if case let .heading(2, text) = block { return Inline.plainText(text) }
            return nil
        }
        #expect(headings == ["Kurs"])
    }
}
