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
            try Output.printJSON(value)
        } else if csv {
            Output.exact(table().renderCSV(), terminator: "")
        } else {
            let rendered = table()
            Output.line(rendered.rows.isEmpty ? "(none)" : rendered.renderText())
        }
    }
}

/// Everything the command line writes to standard output and standard error goes through here: text
/// for a person (``line(_:)``, ``note(_:)``) has control characters and line or paragraph separators
/// escaped, since it quotes stored names and transcript text (an ESC[2J in a memo must not clear the
/// screen); machine formats (``printJSON(_:)``, ``exact(_:terminator:)``) go out exactly as made.
enum Output {
    /// Prints text for a person to read; line feeds and tabs stay, every other control character and
    /// U+2028/U+2029 are shown escaped (`\u{1B}`).
    static func line(_ text: String = "") {
        print(text.escapingControlCharacters(keepingLineBreaks: true))
    }

    /// Prints machine output (CSV, a style file) exactly as it is.
    static func exact(_ text: String, terminator: String = "\n") {
        print(text, terminator: terminator)
    }

    /// Prints `value` as JSON, which escapes control characters itself; the text inside stays exact.
    static func printJSON<T: Encodable>(_ value: T) throws {
        exact(try json(value))
    }

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
        FileHandle.standardError.write(Data((message.escapingControlCharacters(keepingLineBreaks: true) + "\n").utf8))
    }
}
