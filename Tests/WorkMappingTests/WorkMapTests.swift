import Foundation
import GRDB
import QualCode
import Testing
@testable import WorkMapping

/// The work map's nodes and links on a real project file: what a study of job specialists adds, and the
/// bad input the issue names (a step linked to itself, a circle in the order, ends of the wrong kind) —
/// refused with a clear message, nothing changed.
@Suite struct WorkMapTests {
    func project() throws -> (URL, WorkMapping) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try ProjectStore.create(at: folder.appendingPathComponent("kart.qualcode"), title: "Jobbspesialister", coder: "kari",
                                            extensions: [WorkMapping.schema])
        return (folder, WorkMapping(store))
    }

    /// What the log and the map hold: compared before and after a refused change.
    func snapshot(_ map: WorkMapping) throws -> [String] {
        try map.store.pool.read { db in
            try ["mapStep", "mapAction", "mapActor", "mapText", "mapLink", "mapSetting"].map { table in
                "\(table): \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0)"
            } + ["events: \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0)"]
        }
    }

    @Test func aStudyAddsItsStepsActionsTextsAndLinks() throws {
        let (folder, map) = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        try map.setStandpoint("Jobbspesialister i NAV")
        let henvisning = try map.addStep("Henvisning")
        let kartlegge = try map.addStep("Kartlegge jobbsøker")
        let bliKjent = try map.addStep("Bli kjent, bygge tillit", after: henvisning.id)
        #expect(try map.steps().map(\.name) == ["Henvisning", "Bli kjent, bygge tillit", "Kartlegge jobbsøker"])
        try map.moveStep(kartlegge.id, to: 1)
        #expect(try map.steps().map(\.name) == ["Kartlegge jobbsøker", "Henvisning", "Bli kjent, bygge tillit"])

        let samtale = try map.addAction("Informasjonssamtale", in: bliKjent.id)
        let spesialist = try map.addActor("Jobbspesialist")
        let mal = try map.addText("Kartleggingsmal", kind: .form, scope: .step, step: kartlegge.id, issuer: "NAV")
        let veileder = try map.addText("Kvalitetsveileder", kind: .qualityTool, scope: .process, version: "2019")
        try map.link(.performs, from: .init(.actor, spesialist.id), to: .init(.action, samtale.id))
        try map.link(.uses, from: .init(.step, kartlegge.id), to: .init(.text, mal.id))
        try map.link(.regulates, from: .init(.text, veileder.id), to: .init(.text, mal.id))
        try map.link(.precedes, from: .init(.step, henvisning.id), to: .init(.step, bliKjent.id))
        // The same link again is the one there is.
        let again = try map.link(.precedes, from: .init(.step, henvisning.id), to: .init(.step, bliKjent.id))
        #expect(try map.links().count == 4 && map.links().contains(again))
        #expect(try map.standpoint() == "Jobbspesialister i NAV")
        #expect(try map.resolve("kartleggingsmal", as: .text) == mal.id)
        // Reopened from the file.
        let reopened = WorkMapping(try ProjectStore.open(at: folder.appendingPathComponent("kart.qualcode"), coder: "kari",
                                                         extensions: [WorkMapping.schema]))
        #expect(try reopened.steps().map(\.name) == ["Kartlegge jobbsøker", "Henvisning", "Bli kjent, bygge tillit"])
    }

    @Test func badLinksAndNamesAreRefusedAndChangeNothing() throws {
        let (folder, map) = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try map.addStep("Henvisning"), b = try map.addStep("Bli kjent"), c = try map.addStep("Kartlegge")
        let form = try map.addText("Samtykkeerklæring", kind: .form, scope: .step, step: b.id)
        try map.link(.precedes, from: .init(.step, a.id), to: .init(.step, b.id))
        try map.link(.precedes, from: .init(.step, b.id), to: .init(.step, c.id))
        _ = try map.addAction("Øve på intervju", in: b.id)
        let before = try snapshot(map)
        #expect(throws: MapError.selfLink(kind: .precedes, name: "Bli kjent")) {
            try map.link(.precedes, from: .init(.step, b.id), to: .init(.step, b.id))
        }
        let circle = #expect(throws: MapError.self) { try map.link(.precedes, from: .init(.step, c.id), to: .init(.step, a.id)) }
        #expect(circle == .cycle(kind: .precedes, path: ["Kartlegge", "Henvisning", "Bli kjent", "Kartlegge"]))
        #expect(circle?.description.contains("Kartlegge → Henvisning → Bli kjent → Kartlegge") == true)
        #expect(throws: MapError.wrongEnds(kind: .precedes, from: .text, to: .step)) {
            try map.link(.precedes, from: .init(.text, form.id), to: .init(.step, a.id))
        }
        #expect(throws: MapError.self) { try map.link(.uses, from: .init(.step, a.id), to: .init(.text, UUID())) }
        #expect(throws: MapError.duplicate(kind: .step, name: "henvisning")) { try map.addStep("henvisning") }
        // Case beyond A–Z too: «Ø» and «ø» (SQLite's NOCASE alone would let it through).
        #expect(throws: MapError.duplicate(kind: .action, name: "øve på intervju")) { try map.addAction("øve på intervju", in: b.id) }
        #expect(throws: MapError.duplicate(kind: .text, name: "SAMTYKKEERKLÆRING")) {
            try map.addText("SAMTYKKEERKLÆRING", kind: .form, scope: .process)
        }
        #expect(throws: MapError.scopeWithoutStep(text: "Jobbsøkeplan")) { try map.addText("Jobbsøkeplan", kind: .plan, scope: .step) }
        #expect(throws: StoreError.self) { try map.addActor("Jobb\u{202E}spesialist") }
        #expect(throws: StoreError.self) { try map.moveStep(a.id, to: 9) }
        let typo = #expect(throws: MapError.self) { try map.resolve("Kartlege", as: .step) }
        #expect(typo?.description.contains("did you mean \"Kartlegge\"") == true, "\(String(describing: typo))")
        #expect(try snapshot(map) == before)
    }
}
