import Foundation
@testable import QualCode
import Testing

/// A small synthetic study for the standard tables, with counts worked out by hand:
///
/// | participant | rolle          | tjeneste                      | ansiennitet | says (codes)                                      |
/// |-------------|----------------|-------------------------------|-------------|---------------------------------------------------|
/// | Bjørn       | jobbspesialist | IPS                           | 4           | Tillit, Sparringspartner; Det navske (shared)     |
/// | Cecilie     | metodeveileder | Utvidet oppfølging            | 10          | Tillit, =cmd(); Det navske (shared)               |
/// | Dagfinn     | leder          | IPS                           | –           | Tillit (focus group)                              |
/// | Ylva        | =SUM(A1)       | «Arbeid først»; 🙂⏎ny linje   | –           | –                                                 |
/// | Åse         | jobbspesialist | IPS                           | 2,5         | Tillit, Balansekunst, Det navske                  |
/// | Ørjan       | jobbspesialist | –                             | 1           | –                                                 |
///
/// One «Det navske» segment in the focus group runs over Bjørn's and Cecilie's turns; one «Tillit»
/// segment is in field notes nobody known said. `Sparringspartner` sits under `Balansekunst`.
enum TableFixture {
    static let hostileService = "«Arbeid først»; 🙂\nny linje"

    static func project(_ folder: TemporaryFolder) throws -> ProjectStore {
        let store = try folder.project()
        try store.addParticipant(pseudonym: "Åse", label: "Informant A", attributes: [("rolle", "jobbspesialist"), ("tjeneste", "IPS"), ("ansiennitet", "2,5")])
        try store.addParticipant(pseudonym: "Bjørn", label: "Informant B", attributes: [("rolle", "jobbspesialist"), ("tjeneste", "IPS"), ("ansiennitet", "4")])
        try store.addParticipant(pseudonym: "Cecilie", label: "Informant C", attributes: [("rolle", "metodeveileder"), ("tjeneste", "Utvidet oppfølging"), ("ansiennitet", "10")])
        try store.addParticipant(pseudonym: "Dagfinn", label: "Leder D", attributes: [("rolle", "leder"), ("tjeneste", "IPS")])
        try store.addParticipant(pseudonym: "Ylva", attributes: [("rolle", "=SUM(A1)"), ("tjeneste", hostileService)])
        try store.addParticipant(pseudonym: "Ørjan", attributes: [("rolle", "jobbspesialist"), ("ansiennitet", "1")])

        func load(_ name: String, _ text: String, participants: [String]) throws {
            var options = ImportOptions()
            options.participants = participants
            try store.importTranscripts([try folder.write(name, text)], options: options)
        }
        try load("ase.txt", """
            Intervjuer: Hvordan er hverdagen?
            Åse: Tillit er grunnmuren i alt vi gjør sammen med deltakerne.
            Intervjuer: Og arbeidsgiverne?
            Åse: Det er en balansekunst mellom deltakernes ønsker og arbeidsgivernes behov.
            Åse: Systemet er veldig navsk, med skjemaer for alt.
            """, participants: ["Åse"])
        try load("bjorn.txt", """
            Intervjuer: Fortell om rollen.
            Bjørn: Tillit tar tid å bygge, men den kan raseres på en dag.
            Bjørn: Jeg er sparringspartner for kollegene mine når de står fast.
            """, participants: ["Bjørn"])
        try load("cecilie.txt", """
            Intervjuer: Hva er viktigst?
            Cecilie: Tillit, og at vi våger å si fra når noe ikke fungerer.
            Cecilie: =cmd() står det i regnearket, sa hun, og lo.
            """, participants: ["Cecilie"])
        try load("fokusgruppe.txt", """
            Ordstyrer: Velkommen til fokusgruppen.
            Bjørn: Det navske er at alt skal dokumenteres to ganger.
            Cecilie: Ja, og det tar tid fra deltakerne.
            Dagfinn: Tillit mellom teamene betyr mye for oss.
            """, participants: ["Bjørn", "Cecilie", "Dagfinn"])
        try load("notater.txt", """
            Stemningen på kontoret var god, og tillit mellom kollegene ble nevnt flere ganger i løpet av dagen.
            """, participants: [])

        func quote(_ transcript: String, _ text: String, _ codes: String...) throws -> CodingRequest {
            try store.request(transcript, .quote(text, occurrence: nil), codes: codes)
        }
        try store.addCode("Balansekunst", definition: "Å balansere egne deltakere og veiledning av andre.")
        try store.addCode("Sparringspartner", parent: "Balansekunst")
        _ = try store.code([
            try quote("ase", "Tillit er grunnmuren i alt vi gjør sammen med deltakerne.", "Tillit"),
            try quote("ase", "Det er en balansekunst mellom deltakernes ønsker og arbeidsgivernes behov.", "Balansekunst"),
            try quote("ase", "Systemet er veldig navsk, med skjemaer for alt.", "Det navske"),
            try quote("bjorn", "Tillit tar tid å bygge, men den kan raseres på en dag.", "Tillit"),
            try quote("bjorn", "Jeg er sparringspartner for kollegene mine når de står fast.", "Balansekunst/Sparringspartner"),
            try quote("cecilie", "Tillit, og at vi våger å si fra når noe ikke fungerer.", "Tillit"),
            try quote("cecilie", "=cmd() står det i regnearket, sa hun, og lo.", "=cmd()"),
            try quote("fokusgruppe", "Det navske er at alt skal dokumenteres to ganger.\nCecilie: Ja, og det tar tid fra deltakerne.", "Det navske"),
            try quote("fokusgruppe", "Tillit mellom teamene betyr mye for oss.", "Tillit"),
            try quote("notater", "tillit mellom kollegene ble nevnt flere ganger i løpet av dagen", "Tillit"),
        ])
        return store
    }

