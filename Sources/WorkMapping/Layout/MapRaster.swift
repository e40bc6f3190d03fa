import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws a ``MapDrawing`` as PNG: its SVG (``MapSVG``) rendered by `rsvg-convert` (librsvg; Debian's
/// librsvg2-bin), the PNG that Word shows beside the SVG where it cannot show SVG, and the image for
/// slides and print.
///
/// librsvg draws the text with the font the SVG names (DejaVu Sans, whose metrics the layout measured
/// with; Debian's fonts-dejavu-core), so every label fits its box as laid out. The program is found on
/// PATH, else in /usr/bin (a server's PATH may be short).
///
/// For example:
///
/// ```swift
/// let drawing = MapLayout(try map.figure()).drawing
/// let png = try MapRaster.png(for: drawing)                   // 2 pixels per unit
/// let small = try MapRaster.png(for: drawing, size: .width(800))
/// ```
public enum MapRaster {
    /// How large the PNG is drawn.
    public enum Size: Sendable, Hashable, CustomStringConvertible {
        /// Pixels per unit of the drawing (the SVG's pixels).
        case scale(Double)
        /// A width in pixels; the height keeps the drawing's aspect ratio.
        case width(Int)

        /// Two pixels per unit: a typical map of seven steps (about 1 400 units) comes out some 2 800 pixels
        /// wide, over 400 dpi on a 16 cm figure and over 250 dpi across a landscape page, sharp on slides
        /// and in print; a small map of three steps still has some 200 dpi at 16 cm.
        public static let standard = Size.scale(2)

        public var description: String {
            switch self {
            case let .scale(scale): "scale \(scale)"
            case let .width(width): "width \(width) pixels"
            }
        }
    }

    /// The longest side drawn, in pixels, and the most pixels in all (a quarter of a gigabyte while
    /// librsvg draws): more is no figure, and would only tie up the machine.
    public static let maximumSide = 16_384
    public static let maximumPixels = 64_000_000

    /// The name of the program, and where it is looked for beside PATH.
    public static let program = "rsvg-convert"
    static let fallbackFolders = ["/usr/bin"]

    /// The drawing as PNG bytes, drawn with the colours of `palette`.
    ///
    /// - Throws: ``MapError/rasterSize(_:width:height:)`` when `size` gives no pixels or too many;
    ///   ``MapError/rasterizerMissing(searched:)`` when rsvg-convert is not installed;
    ///   ``MapError/rasterizerFailed(program:status:message:)`` when it fails or writes no PNG.
    public static func png(for drawing: MapDrawing, size: Size = .standard, palette: MapPalette = .standard) throws(MapError) -> Data {
        let (width, height) = try pixels(for: drawing, size: size)
        return try png(svg: MapSVG.svg(for: drawing, palette: palette), width: width, height: height)
    }

    /// The PNG's width and height for `drawing` at `size`.
    ///
    /// - Throws: ``MapError/rasterSize(_:width:height:)`` when a side would be under 1 pixel or over
    ///   ``maximumSide``, or the whole over ``maximumPixels``.
    /// `size`, or the largest scale within the limits when it would pass them: a document's picture of a
    /// very wide map is drawn smaller rather than refused (its SVG stays sharp in Word).
    static func fitting(_ drawing: MapDrawing, _ size: Size) -> Size {
        if (try? pixels(for: drawing, size: size)) != nil { return size }
        let side = Double(maximumSide) / max(drawing.width, drawing.height, 1)
        let area = (Double(maximumPixels) / max(drawing.width * drawing.height, 1)).squareRoot()
        return .scale(min(side, area) * 0.99)
    }

    public static func pixels(for drawing: MapDrawing, size: Size) throws(MapError) -> (width: Int, height: Int) {
        let scale: Double
        switch size {
        case let .scale(value): scale = value
        case let .width(value): scale = Double(value) / max(drawing.width, 1)
        }
        let width = pixelCount(drawing.width * scale), height = pixelCount(drawing.height * scale)
        guard scale.isFinite, scale > 0, (1...maximumSide).contains(width), (1...maximumSide).contains(height),
              width * height <= maximumPixels else {
            throw .rasterSize(size, width: width, height: height)
        }
        return (width, height)
    }

    /// A length in pixels, rounded; 0 for what is no length (negative, not a number), capped far above
    /// any limit so the product of two cannot overflow.
    private static func pixelCount(_ value: Double) -> Int {
        guard value.isFinite, value > 0 else { return 0 }
        return Int(min(value.rounded(), 1e9))
    }

    /// Where rsvg-convert is: the first on PATH, else in /usr/bin.
    ///
    /// - Throws: ``MapError/rasterizerMissing(searched:)`` naming the folders looked in.
    public static func executable() throws(MapError) -> String {
        try executable(path: ProcessInfo.processInfo.environment["PATH"], fallbacks: fallbackFolders)
    }

    /// The first `rsvg-convert` in the folders of `path` (as PATH lists them), then in `fallbacks`.
    static func executable(path: String?, fallbacks: [String]) throws(MapError) -> String {
        var folders = (path ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        for folder in fallbacks where !folders.contains(folder) { folders.append(folder) }
        for folder in folders {
            let path = folder + "/" + program
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw .rasterizerMissing(searched: folders)
    }

    /// Runs rsvg-convert on `svg` (standard input) and returns the PNG it wrote (standard output).
    static func png(svg: String, width: Int, height: Int) throws(MapError) -> Data {
        let tool = try executable()
        let result: ToolRun.Result
        do {
            // No file named: rsvg-convert reads standard input (2.54 takes no «-» for it) and writes standard output.
            // Its short options (format, width, height), so no string here reads like a flag of ours to a user.
            result = try ToolRun.run(tool, ["-f", "png", "-w", String(width), "-h", String(height)], input: Data(svg.utf8))
        } catch {
            throw .rasterizerFailed(program: tool, status: -1, message: "it could not be started: \(error.localizedDescription)")
        }
        let firstLine = String(decoding: result.errors, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard result.status == 0 else {
            throw .rasterizerFailed(program: tool, status: result.status, message: firstLine)
        }
        guard result.output.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw .rasterizerFailed(program: tool, status: result.status, message: firstLine.isEmpty ? "it wrote no PNG" : firstLine)
        }
        return result.output
    }
}

/// A program run to its end with bytes on its standard input, its standard output and error output
/// read at the same time as it runs, so neither a large input nor a large output leaves both sides
/// waiting on a full pipe.
enum ToolRun {
    struct Result: Sendable {
        var status: Int32
        var output: Data
        var errors: Data
    }

    /// - Throws: what `Process.run()` throws when the program cannot be started. A non-zero exit is
    ///   a result, not an error.
    static func run(_ executable: String, _ arguments: [String], input: Data) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()

        let errors = Collected()
        let finished = DispatchGroup()
        let writer = stdin.fileHandleForWriting, errorReader = stderr.fileHandleForReading
        finished.enter()
        Thread.detachNewThread {
            writeIgnoringBrokenPipe(input, to: writer)
            finished.leave()
        }
        finished.enter()
        Thread.detachNewThread {
            errors.data = errorReader.readDataToEndOfFile()
            finished.leave()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        finished.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: output, errors: errors.data)
    }

    /// What a helper thread read, handed over once the thread has left the group.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }

    /// Writes `data` and closes the pipe. A program that exits before reading everything (a bad SVG)
    /// breaks the pipe: SIGPIPE is blocked on this thread of our own, so the write fails with EPIPE
    /// instead of ending the whole process, and the program's status and message say what went wrong.
    /// A SIGPIPE left pending goes with the thread.
    private static func writeIgnoringBrokenPipe(_ data: Data, to handle: FileHandle) {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
        try? handle.write(contentsOf: data)
        try? handle.close()
    }
}
