import ArgumentParser
import Foundation
import Privacy
import QualCode

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import transcripts (.docx, .vtt, .srt, .txt, .md).",
        discussion: """
            Word files: the main document the package names (word/document.xml or another part), its \
            paragraph text, tabs and line breaks, a drop capital joined to its paragraph; tracked changes \
            read as accepted; comments, footnotes, headers and footers left out; tables row by row. \
            Teams/Zoom captions (.vtt, .srt): \
            voice tags and "Name:" prefixes become speaker turns with timestamps. Text and Markdown: UTF-8 \
            with or without BOM, or UTF-16 with BOM; other encodings need --encoding. Lines starting with a \
            speaker label (Intervjuer:, I:, Eva:) become speaker turns. Text files over 32 MiB and Word files \
            over 200 MiB are refused, and so is a Word file whose text is over 32 MiB; a text file that holds \
            binary data or is not UTF-8 is refused from its first megabytes. Subtitle timings may use a comma \
            or a dot before the milliseconds.

            All files are imported in one transaction: if one fails, or the disk fills up, none is imported. \
            A file imported before (same SHA-256) is refused unless --allow-duplicate is given.

            For example:
              qualcode import intervju-eva.docx --participant Eva \\
                --speaker-map "I=Intervjuer,E=Eva"
              qualcode import fokusgruppe.txt --participant Hanne --participant Ivar \\
                --kind focus-group
              qualcode import intervjuer/*.docx
              qualcode import "Teams-møte med Tordis.vtt" --pseudonyms
            """
    )

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The files to import.")
    var files: [String]

    @Option(name: .customLong("participant"), help: "A participant who speaks in the file (pseudonym); repeat for a focus group.")
    var participants: [String] = []

    @Option(name: .customLong("speaker-map"), help: ArgumentHelp("Speaker labels to names, such as \"I=Intervjuer,E=Eva\".", valueName: "map"))
    var speakerMap: String?

    @Option(help: "interview, focus-group, email, document or notes (default: interview, focus-group with several participants).")
    var kind: TranscriptKind?

    @Option(help: "Title (one file only; default: the file name).")
    var title: String?

    @Option(help: "Short name used in commands (one file only; default: from the file name).")
    var name: String?

    @Option(help: "Date of the interview, YYYY-MM-DD.")
    var date: String?

    @Option(help: "How it was held, e.g. Teams, telefon, ansikt til ansikt.")
    var mode: String?

    @Option(help: "Encoding of .txt/.md/.vtt/.srt files without BOM (default: UTF-8).")
    var encoding: TextEncoding?

    @Flag(help: "Import a file even if the same file was imported before.")
    var allowDuplicate = false

    @Flag(help: "Print the imported transcripts as JSON.")
    var json = false

    @Flag(help: "Put the pseudonym key's pseudonyms in place of real names and voice tags (file name; text of .vtt/.srt/.txt/.md) before importing.")
    var pseudonyms = false

    @OptionGroup var secret: PassphraseOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to import.") }
        if let date, AttributeType.date.normalized(date) == nil { throw ValidationError("--date \"\(date)\": expected YYYY-MM-DD.") }
        if files.count > 1 && (title != nil || name != nil) { throw ValidationError("--title and --name apply to a single file.") }
    }

    func run() throws {
        let store = try project.openStore()
        var options = ImportOptions()
        options.participants = participants
        options.speakerMap = try speakerMap.map { try SpeakerTurns.parseMap($0) } ?? [:]
        options.kind = kind
        options.title = title
        options.name = name
        options.date = date
        options.mode = mode
        options.encoding = encoding?.stringEncoding
        options.allowDuplicate = allowDuplicate
        let showProgress = !json && Output.showsProgress && files.count > 1
        let urls = files.map { URL(fileURLWithPath: $0) }
        let progress: @Sendable (Int, Int, String) -> Void = { done, total, file in
            if showProgress { Output.note("[\(done)/\(total)] \(file)") }
        }
        let imported: [TranscriptSummary]
        if pseudonyms {
            let privacy = Privacy(store)
            imported = try privacy.importTranscripts(urls, options: options, key: try privacy.key(passphrase: try secret.passphrase()), progress: progress)
        } else {
            imported = try store.importTranscripts(urls, options: options, progress: progress)
        }
        if json { try Output.printJSON(imported); return }
        for t in imported {
            let who = t.participants.isEmpty ? "no participant linked" : t.participants.joined(separator: ", ")
            Output.line("Imported \(t.sourceFile ?? t.name) as \"\(t.name)\": \(t.words) word\(t.words == 1 ? "" : "s"), \(t.turns) turn\(t.turns == 1 ? "" : "s"), \(who)")
        }
    }
}

extension TranscriptKind: ExpressibleByArgument {}

extension TextEncoding: ExpressibleByArgument {
    /// The names `--help` lists, and their usual aliases (utf8, iso-8859-1, cp1252) too.
    public init?(argument: String) { self.init(name: argument) }
}