    // MARK: - Reading the files back

    struct WordFile: Decodable {
        var paragraphs: [[String]]
        var tables: [[[String]]]

        /// The text of the paragraphs in one style.
        func texts(_ style: String) -> [String] { paragraphs.filter { $0[0] == style }.map { $0[1] } }
    }

    /// Paragraphs (style, text) and table cells as python-docx reads them.
    static func readDocx(_ url: URL) throws -> WordFile {
        try JSONDecoder().decode(WordFile.self, from: runPython("""
            import docx, json, sys
            d = docx.Document(sys.argv[1])
            print(json.dumps({"paragraphs": [[p.style.name, p.text] for p in d.paragraphs],
                              "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]}))
            """, [url.path]))
    }

    /// The rows as Python's csv module reads them (the byte-order mark removed by utf-8-sig).
    static func readCSV(_ url: URL, delimiter: String = ",") throws -> [[String]] {
        try JSONDecoder().decode([[String]].self, from: runPython("""
            import csv, json, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))
            """, [url.path, delimiter]))
    }

    /// Writes `table` as CSV the way the CLI does, and reads it back.
    static func roundTrip(_ table: Table, in folder: TemporaryFolder, delimiter: Character = ",") throws -> [[String]] {
        let url = folder.file("tabell-\(UUID().uuidString).csv")
        try ExportFile.write(table.textTable.renderCSV(delimiter: delimiter, byteOrderMark: true), to: url)
        return try readCSV(url, delimiter: String(delimiter))
    }

    /// Writes `table` as a Word document and reads it back.
    static func roundTrip(_ tables: [Table], in folder: TemporaryFolder, language: DocumentLanguage = .nb) throws -> WordFile {
        let url = folder.file("tabell-\(UUID().uuidString).docx")
        try Document(tables: tables, language: language).write(as: .docx, to: url)
        return try readDocx(url)
    }

    static func plain(_ table: Table) -> (header: [String], rows: [[String]], notes: [String]) {
        (table.header.map(Inline.plainText), table.rows.map { $0.map(Inline.plainText) }, table.notes.map(Inline.plainText))
    }
}
