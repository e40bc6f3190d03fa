import Foundation
import QualCode
import QualCodeKit
import WorkMapping
import Condensation
import Testing
@testable import Exchange

/// Our exports are valid REFI-QDA: xmllint checks them against the standard's schemas.
@Suite struct ExportTests {
    @Test func theProjectPackageValidatesAndCarriesEverything() throws {
        let folder = try Study.folder()
        let store = try Study.project(in: folder)
        let export = try Exchange(store).refiProject()
        let entries = try Study.entries(export.data)
        let qde = try #require(entries["project.qde"])
        let file = folder.appendingPathComponent("project.qde")
        try qde.write(to: file)
        let verdict = try Study.validate(file, schema: "Project-mrt2019.xsd")
        #expect(verdict == nil, "\(verdict ?? "")")

        let records = try Study.records(store)
        // One text file per transcript, UTF-8, exactly our stored text.
        for transcript in records.transcripts {
            let text = try #require(entries["sources/\(transcript.id.uuidString.lowercased()).txt"])
            #expect(String(decoding: text, as: UTF8.self) == transcript.text)
        }
        let xml = String(decoding: qde, as: UTF8.self)
        #expect(xml.contains("xmlns=\"urn:QDA-XML:project:1.0\""))
        #expect(xml.contains("<User guid=") && xml.contains("name=\"anne\"") && xml.contains("name=\"berit\""))
        #expect(xml.contains("color=\"#1F77B4\"") && xml.contains("<Description>Hvordan ledelsen beskrives.</Description>"))
        #expect(xml.contains("typeOfVariable=\"Integer\"") && xml.contains("<FloatValue>37.5</FloatValue>"))
        #expect(xml.contains("<BooleanValue>true</BooleanValue>") && xml.contains("<DateValue>2025-03-14</DateValue>"))
        // One Coding per segment, code and coder: «tillit er alt» carries anne's and berit's Tillit.
        #expect(export.summary.codings == records.codings.count)
        #expect(export.summary.codings == 6)
        #expect(export.summary.notes == 5 && export.summary.cases == 2 && export.summary.users == 2)
        // Positions are code points, end exclusive: the emoji before «det tar tid 🙂» counts one.
        let segment = try #require(records.segments.first { $0.text == "det tar tid 🙂" })
        #expect(xml.contains("startPosition=\"\(segment.start)\" endPosition=\"\(segment.end)\""))
        #expect(Array(Study.ola.unicodeScalars)[segment.start..<segment.end].map(String.init).joined() == "det tar tid 🙂")
    }

    @Test func theCodebookValidates() throws {
        let folder = try Study.folder()
        let store = try Study.project(in: folder)
        let export = try Exchange(store).refiCodebook()
        let file = folder.appendingPathComponent("kodebok.qdc")
        try export.data.write(to: file)
        let verdict = try Study.validate(file, schema: "Codebook-mrt2019.xsd")
        #expect(verdict == nil, "\(verdict ?? "")")
        let xml = String(decoding: export.data, as: UTF8.self)
        // Both «Ledelse» codes, each under its parent.
        #expect(xml.components(separatedBy: "name=\"Ledelse\"").count == 3)
        #expect(export.summary.codes == 5)
    }

    @Test func aProjectWithoutCodesHasNoCodebook() throws {
        let folder = try Study.folder()
        let store = try ProjectStore.create(at: folder.appendingPathComponent("tom.qualcode"), title: "Tom", coder: "anne",
                                            extensions: [Exchange.schema])
        #expect(throws: ExchangeError.noCodes) { try Exchange(store).refiCodebook() }
        // An empty project is still a valid package: every list the schema requires to be non-empty is left out.
        let file = folder.appendingPathComponent("project.qde")
        try #require(try Study.entries(try Exchange(store).refiProject().data)["project.qde"]).write(to: file)
        #expect(try Study.validate(file, schema: "Project-mrt2019.xsd") == nil)
    }
}

