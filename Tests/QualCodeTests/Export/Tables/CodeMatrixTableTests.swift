import Foundation
@testable import QualCode
import Testing

@Suite struct CodeMatrixTableTests {
    static let service = MatrixColumns.attribute("tjeneste")

    @Test func countsParticipantsPerValueWithNInTheHeaders() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let table = TableFixture.plain(try store.codeMatrixTable(CodeMatrixOptions(columns: Self.service)))
        #expect(table.header == ["Kode", "IPS (N=3)", "Utvidet oppfølging (N=1)", TableFixture.hostileService + " (N=1)",
                                 "Ikke oppgitt (N=1)", "Totalt (N=6)"])
        #expect(table.rows == [
            ["=cmd()", "0", "1", "0", "0", "1"],
            ["Balansekunst", "1", "0", "0", "0", "1"],
            ["Balansekunst/Sparringspartner", "1", "0", "0", "0", "1"],
            ["Det navske", "2", "1", "0", "0", "3"],
            ["Tillit", "3", "1", "0", "0", "4"],
            ["Minst én kode", "3", "1", "0", "0", "4"],
        ])
        let note = try #require(table.notes.first)
        #expect(table.notes.count == 1)
        #expect(note.hasPrefix("Tallene er antall informanter med minst ett segment kodet med koden; N er antall informanter i kolonnen."))
        #expect(note.contains("Ikke oppgitt: informanter uten verdi for «tjeneste»."))
        #expect(note.contains("ikke med underkodene"))
    }

    @Test func countsSegmentsASharedOneInEachColumnButOnceInTheTotal() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let matrix = try store.codeMatrix(columns: Self.service, count: .segments)
        #expect(matrix.rows.first { $0.name == "Det navske" }?.counts == [2, 1, 0, 0])
        #expect(matrix.rows.first { $0.name == "Det navske" }?.total == 2)
        #expect(matrix.rows.first { $0.name == "Tillit" }?.counts == [3, 1, 0, 0])
        #expect(matrix.rows.first { $0.name == "Tillit" }?.total == 4)
        #expect(matrix.anyCode == [7, 3, 0, 0] && matrix.anyCodeTotal == 9)
        #expect(matrix.segmentsWithoutParticipant == 1 && matrix.hasSharedSegments)
        let note = try #require(TableFixture.plain(matrix.table(CodeMatrixOptions(columns: Self.service, count: .segments))).notes.first)
        #expect(note.contains("telles i hver av kolonnene, men én gang i «Totalt»"))
        #expect(note.contains("1 kodede segment uten kjent informant er ikke med."))
    }

    @Test func columnPercentagesUseADecimalCommaInNorwegian() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        // The fixture's groups are tiny: percentages of any base, to see their form.
        let nb = TableFixture.plain(try store.codeMatrixTable(CodeMatrixOptions(columns: Self.service, percent: .column, minimumPercentBase: 1)))
        #expect(nb.rows.first { $0[0] == "Det navske" } == ["Det navske", "2 (66,7\u{A0}%)", "1 (100,0\u{A0}%)", "0", "0", "3 (50,0\u{A0}%)"])
        #expect(nb.rows.last == ["Minst én kode", "3 (100,0\u{A0}%)", "1 (100,0\u{A0}%)", "0", "0", "4 (66,7\u{A0}%)"])
        #expect(nb.notes[0].contains("Prosentene er andeler av N i kolonnen."))
        let en = TableFixture.plain(try store.codeMatrixTable(CodeMatrixOptions(columns: Self.service, percent: .column, minimumPercentBase: 1,
                                                                                presentation: TablePresentation(language: .en))))
        #expect(en.rows.first { $0[0] == "Det navske" }?[1] == "2 (66.7%)")
        #expect(en.header.last == "Total (N=6)" && en.header[4] == "Not given (N=1)")
        #expect(en.rows.last?[0] == "At least one code")
    }

    /// «100,0 %» of one person says more than it knows: below the base (5 by default) counts only.
    @Test func percentagesOfATinyBaseAreLeftOut() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let table = TableFixture.plain(try store.codeMatrixTable(CodeMatrixOptions(columns: Self.service, percent: .column)))
        // Service columns of 3, 1, 1 and 1 people: counts alone; the total column (N=6) keeps its percentage.
        #expect(table.rows.first { $0[0] == "Det navske" } == ["Det navske", "2", "1", "0", "0", "3 (50,0\u{A0}%)"])
        #expect(table.notes[0].contains("Prosent vises bare der grunnlaget er minst 5."))
        let three = TableFixture.plain(try store.codeMatrixTable(CodeMatrixOptions(columns: Self.service, percent: .column, minimumPercentBase: 3)))
        #expect(three.rows.first { $0[0] == "Det navske" } == ["Det navske", "2 (66,7\u{A0}%)", "1", "0", "0", "3 (50,0\u{A0}%)"])
        #expect(throws: StoreError.self) {
            try store.codeMatrixTable(CodeMatrixOptions(columns: Self.service, percent: .column, minimumPercentBase: 0))
        }
        // Without percentages nothing is left out, and no note says so.
        let counts = TableFixture.plain(try store.codeMatrixTable(CodeMatrixOptions(columns: Self.service)))
        #expect(!counts.notes[0].contains("Prosent"))
    }

    @Test func rowPercentagesAreSharesOfTheRowTotal() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let table = TableFixture.plain(try store.codeMatrixTable(CodeMatrixOptions(columns: .attribute("rolle"), percent: .row, minimumPercentBase: 1)))
        #expect(table.header == ["Kode", "=SUM(A1) (N=1)", "jobbspesialist (N=3)", "leder (N=1)", "metodeveileder (N=1)", "Totalt (N=6)"])
        #expect(table.rows.first { $0[0] == "Tillit" } == ["Tillit", "0", "2 (50,0\u{A0}%)", "1 (25,0\u{A0}%)", "1 (25,0\u{A0}%)", "4 (100,0\u{A0}%)"])
    }

    @Test func smallCellsAreHiddenAndTheNoteSaysSo() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let options = CodeMatrixOptions(columns: Self.service, percent: .column, minimumCell: 3, minimumPercentBase: 1)
        let table = try store.codeMatrixTable(options)
        let plain = TableFixture.plain(table)
        // Columns of one person hide every cell, zeros too: a 0 beside a «<3» would name who has the code.
        #expect(plain.rows.first { $0[0] == "Det navske" } == ["Det navske", "<3", "<3", "<3", "<3", "3 (50,0\u{A0}%)"])
        #expect(plain.rows.first { $0[0] == "Balansekunst" } == ["Balansekunst", "<3", "<3", "<3", "<3", "<3"])
        #expect(plain.rows.first { $0[0] == "Tillit" }?[1] == "3 (100,0\u{A0}%)")
        let word = try TableFixture.roundTrip([table], in: folder)
        #expect(word.texts("Caption") == ["Tabell 1 Koder etter tjeneste, antall informanter"])
        let note = try #require(word.texts("Tabellkommentar").first)
        #expect(note.hasPrefix("Kommentar: Tallene er antall informanter"))
        #expect(note.contains("Celler med færre enn 3 er skjult."))
        #expect(note.contains("I kolonner med færre enn 3 informanter er alle celler skjult, også nullene."))
        #expect(word.tables[0][0][1] == "IPS (N=3)")
        #expect(word.tables[0].first { $0[0] == "Det navske" }?[1] == "<3")
        #expect(throws: StoreError.self) { try store.codeMatrixTable(CodeMatrixOptions(columns: Self.service, minimumCell: 0)) }
    }

    @Test func participantsAsColumnsAndChosenCodes() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let options = CodeMatrixOptions(columns: .participant, count: .segments, codes: ["tillit", "Balansekunst/Sparringspartner"],
                                        presentation: TablePresentation(caption: "Tillit per informant"))
        let table = try store.codeMatrixTable(options)
        let rows = try TableFixture.roundTrip(table, in: folder)
        #expect(rows[0] == ["Kode", "Bjørn", "Cecilie", "Dagfinn", "Ylva", "Åse", "Ørjan", "Totalt (N=6)"])
        #expect(rows[1] == ["Balansekunst/Sparringspartner", "1", "0", "0", "0", "0", "0", "1"])
        #expect(rows[2] == ["Tillit", "1", "1", "1", "0", "1", "0", "4"])
        #expect(rows[3] == ["Minst én kode", "2", "1", "1", "0", "1", "0", "5"])
        #expect(Inline.plainText(table.caption) == "Tillit per informant")
    }

    @Test func unknownColumnsOrCodesAreRefused() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        #expect(throws: ExportError.unknownAttribute(name: "yrke", use: .matrixColumns, known: ["ansiennitet", "rolle", "tjeneste"])) {
            try store.codeMatrixTable(CodeMatrixOptions(columns: .attribute("yrke")))
        }
        #expect(throws: StoreError.self) { try store.codeMatrixTable(CodeMatrixOptions(columns: .participant, codes: ["Finnes ikke"])) }
    }

    @Test func numbersAreOrderedByValueAndAnEmptyProjectStillGivesATable() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let seniority = TableFixture.plain(try store.codeMatrixTable(CodeMatrixOptions(columns: .attribute("ansiennitet"))))
        #expect(seniority.header == ["Kode", "1 (N=1)", "2,5 (N=1)", "4 (N=1)", "10 (N=1)", "Ikke oppgitt (N=2)", "Totalt (N=6)"])

        let emptyFolder = try TemporaryFolder()
        let empty = try emptyFolder.project()
        let table = TableFixture.plain(try empty.codeMatrixTable(CodeMatrixOptions(columns: .participant)))
        #expect(table.header == ["Kode", "Totalt (N=0)"])
        #expect(table.rows == [["Minst én kode", "0"]])
        #expect(table.notes[0].hasSuffix("Prosjektet har ingen koder ennå."))
    }

    @Test func theNumberFormatIsOneForAllTables() {
        let nb = TableNumberFormat(.nb), en = TableNumberFormat(.en)
        #expect(nb.percent(1, of: 3) == "33,3\u{A0}%" && en.percent(1, of: 3) == "33.3%")
        #expect(nb.decimal(48.55, fractionDigits: 2) == "48,55" && en.decimal(11.5) == "11.5")
        #expect(nb.attributeValue("6.0", type: .float) == "6" && nb.attributeValue("3.25", type: .float) == "3,25")
        #expect(nb.attributeValue("3.25", type: .text) == "3.25")
        #expect(nb.percent(0, of: 0) == "0,0\u{A0}%")
    }
}
