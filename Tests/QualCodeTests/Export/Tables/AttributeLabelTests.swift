import Foundation
@testable import QualCode
import Testing

/// Attributes keep a short name for templates and options (`rolle`) and may have a display name for
/// tables («Rolle i tjenesten»), set by `setAttributeLabel` or by the participant sheet's header.
@Suite struct AttributeLabelTests {
    @Test func tablesUseTheDisplayNameAndCSVTheName() throws {
        let folder = try TemporaryFolder()
        let store = try TableFixture.project(folder)
        let attribute = try store.setAttributeLabel("ROLLE", to: "  Rolle i tjenesten ")
        #expect(attribute.name == "rolle" && attribute.label == "Rolle i tjenesten")
        try store.setAttributeLabel("tjeneste", to: "NAV-tjeneste")
        #expect(try store.attributes().map(\.displayName) == ["ansiennitet", "Rolle i tjenesten", "NAV-tjeneste"])

        let overview = TableFixture.plain(try store.participantOverview(ParticipantOverviewOptions(attributes: ["rolle", "tjeneste"])))
        #expect(overview.header == ["Pseudonym", "Etikett", "Rolle i tjenesten", "NAV-tjeneste", "Transkripsjoner", "Segmenter"])
        let byName = TableFixture.plain(try store.participantOverview(ParticipantOverviewOptions(
            attributes: ["rolle"], presentation: TablePresentation(attributeHeaders: .name))))
        #expect(byName.header[2] == "rolle")
        let codings = TableFixture.plain(try store.codingsTable(CodingsOptions(attributes: ["rolle"])))
        #expect(codings.header.contains("Rolle i tjenesten"))

        // Inside a caption the display name reads as part of the sentence; «NAV-tjeneste» keeps its capitals.
        let matrix = try store.codeMatrixTable(CodeMatrixOptions(columns: .attribute("rolle")))
        #expect(Inline.plainText(matrix.caption) == "Koder etter rolle i tjenesten, antall informanter")
        let service = try store.codeMatrixTable(CodeMatrixOptions(columns: .attribute("tjeneste")))
        #expect(Inline.plainText(service.caption) == "Koder etter NAV-tjeneste, antall informanter")
        #expect(Inline.plainText(service.notes[0]).contains("verdi for «NAV-tjeneste»"))

        // Templates still use the name; clearing the label goes back to it.
        try store.setAttributeLabel("rolle", to: "")
        #expect(try store.attributes().first { $0.name == "rolle" }?.label == nil)
        #expect(throws: StoreError.self) { try store.setAttributeLabel("yrke", to: "Yrke") }
        // Every change is in the event log.
        let actions = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT action FROM event WHERE action = 'attribute.label'") }
        #expect(actions.count == 3)
    }

    @Test func anAttributeNamedInAnotherCaseIsTheSameAttribute() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        try store.defineAttribute("Rolle", type: .text)
        try store.addParticipant(pseudonym: "Eva", attributes: [("rolle", "leder")])
        try store.addParticipant(pseudonym: "Siri", attributes: [("ROLLE", "veileder")])
        let sheet = try folder.write("deltakere.csv", "pseudonym,rolle=Rolle i tjenesten\nTore,jobbspesialist\n")
        let report = try store.importParticipants(csv: sheet)
        #expect(report.attributes == ["Rolle": .text] && report.labels == ["Rolle": "Rolle i tjenesten"])
        #expect(try store.attributes().map(\.name) == ["Rolle"])
        #expect(try store.participants().map { $0.attributes } == [["Rolle": "leder"], ["Rolle": "veileder"], ["Rolle": "jobbspesialist"]])
    }

    @Test func theParticipantSheetGivesDisplayNamesAfterAnEqualsSign() throws {
        let folder = try TemporaryFolder()
        let store = try folder.project()
        let sheet = try folder.write("deltakere.csv", """
            pseudonym;rolle=Rolle i tjenesten;ansiennitet = Antall år i NAV;fylke
            Solveig;jobbspesialist;4;Vestland
            Amira;metodeveileder;11;Nordland
            """)
        let report = try store.importParticipants(csv: sheet)
        #expect(report.labels == ["rolle": "Rolle i tjenesten", "ansiennitet": "Antall år i NAV"])
        #expect(report.attributes == ["rolle": .text, "ansiennitet": .integer, "fylke": .text])
        let attributes = try store.attributes()
        #expect(attributes.map(\.name) == ["ansiennitet", "fylke", "rolle"])
        #expect(attributes.map(\.displayName) == ["Antall år i NAV", "fylke", "Rolle i tjenesten"])
        // The label template names the attribute, not its display name.
        #expect(try store.participants().first { $0.pseudonym == "Amira" }?.attributes["rolle"] == "metodeveileder")

        // A second sheet without labels leaves them; two columns naming one attribute are refused.
        _ = try store.importParticipants(csv: try folder.write("igjen.csv", "pseudonym,rolle\nSolveig,jobbspesialist\n"))
        #expect(try store.attributes().first { $0.name == "rolle" }?.label == "Rolle i tjenesten")
        #expect(throws: ImportError.self) {
            try store.importParticipants(csv: try folder.write("dobbel.csv", "pseudonym,rolle=Rolle,rolle=Annen\nSolveig,a,b\n"))
        }
    }
}
