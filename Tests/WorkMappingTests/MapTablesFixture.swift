import Foundation
import QualCode
import TestSupport
@testable import WorkMapping

/// A small synthetic work map (our own sentences, no real names) with the counts worked out by hand:
///
/// | step (order)                         | actions               | texts                                             | evidence                      |
/// |--------------------------------------|-----------------------|---------------------------------------------------|-------------------------------|
/// | 1 Henvisning                         | Ringe jobbsøkeren     | Henvisningsskjema (its own; used by the action)   | Siv 2 (one on the action), Ola 1 |
/// | 2 Kartlegge jobbsøker (order loose)  | Møte utenfor kontoret | Kartleggingsmal (its own; used), Kvalitetsveileder (governs) | Siv 1, Ola 1        |
///
/// Process-wide: «Forskrift om oppfølging» regulates «Kvalitetsveileder», which regulates
/// «Kartleggingsmal». Clauses: «Tid ute» (65 %) of the Kvalitetsveileder, cited for the mapping step;
/// «Alle spørsmål gjennomgås» of the Kartleggingsmal, set against the accounts by a disjuncture. Siv's
/// transcript is read with all four standing questions, Ola's with one.
struct MapStudy {
    static let siv = """
        Intervjuer: Hvordan begynner et forløp hos deg?
        Siv: Det starter med at veilederen sender en henvisning, og da ringer jeg personen samme dag for å høre om hun vil være med.
        Intervjuer: Hva skjer så?
        Siv: Vi møtes på en kafé, og jeg bruker kartleggingsmalen, men jeg hopper over spørsmålene om helse når praten flyter godt.
        Siv: Målet er at vi skal være ute av kontoret mesteparten av uka, men møtene på huset spiser opp tida.
        """
    static let ola = """
        Intervjuer: Hva gjør du først når en henvisning kommer?
        Ola: Jeg leser henvisningen grundig og avtaler et første møte på biblioteket i løpet av uka.
        Intervjuer: Og kartleggingen?
        Ola: Kartleggingsmalen tar jeg i biter over tre møter, ellers føles det som et forhør.
        """
    /// Ola's passage about the template, which an edit removes in the tests of removed evidence.
    static let olaTemplate = "Kartleggingsmalen tar jeg i biter over tre møter, ellers føles det som et forhør."

    let folder: URL
    let map: WorkMapping
    let siv: Transcript.ID
    let ola: Transcript.ID

    /// An empty project: two informants and their transcripts, no map yet.
    static func empty(participants: Bool = true) throws -> MapStudy {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kart-tabeller-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try ProjectStore.create(at: folder.appendingPathComponent("kart.qualcode"), title: "Jobbspesialister", coder: "kari",
                                            extensions: [WorkMapping.schema])
        var ids: [Transcript.ID] = []
        if participants {
            for (name, text, service) in [("Siv", siv, "IPS"), ("Ola", ola, "Utvidet oppfølging")] {
                try store.addParticipant(pseudonym: name, attributes: [("rolle", "jobbspesialist"), ("tjeneste", service)])
                let file = folder.appendingPathComponent("intervju-\(name.lowercased()).txt")
                try text.write(to: file, atomically: true, encoding: .utf8)
                var options = ImportOptions()
                options.participants = [name]
                try store.importTranscripts([file], options: options)
                ids.append(try store.resolve.transcript("intervju-\(name.lowercased())"))
            }
        }
        return MapStudy(folder: folder, map: WorkMapping(store), siv: ids.first ?? UUID(), ola: ids.last ?? UUID())
    }

