import Foundation
@testable import QualCode
import Testing

@Suite struct QuoteFormTests {
    let verbatim = "Eh, jeg tror at han, ehm, har fått veldig mye ut av det tiltaket.\nSå (latter) det var bra."
    let fillers = HouseStyle.thesis.fillers
    let thesis = HouseStyle.thesis.marks

    @Test func anUneditedQuoteIsTheVerbatimTextOnOneLine() {
        let form = QuoteForm.verbatim(verbatim)
        #expect(form.edits.isEmpty)
        #expect(form.render(thesis) == "Eh, jeg tror at han, ehm, har fått veldig mye ut av det tiltaket. Så (latter) det var bra.")
    }

    @Test func omissionsInsertionsAndGlossesAreWorkedOutFromTheDisplayedText() throws {
        let form = try QuoteForm.parse("… jeg tror at [jobbspesialisten] har fått (…) mye ut av det tiltaket <dvs. lønnstilskuddet> (…)",
                                       verbatim: verbatim, fillers: fillers)
        #expect(form.render(thesis) == "… jeg tror at [jobbspesialisten] har fått (…) mye ut av det tiltaket [dvs. lønnstilskuddet] …")
        let kinds = form.edits.map(\.kind)
        #expect(kinds == [.omission, .insertion, .omission, .gloss, .omission])
        let text = ScalarText(verbatim)
        // The insertion stands in for «han,» and the filler after it.
        let replaced = form.edits[1]
        #expect(text.slice(replaced.start, replaced.end) == "han, ehm,")
        #expect(form.describeEdits().contains("erstattet: \"han, ehm,\" → \"jobbspesialisten\""))
        #expect(text.slice(form.edits[0].start, form.edits[0].end) == "Eh,")
        #expect(text.slice(form.edits[2].start, form.edits[2].end) == "veldig")
        // The cut after the gloss takes the full stop with it.
        #expect(text.slice(form.edits[4].start, form.edits[4].end).hasPrefix(".\nSå (latter)"))
    }

    @Test func aReportStyleMarksTheSameEditsItsOwnWay() throws {
        let form = try QuoteForm.parse("jeg tror at [han] har fått [...] mye ut av det …", verbatim: verbatim, fillers: fillers)
        let marks = QuoteMarks(omission: "[…]", cutStart: "", cutEnd: "(…)", insertion: .init("(", ")"))
        #expect(form.render(marks) == "jeg tror at (han) har fått […] mye ut av det (…)")
        #expect(form.render(thesis) == "jeg tror at [han] har fått (…) mye ut av det …")
        // The cut start had no mark in this style, the filler before «jeg» is recorded.
        #expect(form.edits.first?.kind == .filler)
    }

    @Test func fillerWordsLeftOutAreRecordedNotRefused() throws {
        let form = try QuoteForm.parse("jeg tror at han har fått veldig mye ut av det tiltaket. Så (latter) det var bra.",
                                       verbatim: verbatim, fillers: fillers)
        #expect(form.edits.map(\.kind) == [.filler, .filler])
        #expect(form.render(thesis) == "jeg tror at han har fått veldig mye ut av det tiltaket. Så (latter) det var bra.")
        // A capital where the transcript has none is a recorded change of case, not a new word.
        let capital = try QuoteForm.parse("Jeg tror at han har fått veldig mye ut av det tiltaket. Så (latter) det var bra.",
                                          verbatim: verbatim, fillers: fillers)
        #expect(capital.edits.map(\.kind) == [.filler, .letterCase, .filler])
        #expect(capital.render(thesis).hasPrefix("Jeg tror at han har"))
    }

    @Test func cleaningRemovesEveryFillerWithItsComma() {
        let form = QuoteForm.cleaned(verbatim, fillers: fillers)
        // The sentence that began with «Eh,» begins with a capital again, and that is recorded too.
        #expect(form.render(thesis) == "Jeg tror at han, har fått veldig mye ut av det tiltaket. Så (latter) det var bra.")
        #expect(form.describeEdits() == "fyllord fjernet: \"Eh,\"; stor/liten bokstav: \"j\" → \"J\"; fyllord fjernet: \"ehm,\"")
        #expect(QuoteForm.cleaned("Ja. Eh … øhm, tja.", fillers: fillers).render(thesis) == "Ja. Tja.")
        #expect(QuoteForm.cleaned("Vi sa, eh, nei.", fillers: fillers).render(thesis) == "Vi sa, nei.")
        #expect(QuoteForm.cleaned("Ingen fyllord her.", fillers: fillers).edits.isEmpty)
        // «Ehm» inside a word is not a filler.
        #expect(QuoteForm.cleaned("Hehm og ehmm", fillers: fillers).edits.isEmpty)
    }

