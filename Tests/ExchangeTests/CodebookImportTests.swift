import Foundation
import QualCode
import Testing
@testable import Exchange

/// A codebook adds its codes to the project, matched by path; Taguette's codebook (an empty `<Sets/>`,
/// GUIDs that are not all GUIDs) is read as well as a valid one.
@Suite struct CodebookImportTests {
    static let taguetteLike = """
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1:0" origin="Taguette 1.5.2">
          <Codes>
            <Code guid="B3A9E2C1-0F4D-4B8E-9A7C-5D6E7F8A9B0C" name="Tillit" isCodable="true" color="#d62728">
              <Description>Endret definisjon som ikke skal overskrive vår.</Description>
              <Code guid="t-02" name="Til systemet" isCodable="true"/>
            </Code>
            <Code guid="{5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B}" name="Arbeidsmengde/tid" isCodable="false">
              <Description>Tid og press.</Description>
            </Code>
          </Codes>
          <Sets/>
        </CodeBook>
        """

    @Test func newCodesAreAddedAndExistingOnesLeftAsTheyAre() throws {
        let folder = try Study.folder()
        let store = try Study.project(in: folder)
        let before = try Study.records(store).codes
        let file = folder.appendingPathComponent("taguette.qdc")
        try Self.taguetteLike.write(to: file, atomically: true, encoding: .utf8)
        let report = try Exchange(store).importRefiCodebook(from: file)
        #expect(report.existing == ["Tillit"])
        #expect(report.added == ["Tillit/Til systemet", "Arbeidsmengde∕tid"])
        #expect(report.renamed == ["\"Arbeidsmengde/tid\" → \"Arbeidsmengde∕tid\""])
        let after = try Study.records(store).codes
        let tillit = try #require(after.first { $0.name == "Tillit" })
        #expect(before.contains(tillit))
        let tid = try #require(after.first { $0.name == "Arbeidsmengde∕tid" })
        #expect(tid.definition == "Tid og press." && tid.parentId == nil)
        #expect(tid.id == UUID(uuidString: "5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B"))
        // Importing it again changes nothing.
        let again = try Exchange(store).importRefiCodebook(from: file)
        #expect(again.added.isEmpty && again.existing.count == 3)
        // The codebook written back out keeps the GUIDs it came with.
        let xml = String(decoding: try Exchange(store).refiCodebook().data, as: UTF8.self)
        #expect(xml.contains("guid=\"t-02\"") && xml.contains("guid=\"{5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B}\""))
    }

    @Test func aCodebookWithADocumentTypeChangesNothing() throws {
        let folder = try Study.folder()
        let store = try Study.project(in: folder)
        let events = try store.eventCount()
        let file = folder.appendingPathComponent("farlig.qdc")
        try ("<?xml version=\"1.0\"?><!DOCTYPE CodeBook SYSTEM \"file:///etc/passwd\">" + Self.taguetteLike.split(separator: "\n").dropFirst().joined(separator: "\n"))
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ExchangeError.forbiddenDTD(file: "farlig.qdc")) { try Exchange(store).importRefiCodebook(from: file) }
        #expect(try store.eventCount() == events)
    }
}