extension ExportTests {
    /// The work map goes out as a graph: a vertex per node standing for its code, an edge per link; still valid.
    @Test func theWorkMapIsAGraph() throws {
        let folder = try Study.folder()
        let store = try Study.project(in: folder)
        let map = WorkMapping(store)
        try map.setStandpoint("Metodeveiledere i kommunen")
        let henvisning = try map.addStep("Henvisning"), samtale = try map.addStep("Første samtale")
        let ringe = try map.addAction("Ringe jobbsøkeren", in: henvisning.id)
        let veileder = try map.addActor("Veileder")
        _ = try map.link(.precedes, from: .init(.step, henvisning.id), to: .init(.step, samtale.id))
        _ = try map.link(.performs, from: .init(.actor, veileder.id), to: .init(.action, ringe.id))
        let export = try Exchange(store).refiProject()
        #expect(export.summary.mapNodes == 4 && export.summary.mapLinks == 2)
        let file = folder.appendingPathComponent("project.qde")
        try #require(try Study.entries(export.data)["project.qde"]).write(to: file)
        let verdict = try Study.validate(file, schema: "Project-mrt2019.xsd")
        #expect(verdict == nil, "\(verdict ?? "")")
        let xml = try String(contentsOf: file, encoding: .utf8)
        #expect(xml.contains("<Graph ") && xml.contains("shape=\"Person\"") && xml.contains("name=\"går foran\""))
        if let code = henvisning.codeId { #expect(xml.contains("representedGUID=\"\(code.uuidString.lowercased())\"")) }
        // Imported again, the map's codes come back; the graph is reported as left out.
        let copy = folder.appendingPathComponent("kopi.qdpx")
        try export.data.write(to: copy)
        let report = try Exchange.importRefiProject(from: copy, to: folder.appendingPathComponent("kopi.qualcode"), coder: "anne",
                                                    extensions: ProjectModules.all)
        #expect(report.leftOut == ["Graph": 1])
    }
}

extension ExportTests {
    /// A subgroup's condensate and analytic text go out as notes on its code; still valid.
    @Test func condensatesAreNotesOnTheirCodes() throws {
        let folder = try Study.folder()
        let store = try Study.project(in: folder)
        let stc = Condensation(store)
        _ = try stc.addGroup("Balansekunst")
        let subgroup = try stc.addSubgroup("Balansekunst", "Sparringspartner")
        try stc.condense("Balansekunst/Sparringspartner", text: "Jeg er en sparringspartner, ikke en kontrollør.", golden: nil)
        try stc.analyse("Balansekunst/Sparringspartner", heading: "Å være sparringspartner", text: "Veilederne beskriver en balanse.")
        let export = try Exchange(store).refiProject()
        #expect(export.summary.condensationNotes == 2)
        let file = folder.appendingPathComponent("project.qde")
        try #require(try Study.entries(export.data)["project.qde"]).write(to: file)
        let verdict = try Study.validate(file, schema: "Project-mrt2019.xsd")
        #expect(verdict == nil, "\(verdict ?? "")")
        let xml = try String(contentsOf: file, encoding: .utf8)
        #expect(xml.contains("name=\"Kondensat: Å være sparringspartner\"") && xml.contains("Jeg er en sparringspartner, ikke en kontrollør."))
        // Imported again, they are memos on the subgroup's code.
        let copy = folder.appendingPathComponent("kopi.qdpx")
        try export.data.write(to: copy)
        let target = folder.appendingPathComponent("kopi.qualcode")
        _ = try Exchange.importRefiProject(from: copy, to: target, coder: "anne", extensions: ProjectModules.all)
        let memos = try Study.records(try ProjectModules.open(at: target, coder: "anne")).memos.filter { $0.targetId == subgroup.id }
        #expect(Set(memos.map(\.text)) == ["Jeg er en sparringspartner, ikke en kontrollør.", "Veilederne beskriver en balanse."])
    }
}
