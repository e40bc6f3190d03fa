import Foundation
import GRDB
import QualCode
import QualCodeKit
@testable import Agreement

/// A small double-coded study: three synthetic interviews, anne and berit coding two of them with
/// «Tillit» and «Belastning», and anne alone the third (berit did not code it). Every span coded is
/// kept here as the test made it, so the statistics can be worked out again without the library.
struct AgreementStudy {
    static let siv = """
        Intervjuer: Hvordan er samarbeidet med veilederen?
        Siv: Eh, jeg stoler på henne. Hun ringer alltid tilbake. (latter)
        Siv: Men rapporteringen tar mye tid, altså. Det blir mye skjema.
        Intervjuer: Hva gjør du da?
        Siv: Jeg skriver om kvelden. Det er slitsomt, men det går.
        """
    static let ola = """
        Intervjuer: Hvordan begynner en vanlig uke?
        Ola: Jeg går gjennom listen og ringer de nye. Noen er skeptiske først.
        Ola: Tilliten kommer når jeg holder det jeg lover. Det tar tid å bygge.
        """
    static let per = """
        Intervjuer: Hva er vanskeligst?
        Per: Fristene i systemet. Jeg rekker det ikke alltid.
        """

    struct Mark: Hashable {
        var coder: String
        var transcript: Transcript.ID
        var code: String
        var start: Int
        var end: Int
    }

    let folder: URL
    let store: ProjectStore
    var transcripts: [String: Transcript.ID] = [:]
    var marks: [Mark] = []

    var agreement: Agreement { Agreement(store) }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samsvar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try ProjectModules.create(at: folder.appendingPathComponent("studie.qualcode"), title: "Dobbeltkoding", coder: "eva")
        for (name, text) in [("Siv", Self.siv), ("Ola", Self.ola), ("Per", Self.per)] {
            try store.addParticipant(pseudonym: name)
            let file = folder.appendingPathComponent("intervju-\(name.lowercased()).txt")
            try text.write(to: file, atomically: true, encoding: .utf8)
            var options = ImportOptions()
            options.participants = [name]
            try store.importTranscripts([file], options: options)
            transcripts[name] = try store.resolve.transcript("intervju-\(name.lowercased())")
        }
        // anne and berit agree on some passages, differ in boundaries on one, and each codes one the
        // other did not; anne's two «Belastning» marks on Siv overlap.
        try code("anne", "Siv", "jeg stoler på henne. Hun ringer alltid tilbake.", "Tillit")
        try code("berit", "Siv", "jeg stoler på henne.", "Tillit")
        try code("anne", "Siv", "rapporteringen tar mye tid", "Belastning")
        try code("anne", "Siv", "tar mye tid, altså. Det blir mye skjema.", "Belastning")
        try code("berit", "Siv", "Men rapporteringen tar mye tid, altså. Det blir mye skjema.", "Belastning")
        try code("berit", "Siv", "Det er slitsomt", "Belastning")
        try code("anne", "Ola", "Tilliten kommer når jeg holder det jeg lover.", "Tillit")
        try code("berit", "Ola", "Tilliten kommer når jeg holder det jeg lover.", "Tillit")
        try code("anne", "Ola", "Noen er skeptiske først.", "Tillit")
        try code("berit", "Ola", "Det tar tid å bygge.", "Belastning")
        try code("anne", "Per", "Fristene i systemet.", "Belastning")
    }

    mutating func code(_ coder: String, _ who: String, _ quote: String, _ code: String) throws {
        let result = try store.acting(as: coder).code(transcripts[who]!, .quote(quote, occurrence: nil), codes: [code])
        marks.append(Mark(coder: coder, transcript: transcripts[who]!, code: code, start: result.segment.start, end: result.segment.end))
    }

    /// The texts the consensus coder coded with the code, in text order.
    func consensusTexts(_ code: String, coder: String = "konsensus") throws -> [String] {
        try store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT s.text FROM coding k JOIN segment s ON s.id = k.segmentId JOIN code c ON c.id = k.codeId
                 WHERE k.coder = ? AND c.name = ? ORDER BY s.transcriptId, s.start
                """, arguments: [coder, code])
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func text(_ who: String) throws -> String { try store.transcript(transcripts[who]!).text }

    /// Every character's decisions, worked out here one character at a time: per code, one row per
    /// coder (nil where the coder coded nothing in the transcript), over the transcripts both coded.
    func characterDecisions(code: String, coders: [String], in names: [String]) throws -> [[Bool?]] {
        var rows = Array(repeating: [Bool?](), count: coders.count)
        for name in names {
            let id = transcripts[name]!
            let length = try text(name).unicodeScalars.count
            for (c, coder) in coders.enumerated() {
                let coded = marks.contains { $0.coder == coder && $0.transcript == id }
                let mine = marks.filter { $0.coder == coder && $0.transcript == id && $0.code == code }
                for i in 0..<length { rows[c].append(coded ? mine.contains { $0.start <= i && i < $0.end } : nil) }
            }
        }
        return rows
    }
}
