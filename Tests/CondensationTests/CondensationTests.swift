import Condensation
import Foundation
import GRDB
import QualCode
import Testing
import TestSupport

/// The first three steps on a small synthetic study of our own, on a real project file.
@Suite struct CondensationTests {
    static let interview = """
        Intervjuer: Hvordan er rollen?
        Siri: Jeg skal både veilede og ha egne deltakere. Det er en balansekunst.
        Intervjuer: Og teamet?
        Siri: Vi deler alt med hverandre. Det gir trygghet.
        Intervjuer: Noe mer?
        Siri: Jeg er en sparringspartner, ikke en sjef.
        """
    static let second = """
        Tore: Hun hjelper oss når vi står fast. Hun er en sparringspartner.
        Tore: Men hun har lite tid, for hun har egne deltakere også.
        """

    struct Study {
        let folder: URL
        let store: ProjectStore
        let stc: Condensation
    }

    func study() throws -> Study {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try ProjectStore.create(at: folder.appendingPathComponent("studie.qualcode"), title: "Metodeveiledere", coder: "tester",
                                            extensions: [Condensation.schema])
        try store.addParticipant(pseudonym: "Siri")
        try store.addParticipant(pseudonym: "Tore")
        for (name, text, who) in [("siri.txt", Self.interview, "Siri"), ("tore.txt", Self.second, "Tore")] {
            let file = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            var options = ImportOptions()
            options.participants = [who]
            try store.importTranscripts([file], options: options)
        }
        return Study(folder: folder, store: store, stc: Condensation(store))
    }

