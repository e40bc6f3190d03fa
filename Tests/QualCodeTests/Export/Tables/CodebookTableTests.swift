import Foundation
@testable import QualCode
import Testing

@Suite struct CodebookTableTests {
    @Test func listsEveryCodeWithDefinitionParentExampleAndCounts() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let table = TableFixture.plain(try store.codebook())
        #expect(table.header == ["Kode", "Definisjon", "Overordnet kode", "Eksempel", "Segmenter", "Informanter"])
        #expect(table.rows.map { $0[0] } == ["=cmd()", "Balansekunst", "Balansekunst/Sparringspartner", "Det navske", "Tillit"])
        let tillit = try #require(table.rows.first { $0[0] == "Tillit" })
        // Five segments, one of them in field notes nobody known said: four participants.
        #expect(tillit[4] == "5" && tillit[5] == "4")
        // The shortest segment of at least six words.
        #expect(tillit[3] == "Tillit mellom teamene betyr mye for oss.")
        let navske = try #require(table.rows.first { $0[0] == "Det navske" })
        #expect(navske[4] == "2" && navske[5] == "3")
        // Line breaks inside a segment become spaces in the example.
        #expect(navske[3] == "Systemet er veldig navsk, med skjemaer for alt.")
        #expect(table.rows[1][1] == "Å balansere egne deltakere og veiledning av andre.")
        #expect(table.rows[2][2] == "Balansekunst")
        #expect(table.notes.count == 1 && table.notes[0].contains("ikke med underkodene"))
    }

    @Test func longExamplesAreCutAtAWordBoundary() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let table = TableFixture.plain(try store.codebook(CodebookOptions(exampleLength: 20)))
        #expect(table.rows.first { $0[0] == "Tillit" }?[3] == "Tillit mellom …")
        #expect(table.rows.allSatisfy { $0[3].count <= 20 })
        #expect("Ja, og så videre".cut(at: 9) == "Ja, og …")
        #expect("Kort".cut(at: 9) == "Kort")
    }

    @Test func indentedLabelsInWordAndEnglishWords() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let table = try store.codebook(CodebookOptions(presentation: TablePresentation(language: .en, codeLabels: .indented)))
        let word = try TableFixture.roundTrip([table], in: folder, language: .en)
        #expect(word.texts("Caption") == ["Table 1 Codebook"])
        #expect(word.texts("Tabellkommentar").first?.hasPrefix("Note: Segments is the number of coded segments") == true)
        let cells = try #require(word.tables.first)
        #expect(cells[0] == ["Code", "Definition", "Parent code", "Example", "Segments", "Participants"])
        #expect(cells[3][0] == "\u{2003}Sparringspartner" && cells[3][2] == "Balansekunst")
        #expect(cells[1][0] == "=cmd()")
    }

    @Test func theCSVNeutralisesAFormulaCodeName() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let rows = try TableFixture.roundTrip(try store.codebook(), in: folder, delimiter: ";")
        #expect(rows[0][0] == "Kode")
        #expect(rows[1][0] == "'=cmd()")
        #expect(rows[1][3] == "'=cmd() står det i regnearket, sa hun, og lo.")
        #expect(rows.count == 6)
    }

    @Test func anEmptyProjectGivesAnEmptyTableThatSaysSo() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        let table = try store.codebook()
        #expect(table.rows.isEmpty && table.header.count == 6)
        #expect(TableFixture.plain(table).notes == ["Prosjektet har ingen koder ennå."])
        let word = try TableFixture.roundTrip([table], in: folder)
        #expect(word.tables == [[["Kode", "Definisjon", "Overordnet kode", "Eksempel", "Segmenter", "Informanter"]]])
    }
}
