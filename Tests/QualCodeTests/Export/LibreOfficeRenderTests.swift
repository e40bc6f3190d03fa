import Foundation
import QualCode
import Testing

/// Exports rendered the way a reader will see them: LibreOffice headless turns the .docx into a PDF,
/// poppler reads the text and images back and draws the first page as PNG.
///
/// Scripts/setup installs LibreOffice (libreoffice-writer-nogui) and poppler-utils, so a missing
/// `soffice` is a failure here, not a skip: a test that passes without rendering would hide a
/// broken setup. Scripts/render-sample runs this suite with `QUALCODE_SAMPLE_DIR` set to keep the
/// files for a person to look at.
@Suite(.serialized) struct LibreOfficeRenderTests {
    static let figurePNG = TestImages.png(width: 120, height: 60)

    static func sample() throws -> Document {
        Document(title: "Gjengivelse – «Tillit» 🙂", language: .nb, blocks: [
            .heading(level: 1, [.text("Resultater – «Tillit» på tvers av tjenestene")]),
            .paragraph([.text("Informantene i Ålesund og Bærum beskrev "), .italic("tillit"), .text(" som "), .bold("grunnmuren"),
                        .text(" – særlig i «det navske» 🙂."), .footnote([.text("Se også Malterud (2017).")])]),
            .blockQuote([.text("Eh, jeg er ikke sjefen deres (…) men jeg er den de kan sparre med. Æ, Ø og Å står seg.")],
                        label: [.text("(Jobbspesialist, IPS)")]),
            .table(Table(caption: "Oversikt over informantene", header: ["Pseudonym", "Tjeneste (N=2)"],
                         rows: [["Åse", "IPS ung"], ["Bjørn", "Utvidet oppfølging"]], notes: ["Tallene er antall informanter."])),
            .figure(try Figure(imageData: figurePNG, altText: "Fargeovergang som prøvebilde", caption: "Arbeidsprosessen i IPS",
                               notes: ["Egen framstilling."])),
        ])
    }

    @Test func libreOfficeRendersTextTableQuoteAndFigure() throws {
        let tools = try Self.requireTools()
        let folder = try TemporaryFolder()
        let docx = folder.file("sample.docx")
        try DocxRenderer.write(try Self.sample(), to: docx)
        let pdf = try Self.convertToPDF(docx, in: folder, soffice: tools.soffice)

        let text = try Self.run(tools.pdftotext, ["-enc", "UTF-8", pdf.path, "-"])
        for expected in ["Resultater – «Tillit» på tvers av tjenestene", "Ålesund og Bærum", "grunnmuren", "«det navske»",
                         "Eh, jeg er ikke sjefen deres (…)", "Æ, Ø og Å", "(Jobbspesialist, IPS)", "Tabell 1 Oversikt over informantene",
                         "Utvidet oppfølging", "Kommentar: Tallene er antall informanter.", "Figur 1 Arbeidsprosessen i IPS",
                         "Egen framstilling.", "Se også Malterud (2017)."] {
            #expect(text.contains(expected), "the PDF lacks \"\(expected)\"")
        }
        #expect(text.unicodeScalars.contains("🙂"), "the emoji did not survive into the PDF text")
        // The figure is in the PDF at its pixel size.
        let images = try Self.run(tools.pdfimages, ["-list", pdf.path])
        #expect(images.split(separator: "\n").contains { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            return columns.count > 4 && columns[3] == "120" && columns[4] == "60"
        }, "no 120 × 60 image in the PDF:\n\(images)")

        // Scripts/setup installs Carlito (Calibri's metrics, so line breaks match Word's) and Symbola (emoji).
        let fonts = try Self.run(tools.pdffonts, [pdf.path])
        #expect(fonts.contains("Carlito") && fonts.contains("Symbola"), "fonts missing (run Scripts/setup):\n\(fonts)")

        let png = try Self.firstPagePNG(pdf, in: folder, pdftoppm: tools.pdftoppm)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 2_000)
        try Self.keep([docx, pdf, png], as: ["sample.docx", "sample.pdf", "sample-1.png"])
    }

    @Test func aReferenceDocumentsPageAndStylesReachThePDF() throws {
        let tools = try Self.requireTools()
        let folder = try TemporaryFolder()
        let reference = try ReferenceDocument(contentsOf: try ReferenceDocumentTests.reference(in: folder))
        let docx = folder.file("sample-reference.docx")
        try DocxRenderer.write(try Self.sample(), to: docx, reference: reference)
        let pdf = try Self.convertToPDF(docx, in: folder, soffice: tools.soffice)
        let info = try Self.run(tools.pdfinfo, [pdf.path])
        // The reference's landscape A4: 842 × 595 points.
        let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }?
            .split(separator: " ").compactMap { Double($0) } ?? []
        #expect(size.count == 2 && abs(size[0] - 841.9) < 1 && abs(size[1] - 595.3) < 1, "not landscape A4:\n\(info)")
        let text = try Self.run(tools.pdftotext, ["-enc", "UTF-8", pdf.path, "-"])
        #expect(text.contains("Resultater – «Tillit»") && text.contains("Figur 1 Arbeidsprosessen i IPS"))
        let png = try Self.firstPagePNG(pdf, in: folder, pdftoppm: tools.pdftoppm)
        try Self.keep([docx, pdf, png], as: ["sample-reference.docx", "sample-reference.pdf", "sample-reference-1.png"])
    }
}

