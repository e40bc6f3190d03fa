import Foundation

/// The programs that render an export the way a reader sees it: LibreOffice headless turns a .docx into
/// a PDF, poppler reads its text and images back and draws its pages. Shared by the render tests of
/// every module.
///
/// Scripts/setup installs LibreOffice (libreoffice-writer-nogui) and poppler-utils, so a missing
/// program is a failure, not a skip: a test that passes without rendering would hide a broken setup.
public struct RenderTools: Sendable {
    public var soffice: String
    public var pdftotext: String
    public var pdftoppm: String
    public var pdfimages: String
    public var pdfinfo: String
    public var pdffonts: String

    /// The programs found on PATH.
    ///
    /// - Throws: ``ToolMissing`` naming those that are not.
    public static func require() throws -> RenderTools {
        let names = ["soffice", "pdftotext", "pdftoppm", "pdfimages", "pdfinfo", "pdffonts"]
        let found = names.map(find)
        let missing = zip(names, found).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else { throw ToolMissing(names: missing) }
        let paths = found.compactMap { $0 }
        return RenderTools(soffice: paths[0], pdftotext: paths[1], pdftoppm: paths[2], pdfimages: paths[3], pdfinfo: paths[4],
                           pdffonts: paths[5])
    }

    /// The first executable called `name` on PATH.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public struct ToolMissing: Error, CustomStringConvertible {
        public var names: [String]
        public var description: String {
            "\(names.joined(separator: ", ")) not found on PATH: the render tests need LibreOffice and poppler; "
                + "run Scripts/setup (it installs libreoffice-writer-nogui and poppler-utils)."
        }
    }

    public struct ToolFailed: Error, CustomStringConvertible {
        public var command: String
        public var status: Int32
        public var output: String
        public var description: String { "\(command) exited with \(status): \(output)" }
    }

    // MARK: - Running

    /// Runs a program to its end (at most `timeout` seconds) and returns what it printed.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 180) throws -> String {
        String(decoding: try runForData(executable, arguments, timeout: timeout), as: UTF8.self)
    }

    /// Runs a program to its end (at most `timeout` seconds) and returns its output and error output as bytes.
    public static func runForData(_ executable: String, _ arguments: [String], timeout: TimeInterval = 180) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Read while the program runs: a full pipe would otherwise stop it.
        let box = DataBox()
        let done = DispatchSemaphore(value: 0)
        let handle = output.fileHandleForReading
        Thread.detachNewThread {
            box.data = handle.readDataToEndOfFile()
            done.signal()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw ToolFailed(command: executable, status: -1, output: "still running after \(Int(timeout)) s; stopped")
        }
        process.waitUntilExit()
        done.wait()
        guard process.terminationStatus == 0 else {
            throw ToolFailed(command: ([executable] + arguments).joined(separator: " "), status: process.terminationStatus,
                             output: String(decoding: box.data, as: UTF8.self))
        }
        return box.data
    }

    private final class DataBox: @unchecked Sendable { var data = Data() }

    // MARK: - Rendering

    /// LibreOffice headless turns `document` into a PDF in `folder`, with a profile of its own so parallel
    /// runs do not fight over one.
    public func convertToPDF(_ document: URL, in folder: URL) throws -> URL {
        let started = Date()
        try Self.run(soffice, ["-env:UserInstallation=" + folder.appendingPathComponent("lo-profile").absoluteString, "--headless",
                               "--norestore", "--convert-to", "pdf", "--outdir", folder.path, document.path])
        let pdf = folder.appendingPathComponent(document.deletingPathExtension().lastPathComponent + ".pdf")
        guard FileManager.default.fileExists(atPath: pdf.path) else {
            throw ToolFailed(command: "soffice --convert-to pdf", status: 0, output: "no PDF was written for \(document.lastPathComponent)")
        }
        print("LibreOffice rendered \(document.lastPathComponent) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        return pdf
    }

    /// The PDF's first page as a PNG beside it, at `dpi`.
    public func firstPagePNG(_ pdf: URL, dpi: Int = 60) throws -> URL {
        let prefix = pdf.deletingPathExtension().path
        try Self.run(pdftoppm, ["-png", "-r", String(dpi), "-f", "1", "-l", "1", pdf.path, prefix])
        let png = URL(fileURLWithPath: prefix + "-1.png")
        guard FileManager.default.fileExists(atPath: png.path) else {
            throw ToolFailed(command: "pdftoppm", status: 0, output: "no PNG page was written")
        }
        return png
    }

    /// A page of the PDF as pixels, drawn by pdftoppm at `dpi`.
    public func pixels(of pdf: URL, page: Int = 1, dpi: Int = 60) throws -> PagePixels {
        try PagePixels(ppm: Self.runForData(pdftoppm, ["-r", String(dpi), "-f", String(page), "-l", String(page), pdf.path]))
    }

    /// Copies the files to `QUALCODE_SAMPLE_DIR` when Scripts/render-sample asks for them.
    public static func keep(_ files: [URL], as names: [String]) throws {
        guard let folder = ProcessInfo.processInfo.environment["QUALCODE_SAMPLE_DIR"] else { return }
        for (file, name) in zip(files, names) {
            let target = URL(fileURLWithPath: folder).appendingPathComponent(name)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: file, to: target)
        }
    }
}

/// A rendered page's pixels (pdftoppm's binary PPM), to tell whether a picture came out where it should.
public struct PagePixels: Sendable {
    public let width: Int
    public let height: Int
    /// Red, green and blue for each pixel, row by row.
    public let rgb: [UInt8]

    struct Malformed: Error, CustomStringConvertible {
        var description: String { "pdftoppm did not write a binary PPM (P6, 255 levels)" }
    }

    /// Reads a binary PPM: `P6`, width, height, 255, one whitespace, then the pixels.
    public init(ppm data: Data) throws {
        let bytes = [UInt8](data)
        var fields: [String] = []
        var i = 0
        while fields.count < 4, i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            var field = ""
            while i < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { field.append(Character(UnicodeScalar(bytes[i]))); i += 1 }
            fields.append(field)
        }
        i += 1
        guard fields.count == 4, fields[0] == "P6", let width = Int(fields[1]), let height = Int(fields[2]), fields[3] == "255",
              bytes.count - i >= width * height * 3 else { throw Malformed() }
        self.width = width
        self.height = height
        self.rgb = Array(bytes[i..<i + width * height * 3])
    }

    public func pixel(_ x: Int, _ y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let offset = (y * width + x) * 3
        return (rgb[offset], rgb[offset + 1], rgb[offset + 2])
    }

    /// How many pixels satisfy `test`.
    public func count(where test: (_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> Bool) -> Int {
        var count = 0
        for offset in stride(from: 0, to: rgb.count, by: 3) where test(rgb[offset], rgb[offset + 1], rgb[offset + 2]) { count += 1 }
        return count
    }
}
