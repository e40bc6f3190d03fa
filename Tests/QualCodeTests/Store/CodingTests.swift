import Foundation
import GRDB
@testable import QualCode
import Testing

/// A project with one small synthetic interview (`eva`), ready to code.
func interviewStore(_ folder: TemporaryFolder) throws -> ProjectStore {
    let store = try folder.project()
    try store.addParticipant(pseudonym: "Eva", attributes: [("rolle", "metodeveileder")])
    let url = try folder.write("intervju-eva.txt", Fixtures.interview)
    var options = ImportOptions()
    options.participants = ["Eva"]
    try store.importTranscripts([url], options: options)
    return store
}

@Suite struct CodingTests {
    @Test func codesAUniqueQuote() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let result = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel", "Mestring"])
        #expect(result.added == ["Trivsel", "Mestring"])
        #expect(result.createdCodes == ["Trivsel", "Mestring"])
        #expect(result.segment.text == "kjempegod jobb")
        #expect(result.segment.firstLine == 2)
        let transcript = try store.transcript("eva")
        #expect(ScalarText(transcript.text).slice(result.segment.start, result.segment.end) == "kjempegod jobb")
    }

    @Test func codingTheSameSpanTwiceGivesOneCoding() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let first = try store.code("eva", .quote("det navske", occurrence: nil), codes: ["Det navske"])
        let again = try store.code("eva", .quote("det navske", occurrence: nil), codes: ["Det navske", "Tillit"])
        #expect(again.segment.id == first.segment.id)
        #expect(again.alreadyPresent == ["Det navske"])
        #expect(again.added == ["Tillit"])
        let codings = try store.pool.read { db in try Coding.fetchCount(db) }
        #expect(codings == 2)
        // Another coder's coding of the same span is a coding of its own.
        let other = try ProjectStore.open(at: store.url, coder: "Ola")
        #expect(try other.code("eva", .quote("det navske", occurrence: nil), codes: ["Det navske"]).added == ["Det navske"])
    }

    @Test func codesByLinesWithoutTheSpeakerLabel() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let result = try store.code("eva", .lines(4...4), codes: ["Tillit"])
        #expect(result.segment.text == "Tillit er alt. Uten tillit får vi ingenting til 🙂 Og så er det det navske, da.")
        let spanning = try store.code("eva", .lines(3...4), codes: ["Tillit"])
        #expect(spanning.segment.text.hasPrefix("Hva betyr tillit for deg?\nEva: Tillit er alt."))
        #expect(spanning.segment.lineLabel == "3-4")
    }

    @Test func codesByOffsetsCountingScalars() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let text = ScalarText(try store.transcript("eva").text)
        let emoji = text.occurrences(of: "🙂")[0]
        let result = try store.code("eva", .offsets(start: emoji - 4, end: emoji + 1), codes: ["Emoji"])
        #expect(result.segment.text == "til 🙂")
    }

    @Test func anAmbiguousQuoteListsItsLines() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let before = try ProjectSnapshot(store)
        #expect(throws: StoreError.quoteAmbiguous(transcript: "intervju-eva", quote: "tillit", lines: [3, 4, 6])) {
            try store.code("eva", .quote("tillit", occurrence: nil), codes: ["Tillit"])
        }
        #expect(try ProjectSnapshot(store) == before)
        // Quotes match exactly, case included: "Tillit er alt." occurs once.
        #expect(try store.code("eva", .quote("Tillit er alt.", occurrence: nil), codes: ["Tillit"]).segment.firstLine == 4)
        let third = try store.code("eva", .quote("tillit", occurrence: 3), codes: ["Tillit"])
        #expect(third.segment.firstLine == 6)
    }

    // MARK: - Bad input

    @Test func badSelectionsChangeNothing() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let length = try store.transcript("eva").text.unicodeScalars.count
        let before = try ProjectSnapshot(store)
        let nearest = QuoteMatcher(ScalarText(try store.transcript("eva").text)).nearest(to: "finnes ikke")
        #expect(throws: StoreError.quoteNotFound(transcript: "intervju-eva", quote: "finnes ikke", nearest: nearest)) {
            try store.code("eva", .quote("finnes ikke", occurrence: nil), codes: ["X"])
        }
        #expect(throws: StoreError.spanOutOfRange(transcript: "intervju-eva", start: 10, end: length + 1, length: length)) {
            try store.code("eva", .offsets(start: 10, end: length + 1), codes: ["X"])
        }
        #expect(throws: StoreError.spanOutOfRange(transcript: "intervju-eva", start: 5, end: 5, length: length)) {
            try store.code("eva", .offsets(start: 5, end: 5), codes: ["X"])
        }
        #expect(throws: StoreError.linesOutOfRange(transcript: "intervju-eva", first: 5, last: 99, lineCount: 6)) {
            try store.code("eva", .lines(5...99), codes: ["X"])
        }
        #expect(throws: StoreError.occurrenceOutOfRange(transcript: "intervju-eva", occurrence: 3, count: 1)) {
            try store.code("eva", .quote("kjempegod", occurrence: 3), codes: ["X"])
        }
        #expect(throws: StoreError.emptyName(what: "code")) { try store.code("eva", .quote("kjempegod", occurrence: nil), codes: ["  "]) }
        #expect(throws: StoreError.emptyName(what: "code")) { try store.code("eva", .quote("kjempegod", occurrence: nil), codes: []) }
        #expect(throws: StoreError.invalidName(what: "code", name: "Tema/", problem: .emptyPathPart)) {
            try store.code("eva", .quote("kjempegod", occurrence: nil), codes: ["Tema/"])
        }
        #expect(throws: StoreError.invalidName(what: "code", name: "Tema\u{1B}[2J", problem: .controlCharacters)) {
            try store.code("eva", .quote("kjempegod", occurrence: nil), codes: ["Tema\u{1B}[2J"])
        }
        #expect(throws: StoreError.invalidName(what: "code", name: String(repeating: "ø", count: 201), problem: .tooLong(limit: 200))) {
            try store.code("eva", .quote("kjempegod", occurrence: nil), codes: [String(repeating: "ø", count: 201)])
        }
        #expect(throws: StoreError.self) { try store.code("ingen", .quote("kjempegod", occurrence: nil), codes: ["X"]) }
        #expect(try ProjectSnapshot(store) == before)
        #expect(try store.codeTree().isEmpty)
    }

    @Test func aFailedBatchWritesNothing() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let before = try ProjectSnapshot(store)
        #expect(throws: StoreError.self) {
            try store.code([try store.request("eva", .quote("kjempegod", occurrence: nil), codes: ["Trivsel"]),
                            try store.request("eva", .quote("finnes ikke", occurrence: nil), codes: ["Trivsel"])])
        }
        #expect(try ProjectSnapshot(store) == before)
    }
}

