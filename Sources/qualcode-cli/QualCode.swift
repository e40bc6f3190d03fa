import ArgumentParser
import Foundation

@main
struct QualCodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qualcode",
        abstract: "Code and analyse qualitative interviews: transcripts, codes, search, quotes and tables for Word, and Malterud's condensation.",
        discussion: """
            A project is one file (name.qualcode). Commands find it from --project FILE, the \
            QUALCODE_PROJECT environment variable, or the only *.qualcode file in the current folder. \
            The coder recorded on every change comes from --coder, QUALCODE_CODER or the system user. \
            Both options go before the command's name or after it; these two are the same:
              qualcode --project studie.qualcode codes
              qualcode codes --project studie.qualcode

            A first session:
              qualcode init studie.qualcode --title "Metodeveilederes erfaringer"
              qualcode participant add Eva --label "Informant E" \\
                --attr rolle=metodeveileder
              qualcode import intervju-eva.docx --participant Eva \\
                --speaker-map "I=Intervjuer,E=Eva"
              qualcode show eva --lines 1-20
              qualcode code eva --quote "tillit er alt" --code Tillit
              qualcode search 'tillit NOT kontroll'
              qualcode quotes --code Tillit --style report --label "({rolle})" \\
                -o sitater.docx
              qualcode stc status
            """,
        version: "0.1.0",
        groupedSubcommands: [
            CommandGroup(name: "Project", subcommands: [InitCommand.self, ProjectCommand.self, ParticipantCommand.self, ImportCommand.self,
                                                         TranscriptCommand.self, ShowCommand.self, MemoCommand.self, LogCommand.self, MergeCommand.self]),
            CommandGroup(name: "Coding", subcommands: [CodeCommand.self, UncodeCommand.self, RecodeCommand.self, CodesCommand.self, UnitsCommand.self]),
            CommandGroup(name: "Finding", subcommands: [SearchCommand.self, RetrieveCommand.self]),
            CommandGroup(name: "Analysis", subcommands: [StcCommand.self, MapCommand.self, AgreeCommand.self, ConsensusCommand.self]),
            CommandGroup(name: "Export", subcommands: [QuotesCommand.self, QuoteCommand.self, ExportCommand.self]),
            CommandGroup(name: "Browser", subcommands: [ServeCommand.self, UserCommand.self]),
            CommandGroup(name: "Exchange", subcommands: [RefiCommand.self]),
            CommandGroup(name: "Privacy", subcommands: [KeyCommand.self, PrivacyCommand.self, EthicsCommand.self]),
        ]
    )

    /// `--project` and `--coder` before the command's name; the subcommand that declares them gets them.
    @OptionGroup var global: ProjectOptions
}
