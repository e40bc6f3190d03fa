import ArgumentParser
import Foundation
import QualCode

/// How a command chooses a stretch of a transcript: an exact quote, lines, or offsets.
///
/// Quotes and offsets take the next argument whatever it looks like (`--quote "-2+3 er fem"`, `--start -5`):
/// text copied from a transcript may start with a dash, and a negative offset is better refused by name.
struct SegmentSelectorOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Text to code, as it reads in the transcript.") var quote: String?
    @Option(help: "Which occurrence of the quote (1-based).") var occurrence: Int?
    @Option(help: ArgumentHelp("Lines, FIRST-LAST.", valueName: "range")) var lines: String?
    @Option(parsing: .unconditional, help: "Start offset (Unicode scalars from 0).") var start: Int?
    @Option(parsing: .unconditional, help: "End offset, exclusive.") var end: Int?

    func validate() throws {
        try refuseOptionNameAsText(quote, for: "--quote")
        let ways = [quote != nil, lines != nil, start != nil || end != nil].filter { $0 }.count
        guard ways == 1 else { throw ValidationError("choose the segment with exactly one of --quote, --lines, or --start/--end.") }
        if (start == nil) != (end == nil) { throw ValidationError("--start and --end go together.") }
        for (name, value) in [("--start", start), ("--end", end)] {
            if let value, value < 0 { throw ValidationError("\(name) must be 0 or more (got \(value)).") }
        }
        if occurrence != nil && quote == nil { throw ValidationError("--occurrence goes with --quote.") }
        if let occurrence, occurrence < 1 { throw ValidationError("--occurrence must be 1 or more (got \(occurrence)).") }
        _ = try lines.map(parseLineRange)
    }

    func selector() throws -> SegmentSelector {
        if let quote { return .quote(quote, occurrence: occurrence) }
        if let lines { return .lines(try parseLineRange(lines)) }
        return .offsets(start: start!, end: end!)
    }
}

/// Options that take the next argument whatever it looks like can swallow the next option when their
/// own value was left out (`--quote --code X`, `--replace --all`): a value that is an option's name is
/// refused by name instead of being used as text.
func refuseOptionNameAsText(_ value: String?, for flag: String) throws {
    guard let value, value.wholeMatch(of: /--[a-z][a-z0-9-]*/) != nil else { return }
    throw ValidationError("\(flag) \"\(value)\": that is an option, not text; give the text right after \(flag).")
}
