import ArgumentParser
import Foundation
import QualCode

/// `--json` and `--csv` for listings.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Print CSV (RFC 4180) instead of a table.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv cannot be combined.") }
    }

    /// Prints a listing as JSON (the `value`), CSV or an aligned table.
    func emit<T: Encodable>(_ value: T, table: () -> TextTable) throws {
        if json {
            print(try Output.json(value))
        } else if csv {
            FileHandle.standardOutput.write(Data(table().renderCSV().utf8))
        } else {
            let rendered = table()
            print(rendered.rows.isEmpty ? "(none)" : rendered.renderText())
        }
    }
}

enum Output {
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Progress on stderr, only when stderr is a terminal.
    static var showsProgress: Bool { isatty(STDERR_FILENO) == 1 }

    static func note(_ message: String) {
        fflush(nil)  // keep notes after what was already printed when both streams go to one place
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
