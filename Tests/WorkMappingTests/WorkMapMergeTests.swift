import Foundation
import GRDB
import QualCode
import Testing
@testable import WorkMapping

/// A copy's work map comes along when it is merged: nodes matched by name, new ones with their codes,
/// links between the nodes as they are here, the evidence as codings; and only once.
@Suite struct WorkMapMergeTests {
    static let interview = """
        Intervjuer: Hva skjer når du får en henvisning?
        Kari: Jeg ringer deltakeren, eh, og vi tar en prat. Så fyller jeg ut kartleggingsmalen (latter).
        """

    @Test func aCopysWorkMapComesInOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("map-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ours = try ProjectStore.create(at: folder.appendingPathComponent("kart.qualcode"), title: "Jobbspesialister", coder: "kari",
                                           extensions: [WorkMapping.schema])
        _ = try ours.addParticipant(pseudonym: "Kari")
        let file = folder.appendingPathComponent("kari.txt")
        try Data(Self.interview.utf8).write(to: file)
        var options = ImportOptions()
        options.participants = ["Kari"]
        let transcript = try ours.importTranscripts([file], options: options)[0].id
        let map = WorkMapping(ours)
        try map.setStandpoint("Jobbspesialister i NAV")
        _ = try map.addStep("Henvisning")
        try ours.checkpoint()
        let copyURL = folder.appendingPathComponent("ola.qualcode")
        try FileManager.default.copyItem(at: ours.url, to: copyURL)

        // Ola maps in his copy; Kari adds a step of the same name in hers meanwhile.
        let theirs = WorkMapping(try ProjectStore.open(at: copyURL, coder: "ola", extensions: [WorkMapping.schema]))
        let henvisning = try #require(try theirs.steps().first)
        let kartlegge = try theirs.addStep("Kartlegge jobbsøker", after: henvisning.id, description: "Første samtaler.")
        let samtale = try theirs.addAction("Informasjonssamtale", in: kartlegge.id)
        let spesialist = try theirs.addActor("Jobbspesialist", role: "veileder")
        let mal = try theirs.addText("Kartleggingsmal", kind: .form, scope: .step, step: kartlegge.id, issuer: "NAV")
        let klausul = try theirs.addClause(to: mal.id, label: "Kartlegging innen to uker")
        _ = try theirs.addDisjuncture("Malen og praten", kind: .textPractice, step: kartlegge.id, clauses: [klausul.id])
        _ = try theirs.addTerm("kartlegging", definition: "Å bli kjent med jobbsøkeren.")
        _ = try theirs.link(.performs, from: .init(.actor, spesialist.id), to: .init(.action, samtale.id))
        _ = try theirs.link(.precedes, from: .init(.step, henvisning.id), to: .init(.step, kartlegge.id))
        _ = try theirs.addEvidence(to: .init(.action, samtale.id), transcript: transcript, .quote("vi tar en prat", occurrence: nil))
        _ = try map.addStep("Kartlegge jobbsøker")

        let report = try ours.merge(from: copyURL)

        #expect(report.count(.mapStep) == MergeCount(kind: .mapStep, new: 0, matched: 2, filled: 1))
        #expect(report.count(.mapAction).new == 1)
        #expect(report.count(.mapActor).new == 1)
        #expect(report.count(.mapText).new == 1)
        #expect(report.count(.mapClause).new == 1)
        #expect(report.count(.mapDisjuncture).new == 1)
        #expect(report.count(.mapTerm).new == 1)
        #expect(report.count(.mapLink).new == 2)
        #expect(report.count(.mapClauseUse).new == 1)
        #expect(report.count(.mapSetting).matched == 1)
        #expect(report.count(.coding).new == 1)
        // Kari's step of the same name is the one Ola's action and link now hang on (her step has no
        // description, so his is no conflict: it fills the gap).
        #expect(report.conflicts.isEmpty)
        #expect(try map.steps().map(\.name) == ["Henvisning", "Kartlegge jobbsøker"])
        let ourStep = try #require(try map.steps().last)
        #expect(ourStep.description == "Første samtaler.")
        let action = try #require(try ours.pool.read { db in try MapAction.fetchOne(db, sql: "SELECT * FROM mapAction") })
        #expect(action.stepId == ourStep.id)
        let links = try map.links()
        #expect(links.count == 2)
        #expect(links.contains { $0.kind == .precedes && $0.toId == ourStep.id })
        #expect(try map.disjunctures().map(\.name) == ["Malen og praten"])
        #expect(try map.terms().map(\.term) == ["kartlegging"])
        // The action's evidence, through its code here.
        let evidence = try map.evidence(of: .init(.action, action.id))
        #expect(evidence.evidence.count == 1)
        #expect(evidence.informants == ["Kari"])

        let events = try ours.eventCount()
        let again = try ours.merge(from: copyURL)
        #expect(!again.broughtInAnything)
        #expect(try ours.eventCount() == events)
        #expect(try ours.integrityCheck() == "ok")
    }
}
