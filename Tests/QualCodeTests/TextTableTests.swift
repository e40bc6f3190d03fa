import CSV
import Foundation
import QualCode
import Testing

@Suite struct TextTableTests {
    let table = TextTable(headers: ["kode", "tekst"], rows: [
        ["Tillit", "Hun sa: «tillit er alt», og \"mente\" det"],
        ["=SUM(A1)", "linje én\nlinje to\r\nslutt"],
        ["-3", "+47 12345678"],
        ["Sør; nord", "emoji 🙂, komma"],
        ["-2,5", "-3–1,25"],
    ])

    @Test func csvReadsBackWithAnIndependentReader() throws {
        let csv = table.renderCSV()
        #expect(csv.hasSuffix("\r\n"))
        let reader = try CSVReader(string: csv, hasHeaderRow: true)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(reader.headerRow == ["kode", "tekst"])
        #expect(rows == [
            ["Tillit", "Hun sa: «tillit er alt», og \"mente\" det"],
            ["'=SUM(A1)", "linje én\nlinje to\r\nslutt"],
            ["-3", "'+47 12345678"],
            ["Sør; nord", "emoji 🙂, komma"],
            // A negative number with a decimal comma is data; a range starting with «-» is not a number.
            ["-2,5", "'-3–1,25"],
        ])
    }

    @Test func semicolonsForNorwegianExcelAndAByteOrderMark() throws {
        let csv = table.renderCSV(delimiter: ";", byteOrderMark: true)
        #expect(csv.hasPrefix("\u{FEFF}kode;tekst\r\n"))
        #expect(csv.contains("\"Sør; nord\";emoji 🙂, komma\r\n"))
    }

    @Test func textTablesAlignAndCutLongCells() {
        let text = TextTable(headers: ["a", "b"], rows: [["æøå", String(repeating: "x", count: 100)]]).renderText(maxWidth: 10)
        #expect(text == "a    b\næøå  xxxxxxxxx…")
    }

    @Test func textTablesShowControlCharactersEscapedAndCSVKeepsThem() throws {
        let hostile = TextTable(headers: ["memo"], rows: [["Ny\u{1B}[2Jside\u{7}"], ["linje\u{2028}skille\rretur"]])
        let text = hostile.renderText()
        #expect(text == "memo\nNy\\u{1B}[2Jside\\u{7}\nlinje\\u{2028}skille\\u{D}retur")
        #expect(!text.unicodeScalars.contains { $0.isControlOrSeparator && $0 != "\n" })
        let reader = try CSVReader(string: hostile.renderCSV(), hasHeaderRow: true)
        #expect(reader.next() == ["Ny\u{1B}[2Jside\u{7}"])
    }
}
