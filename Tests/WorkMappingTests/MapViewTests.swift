import Foundation
import QualCode
import Testing
@testable import WorkMapping

/// What the map page reads: the drawing with a box per node, every node and link with its evidence
/// counted, the status, and a node's or link's passages with their text — the stored text of a passage
/// an edit removed, marked so.
@Suite struct MapViewTests {
    /// A small map over two interviews: two steps in order, an action, a step's text, a process text, an
    /// actor performing the action, a disjuncture; evidence for a step, the order and a clause cited.
    struct Study {
        let folder: URL
        let map: WorkMapping
        let siv: Transcript.ID
        let ola: Transcript.ID
        let henvisning: MapStep
        let bliKjent: MapStep
        let samtale: MapAction
        let mal: MapText
        let veileder: MapText
        let spesialist: MapActor
        let brudd: MapDisjuncture
        let order: MapLink
    }

    func study() throws -> Study {
        // The two interviews of the evidence tests, in a project of their own.
        let (folder, map, siv, ola) = try EvidenceTests().study()
        let ids = [siv, ola]
        try map.setStandpoint("Jobbspesialister i NAV")
        let henvisning = try map.addStep("Henvisning")
        let bliKjent = try map.addStep("Bli kjent")
        let samtale = try map.addAction("Informasjonssamtale", in: bliKjent.id)
        let mal = try map.addText("Kartleggingsmal", kind: .form, scope: .step, step: bliKjent.id)
        let veileder = try map.addText("Kvalitetsveileder", kind: .qualityTool, scope: .process)
        let spesialist = try map.addActor("Jobbspesialist")
        try map.link(.performs, from: .init(.actor, spesialist.id), to: .init(.action, samtale.id))
        let order = try map.link(.precedes, from: .init(.step, henvisning.id), to: .init(.step, bliKjent.id))
        let brudd = try map.addDisjuncture("Malen hoppes over", kind: .textPractice, step: bliKjent.id)
        let step = WorkMapping.NodeReference(.step, henvisning.id)
        try map.addEvidence(to: step, transcript: ids[0], .quote("Vi får en henvisning fra veilederen", occurrence: nil))
        try map.addEvidence(to: step, transcript: ids[1], .quote("Jeg leser henvisningen", occurrence: nil))
        try map.addEvidence(to: order.id, transcript: ids[1], .quote("ringer jobbsøkeren samme uke", occurrence: nil))
        let clause = try map.addClause(to: veileder.id, label: "Første samtale", excerpt: "innen to uker", value: 14, unit: "dager")
        try map.cite(clause.id, for: step)
        return Study(folder: folder, map: map, siv: ids[0], ola: ids[1], henvisning: henvisning, bliKjent: bliKjent, samtale: samtale,
                     mal: mal, veileder: veileder, spesialist: spesialist, brudd: brudd, order: order)
    }

    static func key(_ id: UUID) -> String { id.uuidString.lowercased() }

    // MARK: - The view

    @Test func theViewDrawsEveryNodeWithItsKeyAndCountsItsEvidence() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        let view = try s.map.view()
        // The drawing is the figure laid out and written as SVG: the bytes a download of the map gets.
        #expect(view.svg == MapSVG.svg(for: MapLayout(try s.map.figure()).drawing))
        for id in [s.henvisning.id, s.bliKjent.id, s.samtale.id, s.mal.id, s.veileder.id] {
            #expect(view.svg.contains("data-key=\"\(Self.key(id))\""), "\(id)")
        }
        #expect(!view.svg.contains(Self.key(s.spesialist.id)) && !view.svg.contains(Self.key(s.brudd.id)))