    /// The study with its map.
    static func make() throws -> MapStudy {
        let study = try empty()
        let map = study.map
        try map.setStandpoint("jobbspesialister i NAV")
        let henvisning = try map.addStep("Henvisning")
        let kartlegge = try map.addStep("Kartlegge jobbsøker", orderNotFixed: true)
        let ringe = try map.addAction("Ringe jobbsøkeren", in: henvisning.id)
        let møte = try map.addAction("Møte utenfor kontoret", in: kartlegge.id)
        let spesialist = try map.addActor("Jobbspesialist")
        let veileder = try map.addActor("NAV-veileder", institution: "NAV")
        let skjema = try map.addText("Henvisningsskjema", kind: .form, scope: .step, step: henvisning.id, issuer: "NAV")
        let mal = try map.addText("Kartleggingsmal", kind: .form, scope: .step, step: kartlegge.id, issuer: "NAV", version: "2021",
                                  provenance: "tilsendt fra kontoret")
        let kvalitet = try map.addText("Kvalitetsveileder", kind: .qualityTool, scope: .process, issuer: "Direktoratet", version: "2019",
                                       date: "mars 2019")
        let forskrift = try map.addText("Forskrift om oppfølging", kind: .law, scope: .process)
        func node(_ kind: MapNodeKind, _ id: UUID) -> WorkMapping.NodeReference { .init(kind, id) }
        try map.link(.performs, from: node(.actor, veileder.id), to: node(.step, henvisning.id))
        try map.link(.performs, from: node(.actor, spesialist.id), to: node(.action, ringe.id))
        try map.link(.performs, from: node(.actor, spesialist.id), to: node(.action, møte.id))
        try map.link(.uses, from: node(.action, ringe.id), to: node(.text, skjema.id))
        try map.link(.uses, from: node(.step, kartlegge.id), to: node(.text, mal.id))
        try map.link(.governs, from: node(.text, kvalitet.id), to: node(.step, kartlegge.id))
        try map.link(.regulates, from: node(.text, forskrift.id), to: node(.text, kvalitet.id))
        try map.link(.regulates, from: node(.text, kvalitet.id), to: node(.text, mal.id))
        try map.link(.precedes, from: node(.step, henvisning.id), to: node(.step, kartlegge.id))

        let tidUte = try map.addClause(to: kvalitet.id, label: "Tid ute", metric: "andel av arbeidstiden ute", value: 65, unit: "%", place: "kap. 3")
        let alle = try map.addClause(to: mal.id, label: "Alle spørsmål gjennomgås", excerpt: "Malen fylles ut i sin helhet.", place: "s. 2")
        try map.cite(tidUte.id, for: node(.step, kartlegge.id))

        func quote(_ text: String) -> SegmentSelector { .quote(text, occurrence: nil) }
        try map.addEvidence(to: node(.step, henvisning.id), transcript: study.siv, quote("veilederen sender en henvisning"))
        try map.addEvidence(to: node(.action, ringe.id), transcript: study.siv, quote("da ringer jeg personen samme dag for å høre om hun vil være med"))
        try map.addEvidence(to: node(.step, henvisning.id), transcript: study.ola,
                            quote("Jeg leser henvisningen grundig og avtaler et første møte på biblioteket i løpet av uka."))
        try map.addEvidence(to: node(.step, kartlegge.id), transcript: study.siv,
                            quote("jeg bruker kartleggingsmalen, men jeg hopper over spørsmålene om helse når praten flyter godt"))
        try map.addEvidence(to: node(.step, kartlegge.id), transcript: study.ola, quote(olaTemplate))
        try map.addEvidence(to: node(.text, mal.id), transcript: study.ola, quote(olaTemplate))

        let problematic = try map.addProblematic("Hvordan balanserer jobbspesialisten metodens krav og eget skjønn?")
        let brudd = try map.addDisjuncture("Malen tas i biter eller hoppes over", kind: .textPractice, step: kartlegge.id, clauses: [alle.id],
                                           problematic: problematic.id, note: "Skjønnet veier tyngre enn malen.")
        try map.addEvidence(to: node(.disjuncture, brudd.id), transcript: study.siv, quote("jeg hopper over spørsmålene om helse"))
        try map.addEvidence(to: node(.disjuncture, brudd.id), transcript: study.ola, quote("ellers føles det som et forhør"))
        let møter = try map.addDisjuncture("Møter på huset mot tid ute", kind: .textText, clauses: [tidUte.id])
        try map.addEvidence(to: node(.disjuncture, møter.id), transcript: study.siv, quote("møtene på huset spiser opp tida"))

        let questions = try map.questions()
        for question in questions { try map.answer(question.id, for: study.siv, "Hun forteller om henvisning og kartlegging.") }
        try map.answer(questions[0].id, for: study.ola, "Han forteller om kartleggingen.")
        return study
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    // MARK: - Reading back

    static func plain(_ table: Table) -> (header: [String], rows: [[String]], notes: [String]) {
        (table.header.map(Inline.plainText), table.rows.map { $0.map(Inline.plainText) }, table.notes.map(Inline.plainText))
    }

    /// What python-docx reads of a Word file: the tables' cells, the headings, and for each heading
    /// and table whether the section it is in is set in landscape.
    struct WordFile: Decodable {
        var tables: [[[String]]]
        var headings: [String]
        /// "heading:<text>" or "table:<number from 1>" → landscape.
        var landscape: [String: Bool]
    }

    static func readDocx(_ url: URL) throws -> WordFile {
        try JSONDecoder().decode(WordFile.self, from: runPython("""
            import docx, json, sys
            from docx.enum.section import WD_ORIENT
            from docx.oxml.ns import qn
            d = docx.Document(sys.argv[1])
            landscape = [s.orientation == WD_ORIENT.LANDSCAPE for s in d.sections]
            where, section, tables = {}, 0, 0
            for child in d.element.body.iterchildren():
                if child.tag == qn("w:p"):
                    ppr = child.find(qn("w:pPr"))
                    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
                    if style is not None and style.get(qn("w:val")).startswith("Heading"):
                        where["heading:" + "".join(t.text or "" for t in child.iter(qn("w:t")))] = landscape[section]
                    if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
                        section += 1
                elif child.tag == qn("w:tbl"):
                    tables += 1
                    where["table:%d" % tables] = landscape[section]
            print(json.dumps({"tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
                              "headings": [p.text for p in d.paragraphs if p.style.name.startswith("Heading")],
                              "landscape": where}))
            """, [url.path]))
    }

    /// The rows as Python's csv module reads them (the byte-order mark removed by utf-8-sig).
    static func readCSV(_ url: URL) throws -> [[String]] {
        try JSONDecoder().decode([[String]].self, from: runPython("""
            import csv, json, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                print(json.dumps(list(csv.reader(f))))
            """, [url.path]))
    }
}
