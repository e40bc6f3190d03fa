import Foundation
@testable import QualCode
import Testing

@Suite struct CodingsTableTests {
    @Test func oneRowPerCodingWithPlaceCoderParticipantsAttributesAndText() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let table = try store.codingsTable()
        let rows = try TableFixture.roundTrip(table, in: folder)
        #expect(rows[0] == ["segment", "transkripsjon", "fra_linje", "til_linje", "start", "slutt", "kode", "kodet_av", "tidspunkt",
                            "informanter", "ansiennitet", "rolle", "tjeneste", "tekst"])
        #expect(rows.count == 11)
        #expect(rows.dropFirst().map { $0[1] } == ["ase", "ase", "ase", "bjorn", "bjorn", "cecilie", "cecilie", "fokusgruppe", "fokusgruppe", "notater"])

        let shared = try #require(rows.first { $0[6] == "Det navske" && $0[1] == "fokusgruppe" })
        #expect(shared[2...3] == ["2", "3"])
        #expect(shared[7] == "tester")
        #expect(shared[9] == "Bjørn; Cecilie")
        #expect(shared[10...12] == ["4; 10", "jobbspesialist; metodeveileder", "IPS; Utvidet oppfølging"])
        #expect(shared[13] == "Det navske er at alt skal dokumenteres to ganger.\nCecilie: Ja, og det tar tid fra deltakerne.")
        let text = ScalarText(try store.transcript("fokusgruppe").text)
        #expect(text.slice(Int(shared[4])!, Int(shared[5])!) == shared[13])
        #expect(UUID(uuidString: shared[0]) != nil)
        #expect(ISO8601DateFormatter().date(from: shared[8]) != nil)

        let formula = try #require(rows.first { $0[1] == "cecilie" && $0[2] == "3" })
        #expect(formula[6] == "'=cmd()" && formula[13] == "'=cmd() står det i regnearket, sa hun, og lo.")
        let notes = try #require(rows.last)
        #expect(notes[9...12] == ["", "", "", ""])
        #expect(notes[6] == "Tillit")
        let child = try #require(rows.first { $0[1] == "bjorn" && $0[2] == "3" })
        #expect(child[6] == "Balansekunst/Sparringspartner")
    }

    @Test func chosenCodesAndAttributesInEnglish() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let options = CodingsOptions(attributes: ["tjeneste"], codes: ["Det navske"], presentation: TablePresentation(language: .en))
        let table = try store.codingsTable(options)
        let plain = TableFixture.plain(table)
        #expect(plain.header == ["segment", "transcript", "first_line", "last_line", "start", "end", "code", "coder", "coded_at",
                                 "participants", "tjeneste", "text"])
        #expect(plain.rows.map { $0[10] } == ["IPS", "IPS; Utvidet oppfølging"])
        let word = try TableFixture.roundTrip([table], in: folder, language: .en)
        #expect(word.texts("Caption") == ["Table 1 Codings"])
        #expect(word.tables[0][2][11] == "Det navske er at alt skal dokumenteres to ganger.\nCecilie: Ja, og det tar tid fra deltakerne.")
        #expect(throws: ExportError.self) { try store.codingsTable(CodingsOptions(attributes: ["yrke"])) }
    }

    @Test func anEmptyProjectGivesOnlyTheHeader() throws {
        let folder = try TemporaryFolder()
        let rows = try TableFixture.roundTrip(try folder.project().codingsTable(), in: folder)
        #expect(rows.count == 1 && rows[0].first == "segment" && rows[0].last == "tekst")
    }
}
