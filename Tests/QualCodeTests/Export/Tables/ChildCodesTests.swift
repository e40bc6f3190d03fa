import Foundation
@testable import QualCode
import Testing

/// Children are not included by default; an export that would find nothing on a code whose children
/// hold segments says so instead of writing an empty file.
@Suite struct ChildCodesTests {
    /// The fixture plus «Relasjoner», a parent with no codings of its own, and two coded children.
    static func project(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try TableFixture.project(folder)
        _ = try store.code([
            try store.request("ase", .quote("Tillit er grunnmuren i alt vi gjør sammen med deltakerne.", occurrence: nil),
                          codes: ["Relasjoner/Deltakere"]),
            try store.request("bjorn", .quote("Jeg er sparringspartner for kollegene mine når de står fast.", occurrence: nil),
                          codes: ["Relasjoner/Kolleger"]),
            try store.request("cecilie", .quote("Tillit, og at vi våger å si fra når noe ikke fungerer.", occurrence: nil),
                          codes: ["Relasjoner/Kolleger/Ledere"]),
        ])
        return store
    }

    static let onlyInChildren = ExportError.onlyInChildren([.init(code: "Relasjoner", segmentsInChildren: 3)])

    @Test func aQuoteExportOfAParentWithoutSegmentsSaysSoAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        let target = ExportTarget(path: folder.file("relasjoner.docx").path, format: .docx)
        #expect(throws: Self.onlyInChildren) { try store.exportQuotes(QuoteExportRequest(options: QuoteOptions(codes: ["Relasjoner"])), to: target) }
        #expect(Self.onlyInChildren.remedy == .includeChildren)
        #expect(!Self.onlyInChildren.description.contains("--"))
        #expect(!FileManager.default.fileExists(atPath: target.path))

        var options = QuoteOptions(codes: ["Relasjoner"])
        options.includeChildren = true
        let report = try store.exportQuotes(QuoteExportRequest(options: options), to: target)
        #expect(report.wasWritten && report.count == 3)
    }

    @Test func aCodeWithSegmentsOfItsOwnIsExportedWithoutItsChildren() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        // Balansekunst has Åse's segment; Sparringspartner (Bjørn's) stays out unless asked for.
        #expect(try store.quotes(QuoteOptions(codes: ["Balansekunst"])).count == 1)
        var options = QuoteOptions(codes: ["Balansekunst"])
        options.includeChildren = true
        #expect(try store.quotes(options).count == 2)
        // Relasjoner/Kolleger has a segment of its own: no error, and its grandchild stays out.
        #expect(try store.quotes(QuoteOptions(codes: ["Kolleger"])).count == 1)
    }

    @Test func theTablesThatTakeCodesFollowTheSameRule() throws {
        let folder = try TemporaryFolder()
        let store = try Self.project(folder)
        #expect(throws: Self.onlyInChildren) { try store.codeMatrix(columns: .participant, codes: ["Relasjoner"]) }
        #expect(throws: Self.onlyInChildren) { try store.wideDataSet(WideOptions(codes: ["Relasjoner"])) }
        #expect(throws: Self.onlyInChildren) { try store.codingsTable(CodingsOptions(codes: ["Relasjoner"])) }

        let matrix = try store.codeMatrix(columns: .participant, count: .segments, codes: ["Relasjoner"], includeChildren: true)
        #expect(matrix.rows.map(\.total) == [3] && matrix.includesChildren)
        // The note below the matrix says what a parent's row counts.
        let note = try store.codeMatrixTable(CodeMatrixOptions(columns: .participant, codes: ["Relasjoner"], includeChildren: true))
            .notes.map(Inline.plainText).joined()
        #expect(note.contains(LabelSet.core[.childCodingsIncluded, .nb]) && !note.contains(LabelSet.core[.directCodingsOnly, .nb]))
        let wide = try store.wideDataSet(WideOptions(codes: ["Relasjoner"], includeChildren: true, values: .counts))
        // Rows by pseudonym: Bjørn, Cecilie, Dagfinn, Ylva, Åse, Ørjan.
        #expect(wide.data.rows.map { $0.last.map(Inline.plainText) } == ["1", "1", "0", "0", "1", "0"])
        let codings = try store.codingsTable(CodingsOptions(codes: ["Relasjoner"], includeChildren: true))
        #expect(Set(codings.rows.map { Inline.plainText($0[6]) }) == ["Relasjoner/Deltakere", "Relasjoner/Kolleger", "Relasjoner/Kolleger/Ledere"])
        // Every code (no names) is not an error: the parent's row is simply empty.
        #expect(try store.codeMatrix(columns: .participant).rows.contains { $0.name == "Relasjoner" && $0.total == 0 })
    }
}
