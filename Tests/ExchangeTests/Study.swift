import Foundation
import GRDB
import QualCode
import QualCodeKit
import ZIPFoundation
@testable import Exchange

/// A small synthetic study in Norwegian (two interviews, two coders, codes of one name under two
/// parents, memos on everything a memo can be on, participants with attributes of every type), and the
/// tools the exchange tests share.
enum Study {
    static let eva = """
        Intervjuer: Hvordan opplever du samarbeidet med kontoret?
        Eva: Eh, det er… (latter) tillit er alt, skjønner du. Vi må stole på hverandre 😀.
        Intervjuer: Og ledelsen?
        Eva: Ledelsen er «fraværende», synes jeg. Særlig på små kontorer i Øst-Finnmark.
        """
    static let ola = """
        Intervjuer: Hva gjør du først?
        Ola: Jeg leser henvisningen og ringer jobbsøkeren samme uke. Eh, det tar tid 🙂.
        """

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("utveksling-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The study as a project in `folder`.
    static func project(in folder: URL) throws -> ProjectStore {
        let store = try ProjectModules.create(at: folder.appendingPathComponent("studie.qualcode"), title: "Metodeveilederes erfaringer",
                                              researchQuestion: "Hva gir tillit i oppfølgingen?", coder: "anne")
        try store.defineAttribute("ansiennitet", type: .integer, label: "Antall år i tjenesten")
        try store.defineAttribute("timer", type: .float)
        try store.addParticipant(pseudonym: "Eva", label: "Informant E", attributes: [
            ("rolle", "metodeveileder"), ("ansiennitet", "6"), ("heltid", "ja"), ("timer", "37,5"), ("intervjudato", "2025-03-14"),
        ])
        try store.addParticipant(pseudonym: "Ola", attributes: [("rolle", "jobbspesialist")])
        for (name, text) in [("Eva", eva), ("Ola", ola)] {
            let file = folder.appendingPathComponent("intervju-\(name.lowercased()).txt")
            try text.write(to: file, atomically: true, encoding: .utf8)
            var options = ImportOptions()
            options.participants = [name]
            try store.importTranscripts([file], options: options)
        }
        let evaId = try store.resolve.transcript("intervju-eva"), olaId = try store.resolve.transcript("intervju-ola")
        try store.addCode("Organisering/Ledelse", definition: "Hvordan ledelsen beskrives.", color: "#1F77B4")
        try store.addCode("Relasjoner/Ledelse", definition: "Ledelse som relasjon.")
        try store.addCode("Tillit", definition: "Utsagn om tillit og å stole på noen.", color: "#D62728")
        let anne = try store.acting(as: "anne"), berit = try store.acting(as: "berit")
        let tillit = try anne.code(evaId, .quote("tillit er alt", occurrence: nil), codes: ["Tillit"])
        _ = try berit.code(evaId, .quote("tillit er alt", occurrence: nil), codes: ["Tillit", "Relasjoner/Ledelse"])
        _ = try anne.code(evaId, .quote("Ledelsen er «fraværende»", occurrence: nil), codes: ["Organisering/Ledelse"])
        _ = try berit.code(olaId, .quote("ringer jobbsøkeren samme uke", occurrence: nil), codes: ["Tillit"])
        _ = try berit.code(olaId, .quote("det tar tid 🙂", occurrence: nil), codes: ["Organisering/Ledelse"])
        try anne.addMemo(on: .project, text: "Første gjennomlesning: tillit går igjen.")
        try berit.addMemo(on: .transcript(evaId), text: "Eva snakker fort; sjekk lydfilen.")
        try anne.addMemo(on: .code(tillit.codeIDs[0]), text: "Skill mellom tillit til personer og til systemet.")
        try berit.addMemo(on: .segment(tillit.segment.id), text: "Sterkt sitat – «tillit er alt».")
        try anne.addMemo(on: .participant(try store.participant("Eva").id), text: "Lang erfaring, snakker åpent.")
        return store
    }

    static func records(_ store: ProjectStore) throws -> ExchangeRecords {
        try store.pool.read { db in try ProjectStore.exchangeRecords(db) }
    }

    // MARK: - Files

    /// The REFI-QDA schemas, beside the repository (`../shared/refi-qda`).
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/refi-qda")

    /// xmllint's verdict on `file` against `schema`: nil when it validates, else what it said.
    static func validate(_ file: URL, schema: String) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", "--schema", schemas.appendingPathComponent(schema).path, file.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : said
    }

    /// The entries of a ZIP package, by path.
    static func entries(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var out: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            out[entry.path] = bytes
        }
        return out
    }

    /// A ZIP package of these entries, written to `url`.
    @discardableResult
    static func package(_ entries: [(String, Data)], at url: URL) throws -> URL {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try archive.data!.write(to: url)
        return url
    }

    /// Milliseconds since 1970, the precision project files keep.
    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
