import ArgumentParser
import Foundation
import QualCode

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over all transcripts.",
        discussion: """
            Words, "phrases", prefixes (veiled*), AND (or a space), OR, NOT and parentheses. Matching is \
            within one line (a paragraph or speaker turn), ignores case, and treats æ, ø and å as letters of \
            their own: «får» does not find «far». Each hit shows transcript, line, participant and the words \
            around the match. The total is printed on stderr; at most --limit hits are listed (the first ones \
            in import order), sorted by transcript and line.

            For example:
              qualcode search 'veiledning NOT "fag og personal"'
              qualcode search 'tillit OR trygghet' --csv
            """
    )
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The query.") var query: String
    @Option(help: "At most this many hits.") var limit = 200

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be 1 or more (got \(limit)).") }
    }

    func run() throws {
        let result = try project.openStore().search(query, limit: limit)
        try output.emit(result) {
            TextTable(headers: ["transcript", "line", "participant", "snippet"],
                      rows: result.hits.map { [$0.transcript, String($0.line), $0.participant ?? $0.speaker ?? "", $0.snippet] })
        }
        if !output.json && !output.csv {
            Output.note("\(result.total) hit\(result.total == 1 ? "" : "s")\(result.total > result.hits.count ? ", \(result.hits.count) shown (--limit)" : "")")
        }
    }
}

struct RetrieveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrieve",
        abstract: "Every segment with a code, with the lines around it.",
        discussion: """
            Segments are listed by transcript and position. A long listing can be read a page at a time: \
            --limit N shows N of them, from the one after the first --offset ones.

            For example:
              qualcode retrieve --code Trivsel --context 1
              qualcode retrieve --code Tillit --offset 20 --limit 20
            """
    )
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The code.") var code: String
    @Option(help: "Lines of context before and after.") var context = 0
    @Flag(help: "Include segments coded with the code's child codes.") var withChildren = false
    @Option(help: "Skip this many segments (with --limit).") var offset: Int?
    @Option(help: "Show at most this many segments.") var limit: Int?

    func validate() throws {
        if context < 0 || context > 50 { throw ValidationError("--context must be from 0 to 50 (got \(context)).") }
        if let offset, offset < 0 { throw ValidationError("--offset must be 0 or more (got \(offset)).") }
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more (got \(limit)).") }
    }

    func run() throws {
        let store = try project.openStore()
        let id = try store.resolve.code(code)
        let segments: [RetrievedSegment]
        var total: Int?
        if offset != nil || limit != nil {
            let page = try store.retrieve(code: id, context: context, includeChildren: withChildren, offset: offset ?? 0, limit: limit ?? Int.max)
            segments = page.segments
            total = page.total
        } else {
            segments = try store.retrieve(code: id, context: context, includeChildren: withChildren)
        }
        if output.json || output.csv {
            try output.emit(segments) {
                TextTable(headers: ["unit", "transcript", "line", "participant", "codes", "text"],
                          rows: segments.map { [$0.segment.id.shortID, $0.segment.transcript, $0.segment.lineLabel,
                                                $0.participants.joined(separator: ", "), $0.codes.joined(separator: "; "), $0.segment.text] })
            }
            return
        }
        if segments.isEmpty { Output.line("(none)") }
        for (i, r) in segments.enumerated() {
            if i > 0 { Output.line("") }
            let who = r.participants.isEmpty ? "" : " (\(r.participants.joined(separator: ", ")))"
            Output.line("── \(r.segment.transcript), line \(r.segment.lineLabel)\(who)  [\(r.codes.joined(separator: "; "))]  \(r.segment.id.shortID)")
            for line in r.before { Output.line("   \(line.number)  \(line.text)") }
            Output.line(" » " + r.segment.text.replacingOccurrences(of: "\n", with: "\n   "))
            for line in r.after { Output.line("   \(line.number)  \(line.text)") }
        }
        if let total {
            let first = (offset ?? 0) + 1
            Output.note(segments.isEmpty ? "none of \(total) shown (--offset \(offset ?? 0))"
                        : "segments \(first)–\(first + segments.count - 1) of \(total)")
        } else {
            Output.note("\(segments.count) segment\(segments.count == 1 ? "" : "s")")
        }
    }
}