@Suite struct CodeTreeTests {
    func coded(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel", "Trygghet"])
        _ = try store.code("eva", .quote("Tillit er alt.", occurrence: nil), codes: ["Tillit", "Trygghet"])
        _ = try store.code("eva", .quote("sparringspartner", occurrence: nil), codes: ["Balansekunst/Sparringspartner"])
        return store
    }

    @Test func listsTheTreeWithCounts() throws {
        let folder = try TemporaryFolder()
        let store = try coded(folder)
        let tree = try store.codeTree()
        #expect(tree.map(\.path) == ["Balansekunst", "Balansekunst/Sparringspartner", "Tillit", "Trivsel", "Trygghet"])
        let trygghet = try #require(tree.first { $0.name == "Trygghet" })
        #expect(trygghet.segments == 2 && trygghet.participants == 1)
        #expect(tree.first { $0.name == "Sparringspartner" }?.depth == 1)
    }

    @Test func renamesAndRefusesDuplicates() throws {
        let folder = try TemporaryFolder()
        let store = try coded(folder)
        try store.updateCode("Trivsel", name: "Trivsel i jobben")
        #expect(try store.retrieve(code: "Trivsel i jobben").count == 1)
        #expect(throws: StoreError.duplicate(what: "code", name: "tillit")) { try store.updateCode("Trygghet", name: "tillit") }
        #expect(throws: StoreError.emptyName(what: "code")) { try store.updateCode("Trygghet", name: " ") }
    }

    @Test func mergeMovesCodingsAndCollapsesDuplicates() throws {
        let folder = try TemporaryFolder()
        let store = try coded(folder)
        let report = try store.mergeCode("Trygghet", into: "Tillit")
        #expect(report.codingsMoved == 1)     // the "kjempegod jobb" segment
        #expect(report.codingsRemoved == 1)   // "Tillit er alt." had both
        #expect(try store.codeTree().first { $0.name == "Tillit" }?.segments == 2)
        #expect(try !store.codeTree().contains { $0.name == "Trygghet" })
    }

