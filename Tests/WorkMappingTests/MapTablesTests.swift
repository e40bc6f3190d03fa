import Foundation
import QualCode
import Testing
@testable import WorkMapping

/// The work map's tables on a real project file (``MapStudy``): the exact cells of the key columns,
/// the document read back by python-docx with its landscape pages, one table as CSV read back by
/// Python's csv module, removed evidence listed as removed, an empty map, English words.
@Suite struct MapTablesTests {
    // MARK: - The cells

    @Test func theStepTableHoldsActionsTextsActorsRequirementsAccountsAndKeyQuotes() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        let table = try study.map.table(.steps)
        let (header, rows, notes) = MapStudy.plain(table)
        #expect(Inline.plainText(table.caption).hasPrefix("Stegene i arbeidet") && table.landscape)
        #expect(header == ["Steg", "Handlinger", "Tekster", "Aktører", "Formelle krav", "Beretninger", "Nøkkelsitater"])
        #expect(rows.count == 2)
        #expect(rows[0] == [
            "Henvisning", "Ringe jobbsøkeren", "Henvisningsskjema (brukes)", "Jobbspesialist, NAV-veileder", "",
            "3 passasjer fra 2 informanter: Ola, Siv",
            // Siv has more passages, so she comes first; of hers the whole thought, not the four words. The
            // house style marks where the passage starts mid-sentence.
            "«… da ringer jeg personen samme dag for å høre om hun vil være med» (Siv)\n"
                + "«Jeg leser henvisningen grundig og avtaler et første møte på biblioteket i løpet av uka.» (Ola)",
        ])
        #expect(rows[1] == [
            "Kartlegge jobbsøker\n(rekkefølge ikke fast)", "Møte utenfor kontoret",
            // The governing text by level before the form; the step's own text also used by it.
            "Kvalitetsveileder (styrer)\nKartleggingsmal (brukes)", "Jobbspesialist",
            // The clause cited for the step, then its texts' clauses, each once.
            "Kvalitetsveileder: Tid ute (65 %)\nKartleggingsmal: Alle spørsmål gjennomgås",
            "2 passasjer fra 2 informanter: Ola, Siv",
            "«Kartleggingsmalen tar jeg i biter over tre møter, ellers føles det som et forhør.» (Ola)\n"
                + "«… jeg bruker kartleggingsmalen, men jeg hopper over spørsmålene om helse når praten flyter godt» (Siv)",
        ])
        #expect(notes.count == 1 && notes[0].contains("rekkefølge ikke fast") && notes[0].hasSuffix("Sett fra ståstedet til jobbspesialister i NAV."))
        // Quotes in the thesis style are italic; the label after them is not.
        let quote = table.rows[0][6]
        #expect(quote.first == .text("«… da ringer jeg personen samme dag for å høre om hun vil være med»", .italic))
        #expect(quote[1] == .text(" (Siv)"))
    }

    @Test func aLongKeyQuoteIsCutWithTheHouseStylesMark() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        let step = try study.map.addStep("Oppfølging")
        try study.map.addEvidence(to: .init(.step, step.id), transcript: study.siv, .lines(4...5))
        let cell = MapStudy.plain(try study.map.table(.steps)).rows[2][6]
        #expect(cell.hasPrefix("«Vi møtes på en kafé, og jeg bruker kartleggingsmalen,") && cell.hasSuffix(" …» (Siv)"), "\(cell)")
        let quote = cell.dropFirst().prefix { $0 != "»" }
        #expect(quote.count <= MapContents.keyQuoteLength && !quote.contains("tida"), "\(quote)")
        // The quotes by step give it whole.
        #expect(MapStudy.plain(try study.map.table(.quotes)).rows.last?[3].hasSuffix("spiser opp tida.»") == true)
    }

    @Test func theTextInventoryFollowsTheHierarchyWithClausesEvidenceAndProvenance() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        let (header, rows, _) = MapStudy.plain(try study.map.table(.texts))
        #expect(header == ["Tekst", "Type", "Utsteder", "Versjon og dato", "Omfang", "Regulert av / regulerer", "Klausuler", "Belegg", "Opphav og fil"])
        #expect(rows == [
            ["Forskrift om oppfølging", "lov eller forskrift", "", "", "hele prosessen", "Regulerer: Kvalitetsveileder", "", "ingen passasjer", ""],
            ["Kvalitetsveileder", "kvalitetsverktøy", "Direktoratet", "2019, mars 2019", "hele prosessen",
             "Regulert av: Forskrift om oppfølging\nRegulerer: Kartleggingsmal", "Tid ute (65 %), kap. 3", "ingen passasjer", ""],
            ["Henvisningsskjema", "skjema eller mal", "NAV", "", "Henvisning", "", "", "ingen passasjer", ""],
            ["Kartleggingsmal", "skjema eller mal", "NAV", "2021", "Kartlegge jobbsøker", "Regulert av: Kvalitetsveileder",
             "Alle spørsmål gjennomgås, s. 2", "1 passasje fra 1 informant", "tilsendt fra kontoret"],
        ])
    }

    @Test func clauseValuesAreWrittenWithADecimalCommaAndHugeOnesDoNotTrap() throws {
        let study = try MapStudy.empty(participants: false)
        defer { study.remove() }
        let text = try study.map.addText("Måltall", kind: .target, scope: .process)
        _ = try study.map.addClause(to: text.id, label: "Portefølje", value: 17.5, unit: "deltakere")
        _ = try study.map.addClause(to: text.id, label: "Enormt", value: 1e300)
        #expect(MapStudy.plain(try study.map.table(.texts)).rows[0][6] == "Portefølje (17,5 deltakere)\nEnormt (1e+300)")
    }

    @Test func theDisjunctureRegisterSetsTheTextAgainstTheAccounts() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        let table = try study.map.table(.disjunctures)
        let (header, rows, notes) = MapStudy.plain(table)
        #expect(header == ["Brudd", "Type", "Steg", "Den formelle teksten sier", "Beretningene sier", "Informanter", "Problematikk", "Merknad"])
        #expect(rows == [
            ["Malen tas i biter eller hoppes over", "tekst–praksis", "Kartlegge jobbsøker",
             "Kartleggingsmal: Alle spørsmål gjennomgås – «Malen fylles ut i sin helhet.»",
             "«… ellers føles det som et forhør» (Ola)\n«… jeg hopper over spørsmålene om helse» (Siv)",
             "2 passasjer fra 2 informanter: Ola, Siv", "Hvordan balanserer jobbspesialisten metodens krav og eget skjønn?",
             "Skjønnet veier tyngre enn malen."],
            // No step: after those of a step.
            ["Møter på huset mot tid ute", "tekst–tekst", "", "Kvalitetsveileder: Tid ute (65 %)", "«… møtene på huset spiser opp tida» (Siv)",
             "1 passasje fra 1 informant: Siv", "", ""],
        ])
        #expect(notes[0].hasPrefix("Tekst–praksis:") && table.landscape)
    }

    @Test func theQuotesByStepListEveryPassageWithWhoAndWhere() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        let table = try study.map.table(.quotes)
        let (header, rows, _) = MapStudy.plain(table)
        #expect(header == ["Steg", "Handling", "Informant", "Sitat", "Transkripsjon, linje"] && !table.landscape)
        #expect(rows == [
            ["Henvisning", "", "Ola", "«Jeg leser henvisningen grundig og avtaler et første møte på biblioteket i løpet av uka.»", "intervju-ola, 2"],
            ["Henvisning", "", "Siv", "«… veilederen sender en henvisning»", "intervju-siv, 2"],
            ["Henvisning", "Ringe jobbsøkeren", "Siv", "«… da ringer jeg personen samme dag for å høre om hun vil være med»", "intervju-siv, 2"],
            ["Kartlegge jobbsøker", "", "Ola", "«Kartleggingsmalen tar jeg i biter over tre møter, ellers føles det som et forhør.»", "intervju-ola, 4"],
            ["Kartlegge jobbsøker", "", "Siv", "«… jeg bruker kartleggingsmalen, men jeg hopper over spørsmålene om helse når praten flyter godt»",
             "intervju-siv, 4"],
        ])
    }

    @Test func theInformantTableCountsStepsPassagesAndAnswers() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        let (header, rows, _) = MapStudy.plain(try study.map.table(.informants))
        #expect(header == ["Informant", "Transkripsjon", "rolle", "tjeneste", "Steg med belegg", "Passasjer", "Spørsmål besvart"])
        #expect(rows == [
            // Ola: his referral, the template (one passage for the step and the text), the disjuncture's words.
            ["Ola", "intervju-ola", "jobbspesialist", "Utvidet oppfølging", "Henvisning, Kartlegge jobbsøker", "3", "1 av 4"],
            ["Siv", "intervju-siv", "jobbspesialist", "IPS", "Henvisning, Kartlegge jobbsøker", "5", "4 av 4"],
        ])
    }

    // MARK: - Removed evidence, an empty map, English

    @Test func evidenceWhoseTextWasRemovedIsListedAsRemoved() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        // The question and the answer go (replacing exactly a passage's words would move the passage onto the new ones).
        _ = try study.map.store.replaceText(in: study.ola, find: "Og kartleggingen?\nOla: " + MapStudy.olaTemplate, with: "Takk for praten!")
        let quotes = MapStudy.plain(try study.map.table(.quotes)).rows
        #expect(quotes.count == 5)
        // Listed where it was, without its text; with its words gone the core no longer knows who said it.
        #expect(quotes[3] == ["Kartlegge jobbsøker", "", "", "[passasjen er fjernet fra transkripsjonen]", "intervju-ola"])
        #expect(try study.map.table(.quotes).rows[3][3] == [.italic("[passasjen er fjernet fra transkripsjonen]")])
        let steps = MapStudy.plain(try study.map.table(.steps)).rows
        #expect(steps[1][5] == "1 passasje fra 1 informant: Siv\n1 passasje fjernet fra transkripsjonen")
        #expect(steps[1][6] == "«… jeg bruker kartleggingsmalen, men jeg hopper over spørsmålene om helse når praten flyter godt» (Siv)")
        let texts = MapStudy.plain(try study.map.table(.texts)).rows
        #expect(texts[3][7] == "ingen passasjer\n1 passasje fjernet fra transkripsjonen")
        let informants = MapStudy.plain(try study.map.table(.informants)).rows
        #expect(informants[0][4...5] == ["Henvisning", "1"])
    }

    @Test func anEmptyMapGivesTablesThatSaySo() throws {
        let study = try MapStudy.empty(participants: false)
        defer { study.remove() }
        var notes: [String] = []
        for kind in MapTableKind.allCases {
            let table = try study.map.table(kind)
            #expect(table.rows.isEmpty, "\(kind)")
            notes.append(MapStudy.plain(table).notes.joined())
        }
        #expect(notes == ["Arbeidskartet har ingen steg ennå.", "Arbeidskartet har ingen tekster ennå.", "Ingen brudd er registrert ennå.",
                          "Arbeidskartet har ingen steg ennå.", "Prosjektet har ingen informanter ennå."])
        // And the document of them renders and reads back.
        let url = study.folder.appendingPathComponent("tom.docx")
        try study.map.tablesDocument().write(as: .docx, to: url)
        let word = try MapStudy.readDocx(url)
        #expect(word.tables.count == 5 && word.tables.allSatisfy { $0.count == 1 })
    }

    @Test func englishTablesHaveEnglishWords() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        let steps = MapStudy.plain(try study.map.table(.steps, language: .en))
        #expect(steps.header == ["Step", "Actions", "Texts", "Actors", "Formal requirements", "Accounts", "Key quotes"])
        #expect(steps.rows[1][0] == "Kartlegge jobbsøker\n(order not fixed)" && steps.rows[1][2] == "Kvalitetsveileder (governs)\nKartleggingsmal (used)")
        #expect(steps.rows[0][5] == "3 passages from 2 informants: Ola, Siv")
        let texts = MapStudy.plain(try study.map.table(.texts, language: .en))
        #expect(texts.header == ["Text", "Kind", "Issuer", "Version and date", "Scope", "Regulated by / regulates", "Clauses", "Evidence",
                                 "Provenance and file"])
        #expect(texts.rows[0][1...4] == ["law or regulation", "", "", "the whole process"])
        #expect(MapStudy.plain(try study.map.table(.disjunctures, language: .en)).rows[0][1] == "text–practice")
        #expect(MapStudy.plain(try study.map.table(.informants, language: .en)).rows[1][6] == "4 of 4")
        let document = try study.map.tablesDocument([.quotes], language: .en)
        #expect(document.title == "The work map in tables" && document.blocks.first == .heading(level: 1, [.text("Quotes by step")]))
    }

    // MARK: - Files read back

    @Test func theTablesDocumentReadsBackInWordWithTheWideTablesInLandscape() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        let url = study.folder.appendingPathComponent("kart-tabeller.docx")
        let report = try study.map.exportTables(MapTablesExportRequest(), to: ExportTarget(path: url.path, format: .docx))
        #expect(report.rows == [.steps: 2, .texts: 4, .disjunctures: 2, .quotes: 5, .informants: 2])
        let word = try MapStudy.readDocx(url)
        #expect(word.headings == ["Stegene i arbeidet", "Tekstene", "Brudd", "Sitater etter steg", "Informantene"])
        let steps = MapStudy.plain(try study.map.table(.steps))
        #expect(word.tables.count == 5 && word.tables[0] == [steps.header] + steps.rows)
        #expect(word.tables[4][2] == ["Siv", "intervju-siv", "jobbspesialist", "IPS", "Henvisning, Kartlegge jobbsøker", "5", "4 av 4"])
        // The wide tables on landscape pages, each with its heading; the quotes and informants upright.
        #expect(word.landscape == ["heading:Stegene i arbeidet": true, "table:1": true, "heading:Tekstene": true, "table:2": true,
                                   "heading:Brudd": true, "table:3": true, "heading:Sitater etter steg": false, "table:4": false,
                                   "heading:Informantene": false, "table:5": false])
        if let keep = ProcessInfo.processInfo.environment["QUALCODE_SAMPLE_DIR"] {
            let target = URL(fileURLWithPath: keep).appendingPathComponent("kart-tabeller.docx")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: url, to: target)
        }
    }

    @Test func oneTableGoesToCSVAndSeveralAreRefused() throws {
        let study = try MapStudy.make()
        defer { study.remove() }
        let url = study.folder.appendingPathComponent("steg.csv")
        let report = try study.map.exportTables(MapTablesExportRequest(kinds: [.steps]), to: ExportTarget(path: url.path, format: .csv))
        #expect(report.rows == [.steps: 2])
        let steps = MapStudy.plain(try study.map.table(.steps))
        #expect(try MapStudy.readCSV(url) == [steps.header] + steps.rows)

        let both = study.folder.appendingPathComponent("begge.csv")
        #expect(throws: MapError.oneTablePerCSV(tables: [.steps, .texts])) {
            try study.map.exportTables(MapTablesExportRequest(kinds: [.steps, .texts, .steps]), to: ExportTarget(path: both.path, format: .csv))
        }
        #expect(throws: MapError.noTables) {
            try study.map.exportTables(MapTablesExportRequest(kinds: []), to: ExportTarget(path: both.path, format: .docx))
        }
        #expect(!FileManager.default.fileExists(atPath: both.path))
        #expect(MapError.oneTablePerCSV(tables: [.steps, .texts]).description
                == "a CSV file holds one table, and 2 were named (steps, texts): write each to a CSV file of its own, or all of them to one document; nothing was written.")
    }
}
