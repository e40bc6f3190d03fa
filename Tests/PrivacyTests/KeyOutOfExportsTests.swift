import Condensation
import Exchange
import Foundation
import QualCode
import QualCodeKit
import Testing
import WorkMapping
import ZIPFoundation
@testable import Privacy

/// The key's real names stay out of every export: a Teams recording imported under pseudonyms, coded,
/// quoted, condensed and mapped, then written as every kind of file a project makes — and no entry of
/// any of them (a Word package's XML, a REFI-QDA package's sources) holds a real name.
@Suite struct KeyOutOfExportsTests {
    static let realNames = ["Tordis", "Testdatter", "Sivert", "Prøvesen"]

    @Test func noExportHoldsARealName() throws {
        let (store, file, key) = try PseudonymImportTests.recording()
        let folder = file.deletingLastPathComponent()
        let privacy = Privacy(store)
        try KeyFile.write(key, to: privacy.keyURL, passphrase: nil)
        let transcript = try privacy.importTranscripts([file], options: ImportOptions(), key: key)[0].id
        try FileManager.default.removeItem(at: file)

        _ = try store.code(transcript, .quote("Eva er ikke vant til så mange møter", occurrence: nil), codes: ["Tidsbruk"])
        let stc = try PrivacyFixture.condense(store, transcript, "Travel, eh.", into: "Arbeidsdag/Møter", text: "Dagene er travle.")
        let map = WorkMapping(store)
        let step = try map.addStep("Møter")
        _ = try map.addEvidence(to: .init(.step, step.id), transcript: transcript, .quote("mange møter", occurrence: nil))

        let out = folder.appendingPathComponent("eksport")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        func target(_ name: String, _ format: ExportFormat) -> ExportTarget { ExportTarget(path: out.appendingPathComponent(name).path, format: format) }
        _ = try store.exportQuotes(QuoteExportRequest(options: QuoteOptions(codes: ["Tidsbruk"])), to: target("sitater.docx", .docx))
        for (table, name) in [(StandardTable.codebook(CodebookOptions()), "kodebok"), (.participants(ParticipantOverviewOptions()), "deltakere"),
                              (.codings(CodingsOptions()), "kodinger")] {
            _ = try store.exportTable(table, to: target(name + ".docx", .docx))
            _ = try store.exportTable(table, to: target(name + ".csv", .csv))
        }
        _ = try stc.export(AnalysisExportRequest(kind: .chapter), to: target("resultater.docx", .docx))
        _ = try stc.export(AnalysisExportRequest(kind: .csv), to: target("analyse.csv", .csv))
        try map.exportMapDocument(to: target("kart.docx", .docx))
        try map.drawing(MapDrawingRequest(.svg)).write(to: out.appendingPathComponent("kart.svg"))
        try Exchange(store).refiProject().data.write(to: out.appendingPathComponent("studie.qdpx"))

        var read = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            let url = out.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            var texts = [data]
            if data.starts(with: [0x50, 0x4B]) {
                let archive = try Archive(url: url, accessMode: .read)
                texts = try archive.map { entry in
                    var bytes = Data()
                    _ = try archive.extract(entry, skipCRC32: true) { bytes.append($0) }
                    return bytes
                }
            }
            for text in texts {
                for real in Self.realNames { #expect(text.range(of: Data(real.utf8)) == nil, "\(real) in \(name)") }
            }
            read += 1
        }
        #expect(read == 12)
        // The key itself holds them, beside the project, not in it.
        #expect(try Data(contentsOf: privacy.keyURL).range(of: Data("Testdatter".utf8)) != nil)
    }
}
