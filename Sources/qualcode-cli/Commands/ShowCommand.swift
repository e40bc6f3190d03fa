import ArgumentParser
import Foundation
import QualCode

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a transcript with line numbers and the codes on each line.",
        discussion: """
            The transcript may be named by its name (intervju-eva), by the pseudonym of a participant with \
            one transcript (eva), or by a unique word of its name. Only lines that hold text are numbered \
            (blank lines between turns are not), the same numbers `code --lines`, `units`, `retrieve` and \
            the exports use. --offsets adds where each line lies as Unicode-scalar offsets START-END (end \
            exclusive), the values `code --start/--end` take; --json always has them.

            For example:
              qualcode show eva --lines 40-60
              qualcode show eva --lines 41 --offsets
            """
    )
    @OptionGroup var project: ProjectOptions
    @Argument(help: "The transcript.") var transcript: String
    @Option(help: ArgumentHelp("Only these lines, FIRST-LAST or one number.", valueName: "range")) var lines: String?
    @Flag(help: "Leave out the codes column.") var noCodes = false
    @Flag(help: "Show each line's start and end offsets (for code --start/--end).") var offsets = false
    @Flag(help: "Print JSON.") var json = false

    func validate() throws { _ = try lines.map(parseLineRange) }

    func run() throws {
        let (_, numbered) = try project.openStore().lines(of: transcript, range: try lines.map(parseLineRange))
        if json { try Output.printJSON(numbered); return }
        let width = String(numbered.last?.number ?? 1).count
        for line in numbered {
            let number = String(repeating: " ", count: width - String(line.number).count) + String(line.number)
            let codes = noCodes || line.codes.isEmpty ? "" : "   [" + line.codes.joined(separator: "; ") + "]"
            let span = offsets ? "[\(line.start)-\(line.end)]  " : ""
            Output.line("\(number)  \(span)\(line.text)\(codes)")
        }
    }
}

/// `41-43` or `41` → 41...43 / 41...41.
func parseLineRange(_ raw: String) throws -> ClosedRange<Int> {
    let parts = raw.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard (1...2).contains(parts.count), let first = parts[0], let last = parts.last ?? nil, first >= 1, last >= first else {
        throw ValidationError("lines \"\(raw)\": expected FIRST-LAST such as 41-43, counting from 1.")
    }
    return first...last
}