    @Test func stepOneThemesWithNotesSharedWithTheSupervisor() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addTheme("Tillit", note: "Går igjen hos alle.")
        try s.stc.addTheme("Balansekunst")
        #expect(throws: StoreError.self) { try s.stc.addTheme("tillit") }
        #expect(throws: StoreError.self) { try s.stc.addTheme("   ") }
        #expect(try s.stc.themes().map(\.name) == ["Tillit", "Balansekunst"])
        #expect(try s.stc.status().step == 1)
        #expect(try s.stc.status().missing.contains(.themesNotShared(2)))
        // The total impression: a memo on the whole material and one per transcript.
        #expect(try s.stc.status().missing.contains(.noProjectMemo))
        #expect(try s.stc.status().missing.contains(.transcriptsWithoutMemo(["siri", "tore"])))
        try s.store.addMemo(on: "project", text: "Rollen er uklar for alle.")
        try s.store.addMemo(on: "transcript:siri", text: "Mye om tid.")
        try s.store.addMemo(on: "transcript:tore", text: "Ser veilederen utenfra.")
        #expect(try s.stc.status().missing.filter { if case .transcriptsWithoutMemo = $0 { true } else { $0 == .noProjectMemo } }.isEmpty)
        #expect(try s.stc.status().themeNames == ["Tillit", "Balansekunst"])
        #expect(try s.stc.shareThemes() == 2)
        #expect(try s.stc.themes().allSatisfy { $0.sharedAt != nil })
        #expect(try s.stc.status().themesShared == 2)
    }

    @Test func stepsTwoAndThreeUnitsGroupsSubgroupsAndCondensates() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        let balance = try s.stc.addUnit("siri", .quote("Jeg skal både veilede og ha egne deltakere. Det er en balansekunst.", occurrence: nil),
                                        groups: ["Balansekunst"])
        let partner = try s.stc.addUnit("siri", .quote("Jeg er en sparringspartner, ikke en sjef.", occurrence: nil),
                                        groups: ["Balansekunst", "Relasjon"])
        let tore = try s.stc.addUnit("tore", .lines(1...1), groups: ["Balansekunst"])
        var status = try s.stc.status()
        #expect(status.step == 2 && status.units == 3 && status.groups == 2)
        #expect(status.missing.contains(.noSubgroups(group: "Balansekunst")))

        try s.stc.addSubgroup("Balansekunst", "Sparringspartner")
        try s.stc.addSubgroup("Balansekunst", "To roller")
        #expect(throws: StoreError.self) { try s.stc.addSubgroup("Finnes ikke", "X") }
        try s.stc.moveUnit(partner.segment.id.shortID, to: "Balansekunst/Sparringspartner")
        try s.stc.moveUnit(tore.segment.id.shortID, to: "Sparringspartner")
        status = try s.stc.status()
        #expect(status.step == 2)
        // Siri's «balansekunst» unit, and the unit of Relasjon, which has no subgroup yet.
        #expect(status.missing.contains(.unsortedUnits([balance.segment.id, partner.segment.id])))
        #expect(status.missing.contains(.noSubgroups(group: "Relasjon")))
        try s.stc.addSubgroup("Relasjon", "Nærhet")
        try s.stc.moveUnit(partner.segment.id.shortID, to: "Relasjon/Nærhet")
        try s.stc.moveUnit(balance.segment.id.shortID, to: "Balansekunst/To roller")
        // A unit may sit in several subgroups.
        try s.stc.moveUnit(tore.segment.id.shortID, to: "Balansekunst/To roller")

        let groups = try s.stc.groups()
        #expect(groups.map(\.path) == ["Balansekunst", "Balansekunst/Sparringspartner", "Balansekunst/To roller", "Relasjon", "Relasjon/Nærhet"])
        let partnerGroup = try #require(groups.first { $0.path == "Balansekunst/Sparringspartner" })
        #expect(partnerGroup.units == 2 && partnerGroup.participants == 2)
        #expect(try s.stc.status().step == 3)

        // The golden quote must be a unit of the subgroup.
        #expect(throws: CondensationError.goldenQuoteNotAUnit(unit: balance.segment.id, subgroup: "Balansekunst/Sparringspartner")) {
            try s.stc.condense("Balansekunst/Sparringspartner", text: "Jeg er der for dem.", golden: balance.segment.id.shortID)
        }
        #expect(throws: CondensationError.notASubgroup(path: "Balansekunst")) {
            try s.stc.condense("Balansekunst", text: "Grupper har ikke kondensat.", golden: nil as Segment.ID?)
        }
        try s.stc.condense("Balansekunst/Sparringspartner", text: "Jeg er den de kan sparre med, ikke sjefen deres.",
                           golden: partner.segment.id.shortID)
        try s.stc.condense("Balansekunst/To roller", text: "Jeg har egne deltakere og skal veilede, og det er krevende.",
                           golden: balance.segment.id.shortID)
        try s.stc.condense("Relasjon/Nærhet", text: "Jeg er nær dem.", golden: partner.segment.id.shortID)
        status = try s.stc.status()
        #expect(status.step == 4 && status.condensed == 3 && status.withGoldenQuote == 3)
        try s.stc.analyse("Balansekunst", heading: "Balansekunsten", text: "Metodeveilederne balanserer to roller.")
        #expect(try s.stc.group("Balansekunst").heading == "Balansekunsten")

        // The units are ordinary codings: the core's process log and the event log see them.
        #expect(try s.store.units(code: "Sparringspartner").count == 2)
        #expect(try s.store.events(last: 200).contains { $0.action == "stc.condense" })
    }

    @Test func aRefusedStepChangesNothing() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addUnit("siri", .lines(2...2), groups: ["Balansekunst"])
        let before = try s.store.events(last: 500).count
        #expect(throws: StoreError.self) { try s.stc.addUnit("siri", .quote("finnes ikke", occurrence: nil), groups: ["Balansekunst"]) }
        #expect(throws: StoreError.self) { try s.stc.moveUnit("ffffffff", to: "Balansekunst") }
        #expect(throws: CondensationError.slashInGroupName("Balansekunst/Under")) { try s.stc.addGroup("Balansekunst/Under") }
        #expect(throws: StoreError.self) { try s.stc.addUnit("siri", .lines(4...4), groups: []) }
        #expect(try s.store.events(last: 500).count == before)
        #expect(try s.stc.groups().map(\.path) == ["Balansekunst"])
    }

    @Test func theCoreAloneOpensAProjectWithCondensationTablesButANewerModuleIsRefused() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.addTheme("Tillit")
        // The core (a tool without condensation) opens it and leaves the tables be.
        let core = try ProjectStore.open(at: s.store.url, coder: "tester")
        #expect(try core.participants().count == 2)
        // A migration of the module this build does not know: a newer QualCode wrote the file.
        try core.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('stc.fremtidig')") }
        #expect(throws: StoreError.newerVersion(path: s.store.url.path, unknownMigrations: ["stc.fremtidig"])) {
            try ProjectStore.open(at: s.store.url, coder: "tester", extensions: [Condensation.schema])
        }
        // An older project gets the tables when it is opened with the module.
        let plain = s.folder.appendingPathComponent("eldre.qualcode")
        _ = try ProjectStore.create(at: plain, title: "Eldre", coder: "tester")
        let upgraded = try ProjectStore.open(at: plain, coder: "tester", extensions: [Condensation.schema])
        #expect(try Condensation(upgraded).themes().isEmpty)
    }

    @Test func validationChecksSupportGoldenQuotesCondensatesOrphansAndListsContradictions() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        let siri = try s.stc.addUnit("siri", .quote("Jeg er en sparringspartner, ikke en sjef.", occurrence: nil), groups: ["Balansekunst"])
        let tore = try s.stc.addUnit("tore", .lines(1...1), groups: ["Balansekunst"])
        let roles = try s.stc.addUnit("tore", .lines(2...2), groups: ["Balansekunst"])
        try s.stc.addSubgroup("Balansekunst", "Sparringspartner")
        try s.stc.addSubgroup("Balansekunst", "To roller")
        try s.stc.moveUnit(siri.segment.id.shortID, to: "Balansekunst/Sparringspartner")
        try s.stc.moveUnit(tore.segment.id.shortID, to: "Balansekunst/Sparringspartner")
        try s.stc.moveUnit(roles.segment.id.shortID, to: "Balansekunst/To roller")
        try s.stc.condense("Balansekunst/Sparringspartner", text: "Jeg er den de kan sparre med.", golden: siri.segment.id.shortID)
        try s.stc.condense("Balansekunst/To roller", text: "Jeg har for lite tid.", golden: roles.segment.id.shortID)
        try s.stc.markContradicting(tore.segment.id.shortID, in: "Balansekunst/Sparringspartner", note: "Ser henne som leder")

        var report = try s.stc.validate()
        // «To roller» rests on Tore alone; the default minimum is two participants.
        #expect(report.findings.filter { $0.kind == .thinSupport }.map(\.subject) == ["Balansekunst/To roller"])
        #expect(report.findings.contains { $0.kind == .contradicting && $0.message.contains("Ser henne som leder") })
        #expect(!report.passed)
        let partner = try #require(report.support.first { $0.path == "Balansekunst/Sparringspartner" })
        #expect(partner.participants == ["Siri", "Tore"] && partner.wording == "begge informantene")
        #expect(report.support.first { $0.path == "Balansekunst/To roller" }?.wording == "én informant (1 av 2)")

        try s.stc.set("minimumParticipants", to: "1")
        #expect(try s.stc.validate().passed)
        #expect(throws: StoreError.self) { try s.stc.set("minimumParticipants", to: "0") }
        #expect(throws: StoreError.self) { try s.stc.set("farge", to: "blå") }
        try s.stc.set("group", to: "tema")
        #expect(try s.stc.settings().group == "tema")

        // Editing the transcript: the golden quote of «Sparringspartner» is changed, «To roller»'s unit removed.
        _ = try s.store.replaceText(in: "siri", find: "ikke en sjef", with: "ikke en leder")
        _ = try s.store.replaceText(in: "tore", find: "Men hun har lite tid, for hun har egne deltakere også.", with: "[strøket]")
        report = try s.stc.validate()
        let kinds = Set(report.findings.map(\.kind))
        #expect(kinds.isSuperset(of: [.orphanedUnit, .goldenQuoteChanged, .condensateWithoutUnits]))
        #expect(report.findings.contains { $0.kind == .goldenQuoteChanged && $0.subject == "Balansekunst/To roller" })
    }

    @Test func supportIsPutInWords() {
        let settings = CondensationSettings()
        #expect(settings.support(7, of: 7) == "alle syv informantene")
        #expect(settings.support(5, of: 7) == "de fleste informantene (5 av 7)")
        #expect(settings.support(3, of: 7) == "flere informanter (3 av 7)")
        #expect(settings.support(2, of: 12) == "noen informanter (2 av 12)")
        #expect(settings.support(1, of: 7) == "én informant (1 av 7)")
        #expect(settings.support(2, of: 2) == "begge informantene")
        #expect(["kodegruppe", "meningsbærende enhet", "tema", "kategori", "kode"].map(CondensationSettings.plural)
                == ["kodegrupper", "meningsbærende enheter", "temaer", "kategorier", "koder"])
    }

    /// A finished small analysis: two subgroups, condensates, golden quotes, analytic text.
    func finished(_ s: Study) throws -> (partner: UUID, roles: UUID) {
        let siri = try s.stc.addUnit("siri", .quote("Jeg er en sparringspartner, ikke en sjef.", occurrence: nil), groups: ["Balansekunst"])
        let tore = try s.stc.addUnit("tore", .lines(1...1), groups: ["Balansekunst", "Relasjon"])
        let roles = try s.stc.addUnit("siri", .quote("Jeg skal både veilede og ha egne deltakere. Det er en balansekunst.", occurrence: nil),
                                      groups: ["Balansekunst"])
        let time = try s.stc.addUnit("tore", .lines(2...2), groups: ["Balansekunst"])
        _ = try s.store.code("tore", .lines(1...1), codes: ["Kollegaveiledning"])
        try s.stc.addSubgroup("Balansekunst", "Sparringspartner")
        try s.stc.addSubgroup("Balansekunst", "To roller")
        for unit in [siri, tore] { try s.stc.moveUnit(unit.segment.id.shortID, to: "Balansekunst/Sparringspartner") }
        for unit in [roles, time] { try s.stc.moveUnit(unit.segment.id.shortID, to: "Balansekunst/To roller") }
        try s.stc.condense("Balansekunst/Sparringspartner", text: "Jeg er den de kan sparre med, ikke sjefen deres.", golden: siri.segment.id.shortID)
        try s.stc.condense("Balansekunst/To roller", text: "Jeg har egne deltakere og skal veilede, og tiden strekker ikke til.",
                           golden: roles.segment.id.shortID)
        try s.stc.analyse("Balansekunst", heading: "Balansekunsten", text: "Begge informantene beskriver en rolle med to sider.\n\nDet koster.")
        try s.stc.analyse("Balansekunst/Sparringspartner", heading: "Sparringspartner", text: "De beskriver veiledning som samtale.")
        try s.stc.analyse("Balansekunst/To roller", heading: "Balansekunsten — To roller", text: nil)
        try s.stc.set("subgroup", to: "mening")
        return (siri.segment.id, roles.segment.id)
    }

    static let wordReader = """
        import docx, json, sys
        d = docx.Document(sys.argv[1])
        print(json.dumps({"paragraphs": [[p.style.name, p.text] for p in d.paragraphs],
                          "tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]}))
        """
    struct Word: Decodable { var paragraphs: [[String]]; var tables: [[[String]]] }

    func read(_ document: Document, _ s: Study, _ name: String) throws -> Word {
        let url = s.folder.appendingPathComponent(name)
        try DocxRenderer.write(document, to: url)
        return try JSONDecoder().decode(Word.self, from: runPython(Self.wordReader, [url.path]))
    }

    @Test func theThesisTablesUseTheResearchersLevelNames() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        _ = try finished(s)
        let word = try read(try s.stc.model().tablesDocument(withUnits: true), s, "tabeller.docx")
        let captions = word.paragraphs.filter { $0[0] == "Caption" }.map { $0[1] }
        #expect(captions == ["Tabell 1 Eksempel på meningsbærende enheter og koder",
                             "Tabell 2 Prosessen fra meningsbærende enheter via koder og meninger til kodegrupper",
                             "Tabell 3 Oversikt over kodegrupper, meninger og koder",
                             "Tabell 4 Kondensater og gullsitater"])
        #expect(word.tables[1][0] == ["Meningsbærende enhet", "Kode", "Mening", "Kodegruppe"])
        #expect(word.tables[1].contains { $0[0].hasPrefix("Hun hjelper oss når vi står fast.") && $0[1] == "Kollegaveiledning"
                                          && $0[2] == "Sparringspartner" && $0[3] == "Balansekunsten, Relasjon" })
        #expect(word.tables[2][1][0...2] == ["Balansekunsten", "Sparringspartner", "Kollegaveiledning"])
        // One name per group in every table: «Balansekunsten», its heading, never the code name or a path.
        #expect(word.tables[3][0] == ["Kodegruppe", "Mening", "Kondensat", "Gullsitat"])
        #expect(word.tables[3][1][0...1] == ["Balansekunsten", "Sparringspartner"])
        #expect(word.tables[3].contains { $0[0] == "" && $0[1] == "To roller" && $0[2].hasPrefix("Jeg har egne deltakere") && $0[3].hasSuffix("(Siri)") })
        let groupNames = Set(word.tables[1].dropFirst().flatMap { $0[3].components(separatedBy: ", ") } + word.tables[2].dropFirst().map { $0[0] }
                             + word.tables[3].dropFirst().map { $0[0] }).subtracting([""])
        #expect(groupNames == ["Balansekunsten", "Relasjon"])
    }

    @Test func theChapterHasASectionPerCategoryWithQuotesAndSupport() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        _ = try finished(s)
        let word = try read(try s.stc.model().chapterDocument(), s, "kapittel.docx")
        let headings = word.paragraphs.filter { $0[0].hasPrefix("Heading") }.map { $0[1] }
        #expect(headings == ["Resultater", "Balansekunsten", "Balansekunsten — Sparringspartner", "Balansekunsten — To roller", "Relasjon"])
        #expect(word.paragraphs.contains { $0[1] == "Bygger på 4 meningsbærende enheter fra begge informantene: Siri, Tore." })
        #expect(word.paragraphs.contains { $0[1] == "Det koster." })
        // The golden quote comes first in its subsection, in the thesis style.
        let partner = try #require(word.paragraphs.firstIndex { $0[1] == "Balansekunsten — Sparringspartner" })
        let firstQuote = try #require(word.paragraphs[partner...].first { $0[1].hasPrefix("«") || $0[0] == "Sitat" })
        #expect(firstQuote[1] == "«Jeg er en sparringspartner, ikke en sjef.» (Siri)")
        // A condensate is never printed as a quote.
        #expect(!word.paragraphs.contains { $0[1].contains("Jeg er den de kan sparre med") })
    }

    /// The chapter takes the house style of `quotes`: «(Metodeveileder)» rather than «(Siri)», upright
    /// quotes, no pseudonyms in the support lines; the analytic text is Markdown.
    @Test func theChapterFollowsTheHouseStyleAndReadsTheAnalyticTextAsMarkdown() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        _ = try finished(s)
        try s.store.updateParticipant(try s.store.participant("Siri").id, attributes: [("rolle", "metodeveileder")])
        try s.store.updateParticipant(try s.store.participant("Tore").id, attributes: [("rolle", "jobbspesialist")])
        try s.stc.analyse("Balansekunst", heading: "Balansekunsten", text: """
            Informantene beskriver *to roller* som **trekker hver sin vei**.

            - Veiledning av kollegaer
            - Egne deltakere, som krever:
              1. tid
              2. *nærhet*

            Det koster.
            """)
        try s.stc.takeSnapshot("Før stilen")
        var style = HouseStyle.report
        style.label = "({rolle})"
        let document = try s.stc.chapterDocument(of: s.stc.model(), style: style)
        let word = try read(document, s, "rapport-kapittel.docx")
        #expect(word.paragraphs.contains { $0[1] == "«Jeg er en sparringspartner, ikke en sjef.» (Metodeveileder)" })
        #expect(!word.paragraphs.contains { $0[1].contains("(Siri)") || $0[1].contains("(Tore)") })
        #expect(word.paragraphs.contains { $0[1] == "Bygger på 4 meningsbærende enheter fra begge informantene." })
        // Markdown: emphasis and strong as runs, the list as list items, no stars left.
        let paragraphs = document.blocks.compactMap { block -> [Inline]? in if case let .paragraph(inlines) = block { inlines } else { nil } }
        let analytic = try #require(paragraphs.first { Inline.plainText($0).hasPrefix("Informantene beskriver") })
        #expect(analytic == [.text("Informantene beskriver "), .text("to roller", .italic), .text(" som "), .text("trekker hver sin vei", .bold),
                             .text(".")])
        let items = document.blocks.compactMap { block -> String? in
            if case let .listItem(inlines, marker, level) = block { return "\(level)\(marker) \(Inline.plainText(inlines))" }
            return nil
        }
        #expect(items == ["0• Veiledning av kollegaer", "0• Egne deltakere, som krever:", "11. tid", "12. nærhet"])
        #expect(!word.paragraphs.contains { $0[1].contains("*") })
        #expect(word.paragraphs.contains { $0[0] == "List Paragraph" && $0[1] == "•\tVeiledning av kollegaer" })
        // A snapshot is read again in the style too.
        let kept = try s.stc.chapterDocument(of: s.stc.snapshot("Før stilen"), style: style)
        #expect(kept.blocks.contains { if case let .paragraph(inlines) = $0 { Inline.plainText(inlines).hasSuffix("(Metodeveileder)") } else { false } })
        // The thesis style keeps its pseudonyms.
        let thesis = try read(try s.stc.chapterDocument(of: s.stc.model()), s, "avhandling-kapittel.docx")
        #expect(thesis.paragraphs.contains { $0[1] == "«Jeg er en sparringspartner, ikke en sjef.» (Siri)" })
    }

    @Test func aSnapshotExportsTheAnalysisAsItWasAndCSVHasEveryLink() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        _ = try finished(s)
        try s.stc.takeSnapshot("Etter trinn 3")
        #expect(throws: StoreError.self) { try s.stc.takeSnapshot("etter trinn 3") }
        // The subgroup is dropped afterwards; the snapshot still has it.
        _ = try s.store.deleteCode("To roller", force: true)
        #expect(try s.stc.model().groups[0].subgroups.map(\.name) == ["Sparringspartner"])
        let kept = try s.stc.snapshot("Etter trinn 3")
        #expect(kept.groups[0].subgroups.map(\.name) == ["Sparringspartner", "To roller"])
        #expect(kept.groups[0].subgroups[1].condensate?.hasPrefix("Jeg har egne deltakere") == true)
        #expect(try s.stc.snapshots().map(\.label) == ["Etter trinn 3"])
        #expect(throws: StoreError.self) { try s.stc.snapshot("Finnes ikke") }

        let csv = kept.csvTable()
        #expect(csv.headers == ["nivå", "kodegruppe", "mening", "meningsbærende enhet", "deltakere", "transkripsjon", "linjer", "koder",
                                "tekst", "gullsitat", "motsier", "kondensat"])
        // Two units in each of two subgroups, four in the group, one in Relasjon.
        #expect(csv.rows.filter { $0[0] == "mening" }.count == 4)
        #expect(csv.rows.filter { $0[0] == "kodegruppe" }.count == 5)
        #expect(csv.rows.filter { $0[9] == "ja" }.count == 2)
        let file = s.folder.appendingPathComponent("analyse.csv")
        try Data(csv.renderCSV(delimiter: ";", byteOrderMark: true).utf8).write(to: file)
        let rows = try JSONDecoder().decode([[String]].self, from: runPython("""
            import csv, json, sys
            print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""), delimiter=";"))))
            """, [file.path]))
        #expect(rows.count == csv.rows.count + 1)
    }

    @Test func unitsMoveForRealAndGroupsAreRetiredAndMergedWithASnapshotFirst() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        _ = try finished(s)
        let tore = try #require(try s.stc.units(group: "Balansekunst/Sparringspartner").first { $0.participants == ["Tore"] })
        // A move with --from takes the unit out of the old subgroup.
        try s.stc.moveUnit(tore.id.shortID, to: "Balansekunst/To roller", from: "Balansekunst/Sparringspartner")
        #expect(try s.stc.units(group: "Balansekunst/Sparringspartner").map(\.id) == [try s.stc.model().groups[0].subgroups[0].goldenUnit!])
        #expect(throws: StoreError.self) { try s.stc.moveUnit(tore.id.shortID, to: "Balansekunst/To roller", from: "Relasjon/Ingen") }

        // Retiring leaves status and exports but keeps a snapshot; restoring brings it back.
        try s.stc.retire("Relasjon")
        #expect(try s.stc.model().groups.map(\.name) == ["Balansekunst"])
        #expect(try s.stc.snapshots().first?.label.hasPrefix("Før «Relasjon» ble lagt bort") == true)
        try s.stc.retire("Relasjon", restore: true)
        #expect(try s.stc.model().groups.map(\.name) == ["Balansekunst", "Relasjon"])

        // Merging two subgroups: the units move, the merged one's condensate lives on in the snapshot.
        try s.stc.addGroup("Organisering")
        try s.stc.link("Balansekunst/To roller", to: "Organisering")
        let report = try s.stc.merge("Balansekunst/To roller", into: "Balansekunst/Sparringspartner")
        // The merged subgroup's link went over to the target.
        #expect(try s.stc.model().groups.first { $0.name == "Organisering" }?.subgroups.map(\.name) == ["Sparringspartner"])
        #expect(report.codingsMoved == 3)
        #expect(try s.stc.model().groups[0].subgroups.map(\.name) == ["Sparringspartner"])
        let before = try #require(try s.stc.snapshots().last)
        #expect(before.label.hasPrefix("Før «To roller» ble slått sammen med «Sparringspartner»"))
        #expect(try s.stc.snapshot(before.label).groups[0].subgroups.map(\.name) == ["Sparringspartner", "To roller"])
        #expect(throws: CondensationError.invalidMerge(source: "Balansekunst", target: "Balansekunst/Sparringspartner")) {
            try s.stc.merge("Balansekunst", into: "Balansekunst/Sparringspartner")
        }
        // Renaming a group is the core's code rename: its texts follow.
        try s.store.updateCode("Balansekunst", name: "Balansegang")
        #expect(try s.stc.group("Balansegang").heading == "Balansekunsten")
    }

    @Test func theLooserVariantLinksAThemeToTwoCategoriesWithoutCondensates() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        try s.stc.set("variant", to: "tema")
        try s.stc.set("group", to: "kategori")
        try s.stc.set("subgroup", to: "tema")
        let unit = try s.stc.addUnit("siri", .quote("Jeg skal både veilede og ha egne deltakere. Det er en balansekunst.", occurrence: nil),
                                     groups: ["Balansekunst", "Organisering"])
        _ = try s.store.code("siri", .quote("Jeg skal både veilede og ha egne deltakere. Det er en balansekunst.", occurrence: nil), codes: ["Makt", "Ansvar"])
        try s.stc.addSubgroup("Balansekunst", "Struktur og innhold")
        try s.stc.addSubgroup("Organisering", "Fag og ledelse")
        try s.stc.link("Balansekunst/Struktur og innhold", to: "Organisering")
        try s.stc.moveUnit(unit.segment.id.shortID, to: "Balansekunst/Struktur og innhold")
        #expect(throws: StoreError.self) { try s.stc.set("variant", to: "annet") }
        #expect(throws: CondensationError.invalidLink(subgroup: "Balansekunst", group: "Organisering")) {
            try s.stc.link("Balansekunst", to: "Organisering")
        }

        let status = try s.stc.status()
        #expect(status.step == 4)
        #expect(!status.missing.contains {
            switch $0 {
            case .noCondensate, .noGoldenQuote, .unsortedUnits: true
            default: false
            }
        })
        let model = try s.stc.model()
        #expect(model.groups.map { $0.subgroups.map(\.name) } == [["Struktur og innhold"], ["Fag og ledelse", "Struktur og innhold"]])
        // «Tabell 2»: unit | codes | themes | categories, one unit under two categories.
        let word = try read(model.tablesDocument(), s, "tabeller.docx")
        #expect(word.tables[1][0] == ["Meningsbærende enhet", "Kode", "Tema", "Kategori"])
        #expect(word.tables[1][1][1...3] == ["Ansvar, Makt", "Struktur og innhold", "Balansekunst, Organisering"])
    }

    @Test func hostileNamesAndFiveHundredUnitsGoThroughEveryExport() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        // A long transcript: 500 lines by one speaker, each a unit (one command each, as a user works).
        let lines = (1...500).map { "Siri: Dette er utsagn nummer \($0) om «tillit» og æøå 👍🏽." }.joined(separator: "\n")
        let file = s.folder.appendingPathComponent("lang.txt")
        try Data(lines.utf8).write(to: file)
        var options = ImportOptions()
        options.participants = ["Siri"]
        try s.store.importTranscripts([file], options: options)
        let hostile = "=HYPERLINK(\"x\")"
        try s.stc.addGroup(hostile)
        try s.stc.addSubgroup(hostile, "«Sitat» & <tag>")
        try s.stc.addSubgroup(hostile, "Tredje 👍🏽")
        var ids: [String] = []
        for line in 1...500 {
            ids.append(try s.stc.addUnit("lang", .lines(line...line), groups: [hostile]).segment.id.shortID)
        }
        for (index, id) in ids.enumerated() { try s.stc.moveUnit(id, to: index.isMultiple(of: 2) ? "«Sitat» & <tag>" : "Tredje 👍🏽") }
        try s.stc.condense("«Sitat» & <tag>", text: "Jeg <b>mener</b> «dette» & mer.", golden: ids[0])
        try s.stc.condense("Tredje 👍🏽", text: "=1+1", golden: ids[1])
        #expect(throws: StoreError.self) { try s.stc.addTheme("to\nlinjer") }
        #expect(throws: StoreError.self) { try s.stc.condense("«Sitat» & <tag>", text: nil, golden: "zzzz") }
        let nowhere = UUID()
        #expect(throws: StoreError.missing(.segment, nowhere)) { try s.stc.condense("«Sitat» & <tag>", text: nil, golden: nowhere) }
        #expect(throws: StoreError.missing(.segment, nowhere)) { try s.stc.moveUnit(nowhere, to: "Tredje 👍🏽") }

        let model = try s.stc.model()
        #expect(model.units.count == 500)
        let word = try read(model.tablesDocument(), s, "store-tabeller.docx")
        #expect(word.tables[0].count == 501)
        #expect(word.tables[3].contains { $0[2] == "Jeg <b>mener</b> «dette» & mer." })
        let chapter = try read(model.chapterDocument(), s, "stort-kapittel.docx")
        #expect(chapter.paragraphs.contains { $0[0] == "Heading 2" && $0[1] == hostile })
        let csv = model.csvTable().renderCSV()
        #expect(csv.contains("'=HYPERLINK"))  // a formula in a name is neutralised for spreadsheets
        #expect(!csv.contains(",=1+1"))
        #expect(try s.stc.validate().findings.filter { $0.kind == .thinSupport }.count == 2)  // one participant in each
    }

    @Test func anEnglishExportUsesEnglishWordsAndTheLevelNamesGiven() throws {
        let s = try study()
        defer { try? FileManager.default.removeItem(at: s.folder) }
        _ = try finished(s)
        for (key, value) in [("unit", "meaning unit"), ("code", "code"), ("subgroup", "subgroup"), ("group", "code group"),
                             ("condensate", "condensate"), ("goldenQuote", "golden quote")] {
            try s.stc.set(key, to: value)
        }
        let model = try s.stc.model()
        let tables = try read(model.tablesDocument(language: .en), s, "tables.docx")
        #expect(tables.paragraphs.filter { $0[0] == "Caption" }.map { $0[1] } == [
            "Table 1 Examples of meaning units and codes", "Table 2 From meaning units through codes and subgroups to code groups",
            "Table 3 Overview of code groups, subgroups and codes", "Table 4 Condensates and golden quotes"])
        let chapter = try read(model.chapterDocument(language: .en), s, "chapter.docx")
        #expect(chapter.paragraphs.first?[1] == "Results")
        #expect(chapter.paragraphs.contains { $0[1] == "Rests on 4 meaning units from both participants: Siri, Tore." })
        #expect(model.csvTable(language: .en).headers.prefix(5) == ["level", "code group", "subgroup", "meaning unit", "participants"])
    }
}
