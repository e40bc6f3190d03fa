import Foundation
import GRDB
import QualCode
import Testing
@testable import WorkMapping

/// Evidence is ordinary coding with the node's code: it counts informants, re-anchors when a transcript
/// is edited, and a passage whose text was removed is reported, never dropped.
@Suite struct EvidenceTests {
    static let siv = """
        Intervjuer: Hvordan begynner det?
        Siv: Vi får en henvisning fra veilederen, og så tar jeg en telefon for å høre om motivasjonen.
        Intervjuer: Og så?
        Siv: Så bruker jeg kartleggingsmalen, men jeg hopper over noen spørsmål for flytens skyld.
        """
    static let ola = """
        Intervjuer: Hva gjør du først?
        Ola: Jeg leser henvisningen og ringer jobbsøkeren samme uke.
        """

    func study() throws -> (URL, WorkMapping, Transcript.ID, Transcript.ID) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try ProjectStore.create(at: folder.appendingPathComponent("kart.qualcode"), title: "Jobbspesialister", coder: "kari",
                                            extensions: [WorkMapping.schema])
        var ids: [Transcript.ID] = []
        for (name, text) in [("Siv", Self.siv), ("Ola", Self.ola)] {
            try store.addParticipant(pseudonym: name)
            let file = folder.appendingPathComponent("intervju-\(name.lowercased()).txt")
            try text.write(to: file, atomically: true, encoding: .utf8)
            var options = ImportOptions()
            options.participants = [name]
            try store.importTranscripts([file], options: options)
            ids.append(try store.resolve.transcript("intervju-\(name.lowercased())"))
        }
        return (folder, WorkMapping(store), ids[0], ids[1])
    }

    @Test func evidenceCountsInformantsAndReportsRemovedText() throws {
        let (folder, map, siv, ola) = try study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let step = try map.addStep("Henvisning")
        let node = WorkMapping.NodeReference(.step, step.id)
        try map.addEvidence(to: node, transcript: siv, .quote("Vi får en henvisning fra veilederen", occurrence: nil))
        try map.addEvidence(to: node, transcript: ola, .quote("Jeg leser henvisningen", occurrence: nil))
        var backing = try map.evidence(of: node)
        #expect(backing.evidence.count == 2 && backing.informants == ["Ola", "Siv"] && backing.orphaned == 0)
        // The evidence is a coding with the node's code, in the code tree under «Arbeidskart».
        #expect(try map.store.codeTree().map(\.path).contains("Arbeidskart/Steg/Henvisning"))

        // An edit that removes the passage: the evidence stays, reported as orphaned, and no longer counts.
        _ = try map.store.replaceText(in: ola, find: "Jeg leser henvisningen og ringer jobbsøkeren samme uke.", with: "Det husker jeg ikke.")
        backing = try map.evidence(of: node)
        #expect(backing.evidence.count == 2 && backing.orphaned == 1 && backing.informants == ["Siv"])
    }

    @Test func evidenceThatIsNotThereChangesNothing() throws {
        let (folder, map, siv, _) = try study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let step = try map.addStep("Kartlegge jobbsøker")
        let node = WorkMapping.NodeReference(.step, step.id)
        let events = try map.store.eventCount()
        #expect(throws: StoreError.self) { try map.addEvidence(to: node, transcript: siv, .quote("står ikke i teksten", occurrence: nil)) }
        #expect(throws: StoreError.self) { try map.addEvidence(to: node, transcript: siv, .offsets(start: 10_000, end: 10_010)) }
        #expect(throws: StoreError.self) { try map.addEvidence(to: node, transcript: UUID(), .lines(1...1)) }
        #expect(throws: MapError.self) { try map.addEvidence(to: .init(.text, UUID()), transcript: siv, .lines(2...2)) }
        #expect(try map.store.eventCount() == events && map.evidence(of: node).evidence.isEmpty)
    }

    @Test func aNodeWhoseCodeWasDeletedGetsItBackWithNewEvidence() throws {
        let (folder, map, siv, _) = try study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let action = try map.addAction("Ringe jobbsøkeren", in: try map.addStep("Informasjonssamtale").id)
        let node = WorkMapping.NodeReference(.action, action.id)
        #expect(try map.store.codeTree().map(\.path).contains("Arbeidskart/Steg/Informasjonssamtale/Ringe jobbsøkeren"))
        _ = try map.store.deleteCode(try map.store.resolve.code("Arbeidskart/Steg/Informasjonssamtale/Ringe jobbsøkeren"), force: true)
        #expect(try map.evidence(of: node).evidence.isEmpty)
        try map.addEvidence(to: node, transcript: siv, .quote("tar jeg en telefon", occurrence: nil))
        #expect(try map.evidence(of: node).informants == ["Siv"])
        #expect(throws: MapError.slashInName(kind: .step, name: "Henvisning/inntak")) { try map.addStep("Henvisning/inntak") }
    }

    @Test func aDisjunctureSetsAClauseAgainstTheAccountsWithItsEvidence() throws {
        let (folder, map, siv, _) = try study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try map.addProblematic("Blir jobbspesialistens rolle styrt av retningslinjene?")
        let second = try map.addProblematic("Hvordan balanserer jobbspesialisten metodens krav og eget skjønn?", supersedes: first.id)
        #expect(try map.problematic().map(\.id) == [second.id] && map.problematic(history: true).count == 2)

        let kartlegge = try map.addStep("Kartlegge jobbsøker")
        let mal = try map.addText("Kartleggingsmal", kind: .form, scope: .step, step: kartlegge.id)
        let clause = try map.addClause(to: mal.id, label: "Alle spørsmål gjennomgås", excerpt: "Malen fylles ut i sin helhet.", place: "s. 2")
        let target = try map.addClause(to: mal.id, label: "Utetid", metric: "andel av tiden ute", value: 65, unit: "%")
        #expect(try map.clauses(of: mal.id).map(\.label) == ["Alle spørsmål gjennomgås", "Utetid"] && target.value == 65)
        let brudd = try map.addDisjuncture("Malen hoppes over for flytens skyld", kind: .textPractice, step: kartlegge.id, clauses: [clause.id],
                                           problematic: second.id)
        let node = WorkMapping.NodeReference(.disjuncture, brudd.id)
        try map.addEvidence(to: node, transcript: siv, .quote("jeg hopper over noen spørsmål for flytens skyld", occurrence: nil))
        #expect(try map.evidence(of: node).informants == ["Siv"])
        #expect(try map.store.codeTree().map(\.path).contains("Arbeidskart/Brudd/Malen hoppes over for flytens skyld"))

        // Bad input: nothing changes.
        let events = try map.store.eventCount()
        #expect(throws: StoreError.self) { try map.addClause(to: mal.id, label: "utetid") }
        #expect(throws: StoreError.self) { try map.addClause(to: mal.id, label: "Rart tall", value: .nan) }
        #expect(throws: MapError.self) { try map.addClause(to: UUID(), label: "Uten tekst") }
        #expect(throws: MapError.duplicate(kind: .disjuncture, name: "malen hoppes over for flytens skyld")) {
            try map.addDisjuncture("malen hoppes over for flytens skyld", kind: .textText)
        }
        #expect(throws: StoreError.self) { try map.addDisjuncture("Ukjent klausul", kind: .textText, clauses: [UUID()]) }
        #expect(throws: StoreError.self) { try map.addProblematic("Ny versjon", supersedes: UUID()) }
        #expect(throws: StoreError.self) { try map.addProblematic("   ") }
        #expect(throws: MapError.self) {
            try map.link(.governs, from: .init(.disjuncture, brudd.id), to: .init(.step, kartlegge.id))
        }
        #expect(try map.store.eventCount() == events)
    }

    @Test func mergedStepsKeepTheirActionsTextsLinksAndEvidence() throws {
        let (folder, map, siv, ola) = try study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let steps = try ["Henvisning", "Finne arbeidsgivere", "Kartlegge bedriften", "Oppfølging"].map { try map.addStep($0) }
        for (a, b) in zip(steps, steps.dropFirst()) { try map.link(.precedes, from: .init(.step, a.id), to: .init(.step, b.id)) }
        let visit = try map.addAction("Bedriftsbesøk", in: steps[1].id)
        _ = try map.addAction("Bedriftsbesøk", in: steps[2].id)
        _ = try map.addAction("Tre kopper te", in: steps[2].id)
        let te = try map.addText("«Tre kopper te»", kind: .method, scope: .step, step: steps[2].id)
        let spesialist = try map.addActor("Jobbspesialist")
        try map.link(.performs, from: .init(.actor, spesialist.id), to: .init(.action, visit.id))
        try map.addEvidence(to: .init(.step, steps[1].id), transcript: siv, .quote("tar jeg en telefon", occurrence: nil))
        try map.addEvidence(to: .init(.step, steps[2].id), transcript: ola, .quote("ringer jobbsøkeren", occurrence: nil))

        let report = try map.mergeSteps([steps[1].id, steps[2].id])
        #expect(report.merged == ["Kartlegge bedriften"] && report.actionsMoved == 1 && report.actionsJoined == 1 && report.textsMoved == 1)
        #expect(report.step.mergedFrom == "Kartlegge bedriften")
        #expect(try map.steps().map(\.name) == ["Henvisning", "Finne arbeidsgivere", "Oppfølging"])
        #expect(try map.steps().map(\.position) == [1, 2, 3])
        // The order runs through the merged step; the evidence of both is the merged step's.
        let precedes = try map.links().filter { $0.kind == .precedes }.map { [$0.fromId, $0.toId] }
        #expect(Set(precedes) == [[steps[0].id, steps[1].id], [steps[1].id, steps[3].id]])
        #expect(try map.evidence(of: .init(.step, steps[1].id)).informants == ["Ola", "Siv"])
        #expect(try map.store.pool.read { db in try MapText.fetchOne(db, key: te.id)?.stepId } == steps[1].id)

        // Merging the first and the last of the chain would make the order go round: refused.
        let events = try map.store.eventCount()
        let circle = #expect(throws: MapError.self) { try map.mergeSteps([steps[0].id, steps[3].id]) }
        #expect(circle.map { if case .cycle = $0 { true } else { false } } == true, "\(String(describing: circle))")
        #expect(throws: MapError.mergeNeedsTwoSteps) { try map.mergeSteps([steps[0].id, steps[0].id]) }
        #expect(try map.store.eventCount() == events && map.steps().count == 3)
    }

    @Test func termsAreFoundInTheTranscriptsAndQuestionsAnsweredAsMemos() throws {
        let (folder, map, siv, ola) = try study()
        defer { try? FileManager.default.removeItem(at: folder) }
        let henvisning = try map.addTerm("henvisning", followUp: "Hva står det i en henvisning?")
        _ = try map.addTerm("kartleggingsmalen")
        #expect(throws: StoreError.self) { try map.addTerm("Henvisning") }
        let scan = try map.scanTerms()
        #expect(scan.map(\.term.term) == ["henvisning", "kartleggingsmalen"])
        // «henvisning» as a whole word: Siv's line, not Ola's «henvisningen».
        #expect(scan[0].byTranscript == ["intervju-siv": 1] && scan[1].total == 1)
        let unpacked = try map.setUnpacked(henvisning.id, true, definition: "Et skjema fra veilederen med kontaktinformasjon.")
        #expect(unpacked.unpacked && unpacked.definition == "Et skjema fra veilederen med kontaktinformasjon.")

        let questions = try map.questions()
        #expect(questions.count == 4 && questions.map(\.position) == [1, 2, 3, 4])
        try map.answer(questions[0].id, for: siv, "Hun beskriver henvisning, telefon og kartlegging.")
        let answers = try map.answers(for: siv)
        #expect(answers[0].answers == ["Hun beskriver henvisning, telefon og kartlegging."] && answers[1].answers.isEmpty)
        #expect(try map.answers(for: ola).allSatisfy { $0.answers.isEmpty })
        #expect(throws: StoreError.self) { try map.answer(UUID(), for: siv, "Et svar uten spørsmål.") }
        #expect(throws: StoreError.self) { try map.answer(questions[0].id, for: siv, "   ") }
    }

    @Test func theStatusSaysWhatIsMissingAndTheFigureFollowsTheMap() throws {
        let (folder, map, siv, ola) = try study()
        defer { try? FileManager.default.removeItem(at: folder) }
        var status = try map.status()
        #expect(status.standpoint == nil && status.steps == 0 && status.transcriptsWithoutAnswers == ["intervju-ola", "intervju-siv"])
        try map.setStandpoint("Jobbspesialister")
        let henvisning = try map.addStep("Henvisning"), kartlegge = try map.addStep("Kartlegge jobbsøker")
        let ringe = try map.addAction("Ringe jobbsøkeren", in: henvisning.id)
        _ = try map.addText("Henvisningsskjema", kind: .form, scope: .step, step: henvisning.id)
        _ = try map.addText("Kvalitetsveileder", kind: .qualityTool, scope: .process)
        let spesialist = try map.addActor("Jobbspesialist")
        try map.link(.performs, from: .init(.actor, spesialist.id), to: .init(.action, ringe.id))
        try map.addEvidence(to: .init(.step, henvisning.id), transcript: ola, .quote("Jeg leser henvisningen", occurrence: nil))
        _ = try map.addTerm("henvisning")
        for question in try map.questions() { try map.answer(question.id, for: siv, "Svar.") }
        status = try map.status()
        #expect(status.steps == 2 && status.actions == 1 && status.texts == 2 && status.links == 1 && status.actors == 1)
        #expect(status.withoutEvidence == ["Kartlegge jobbsøker", "Ringe jobbsøkeren", "Henvisningsskjema", "Kvalitetsveileder"])
        #expect(status.termsNotUnpacked == ["henvisning"] && status.transcriptsWithoutAnswers == ["intervju-ola"])
        _ = try map.store.replaceText(in: ola, find: "Jeg leser henvisningen og ringer jobbsøkeren samme uke.", with: "Det husker jeg ikke.")
        #expect(try map.status().orphanedEvidence == ["Henvisning": 1])

        let figure = try map.figure(lanes: true)
        #expect(figure.steps.map(\.box.label) == ["Henvisning", "Kartlegge jobbsøker"])
        #expect(figure.steps[0].actions.map(\.label) == ["Ringe jobbsøkeren"] && figure.steps[0].texts.map(\.label) == ["Henvisningsskjema"])
        #expect(figure.processTexts.map(\.label) == ["Kvalitetsveileder"])
        #expect(figure.lanes.map(\.actor.label) == ["Jobbspesialist"] && figure.lanes[0].actions == [figure.steps[0].actions[0].key])
        #expect(figure.caption == "Kart over arbeidet, sett fra ståstedet til jobbspesialister" && kartlegge.position == 2)
        #expect(try map.figure(language: .en).words == .en)
    }
}