    @Test func everyUnmarkedChangeIsRefused() {
        #expect(throws: QuoteEditError.unmarkedOmission("veldig")) {
            try QuoteForm.parse("jeg tror at han har fått mye ut av det tiltaket. Så (latter) det var bra.", verbatim: verbatim, fillers: fillers)
        }
        #expect(throws: QuoteEditError.addedWords("ikke")) {
            try QuoteForm.parse("Eh, jeg tror ikke at han, ehm, har fått veldig mye ut av det tiltaket. Så (latter) det var bra.",
                                verbatim: verbatim, fillers: fillers)
        }
        // Changing a letter is changing the speaker's words (only the case of a first letter may change, recorded).
        #expect(throws: QuoteEditError.addedWords("hun")) {
            try QuoteForm.parse("Eh, jeg tror at hun, ehm, har fått veldig mye ut av det tiltaket (…)", verbatim: verbatim, fillers: fillers)
        }
        #expect(throws: QuoteEditError.emptyMark("(…)")) {
            try QuoteForm.parse("Eh, jeg tror (…) at han, ehm, har fått veldig mye ut av det tiltaket (…)", verbatim: verbatim, fillers: fillers)
        }
        #expect(throws: QuoteEditError.noSpeakerWords) { try QuoteForm.parse("(…) [hen] (…)", verbatim: verbatim, fillers: fillers) }
        #expect(throws: QuoteEditError.glossReplaces("dvs. noe")) {
            try QuoteForm.parse("Eh, jeg tror at han, ehm, har fått <dvs. noe> mye ut av det tiltaket (…)", verbatim: verbatim, fillers: fillers)
        }
    }

    @Test func aCutAtTheEdgeMayCoverNothingWhenTheSegmentStartsMidSentence() throws {
        let form = try QuoteForm.parse("… og så ble det bra …", verbatim: "og så ble det bra", fillers: fillers)
        #expect(form.render(thesis) == "… og så ble det bra …")
        #expect(form.edits.map(\.kind) == [.omission, .omission])
    }

    @Test func threeDotsTypedForACutWorkLikeTheEllipsisButDotsInTheTranscriptStayWords() throws {
        let pauses = "Jeg ... vet ikke helt. Det er vanskelig å si."
        let kept = try QuoteForm.parse("Jeg ... vet ikke helt ...", verbatim: pauses, fillers: fillers)
        #expect(kept.render(thesis) == "Jeg ... vet ikke helt …")
        #expect(kept.edits.count == 1)
    }

    @Test func punctuationBelongsToTheWordBeforeIt() throws {
        let text = "Ikke foran, ikke bak. Ved siden av. En sparringspartner."
        let form = try QuoteForm.parse("Ikke foran, ikke bak. …", verbatim: text, fillers: fillers)
        #expect(form.render(thesis) == "Ikke foran, ikke bak. …")
        let cut = try #require(form.edits.first)
        #expect(form.edits.count == 1 && ScalarText(text).slice(cut.start, cut.end) == "Ved siden av. En sparringspartner.")
        // A cut followed by an insertion keeps its place.
        let both = try QuoteForm.parse("… [jeg er] en slags fagperson. Ikke foran, ikke bak. …",
                                       verbatim: "Så er æ en slags fagperson. " + text, fillers: fillers)
        #expect(both.render(thesis) == "… [jeg er] en slags fagperson. Ikke foran, ikke bak. …")
    }

    @Test func norwegianLettersQuotesAndEmojiSurviveAndOffsetsAreScalars() throws {
        let text = "Både «tillit» og æøå 👍🏽 er med, sa hun."
        let form = try QuoteForm.parse("Både «tillit» og æøå 👍🏽 er med, sa [jobbspesialisten].", verbatim: text, fillers: fillers)
        #expect(form.render(thesis) == "Både «tillit» og æøå 👍🏽 er med, sa [jobbspesialisten].")
        let replaced = try #require(form.edits.first)
        #expect(ScalarText(text).slice(replaced.start, replaced.end) == "hun")
        #expect(form.pieces.first?.end == ScalarText("Både «tillit» og æøå 👍🏽 er med, sa").count)
    }

    @Test func aLongQuoteWithManyEditsIsHandled() throws {
        let sentence = "Vi snakker om eh oppfølging og arbeidsgivere hver eneste uke i teamet. "
        let long = String(repeating: sentence, count: 400)
        let display = String(repeating: "Vi snakker om oppfølging (…) hver eneste uke i teamet. ", count: 400)
        let form = try QuoteForm.parse(display, verbatim: long, fillers: fillers)
        #expect(form.edits.filter { $0.kind == .omission }.count == 400)
        #expect(form.edits.filter { $0.kind == .filler }.count == 400)
        #expect(form.render(thesis) == display.trimmingCharacters(in: .whitespaces))
    }

    @Test func theStoredFormIsStaleWhenTheSegmentTextChanges() throws {
        let form = try QuoteForm.parse("jeg tror (…) det var bra.", verbatim: verbatim, fillers: fillers)
        #expect(!form.isStale(for: verbatim))
        #expect(form.isStale(for: verbatim.replacingOccurrences(of: "tiltaket", with: "kurset")))
        let decoded = try JSONDecoder().decode(QuoteForm.self, from: try JSONEncoder().encode(form))
        #expect(decoded == form)
    }

    // Cases a review found (each failed before its fix).

    @Test func aOneLetterWordWhoseCaseChangesKeepsItsSpace() throws {
        #expect(try QuoteForm.parse("I går var det fint.", verbatim: "i går var det fint.", fillers: fillers).render(thesis) == "I går var det fint.")
        #expect(QuoteForm.cleaned("Eh, i går var det fint.", fillers: fillers).render(thesis) == "I går var det fint.")
        #expect(QuoteForm.cleaned("Ehm, å si det sånn.", fillers: fillers).render(thesis) == "Å si det sånn.")
    }

    @Test func repeatedWordsDoNotHideWhatAMarkStandsFor() throws {
        let form = try QuoteForm.parse("Vi jobbet (…) og til slutt gikk det.", verbatim: "Vi jobbet og jobbet, og til slutt gikk det.", fillers: fillers)
        #expect(form.render(thesis) == "Vi jobbet (…) og til slutt gikk det.")
        let ja = try QuoteForm.parse("ja (…) ja", verbatim: "ja ja ja", fillers: fillers)
        #expect(ja.render(thesis) == "ja (…) ja")
    }

    @Test func aCutIsMarkedWhereTheReaderSeesIt() throws {
        let form = try QuoteForm.parse("[Jobbspesialisten] (…) har fått veldig mye ut av det tiltaket (…)", verbatim: verbatim, fillers: fillers)
        #expect(form.render(thesis) == "[Jobbspesialisten] (…) har fått veldig mye ut av det tiltaket …")
        let noCutMarks = QuoteMarks(cutStart: "", cutEnd: "")
        #expect(form.render(noCutMarks) == "[Jobbspesialisten] (…) har fått veldig mye ut av det tiltaket")
        // The pieces never run backwards.
        let starts = form.pieces.map(\.start)
        #expect(starts == starts.sorted())
    }

    @Test func aQuoteNeedsAtLeastOneOfTheSpeakersWords() {
        #expect(throws: QuoteEditError.noSpeakerWords) { try QuoteForm.parse("…", verbatim: "Ja, det var bra.", fillers: fillers) }
        #expect(throws: QuoteEditError.noSpeakerWords) { try QuoteForm.parse("[x] .", verbatim: "Ja, det var bra.", fillers: fillers) }
    }

    @Test func fillerCleaningKeepsSentenceEndsAndLeavesAllFillerQuotesAlone() throws {
        #expect(QuoteForm.cleaned("Det var bra eh. Så gikk vi hjem.", fillers: fillers).render(thesis) == "Det var bra. Så gikk vi hjem.")
        #expect(QuoteForm.cleaned("Det var bra, eh.", fillers: fillers).render(thesis) == "Det var bra,.")
        #expect(QuoteForm.cleaned("Mhm.", fillers: fillers).render(thesis) == "Mhm.")
        #expect(throws: QuoteEditError.self) {
            try QuoteForm.parse("Det var bra Så gikk vi hjem.", verbatim: "Det var bra eh. Så gikk vi hjem.", fillers: fillers)
        }
    }

    @Test func bracketsTheTranscriptHasAreTheSpeakersText() throws {
        let text = "Vi flyttet til [by] i fjor, og det var fint."
        let form = try QuoteForm.parse("Vi flyttet til [by] i fjor (…)", verbatim: text, fillers: fillers)
        #expect(form.edits.count == 1 && form.edits[0].kind == .omission)
        #expect(form.render(HouseStyle.report.marks) == "Vi flyttet til [by] i fjor …")
        #expect(try QuoteForm.parse("… i fjor, og det var fint.", verbatim: "Jeg eh flyttet i fjor, og det var fint.", fillers: fillers)
                    .describeEdits() == "utelatt: \"Jeg eh flyttet\"")
        #expect(try QuoteForm.parse("… og det var fint.", verbatim: "og det var fint.", fillers: fillers).describeEdits() == "kutt markert")
    }
}
