import Foundation
@testable import QualCode
import Testing

/// Findings from reviewing the paged retrieval, the offsets cut and the one check for codes coded only
/// in their children, each pinned against the behaviour before them.
@Suite struct ReviewFindingsTests {
    /// One short conversation; the segments named are coded and then some of them edited away.
    private func conversation(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try folder.project()
        let url = try folder.write("samtale.txt", """
            Intervjuer: Hvordan var dagen på kontoret?

            Kari: Det var dårlig vær i dag, men god stemning blant kollegene.
            """)
        try store.importTranscripts([url])
        return store
    }

    /// Listings show orphaned segments, so a code whose own segments were all edited away still lists
    /// them on its own; only the exports, which leave orphaned segments out, refuse it.
    @Test func aCodeWithOnlyOrphanedSegmentsOfItsOwnIsStillListed() throws {
        let folder = try TemporaryFolder()
        let store = try conversation(folder)
        _ = try store.code("samtale", .quote("dårlig vær i dag", occurrence: nil), codes: ["Tillit"])
        _ = try store.code("samtale", .quote("god stemning", occurrence: nil), codes: ["Tillit/Brudd"])
        _ = try store.replaceText(in: "samtale", find: "dårlig vær i dag", with: "")

        let retrieved = try store.retrieve(code: "Tillit")
        #expect(retrieved.map(\.segment.text) == ["dårlig vær i dag"] && retrieved.allSatisfy(\.segment.isOrphaned))
        #expect(try store.units(code: "Tillit").map(\.text) == ["dårlig vær i dag"])
        #expect(try store.retrieve(code: store.resolve.code("Tillit"), offset: 0, limit: 10).total == 1)
        #expect(throws: ExportError.onlyInChildren([.init(code: "Tillit", segmentsInChildren: 1)])) {
            try store.codeMatrix(columns: .participant, codes: ["Tillit"])
        }
    }

    /// And the other way round: a code with nothing of its own whose children's segments are orphaned
    /// lists nothing on its own, so it is refused, naming what its children hold.
    @Test func aCodeWhoseChildrenHoldOnlyOrphanedSegmentsIsRefusedOnItsOwn() throws {
        let folder = try TemporaryFolder()
        let store = try conversation(folder)
        _ = try store.code("samtale", .quote("god stemning", occurrence: nil), codes: ["Stemning/Kolleger"])
        _ = try store.replaceText(in: "samtale", find: "god stemning", with: "")

        #expect(throws: StoreError.onlyChildrenCoded(code: "Stemning", childSegments: 1)) { try store.retrieve(code: "Stemning") }
        #expect(throws: StoreError.onlyChildrenCoded(code: "Stemning", childSegments: 1)) { try store.units(code: "Stemning") }
        #expect(try store.retrieve(code: "Stemning", includeChildren: true).map(\.segment.text) == ["god stemning"])
    }

    /// A code named twice (by name and by its path) is one code; the tables' refusal names it once.
    @Test func aCodeNamedTwiceIsRefusedOnce() throws {
        let folder = try TemporaryFolder()
        let store = try ChildCodesTests.project(folder)
        #expect(throws: ChildCodesTests.onlyInChildren) { try store.codeMatrix(columns: .participant, codes: ["Relasjoner", "/relasjoner"]) }
        #expect(throws: ChildCodesTests.onlyInChildren) { try store.wideDataSet(WideOptions(codes: ["Relasjoner", "/relasjoner"])) }
        let target = ExportTarget(path: folder.file("relasjoner.docx").path, format: .docx)
        #expect(throws: ChildCodesTests.onlyInChildren) {
            try store.exportQuotes(QuoteExportRequest(options: QuoteOptions(codes: ["Relasjoner", "/relasjoner"])), to: target)
        }
    }
}
