import Foundation
import GRDB
import QualCode
import Testing
@testable import WorkMapping

/// Links carry evidence like nodes (their own code), texts' clauses are cited as the formal side of the
/// evidence, a text keeps a copy of itself, and merging steps carries all of it along.
@Suite struct LinkAndClauseEvidenceTests {
    let evidence = EvidenceTests()

    @Test func aLinkIsBackedByPassagesWithItsOwnCode() throws {
        let (folder, map, siv, ola) = try evidence.study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let henvisning = try map.addStep("Henvisning"), blikjent = try map.addStep("Bli kjent")
        let link = try map.link(.precedes, from: .init(.step, henvisning.id), to: .init(.step, blikjent.id))
        #expect(try map.evidence(ofLink: link.id).evidence.isEmpty)
        try map.addEvidence(to: link.id, transcript: siv, .quote("og så tar jeg en telefon", occurrence: nil))
        try map.addEvidence(to: link.id, transcript: ola, .quote("ringer jobbsøkeren samme uke", occurrence: nil))
        let backing = try map.evidence(ofLink: link.id)
        #expect(backing.name == "Henvisning går foran Bli kjent" && backing.informants == ["Ola", "Siv"] && backing.orphaned == 0)
        #expect(try map.store.codeTree().map(\.path).contains("Arbeidskart/Koplinger/Henvisning går foran Bli kjent"))
        // The steps' own evidence is not the link's.
        #expect(try map.evidence(of: .init(.step, henvisning.id)).evidence.isEmpty)
        #expect(try map.existingLink(.precedes, from: .init(.step, henvisning.id), to: .init(.step, blikjent.id))?.id == link.id)
        #expect(try map.existingLink(.precedes, from: .init(.step, blikjent.id), to: .init(.step, henvisning.id)) == nil)

        // The passage's text removed by an edit: reported, never dropped.
        _ = try map.store.replaceText(in: ola, find: "Jeg leser henvisningen og ringer jobbsøkeren samme uke.", with: "(pause)")
        let after = try map.evidence(ofLink: link.id)
        #expect(after.orphaned == 1 && after.informants == ["Siv"], "\(after)")

        // A link that is not there, a passage that is not there: refused, nothing changed.
        let events = try map.store.eventCount()
        let missing = UUID()
        #expect(throws: MapError.linkNotFound(id: missing.uuidString.lowercased())) {
            try map.addEvidence(to: missing, transcript: siv, .lines(2...2))
        }
        #expect(throws: StoreError.self) { try map.addEvidence(to: link.id, transcript: siv, .quote("står ikke her", occurrence: nil)) }
        #expect(try map.store.eventCount() == events)
    }

    @Test func clausesAreCitedForNodesLinksAndDisjunctures() throws {
        let (folder, map, _, _) = try evidence.study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let jobbsok = try map.addStep("Jobbsøk"), oppfolging = try map.addStep("Oppfølging")
        let veileder = try map.addText("Kvalitetsveileder", kind: .qualityTool, scope: .process)
        let ute = try map.addClause(to: veileder.id, label: "Tid ute", metric: "andel av arbeidstiden ute", value: 65, unit: "%")
        let frist = try map.addClause(to: veileder.id, label: "Frist: første kontakt", value: 2.5, unit: "uker")
        try map.cite(ute.id, for: .init(.step, jobbsok.id))
        try map.cite(ute.id, for: .init(.step, jobbsok.id))   // again: no-op
        #expect(try map.evidence(of: .init(.step, jobbsok.id)).clauses.map(\.label) == ["Kvalitetsveileder: Tid ute (65 %)"])
        let link = try map.link(.precedes, from: .init(.step, jobbsok.id), to: .init(.step, oppfolging.id))
        try map.cite(frist.id, forLink: link.id)
        #expect(try map.evidence(ofLink: link.id).clauses.map(\.label) == ["Kvalitetsveileder: Frist: første kontakt (2,5 uker)"])
        let brudd = try map.addDisjuncture("Tid ute og skrivebordet", kind: .textPractice, step: jobbsok.id)
        try map.cite(ute.id, for: .init(.disjuncture, brudd.id))
        #expect(try map.evidence(of: .init(.disjuncture, brudd.id)).clauses.map(\.clause.id) == [ute.id])

        // `Text:Label` as the command line names a clause; a label may hold a colon.
        #expect(try map.resolveClause("Kvalitetsveileder:Tid ute") == ute.id)
        #expect(try map.resolveClause("kvalitetsveileder: TID UTE") == ute.id)
        #expect(try map.resolveClause("Kvalitetsveileder:Frist: første kontakt") == frist.id)
        #expect(throws: MapError.self) { try map.resolveClause("Kvalitetsveilder:Tid ute") }
        #expect(throws: StoreError.self) { try map.resolveClause("Kvalitetsveileder") }
        #expect(throws: StoreError.self) { try map.resolveClause("Kvalitetsveileder:") }
        #expect(throws: StoreError.self) { try map.resolveClause("Kvalitetsveileder:Tid inne") }

        let events = try map.store.eventCount()
        #expect(throws: StoreError.self) { try map.cite(UUID(), for: .init(.step, jobbsok.id)) }
        #expect(throws: MapError.self) { try map.cite(ute.id, for: .init(.action, UUID())) }
        #expect(throws: MapError.self) { try map.cite(ute.id, forLink: UUID()) }
        #expect(try map.store.eventCount() == events)
    }

    @Test func aTextKeepsACopyOfItself() throws {
        let (folder, map, _, _) = try evidence.study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("samtykke.pdf")
        try Data("%PDF-1.4 syntetisk samtykkeskjema".utf8).write(to: pdf)
        let text = try map.addText("Samtykkeerklæring", kind: .form, scope: .process, provenance: "tilsendt fra kontoret", file: pdf)
        #expect(text.fileName == "samtykke.pdf" && text.provenance == "tilsendt fra kontoret")
        #expect(try map.textFile(text.id)?.data == Data("%PDF-1.4 syntetisk samtykkeskjema".utf8))
        // The listing does not carry the bytes.
        #expect(try map.texts().map(\.fileName) == ["samtykke.pdf"])

        let events = try map.store.eventCount()
        let empty = folder.appendingPathComponent("tom.pdf")
        try Data().write(to: empty)
        #expect(throws: ImportError.self) { try map.addText("Tom", kind: .form, scope: .process, file: empty) }
        #expect(throws: ImportError.self) { try map.addText("Borte", kind: .form, scope: .process, file: folder.appendingPathComponent("borte.pdf")) }
        #expect(throws: ImportError.self) { try map.attachFile(to: text.id, from: folder) }
        let huge = folder.appendingPathComponent("stor.pdf")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(WorkMapping.maximumTextFileBytes + 1))
        try handle.close()
        #expect(throws: ImportError.self) { try map.attachFile(to: text.id, from: huge) }
        #expect(throws: MapError.self) { try map.attachFile(to: UUID(), from: pdf) }
        #expect(try map.store.eventCount() == events && map.texts().map(\.name) == ["Samtykkeerklæring"])
        #expect(try map.textFile(text.id)?.name == "samtykke.pdf")
    }

    @Test func mergingStepsCarriesLinkEvidenceAndCitations() throws {
        let (folder, map, siv, ola) = try evidence.study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try map.addStep("Henvisning"), b = try map.addStep("Første møte"), c = try map.addStep("Bli kjent")
        let skjema = try map.addText("Skjema", kind: .form, scope: .process)
        let frist = try map.addClause(to: skjema.id, label: "Frist", value: 14, unit: "dager")
        let ab = try map.link(.precedes, from: .init(.step, a.id), to: .init(.step, b.id))
        let ac = try map.link(.precedes, from: .init(.step, a.id), to: .init(.step, c.id))
        try map.addEvidence(to: ab.id, transcript: siv, .quote("og så tar jeg en telefon", occurrence: nil))
        try map.addEvidence(to: ac.id, transcript: ola, .quote("ringer jobbsøkeren", occurrence: nil))
        try map.cite(frist.id, forLink: ab.id)
        try map.cite(frist.id, for: .init(.step, c.id))
        // «Første møte» and «Bli kjent» are one step: the two links become one, with both passages.
        _ = try map.mergeSteps([b.id, c.id])
        let links = try map.links()
        #expect(links.count == 1)
        let backing = try map.evidence(ofLink: links[0].id)
        #expect(backing.informants == ["Ola", "Siv"] && backing.clauses.map(\.clause.id) == [frist.id])
        #expect(try map.evidence(of: .init(.step, b.id)).clauses.map(\.clause.id) == [frist.id])
    }

    /// Review findings: every node and link keeps a code of its own; an action name two steps share is
    /// refused until the step is named; a passage two coders coded is one passage; a merge into a step
    /// whose code was deleted keeps the evidence; a clause label may hold what looks like a text's name.
    @Test func codesNamesAndCountsStayTheirOwn() throws {
        let (folder, map, siv, _) = try evidence.study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let henvisning = try map.addStep("Henvisning")
        let handling = try map.addAction("Henvisning", in: henvisning.id)
        let mal = try map.addText("Mal", kind: .form, scope: .process)
        let fromStep = try map.link(.uses, from: .init(.step, henvisning.id), to: .init(.text, mal.id))
        let fromAction = try map.link(.uses, from: .init(.action, handling.id), to: .init(.text, mal.id))
        try map.addEvidence(to: fromStep.id, transcript: siv, .quote("Vi får en henvisning", occurrence: nil))
        try map.addEvidence(to: fromAction.id, transcript: siv, .quote("tar jeg en telefon", occurrence: nil))
        #expect(try map.evidence(ofLink: fromStep.id).evidence.count == 1 && map.evidence(ofLink: fromAction.id).evidence.count == 1)
        #expect(try map.store.codeTree().map(\.path).contains("Arbeidskart/Koplinger/Henvisning bruker Mal (2)"))

        // A code renamed in the code tree to a new step's name is not taken over by the new step.
        let gammel = try map.addStep("Gammel")
        try map.addEvidence(to: .init(.step, gammel.id), transcript: siv, .quote("kartleggingsmalen", occurrence: nil))
        _ = try map.store.updateCode("Arbeidskart/Steg/Gammel", name: "Ny")
        let ny = try map.addStep("Ny")
        #expect(try map.evidence(of: .init(.step, ny.id)).evidence.isEmpty && map.evidence(of: .init(.step, gammel.id)).evidence.count == 1)

        // «Møte» in two steps: ambiguous by name, one by «Step/Action».
        let blikjent = try map.addStep("Bli kjent")
        let first = try map.addAction("Møte", in: henvisning.id), second = try map.addAction("Møte", in: blikjent.id)
        #expect(throws: MapError.ambiguous(kind: .action, name: "møte", choices: ["Henvisning/Møte", "Bli kjent/Møte"])) {
            try map.resolve("møte", as: .action)
        }
        #expect(try map.resolve("Bli kjent/møte", as: .action) == second.id && map.resolve("Henvisning/Møte", as: .action) == first.id)
        #expect(throws: MapError.self) { try map.resolve("Avslutning/Møte", as: .action) }

        // Two coders, one passage.
        let other = WorkMapping(try ProjectStore.open(at: map.store.url, coder: "ola-koder", extensions: [WorkMapping.schema]))
        try other.addEvidence(to: .init(.step, henvisning.id), transcript: siv, .quote("Vi får en henvisning", occurrence: nil))
        try map.addEvidence(to: .init(.step, henvisning.id), transcript: siv, .quote("Vi får en henvisning", occurrence: nil))
        #expect(try map.evidence(of: .init(.step, henvisning.id)).evidence.count == 1)

        // Merging into a step whose code was deleted keeps the merged step's passages as evidence.
        _ = try map.store.deleteCode(try map.store.resolve.code("Arbeidskart/Steg/Bli kjent"), force: true)
        _ = try map.mergeSteps([blikjent.id, gammel.id])
        #expect(try map.evidence(of: .init(.step, blikjent.id)).evidence.count == 1)

        // A text «NAV:loven» beside a text «NAV» whose clause is «loven:§ 2».
        _ = try map.addText("NAV:loven", kind: .law, scope: .process)
        let nav = try map.addText("NAV", kind: .law, scope: .process)
        let clause = try map.addClause(to: nav.id, label: "loven:§ 2")
        #expect(try map.resolveClause("NAV:loven:§ 2") == clause.id)

        // A term with no word in it would find nothing: refused.
        #expect(throws: StoreError.self) { try map.addTerm("«»") }
        #expect(throws: StoreError.self) { try map.addTerm("👍") }
    }
}
