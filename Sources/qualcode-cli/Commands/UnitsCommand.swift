import ArgumentParser
import Foundation
import QualCode

struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "The process log: every coded segment with participant, line and codes.",
        discussion: """
            One row per segment (meaning unit), in transcript and text order. The id is what `uncode` and \
            `memo add --on segment:ID` take; the line is where `show` finds it again.

            For example:
              qualcode units --code Trivsel --csv > prosesslogg.csv
            """
    )
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this transcript.") var transcript: String?
    @Option(help: "Only segments with this code.") var code: String?
    @Flag(help: "With --code: include segments coded with the code's child codes.") var withChildren = false

    func run() throws {
        let store = try project.openStore()
        let units = try store.units(transcript: try transcript.map(store.resolve.transcript), code: try code.map(store.resolve.code),
                                    includeChildren: withChildren)
        try output.emit(units) {
            TextTable(headers: ["unit", "participant", "transcript", "line", "codes", "text"],
                      rows: units.map { u in
                          [u.id.shortID, u.participants.joined(separator: ", "), u.transcript, u.isOrphaned ? "orphaned" : u.lines,
                           u.codes.joined(separator: "; "), output.csv || output.json ? u.text : u.text]
                      })
        }
    }
}
