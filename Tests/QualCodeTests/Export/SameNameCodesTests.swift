import Foundation
import Testing
@testable import QualCode

/// Two codes of one name under different parents (as REFI-QDA and NVivo projects have them) are two
/// codes everywhere: exported separately, listed by a path that tells them apart.
@Suite struct SameNameCodesTests {
    @Test func twoCodesOfOneNameAreExportedSeparately() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Belastning/Rapportering"])
        _ = try store.code("eva", .quote("Tillit er alt.", occurrence: nil), codes: ["Tid/Rapportering"])
        _ = try store.code("eva", .quote("sparringspartner", occurrence: nil), codes: ["Tid/Rapportering"])

        let belastning = try store.quotes(QuoteOptions(codes: ["Belastning/Rapportering"]))
        let tid = try store.quotes(QuoteOptions(codes: ["Tid/Rapportering"]))
        #expect(belastning.map(\.verbatim) == ["kjempegod jobb"])
        #expect(Set(tid.map(\.verbatim)) == ["Tillit er alt.", "sparringspartner"])
        // The quotes name their code by the end of the path that tells the two apart.
        #expect(belastning.first?.codes == ["Belastning/Rapportering"])
        // A bare name is refused with both paths, not silently taken as one of them.
        #expect(throws: StoreError.ambiguous(what: "code", reference: "Rapportering",
                                             candidates: ["Belastning/Rapportering", "Tid/Rapportering"])) {
            try store.quotes(QuoteOptions(codes: ["Rapportering"]))
        }

        let codebook = try store.codebook().textTable
        let names = codebook.rows.map { $0[0].trimmingCharacters(in: .whitespaces) }
        #expect(names.filter { $0.hasSuffix("Rapportering") }.count == 2)
        let counts = codebook.rows.filter { $0[0].hasSuffix("Rapportering") }.map { $0[4] }
        #expect(Set(counts) == ["1", "2"])

        let tree = try store.codeTree()
        #expect(tree.filter { $0.name == "Rapportering" }.map(\.path) == ["Belastning/Rapportering", "Tid/Rapportering"])
        #expect(tree.first { $0.path == "Tid" }?.segmentsWithChildren == 2)
        #expect(tree.first { $0.path == "Tid" }?.segments == 0)
    }
}
