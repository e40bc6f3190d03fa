import ArgumentParser
import Foundation
import QualCode
import QualCodeKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new project file.",
        discussion: """
            Creates an empty project: one SQLite file that will hold transcripts, participants, codes, \
            codings, memos and an event log of every change.

            For example:
              qualcode init metodeveiledere.qualcode \\
                --title "Metodeveilederes erfaringer" \\
                --question "Hvordan erfarer en metodeveileder sin rolle?"
            """
    )

    @Argument(help: "The project file to create (name.qualcode).")
    var file: String

    @Option(help: "The study's title.")
    var title: String?

    @Option(help: "The research question.")
    var question: String?

    @OptionGroup var coderOption: CoderOption

    @Flag(help: "Print the project as JSON.")
    var json = false

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let title = self.title ?? url.deletingPathExtension().lastPathComponent
        let store = try ProjectModules.create(at: url, title: title, researchQuestion: question, coder: ProjectLocator.coder(explicit: coderOption.coder))
        let info = try store.projectInfo()
        if json { try Output.printJSON(info) } else { Output.line("Created \(file): \(info.title)") }
    }
}