    @Test func movesCodesButNeverUnderThemselves() throws {
        let folder = try TemporaryFolder()
        let store = try coded(folder)
        try store.moveCode("Tillit", under: "Balansekunst")
        #expect(try store.codeTree().first { $0.name == "Tillit" }?.path == "Balansekunst/Tillit")
        #expect(throws: StoreError.codeCycle(code: "Balansekunst", parent: "Sparringspartner")) {
            try store.moveCode("Balansekunst", under: "Sparringspartner")
        }
        try store.moveCode("Tillit", under: nil)
        #expect(try store.codeTree().first { $0.name == "Tillit" }?.depth == 0)
    }

    @Test func mergingIntoADescendantKeepsTheTreeWhole() throws {
        let folder = try TemporaryFolder()
        let store = try coded(folder)
        try store.addCode("Nærhet", parent: "Sparringspartner")
        _ = try store.mergeCode("Balansekunst", into: "Nærhet")
        let tree = try store.codeTree()
        #expect(Set(tree.map(\.name)) == ["Nærhet", "Sparringspartner", "Tillit", "Trivsel", "Trygghet"])
        #expect(tree.first { $0.name == "Sparringspartner" }?.path == "Nærhet/Sparringspartner")
        #expect(try store.deleteCode("Sparringspartner", force: true).codingsRemoved == 1)
    }

    @Test func namesRepeatUnderDifferentParentsAndPathsResolveFromTheRoot() throws {
        let folder = try TemporaryFolder()
        let store = try coded(folder)
        // A path whose beginning fits no code is made from the top; «Tillit» may repeat under «Ny».
        let made = try store.code("eva", .quote("kjempegod", occurrence: nil), codes: ["Ny/Tillit/Under"])
        #expect(made.createdCodes == ["Ny/Tillit/Under"])
        let paths = try store.codeTree().map(\.path)
        #expect(paths.contains("Tillit") && paths.contains("Ny/Tillit") && paths.contains("Ny/Tillit/Under"))
        // A bare name that fits two codes is refused with both paths.
        #expect(throws: StoreError.ambiguous(what: "code", reference: "tillit", candidates: ["Ny/Tillit", "Tillit"])) {
            try store.resolve.code("tillit")
        }
        let before = try ProjectSnapshot(store)
        #expect(throws: StoreError.self) { try store.code("eva", .quote("kjempegod", occurrence: nil), codes: ["Tillit"]) }
        #expect(try ProjectSnapshot(store) == before)
        // A path from the root, the end of a path, or «/» for the top level name each one.
        let top = try #require(try store.codeTree().first { $0.path == "Tillit" })
        let nested = try #require(try store.codeTree().first { $0.path == "Ny/Tillit" })
        #expect(try store.resolve.code("/Tillit") == top.id)
        #expect(try store.resolve.code("ny/tillit") == nested.id)
        #expect(try store.resolve.code("Tillit/Under") != top.id)
        // Listings show the shortest end of the path that tells them apart.
        // A code whose own segments are none, while its child has one, says so rather than listing nothing.
        #expect(throws: StoreError.onlyChildrenCoded(code: "Ny/Tillit", childSegments: 1)) { try store.units(code: "Ny/Tillit") }
        #expect(StoreError.onlyChildrenCoded(code: "Ny/Tillit", childSegments: 1).remedy == .includeChildren)
        #expect(try store.units(code: "Ny/Tillit", includeChildren: true).count == 1)
        #expect(try store.retrieve(code: "Ny", context: 1, includeChildren: true).first?.codes == ["Under"])
        let under = try store.units(code: "Under")
        #expect(under.first?.codes == ["Under"])
        // Siblings still may not share a name, in any case.
        #expect(throws: StoreError.duplicate(what: "code", name: "tillit")) { try store.addCode("tillit", parent: "Ny") }
        #expect(throws: StoreError.duplicate(what: "code", name: "Tillit")) { try store.moveCode("Ny/Tillit", under: nil) }
        // Moving or renaming it elsewhere is fine.
        try store.addCode("Annet")
        try store.moveCode("Ny/Tillit", under: "Annet")
        #expect(try store.codeTree().contains { $0.path == "Annet/Tillit/Under" })
    }

    @Test func mergingTwoBranchesMergesTheirNamesakes() throws {
        let folder = try TemporaryFolder()
        let store = try coded(folder)
        try store.addCode("A/Rapportering")
        try store.addCode("B/Rapportering")
        _ = try store.code("eva", .quote("kjempegod", occurrence: nil), codes: ["A/Rapportering"])
        _ = try store.code("eva", .quote("Tillit er alt", occurrence: nil), codes: ["B/Rapportering"])
        let report = try store.mergeCode("A", into: "B")
        #expect(report.codingsMoved == 1)
        let tree = try store.codeTree()
        #expect(tree.filter { $0.name == "Rapportering" }.map(\.path) == ["B/Rapportering"])
        #expect(tree.first { $0.path == "B/Rapportering" }?.segments == 2)
        #expect(tree.first { $0.path == "B" }?.segmentsWithChildren == 2)
    }

    @Test func deleteIsRefusedWhileInUseUnlessForced() throws {
        let folder = try TemporaryFolder()
        let store = try coded(folder)
        let before = try ProjectSnapshot(store)
        #expect(throws: StoreError.codeInUse(code: "Balansekunst", codings: 1, children: 1)) { try store.deleteCode("Balansekunst") }
        #expect(try ProjectSnapshot(store) == before)
        let report = try store.deleteCode("Balansekunst", force: true)
        #expect(report.codingsRemoved == 1 && report.childrenRemoved == ["Sparringspartner"])
        #expect(report.childrenRemovedIds.count == 1 && report.targetId == nil)
        #expect(throws: StoreError.missing(.code, report.codeId)) { try store.deleteCode(report.codeId) }
        #expect(try store.units().count == 2)
        try store.addCode("Ubrukt")
        try store.addMemo(on: "code:Ubrukt", text: "Kanskje senere.")
        #expect(try store.deleteCode("Ubrukt").codingsRemoved == 0)
        #expect(try store.memos().isEmpty)
    }
}