// MARK: - Tools

extension LibreOfficeRenderTests {
    struct Tools {
        var soffice: String
        var pdftotext: String
        var pdftoppm: String
        var pdfimages: String
        var pdfinfo: String
        var pdffonts: String
    }

    struct ToolMissing: Error, CustomStringConvertible {
        var names: [String]
        var description: String {
            "\(names.joined(separator: ", ")) not found on PATH: the render tests need LibreOffice and poppler; "
                + "run Scripts/setup (it installs libreoffice-writer-nogui and poppler-utils)."
        }
    }

    struct ToolFailed: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var output: String
        var description: String { "\(command) exited with \(status): \(output)" }
    }

    static func requireTools() throws -> Tools {
        func find(_ name: String) -> String? {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        let names = ["soffice", "pdftotext", "pdftoppm", "pdfimages", "pdfinfo", "pdffonts"]
        let found = names.map(find)
        let missing = zip(names, found).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else { throw ToolMissing(names: missing) }
        let paths = found.compactMap { $0 }
        return Tools(soffice: paths[0], pdftotext: paths[1], pdftoppm: paths[2], pdfimages: paths[3], pdfinfo: paths[4], pdffonts: paths[5])
    }

    /// Runs a tool to its end (at most `timeout` seconds) and returns what it printed.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 180) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let reading = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw ToolFailed(command: executable, status: -1, output: "still running after \(Int(timeout)) s; stopped")
        }
        process.waitUntilExit()
        let data = try awaitResult(reading)
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw ToolFailed(command: ([executable] + arguments).joined(separator: " "), status: process.terminationStatus, output: text)
        }
        return text
    }

    private static func awaitResult(_ task: Task<Data, Never>) throws -> Data {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.data = await task.value
            done.signal()
        }
        done.wait()
        return box.data
    }

    private final class ResultBox: @unchecked Sendable { var data = Data() }

    /// LibreOffice headless, with a profile of its own so parallel runs do not fight over one.
    static func convertToPDF(_ docx: URL, in folder: TemporaryFolder, soffice: String) throws -> URL {
        let started = Date()
        try run(soffice, ["-env:UserInstallation=" + folder.file("lo-profile").absoluteString, "--headless", "--norestore",
                          "--convert-to", "pdf", "--outdir", folder.url.path, docx.path])
        let pdf = docx.deletingPathExtension().appendingPathExtension("pdf")
        guard FileManager.default.fileExists(atPath: pdf.path) else {
            throw ToolFailed(command: "soffice --convert-to pdf", status: 0, output: "no PDF was written for \(docx.lastPathComponent)")
        }
        print("LibreOffice rendered \(docx.lastPathComponent) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        return pdf
    }

    static func firstPagePNG(_ pdf: URL, in folder: TemporaryFolder, pdftoppm: String) throws -> URL {
        let prefix = pdf.deletingPathExtension().path
        try run(pdftoppm, ["-png", "-r", "60", "-f", "1", "-l", "1", pdf.path, prefix])
        let png = URL(fileURLWithPath: prefix + "-1.png")
        guard FileManager.default.fileExists(atPath: png.path) else {
            throw ToolFailed(command: "pdftoppm", status: 0, output: "no PNG page was written")
        }
        return png
    }

    /// Copies the files to `QUALCODE_SAMPLE_DIR` when Scripts/render-sample asks for them.
    static func keep(_ files: [URL], as names: [String]) throws {
        guard let folder = ProcessInfo.processInfo.environment["QUALCODE_SAMPLE_DIR"] else { return }
        for (file, name) in zip(files, names) {
            let target = URL(fileURLWithPath: folder).appendingPathComponent(name)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: file, to: target)
        }
    }
}
