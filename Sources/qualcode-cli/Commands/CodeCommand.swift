import ArgumentParser
import Foundation
import QualCode

struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Mark a segment of a transcript and apply codes to it.",
        discussion: """
            Choose the segment by a quote (it must occur once; --occurrence N picks one when it occurs \
            more often), by lines (`show` numbers them), or by character offsets (Unicode scalars, end \
            exclusive; `show --offsets` prints them). A quote is matched exactly when it can be; otherwise \
            what copying from Word changes is forgiven: ... for …, straight for typographic quotation marks \
            and apostrophes, - for – or —, runs of spaces and line breaks, and the case of the first \
            letter; a note says so. A quote not found names the closest lines. Codes that do \
            not exist are created; "Parent/Child" creates a child code. A new code named almost like an \
            existing one (Tilit beside Tillit) is taken for a typo and refused; name it with --new-code to \
            create it all the same. Coding the same span with the same code again changes nothing.

            For example:
              qualcode code eva --quote "tillit er alt" --code Tillit --code Relasjon
              qualcode code eva --lines 41-43 --code "Det navske"
              qualcode code berit --start 120 --end 188 --code Rolle/Sparringspartner
              qualcode code eva --lines 12 --new-code Tilit
            """
    )
    @OptionGroup var project: ProjectOptions
    @Argument(help: "The transcript.") var transcript: String
    @OptionGroup var segment: SegmentSelectorOptions
    @Option(name: .customLong("code"), help: "A code to apply; repeatable.") var codes: [String] = []
    @Option(name: .customLong("new-code"),
            help: "A code to apply, created even when its name is close to an existing code's; repeatable.")
    var newCodes: [String] = []
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if codes.isEmpty && newCodes.isEmpty { throw ValidationError("name at least one --code.") }
        for code in codes where code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--code cannot be empty or blank.")
        }
        for code in newCodes where code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--new-code cannot be empty or blank.")
        }
    }

    func run() throws {
        let store = try project.openStore()
        let result = try store.code(try store.resolve.transcript(transcript), try segment.selector(), codes: codes + newCodes,
                                    newCodes: .createUnlessSimilar(confirmed: Set(newCodes)))
        if json { try Output.printJSON(result); return }
        for name in result.createdCodes { Output.note("created code \"\(name)\"") }
        if !result.quoteNormalised.isEmpty {
            let kinds = result.quoteNormalised.map(\.words)
            let listed = kinds.count < 2 ? kinds.joined() : kinds.dropLast().joined(separator: ", ") + " and " + kinds.last!
            Output.note("no exact match; the quote matched allowing for differences in \(listed)")
        }
        let s = result.segment
        var parts: [String] = []
        if !result.added.isEmpty { parts.append("coded " + result.added.joined(separator: ", ")) }
        if !result.alreadyPresent.isEmpty { parts.append("already coded " + result.alreadyPresent.joined(separator: ", ")) }
        Output.line("\(s.id.shortID)  \(s.transcript) line \(s.lineLabel): \(parts.joined(separator: "; "))")
    }
}

struct UncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uncode",
        abstract: "Remove your codings from a segment (a segment left without codes is removed).",
        discussion: """
            A segment left without codings is removed, with the memos on it; while it has memos that is \
            refused unless you pass --force, so recoding a passage does not lose its memo (code it anew \
            first, then remove the old code).

            For example:
              qualcode uncode 1a2b3c4d --code Trivsel
            """
    )
    @OptionGroup var project: ProjectOptions
    @Argument(help: "The segment id (as `units` prints it).") var segment: String
    @Option(name: .customLong("code"), help: "Only this code; repeatable (default: all your codes on the segment).") var codes: [String] = []
    @Flag(help: "Remove the last codings even if the segment, and the memos on it, go with them.") var force = false

    func run() throws {
        let store = try project.openStore()
        let result = try store.uncode(segment: try store.resolve.segment(segment), codes: try codes.map(store.resolve.code), force: force)
        guard !result.removed.isEmpty else { Output.line("No codings of yours on \(segment); nothing was removed."); return }
        var line = "Removed \(result.removed.joined(separator: ", ")) from \(segment)"
        if result.segmentDeleted { line += "; the segment had no codings left and was removed" }
        if result.memosDeleted > 0 { line += ", with \(DependentKind.memo.words(result.memosDeleted))" }
        Output.line(line)
    }
}

struct RecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recode",
        abstract: "Move your coding of a segment from one code to another.",
        discussion: """
            The segment stays, with its memos and its quote's edits; only the code changes. A code that \
            does not exist is created ("Parent/Child" makes a child), unless its name is close to an \
            existing code's (a typo, most likely): add --new-code to create it all the same. If you had \
            the new code on the segment already, the coding of the old one just goes.

            For example:
              qualcode recode 1a2b3c4d --from Tillit --to "Relasjon/Tillit"
              qualcode recode 1a2b3c4d --from Rapportering --to Dokumentasjon --new-code
            """
    )
    @OptionGroup var project: ProjectOptions
    @Argument(help: "The segment id (as `units` or `code` prints it).") var segment: String
    @Option(help: "The code to move the coding from.") var from: String
    @Option(help: "The code to move it to (a path).") var to: String
    @Flag(name: .customLong("new-code"), help: "Create the new code even when its name is close to an existing code's.") var newCode = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if to.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--to cannot be empty or blank.") }
    }

    func run() throws {
        let store = try project.openStore()
        let result: RecodeResult
        do {
            result = try store.recode(segment: try store.resolve.segment(segment), from: try store.resolve.code(from), to: to,
                                      newCodes: .createUnlessSimilar(confirmed: newCode ? [to] : []))
        } catch let StoreError.similarCode(name, similar) {
            // The shared wording names `code`'s flags; here --new-code is a flag beside --to.
            throw WordedError(description: "no code \"\(name)\"; did you mean \(Suggestions.alternatives(similar))? "
                              + "(to create it, add --new-code); nothing was changed.")
        }
        if json { try Output.printJSON(result); return }
        for name in result.createdCodes { Output.note("created code \"\(name)\"") }
        let s = result.segment
        Output.line("\(s.id.shortID)  \(s.transcript) line \(s.lineLabel): \(result.from) → \(result.to)"
                    + (result.wasAlreadyCoded ? " (already coded \(result.to); the coding of \(result.from) was removed)" : ""))
    }
}
