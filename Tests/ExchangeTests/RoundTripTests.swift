import Foundation
import QualCode
import QualCodeKit
import Testing
@testable import Exchange

/// Our export imported again is the same project: the same records with the same ids, texts, values,
/// coders and times; and GUIDs another tool wrote come back out as they came in.
@Suite struct RoundTripTests {
    @Test func anExportImportedAgainIsTheSameProject() throws {
        let folder = try Study.folder()
        let store = try Study.project(in: folder)
        let package = folder.appendingPathComponent("studie.qdpx")
        try Exchange(store).refiProject().data.write(to: package)
        let copy = folder.appendingPathComponent("kopi.qualcode")
        let report = try Exchange.importRefiProject(from: package, to: copy, coder: "carl", extensions: ProjectModules.all)
        #expect(report.unplaced == 0 && report.codingsWithoutCode == 0 && report.renamed.isEmpty)
        #expect(report.sources.allSatisfy { $0.convention == .codePoints && $0.reanchored == 0 })
        #expect(report.coders == ["anne", "berit"])

        let a = try Study.records(store), b = try Study.records(try ProjectModules.open(at: copy, coder: "carl"))
        #expect(b.info?.title == a.info?.title && b.info?.researchQuestion == a.info?.researchQuestion)
        #expect(Set(a.transcripts.map { [$0.id.uuidString, $0.title, $0.text, "\(Study.ms($0.createdAt))"] })
                == Set(b.transcripts.map { [$0.id.uuidString, $0.title, $0.text, "\(Study.ms($0.createdAt))"] }))
        func codes(_ r: ExchangeRecords) -> Set<[String?]> {
            Set(r.codes.map { [$0.id.uuidString, $0.name, $0.parentId?.uuidString, $0.color, $0.definition] })
        }
        #expect(codes(a) == codes(b))
        func segments(_ r: ExchangeRecords) -> Set<[String]> {
            Set(r.segments.map { [$0.id.uuidString, $0.transcriptId.uuidString, "\($0.start)", "\($0.end)", $0.text, $0.createdBy, "\(Study.ms($0.createdAt))"] })
        }
        #expect(segments(a) == segments(b))
        func codings(_ r: ExchangeRecords) -> Set<[String]> {
            Set(r.codings.map { [$0.id.uuidString, $0.segmentId.uuidString, $0.codeId.uuidString, $0.coder, "\(Study.ms($0.createdAt))"] })
        }
        #expect(codings(a) == codings(b))
        func memos(_ r: ExchangeRecords) -> Set<[String?]> {
            Set(r.memos.map { [$0.id.uuidString, $0.targetKind.rawValue, $0.targetId?.uuidString, $0.text, $0.author, "\(Study.ms($0.createdAt))"] })
        }
        #expect(memos(a) == memos(b))
        #expect(Set(a.participants.map { [$0.id.uuidString, $0.pseudonym, $0.label] }) == Set(b.participants.map { [$0.id.uuidString, $0.pseudonym, $0.label] }))
        #expect(Set(a.attributes) == Set(b.attributes))
        #expect(Set(a.values) == Set(b.values))
        #expect(Set(a.links) == Set(b.links))
        // The copy is an ordinary project: its coding counts and speaker turns were worked out as an import's are.
        let turns = try ProjectModules.open(at: copy, coder: "carl").transcripts().map(\.turns)
        #expect(turns.allSatisfy { $0 > 0 })
    }

    /// GUIDs in upper case, in braces or not GUIDs at all are kept and written back as they came.
    @Test func foreignGUIDsComeBackOutAsTheyCameIn() throws {
        let folder = try Study.folder()
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="Fremmed" origin="MAXQDA 24">
              <Users><User guid="{0A1B2C3D-4E5F-4A6B-8C7D-8E9FA0B1C2D3}" name="Kari"/></Users>
              <CodeBook><Codes>
                <Code guid="c001" name="Tillit" isCodable="true"><Code guid="8F2A1B9C-0D1E-4F2A-9B3C-4D5E6F7A8B9C" name="Til systemet" isCodable="true"/></Code>
              </Codes></CodeBook>
              <Sources>
                <TextSource guid="s001" name="Intervju Kari">
                  <PlainTextContent>Kari: Jeg stoler på systemet, eh, nesten alltid.</PlainTextContent>
                  <PlainTextSelection guid="sel-1" startPosition="6" endPosition="28" creatingUser="{0A1B2C3D-4E5F-4A6B-8C7D-8E9FA0B1C2D3}"
                      creationDateTime="2024-05-02T10:15:30Z">
                    <Coding guid="kod-1" creatingUser="{0A1B2C3D-4E5F-4A6B-8C7D-8E9FA0B1C2D3}" creationDateTime="2024-05-02T10:15:31Z">
                      <CodeRef targetGUID="8f2a1b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c"/></Coding>
                    <NoteRef targetGUID="NOTAT-1"/>
                  </PlainTextSelection>
                </TextSource>
              </Sources>
              <Notes><Note guid="NOTAT-1" creatingUser="{0A1B2C3D-4E5F-4A6B-8C7D-8E9FA0B1C2D3}" creationDateTime="2024-05-03T08:00:00Z">
                <PlainTextContent>Nesten – men bare nesten.</PlainTextContent></Note></Notes>
              <Sets/>
            </Project>
            """
        let source = folder.appendingPathComponent("fremmed.qde")
        try qde.write(to: source, atomically: true, encoding: .utf8)
        let copy = folder.appendingPathComponent("fremmed.qualcode")
        let report = try Exchange.importRefiProject(from: source, to: copy, coder: "carl", extensions: ProjectModules.all)
        #expect(report.segments == 1 && report.codings == 1 && report.memos == 1 && report.coders == ["Kari"])
        let store = try ProjectModules.open(at: copy, coder: "carl")
        let records = try Study.records(store)
        #expect(records.segments.first?.text == "Jeg stoler på systemet")
        #expect(records.memos.first?.targetKind == .segment && records.memos.first?.author == "Kari")
        #expect(records.codings.first.map { Study.ms($0.createdAt) } == Study.ms(try Date("2024-05-02T10:15:31Z", strategy: .iso8601)))

        let xml = String(decoding: try #require(try Study.entries(try Exchange(store).refiProject().data)["project.qde"]), as: UTF8.self)
        for guid in ["{0A1B2C3D-4E5F-4A6B-8C7D-8E9FA0B1C2D3}", "c001", "8F2A1B9C-0D1E-4F2A-9B3C-4D5E6F7A8B9C", "s001", "sel-1", "kod-1", "NOTAT-1"] {
            #expect(xml.contains("\"\(guid)\""), "\(guid) is not in the export")
        }
        #expect(xml.contains("creationDateTime=\"2024-05-02T10:15:31.000Z\""))
    }
}

extension RoundTripTests {
    /// MAXQDA keeps a document's variables in a case without a name: the participant is named after the document.
    @Test func aNamelessCaseIsNamedAfterItsOneSource() throws {
        let folder = try Study.folder()
        let qde = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="Variabler" origin="MAXQDA 24">
              <Variables><Variable guid="11111111-2222-4333-8444-555555555555" name="Alder" typeOfVariable="Integer"/></Variables>
              <Cases><Case guid="21111111-2222-4333-8444-555555555555">
                <VariableValue><VariableRef targetGUID="11111111-2222-4333-8444-555555555555"/><IntegerValue>52</IntegerValue></VariableValue>
                <SourceRef targetGUID="31111111-2222-4333-8444-555555555555"/></Case></Cases>
              <Sources><TextSource guid="31111111-2222-4333-8444-555555555555" name="Intervju Hanne">
                <PlainTextContent>Hanne: Eh, jeg har jobbet her i tjue år.</PlainTextContent></TextSource></Sources>
            </Project>
            """
        let file = folder.appendingPathComponent("variabler.qde")
        try qde.write(to: file, atomically: true, encoding: .utf8)
        let target = folder.appendingPathComponent("ny.qualcode")
        _ = try Exchange.importRefiProject(from: file, to: target, coder: "anne", extensions: ProjectModules.all)
        let records = try Study.records(try ProjectModules.open(at: target, coder: "anne"))
        #expect(records.participants.map(\.pseudonym) == ["Intervju Hanne"])
        #expect(records.values.map(\.value) == ["52"] && records.links.count == 1)
    }
}
