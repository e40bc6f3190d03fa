import Foundation
@testable import QualCode
import Testing

/// Retrieval a page at a time, as the browser reads it: pages put together are the whole listing.
@Suite struct RetrievalPageTests {
    /// Three transcripts imported against slug order (blank lines between their lines, which are not
    /// numbered), every other line coded by two coders, some with a child code.
    private func codedStore(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try folder.project()
        var urls: [URL] = []
        for name in ["c-intervju", "a-intervju", "b-intervju"] {
            let lines = (1...12).map { "Linje \($0) i \(name): tillit, eh, og jobb (latter) – æøå «sitat»." }
            urls.append(try folder.write("\(name).txt", lines.joined(separator: "\n\n")))
        }
        try store.importTranscripts(urls)
        let berit = try store.acting(as: "berit")
        for name in ["c-intervju", "a-intervju", "b-intervju"] {
            for line in stride(from: 1, through: 11, by: 2) {
                _ = try store.code(name, .lines(line...line), codes: ["Tillit"])
                _ = try berit.code(name, .lines(line...line), codes: ["Tillit"])
                if line % 4 == 1 { _ = try store.code(name, .lines(line...line), codes: ["Tillit/Brudd"]) }
            }
        }
        return store
    }

    @Test(arguments: [1, 4, 7, 18, 100])
    func pagesTogetherAreTheWholeListing(limit: Int) throws {
        let folder = try TemporaryFolder()
        let store = try codedStore(folder)
        let tillit = try store.resolve.code("Tillit")
        let whole = try store.retrieve(code: tillit, context: 1)
        #expect(whole.count == 18)
        #expect(whole.map(\.segment.transcript) == Array(repeating: "a-intervju", count: 6) + Array(repeating: "b-intervju", count: 6)
                + Array(repeating: "c-intervju", count: 6))
        var pages: [RetrievedSegment] = []
        var offset = 0
        while true {
            let page = try store.retrieve(code: tillit, context: 1, offset: offset, limit: limit)
            #expect(page.total == 18 && page.offset == offset)
            if page.segments.isEmpty { break }
            #expect(page.segments.count <= limit)
            pages += page.segments
            offset += page.segments.count
        }
        #expect(pages == whole)
    }

    @Test func aSegmentNamesEachCodeOnceWhateverTheCoders() throws {
        let folder = try TemporaryFolder()
        let store = try codedStore(folder)
        let first = try #require(try store.retrieve(code: store.resolve.code("Tillit"), context: 2).first)
        #expect(first.codes == ["Brudd", "Tillit"])
        #expect(first.before.isEmpty && first.after.map(\.number) == [2, 3])
        let children = try store.retrieve(code: store.resolve.code("Tillit"), includeChildren: true, offset: 0, limit: 100)
        #expect(children.total == 18)
    }

    @Test func theLinesAroundASegmentNameTheirOwnCodes() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        _ = try store.code("eva", .quote("kjempegod jobb", occurrence: nil), codes: ["Trivsel"])
        _ = try store.code("eva", .quote("Uten tillit får vi ingenting til", occurrence: nil), codes: ["Tillit", "Relasjon"])
        let card = try #require(try store.retrieve(code: store.resolve.code("Trivsel"), context: 2).first)
        #expect(card.before.map(\.codes) == [[]])
        #expect(card.after.map(\.number) == [3, 4] && card.after.map(\.codes) == [[], ["Relasjon", "Tillit"]])
        // Their ids in the same order, for a page to colour them.
        #expect(card.after[1].codeIDs == [try store.resolve.code("Relasjon"), try store.resolve.code("Tillit")])
    }

    @Test func aPageBeyondTheEndIsEmptyAndCountsTheWhole() throws {
        let folder = try TemporaryFolder()
        let store = try codedStore(folder)
        let page = try store.retrieve(code: store.resolve.code("Tillit"), offset: 18, limit: 5)
        #expect(page.segments.isEmpty && page.total == 18)
        let brudd = try store.retrieve(code: store.resolve.code("Tillit/Brudd"), offset: 0, limit: Int.max)
        #expect(brudd.total == 9 && brudd.segments.count == 9)
    }

    @Test func aNegativeOffsetOrNoLimitIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = try codedStore(folder)
        let tillit = try store.resolve.code("Tillit")
        #expect(throws: StoreError.invalidInput(.offset, value: "-1", expected: "0 or more")) {
            try store.retrieve(code: tillit, offset: -1, limit: 5)
        }
        #expect(throws: StoreError.invalidInput(.limit, value: "0", expected: "1 or more")) {
            try store.retrieve(code: tillit, offset: 0, limit: 0)
        }
        let unknown = UUID()
        #expect(throws: StoreError.missing(.code, unknown)) { try store.retrieve(code: unknown, offset: 0, limit: 5) }
    }
}
