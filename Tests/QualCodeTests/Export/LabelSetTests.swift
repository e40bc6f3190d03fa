import Foundation
@testable import QualCode
import Testing

/// The one label set every renderer, table and front end reads.
@Suite struct LabelSetTests {
    /// The numbered fields of a label: `{1}`, `{2}`, …
    static func fields(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{[0-9]+\}/).map { String($0.output) })
    }

    @Test func everyKeyHasBokmalAndEnglishWithTheSameFields() {
        #expect(LabelSet.core.keys.count > 90)
        for key in LabelSet.core.keys {
            let nb = LabelSet.core[key, .nb], en = LabelSet.core[key, .en]
            #expect(!nb.trimmingCharacters(in: .whitespaces).isEmpty && !en.trimmingCharacters(in: .whitespaces).isEmpty, "\(key)")
            #expect(Self.fields(nb) == Self.fields(en), "\(key): \(nb) / \(en)")
        }
    }

    @Test func theHouseStyleWordsAreKeysOfTheSet() {
        for key in HouseStyle.wordKeys {
            #expect(LabelSet.core.entries[key] != nil, "\(key)")
            #expect(HouseStyle.thesis.labels(for: .nb)[key] == LabelSet.core[key, .nb])
        }
    }

    @Test func fieldsAreFilledOnceInOrder() {
        let nb = Labels.core(.nb)
        #expect(nb(.suppressedBelow, 3) == "Celler med færre enn 3 er skjult.")
        #expect(Labels.core(.en)(.matrixCaption, "rolle", "number of participants") == "Codes by rolle, number of participants")
        // A value that looks like a field is not read again.
        #expect(nb(.matrixCaption, "{2}", "x") == "Koder etter {2}, x")
        #expect(nb.count(1, one: .quoteCountOne, other: .quoteCountOther) == "1 sitat")
        #expect(nb.count(4, one: .quoteCountOne, other: .quoteCountOther) == "4 sitater")
    }

    @Test func anUnknownKeyShowsItsNameAndAModuleCanAddKeys() {
        let key = LabelKey("finnesIkke")
        #expect(LabelSet.core[key, .nb] == "finnesIkke")
        let extended = LabelSet.core.adding(LabelSet([(key, nb: "Finnes", en: "Exists")]))
        #expect(extended[key, .en] == "Exists" && extended[.table, .nb] == "Tabell")
    }

    @Test func aHouseStyleRenamesCaptionWordsInTablesAndQuotes() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("stil.json", """
            {"basedOn": "thesis", "words": {"nb": {"table": "Tab.", "note": "Merknad", "quotes": "Utsagn"}}}
            """)
        let style = try HouseStyle.load(from: file)
        #expect(style.labelSet[.table, .nb] == "Tab." && style.labelSet[.table, .en] == "Table")

        // A table export through the style's labels.
        let store = try TableFixture.project(folder)
        let presentation = TablePresentation(labelSet: style.labelSet)
        let codebook = try store.codebook(CodebookOptions(presentation: presentation))
        let target = ExportTarget(path: folder.file("kodebok.html").path, format: .html)
        try target.write([codebook], presentation: presentation)
        let html = try String(contentsOf: target.fileURL!, encoding: .utf8)
        #expect(html.contains("Tab. 1 Kodebok") && html.contains("Merknad: "))

        // A quote document through the same style.
        var options = QuoteOptions(codes: ["Tillit"])
        options.style = style
        let document = try store.quoteDocument(options)
        #expect(document.title == "Utsagn" && document.labels[.table] == "Tab.")
        #expect(style.json().contains("\"table\" : \"Tab.\""))
    }
}
