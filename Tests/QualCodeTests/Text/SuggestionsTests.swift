import Foundation
@testable import QualCode
import Testing

/// `Suggestions`: the known names nearest to a mistyped one, and the errors that carry them.
@Suite struct SuggestionsTests {
    @Test(arguments: [
        ("role", ["tjeneste", "rolle", "ansiennitet"], ["rolle"]),
        ("rolel", ["rolle", "tjeneste"], ["rolle"]),  // two letters swapped
        ("Rolle", ["rolle"], ["rolle"]),
        ("andre", ["André", "Anders"], ["André"]),
        ("tilit", ["Tid", "Tillit", "Tilsit"], ["Tillit", "Tilsit"]),
        ("yrke", ["rolle", "tjeneste"], []),
        ("ab", ["ac", "AB"], ["AB"]),  // a two-letter name must match but for case and accents
        ("intervju-evva", ["intervju-eva", "intervju-berit"], ["intervju-eva"]),
    ])
    func theNearestNamesComeFirst(typed: String, candidates: [String], expected: [String]) {
        #expect(Suggestions.nearest(to: typed, among: candidates) == expected)
    }

    @Test func æøåAreLettersOfTheirOwn() {
        #expect(Suggestions.fold("Får Ærlig Øst") == Array("får ærlig øst"))
        #expect(Suggestions.fold("Åse") == Suggestions.fold("a\u{30A}se"))
        #expect(Suggestions.fold("Héléne Müller") == Array("helene muller"))
        #expect(Suggestions.distance(Suggestions.fold("far"), Suggestions.fold("får"), atMost: 3) == 1)
        #expect(Suggestions.nearest(to: "Bjorn", among: ["Bjørn", "Berit"]) == ["Bjørn"])
    }

    @Test func aCandidateIsComparedByItsNearestKey() {
        let transcripts = [("intervju-eva", ["intervju-eva", "intervju", "eva", "Eva"]), ("intervju-berit", ["intervju-berit", "intervju", "berit", "Berit"])]
        #expect(Suggestions.nearest(to: "bertit", among: transcripts) { $0.1 }.map(\.0) == ["intervju-berit"])
    }

    // MARK: - Errors that carry them

    /// The suggestions of the `notFound` error that `resolving` throws.
    static func suggestions(_ resolving: () throws -> UUID) -> [String] {
        do { _ = try resolving(); return ["found"] } catch let StoreError.notFound(_, _, _, suggestions) {
            return suggestions
        } catch { return ["\(error)"] }
    }

    @Test func anUnknownTranscriptSuggestsByNameWordOrPseudonym() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        func suggestions(_ reference: String) -> [String] { Self.suggestions { try store.resolve.transcript(reference) } }
        #expect(suggestions("fokusgrupe") == ["fokusgruppe"])
        // Cecilie speaks in two transcripts: both are near.
        #expect(suggestions("Cecile") == ["cecilie", "fokusgruppe"])
        #expect(suggestions("notatr") == ["notater"])
        #expect(throws: StoreError.notFound(what: "transcript", reference: "Kari", candidates: ["ase", "bjorn", "cecilie", "fokusgruppe", "notater"])) {
            try store.resolve.transcript("Kari")
        }
    }

    @Test func anUnknownCodeSuggestsTheLabelsOfTheNearestCodes() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        func suggestions(_ reference: String) -> [String] { Self.suggestions { try store.resolve.code(reference) } }
        #expect(suggestions("Tilit") == ["Tillit"])
        #expect(suggestions("sparingspartner") == ["Sparringspartner"])
        #expect(suggestions("Balansekunst/Sparingspartner") == ["Sparringspartner"])
        #expect(suggestions("Det navsk") == ["Det navske"])
        #expect(suggestions("Helt annet") == [])
        #expect(StoreError.notFound(what: "code", reference: "Tilit", candidates: [], suggestions: ["Tillit"]).description
                    == "no code \"Tilit\"; did you mean \"Tillit\"?")
    }

    @Test func anUnknownParticipantSuggestsPseudonyms() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        #expect(throws: StoreError.notFound(what: "participant", reference: "Orjan", candidates: ["Bjørn", "Cecilie", "Dagfinn", "Ylva", "Åse", "Ørjan"],
                                            suggestions: ["Ørjan"])) {
            try store.participant("Orjan")
        }
    }

    @Test func anUnknownFieldInALabelSuggestsAttributes() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        var options = QuoteOptions(codes: ["Tillit"])
        options.style.label = "({role}, {tjeneste})"
        let error = ExportError.unknownField(field: "role", template: "({role}, {tjeneste})", part: .label,
                                             known: ["pseudonym", "label", "ansiennitet", "rolle", "tjeneste"], suggestions: ["rolle"])
        #expect(throws: error) { try store.quotes(options) }
        #expect(error.description == "the label \"({role}, {tjeneste})\" names no attribute {role}; did you mean {rolle}?")
        options.style.label = "({rolle})"
        options.grouping = .attribute("tjenste")
        #expect(throws: ExportError.unknownAttribute(name: "tjenste", use: .quoteGroups, known: ["ansiennitet", "rolle", "tjeneste"],
                                                     suggestions: ["tjeneste"])) {
            try store.quotes(options)
        }
    }

    @Test func aLabelWithoutFieldsIsReportedAndWrittenAsItIs() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        var options = QuoteOptions(codes: ["Tillit"])
        options.style.label = "(Informant)"
        let target = ExportTarget(path: folder.file("tillit.csv").path, format: .csv)
        let report = try store.exportQuotes(QuoteExportRequest(options: options, strict: true), to: target)
        #expect(report.literalLabel == "(Informant)" && report.wasWritten)
        #expect(report.quotes.filter { !$0.participants.isEmpty }.allSatisfy { $0.label == "(Informant)" })
        for label in ["({rolle})", ""] {
            options.style.label = label
            #expect(try store.exportQuotes(QuoteExportRequest(options: options), to: target).literalLabel == nil)
        }
    }
}
