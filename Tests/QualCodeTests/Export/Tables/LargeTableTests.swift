import Foundation
@testable import QualCode
import Testing

/// A project the size of a large evaluation: 300 participants, 150 codes, 3,000 coded segments.
/// Only the shape is checked; the point is that wide and matrix exports finish at this size.
@Suite struct LargeTableTests {
    static let participants = 300, codes = 150, linesPerInterview = 10

    static func project(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try folder.project()
        let services = ["IPS", "IPS ung", "Utvidet oppfølging", "Arbeid først"]
        let people = (1...participants).map { String(format: "Deltaker%03d", $0) }
        let csv = "pseudonym,tjeneste,ansiennitet\n" + people.enumerated().map { i, p in "\(p),\(services[i % services.count]),\(i % 12)" }
            .joined(separator: "\n")
        _ = try store.importParticipants(csv: try folder.write("deltakere.csv", csv))
        let files = try people.map { p in
            try folder.write("\(p.lowercased()).txt", (1...linesPerInterview).map { "\(p): Utsagn nummer \($0) om tillit, mestring og det navske." }
                .joined(separator: "\n"))
        }
        try store.importTranscripts(files)
        var requests: [CodingRequest] = []
        for (i, p) in people.enumerated() {
            for line in 1...linesPerInterview {
                let first = (i * 7 + line * 13) % codes, second = (i * 11 + line * 3 + 1) % codes
                requests.append(try store.request(p.lowercased(), .lines(line...line),
                                              codes: [String(format: "Kode %03d æøå", first + 1), String(format: "Kode %03d æøå", second + 1)]))
            }
        }
        _ = try store.code(requests)
        return store
    }

    @Test func wideAndMatrixExportsHandleThreeHundredParticipantsAndAHundredAndFiftyCodes() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)

        let wide = try store.wideDataSet(WideOptions(values: .counts))
        let data = TableFixture.plain(wide.data)
        #expect(data.header.count == 1 + 2 + Self.codes)
        #expect(data.rows.count == Self.participants)
        #expect(Set(data.header).count == data.header.count)
        #expect(data.header[3] == "k_kode_001_aeoeaa")
        // Every participant's ten lines carry two codings each (or one, when both codes are the same).
        #expect(data.rows.allSatisfy { row in (Self.linesPerInterview...2 * Self.linesPerInterview).contains(row[3...].reduce(0) { $0 + Int($1)! }) })
        #expect(wide.dictionary.rows.count == 1 + 2 + Self.codes)
        let rows = try TableFixture.roundTrip(wide.data, in: folder)
        #expect(rows.count == Self.participants + 1)

        let byService = try store.codeMatrix(columns: .attribute("tjeneste"))
        #expect(byService.header.map(\.participants) == [75, 75, 75, 75])
        #expect(byService.rows.count == Self.codes)
        #expect(byService.anyCodeTotal == Self.participants)
        let table = try store.codeMatrixTable(CodeMatrixOptions(columns: .participant, count: .segments, percent: .row, minimumCell: 2))
        #expect(table.header.count == Self.participants + 2)
        #expect(table.rows.count == Self.codes + 1)
        // Word opens it: python-docx counts the rows and columns (reading all 45,000 cells would take it seconds).
        let url = folder.file("matrise.docx")
        try Document(tables: [table], language: .nb).write(as: .docx, to: url)
        let shape = String(decoding: try runPython("""
            import docx, sys
            t = docx.Document(sys.argv[1]).tables[0]
            print(len(t.rows), len(t.columns))
            """, [url.path]), as: UTF8.self)
        #expect(shape == "\(Self.codes + 2) \(Self.participants + 2)\n")
    }
}
