import Foundation
@testable import QualCode
import Testing

@Suite struct ParticipantTableTests {
    @Test func oneRowPerParticipantWithEveryAttributeAndTheCounts() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let table = TableFixture.plain(try store.participantOverview())
        #expect(table.header == ["Pseudonym", "Etikett", "ansiennitet", "rolle", "tjeneste", "Transkripsjoner", "Segmenter"])
        let rows = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], $0) })
        #expect(rows["Åse"] == ["Åse", "Informant A", "2,5", "jobbspesialist", "IPS", "1", "3"])
        // The shared focus-group segment counts for both who spoke in it.
        #expect(rows["Bjørn"] == ["Bjørn", "Informant B", "4", "jobbspesialist", "IPS", "2", "3"])
        #expect(rows["Cecilie"]?[5...6] == ["2", "3"])
        #expect(rows["Dagfinn"] == ["Dagfinn", "Leder D", "", "leder", "IPS", "1", "1"])
        #expect(rows["Ylva"] == ["Ylva", "", "", "=SUM(A1)", TableFixture.hostileService, "0", "0"])
        #expect(rows["Ørjan"] == ["Ørjan", "", "1", "jobbspesialist", "", "0", "0"])
    }

    @Test func chosenAttributesInTheOrderGiven() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let options = ParticipantOverviewOptions(attributes: ["tjeneste", "rolle", "tjeneste"],
                                                 presentation: TablePresentation(language: .en))
        let table = try store.participantOverview(options)
        let word = try TableFixture.roundTrip([table], in: folder, language: .en)
        #expect(word.texts("Caption") == ["Table 1 Overview of the participants"])
        #expect(word.tables[0][0] == ["Pseudonym", "Label", "tjeneste", "rolle", "Transcripts", "Segments"])
        // «» quotes, an emoji and a line break survive into Word.
        #expect(word.tables[0].contains { $0[0] == "Ylva" && $0[2] == TableFixture.hostileService && $0[3] == "=SUM(A1)" })
        #expect(try store.participantOverview(ParticipantOverviewOptions(attributes: ["ansiennitet"], presentation: TablePresentation(language: .en)))
            .rows.contains { Inline.plainText($0[2]) == "2.5" })
    }

    @Test func anUnknownAttributeIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        #expect(throws: ExportError.unknownAttribute(name: "yrke", use: .tableColumns, known: ["ansiennitet", "rolle", "tjeneste"])) {
            try store.participantOverview(ParticipantOverviewOptions(attributes: ["yrke"]))
        }
    }

    @Test func theCSVKeepsHostileValuesAndNeutralisesFormulas() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let rows = try TableFixture.roundTrip(try store.participantOverview(), in: folder, delimiter: ";")
        let ylva = try #require(rows.first { $0[0] == "Ylva" })
        #expect(ylva[3] == "'=SUM(A1)")
        #expect(ylva[4] == TableFixture.hostileService)
        #expect(rows.count == 7)
    }
}
