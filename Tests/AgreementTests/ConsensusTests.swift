import Foundation
import GRDB
import QualCode
import Testing
import TestSupport
@testable import Agreement

/// The disagreement list, consensus decisions as the consensus coder's codings, blind coding, and the
/// exports read back by independent readers.
@Suite struct ConsensusTests {
    @Test func disagreementsListPresenceAndBoundaries() throws {
        let study = try AgreementStudy()
        defer { study.remove() }
        let list = try study.agreement.disagreements(AgreementScope(coders: ["anne", "berit"]))
        #expect(list.agreed == 1 && list.notCodedByAll == ["intervju-per"])
        #expect(list.items.map { "\($0.codePath) \($0.transcriptName) \($0.kind.rawValue)" } == [
            "Belastning intervju-ola presence", "Belastning intervju-siv boundaries", "Belastning intervju-siv presence",
            "Tillit intervju-ola presence", "Tillit intervju-siv boundaries",
        ])
        let overlap = list.items[1]
        // anne's two overlapping marks are both shown; berit's one.
        #expect(overlap.sides.map(\.coder) == ["anne", "berit"] && overlap.sides[0].passages.count == 2)
        #expect(overlap.sides[1].passages.map(\.text) == ["Men rapporteringen tar mye tid, altså. Det blir mye skjema."])
        #expect(list.items[2].sides[0].passages.isEmpty && list.items[2].sides[1].passages.map(\.text) == ["Det er slitsomt"])
        #expect(overlap.firstLine == 3 && overlap.lastLine == 3)
        // The numbers stay the same from one listing to the next, and differ between passages.
        let again = try study.agreement.disagreements(AgreementScope(coders: ["berit", "anne"]))
        #expect(Set(again.items.map(\.id)) == Set(list.items.map(\.id)) && Set(list.items.map(\.id)).count == 5)
    }

    @Test func adoptingASideCodesItForTheConsensusCoderAndDecidingAgainReplacesIt() throws {
        let study = try AgreementStudy()
        defer { study.remove() }
        let scope = AgreementScope(coders: ["anne", "berit"])
        let before = try study.agreement.agreement(scope)
        let eventsBefore = try study.store.eventCount()
        let tillitSiv = try study.agreement.disagreements(scope).items[4]
        let decision = try study.agreement.decide([tillitSiv.id.uppercased()], in: scope, adopt: ["anne"], note: "Hele svaret handler om tillit")[0]
        #expect(decision.adopted == ["anne"] && decision.codings == 1 && decision.consensusCoder == "konsensus")
        var konsensus = try study.consensusTexts("Tillit")
        #expect(konsensus == ["jeg stoler på henne. Hun ringer alltid tilbake."])
        // The coders' own codings, and so the agreement, are as they were.
        #expect(try study.agreement.agreement(scope) == before)
        let listed = try study.agreement.disagreements(scope).items[4]
        #expect(listed.decision?.adopted == ["anne"] && listed.decision?.note == "Hele svaret handler om tillit")

        // Deciding again: none adopted takes the consensus coding back.
        try study.agreement.decide([tillitSiv.id], in: scope, adopt: [])
        konsensus = try study.consensusTexts("Tillit")
        #expect(konsensus.isEmpty)
        #expect(try study.agreement.disagreements(scope).items[4].decision?.adopted == [])
        // Both sides: the stretch their passages cover together, coded once.
        try study.agreement.decide([tillitSiv.id], in: scope, adopt: ["anne", "berit"])
        konsensus = try study.consensusTexts("Tillit")
        #expect(konsensus == ["jeg stoler på henne. Hun ringer alltid tilbake."])
        let logged = try study.store.events(last: try study.store.eventCount() - eventsBefore)
        #expect(logged.filter { $0.action == "agree.consensus" }.count == 3)
        // The log names who decided, not the consensus coder the codings are for.
        #expect(logged.allSatisfy { $0.actor == "eva" })
        #expect(logged.contains { $0.action == "coding.add" })
    }

    @Test func aDecisionOnAPassageThatChangedIsTakenBackByTheNextOne() throws {
        var study = try AgreementStudy()
        defer { study.remove() }
        let scope = AgreementScope(coders: ["anne", "berit"])
        let first = try study.agreement.disagreements(scope).items[4]
        #expect(first.id.count == 16)
        try study.agreement.decide([first.id], in: scope, adopt: ["berit"])
        #expect(try study.consensusTexts("Tillit") == ["jeg stoler på henne."])
        // berit widens her passage: it is another passage now, and the old decision is reported as changed.
        try study.code("berit", "Siv", "Eh, jeg stoler på henne.", "Tillit")
        var list = try study.agreement.disagreements(scope)
        #expect(list.changedDecisions == 1 && !list.items.map(\.id).contains(first.id))
        let changed = try #require(list.items.first { $0.codePath == "Tillit" && $0.transcriptName == "intervju-siv" })
        // Deciding the new passage takes back the old decision's coding, even under another consensus name.
        try study.agreement.decide([changed.id], in: scope, adopt: [], as: "team")
        #expect(try study.consensusTexts("Tillit").isEmpty && study.consensusTexts("Tillit", coder: "team").isEmpty)
        list = try study.agreement.disagreements(scope)
        #expect(list.changedDecisions == 0)
        #expect(list.items.first { $0.id == changed.id }?.decision?.adopted == [])
    }

    @Test func theConsensusCoderIsNobodyWhoCodes() throws {
        var study = try AgreementStudy()
        defer { study.remove() }
        try study.code("cato", "Siv", "Hun ringer alltid tilbake.", "Tillit")
        try study.store.addAccount("lise", role: .coder)
        let scope = AgreementScope(coders: ["anne", "berit"])
        let id = try study.agreement.disagreements(scope).items[0].id
        for name in ["cato", "Lise"] {
            #expect(throws: AgreementError.consensusCoderInUse(name: name)) { try study.agreement.decide([id], in: scope, adopt: ["anne"], as: name) }
            #expect(throws: AgreementError.consensusCoderInUse(name: name)) { try study.agreement.adoptAgreed(scope, as: name) }
        }
        // The consensus coder's own earlier decisions do not make it «someone who codes».
        try study.agreement.decide([id], in: scope, adopt: ["anne"])
        try study.agreement.adoptAgreed(scope)
        try study.agreement.decide([id], in: scope, adopt: ["berit"])
    }

    @Test func adoptingAgreedPassagesCompletesTheConsensusCoding() throws {
        let study = try AgreementStudy()
        defer { study.remove() }
        let scope = AgreementScope(coders: ["anne", "berit"])
        let adoption = try study.agreement.adoptAgreed(scope)
        #expect(adoption == AgreedAdoption(added: 1, alreadyPresent: 0))
        #expect(try study.agreement.adoptAgreed(scope) == AgreedAdoption(added: 0, alreadyPresent: 1))
        let konsensus = try study.consensusTexts("Tillit")
        #expect(konsensus == ["Tilliten kommer når jeg holder det jeg lover."])
    }

    @Test func refusedDecisionsChangeNothing() throws {
        let study = try AgreementStudy()
        defer { study.remove() }
        let scope = AgreementScope(coders: ["anne", "berit"])
        let id = try study.agreement.disagreements(scope).items[0].id
        let events = try study.store.eventCount()
        #expect(throws: AgreementError.unknownDisagreement(id: "00000000")) {
            try study.agreement.decide([id, "00000000"], in: scope, adopt: ["anne"])
        }
        #expect(throws: AgreementError.notCompared(coder: "cato", compared: ["anne", "berit"])) {
            try study.agreement.decide([id], in: scope, adopt: ["cato"])
        }
        #expect(throws: AgreementError.consensusCoderCompared(name: "anne")) {
            try study.agreement.decide([id], in: scope, adopt: ["berit"], as: "anne")
        }
        #expect(throws: AgreementError.unknownCoder(name: "berti", known: ["anne", "berit"])) {
            try study.agreement.disagreements(AgreementScope(coders: ["anne", "berti"]))
        }
        #expect(throws: AgreementError.needsTwoCoders) { try study.agreement.agreement(AgreementScope(coders: ["anne", "anne"])) }
        #expect(throws: (any Error).self) { try study.agreement.decide([id], in: scope, adopt: ["anne"], as: "  ") }
        #expect(try study.store.eventCount() == events)
        #expect(try study.agreement.disagreements(scope).items.allSatisfy { $0.decision == nil })
    }

    @Test func blindCodingIsASettingTheLogRecords() throws {
        let study = try AgreementStudy()
        defer { study.remove() }
        #expect(try !study.agreement.isBlindCoding())
        try study.agreement.setBlindCoding(true)
        try study.agreement.setBlindCoding(true)
        #expect(try study.agreement.isBlindCoding())
        #expect(try study.store.events(last: 5).filter { $0.action == "agree.blindCoding" }.count == 1)
        try study.agreement.setBlindCoding(false)
        #expect(try !study.agreement.isBlindCoding())
    }

    @Test func theReportInWordNamesTheUnitAndTheFormulas() throws {
        let study = try AgreementStudy()
        defer { study.remove() }
        let scope = AgreementScope(coders: ["anne", "berit"], unit: .segments)
        let file = study.folder.appendingPathComponent("samsvar.docx")
        let written = try study.agreement.export([.statistics, .disagreements], scope, to: ExportTarget(path: file.path, format: .docx))
        #expect(written.rows == [.statistics: 3, .disagreements: 5])
        let read = try runPython("""
            import docx, json, sys
            d = docx.Document(sys.argv[1])
            print(json.dumps({"paragraphs": [p.text for p in d.paragraphs],
                              "tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]}))
            """, [file.path])
        struct Read: Decodable { var paragraphs: [String]; var tables: [[[String]]] }
        let doc = try JSONDecoder().decode(Read.self, from: read)
        let text = doc.paragraphs.joined(separator: "\n")
        #expect(text.contains("Samsvar mellom anne og berit per kode") && text.contains("Enhet: segmenter"))
        #expect(text.contains("Cohens κ = (pₒ − pₑ) / (1 − pₑ)") && text.contains("Krippendorffs α (nominal"))
        #expect(text.contains("Utelatt fordi færre enn to av koderne kodet dem: intervju-per."))
        #expect(doc.tables.count == 2)
        #expect(doc.tables[0][0] == ["Kode", "Enheter", "Begge", "Bare anne", "Bare berit", "Ingen", "Prosent enighet", "Cohens κ", "Krippendorffs α"])
        #expect(doc.tables[0].map { $0[0] } == ["Kode", "Belastning", "Tillit", "Samlet"])
        #expect(doc.tables[1][0] == ["Nr.", "Kode", "Transkripsjon, linjer", "Type", "anne", "berit", "Avgjørelse"])
        #expect(doc.tables[1][3][5] == "«Det er slitsomt»" && doc.tables[1][3][4] == "(ikke kodet)")

        // CSV: one table; both refused, and nothing written.
        let csv = study.folder.appendingPathComponent("samsvar.csv")
        #expect(throws: AgreementError.oneTablePerCSV) {
            try study.agreement.export([.statistics, .disagreements], scope, to: ExportTarget(path: csv.path, format: .csv))
        }
        #expect(!FileManager.default.fileExists(atPath: csv.path))
        try study.agreement.export([.statistics], scope, language: .en, to: ExportTarget(path: csv.path, format: .csv))
        let rows = try String(contentsOf: csv, encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(rows.first?.contains("Code,Units,Both,anne only,berit only,Neither,Percent agreement,Cohen's κ,Krippendorff's α") == true)
        #expect(rows.count == 4)
    }
}