        #expect(view.nodes.map(\.name) == ["Henvisning", "Bli kjent", "Informasjonssamtale", "Jobbspesialist", "Kartleggingsmal",
                                           "Kvalitetsveileder", "Malen hoppes over"])
        #expect(view.nodes.map(\.kind) == [.step, .step, .action, .actor, .text, .text, .disjuncture])
        let henvisning = try #require(view.nodes.first { $0.key == Self.key(s.henvisning.id) })
        #expect(henvisning.evidence == 2 && henvisning.informants == 2 && henvisning.orphaned == 0 && henvisning.step == nil)
        let samtale = try #require(view.nodes.first { $0.name == "Informasjonssamtale" })
        #expect(samtale.step == Self.key(s.bliKjent.id) && samtale.evidence == 0)
        #expect(view.nodes.first { $0.name == "Kartleggingsmal" }?.step == Self.key(s.bliKjent.id))
        #expect(view.nodes.first { $0.name == "Kvalitetsveileder" }?.step == nil)

        let order = try #require(view.links.first { $0.id == s.order.id })
        #expect(order.name == "Henvisning går foran Bli kjent" && order.kind == .precedes)
        #expect(order.from == Self.key(s.henvisning.id) && order.to == Self.key(s.bliKjent.id))
        #expect(order.evidence == 1 && order.informants == 1)
        #expect(view.links.count == 2)

        #expect(view.status.standpoint == "Jobbspesialister i NAV" && view.status.steps == 2 && view.status.links == 2)
        #expect(view.status.withoutEvidence.contains("Bli kjent") && !view.status.withoutEvidence.contains("Henvisning"))
    }

    @Test func swimLanesDrawTheActorAndTheLanguageChangesTheWords() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        let lanes = try s.map.view(lanes: true)
        #expect(lanes.svg.contains("data-key=\"\(Self.key(s.spesialist.id))\""))
        #expect(lanes.svg == MapSVG.svg(for: MapLayout(try s.map.figure(lanes: true)).drawing))
        let english = try s.map.view(language: .en)
        #expect(english.svg.contains("Map of the work") && !english.svg.contains("Kart over arbeidet"))
        #expect(try s.map.view().svg.contains("Kart over arbeidet"))
        // Only the drawing changes.
        #expect(english.nodes == lanes.nodes && english.links == lanes.links)
    }

    // MARK: - Passages

    @Test func aNodesPassagesCarryTheirTextWhoSaidThemAndTheLinksAtIt() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        let backing = try s.map.passages(of: .init(.step, s.henvisning.id))
        #expect(backing.name == "Henvisning")
        #expect(backing.passages.map(\.text) == ["Jeg leser henvisningen", "Vi får en henvisning fra veilederen"])
        #expect(backing.passages.map(\.informants) == [["Ola"], ["Siv"]])
        #expect(backing.passages.map(\.transcriptId) == [s.ola, s.siv])
        #expect(backing.passages.map(\.transcript) == ["intervju-ola", "intervju-siv"])
        #expect(backing.passages.map(\.firstLine) == [2, 2] && backing.passages.allSatisfy { $0.coder == "kari" && !$0.isOrphaned })
        #expect(backing.informants == ["Ola", "Siv"] && backing.orphaned == 0)
        #expect(backing.clauses.map(\.label) == ["Kvalitetsveileder: Første samtale (14 dager)"])
        // The order it starts is listed with its own passage.
        #expect(backing.links.map(\.name) == ["Henvisning går foran Bli kjent"])
        #expect(backing.links.first?.passages.map(\.text) == ["ringer jobbsøkeren samme uke"])

        let order = try s.map.passages(ofLink: s.order.id)
        #expect(order == backing.links.first)
        // The action's panel lists the actor's link to it; a node without evidence has no passages.
        let samtale = try s.map.passages(of: .init(.action, s.samtale.id))
        #expect(samtale.passages.isEmpty && samtale.links.map(\.name) == ["Jobbspesialist utfører Informasjonssamtale"])
    }

    @Test func aPassageWhoseTextWasRemovedKeepsItsTextAndIsMarked() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        _ = try s.map.store.replaceText(in: s.ola, find: "Jeg leser henvisningen og ringer jobbsøkeren samme uke.", with: "Det husker jeg ikke.")
        let backing = try s.map.passages(of: .init(.step, s.henvisning.id))
        #expect(backing.passages.map(\.isOrphaned) == [true, false])
        #expect(backing.passages.first?.text == "Jeg leser henvisningen")
        #expect(backing.orphaned == 1 && backing.informants == ["Siv"])
        let node = try #require(try s.map.view().nodes.first { $0.name == "Henvisning" })
        #expect(node.evidence == 2 && node.orphaned == 1 && node.informants == 1)
    }

    @Test func passagesOfWhatIsNotThereAreRefused() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        let missing = UUID()
        #expect(throws: MapError.notFound(kind: .step, name: Self.key(missing), suggestions: [])) {
            try s.map.passages(of: .init(.step, missing))
        }
        // An id of another kind of node is not found either.
        #expect(throws: MapError.self) { try s.map.passages(of: .init(.text, s.henvisning.id)) }
        #expect(throws: MapError.linkNotFound(id: Self.key(missing))) { try s.map.passages(ofLink: missing) }
    }

    @Test func aCitedClauseCarriesItsPrintedLabelInJSON() throws {
        let clause = MapClause(id: UUID(), textId: UUID(), label: "Tid ute", excerpt: nil, metric: nil, value: 65.5, unit: "%", place: nil)
        let citation = ClauseCitation(clause: clause, text: "Kvalitetsveileder")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(citation)) as? [String: Any]
        #expect(json?["label"] as? String == "Kvalitetsveileder: Tid ute (65,5 %)")
        #expect(try JSONDecoder().decode(ClauseCitation.self, from: JSONEncoder().encode(citation)) == citation)
    }
}
