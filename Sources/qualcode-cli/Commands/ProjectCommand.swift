import ArgumentParser
import Foundation
import QualCode

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Show or change the project's title, research question and method notes.",
        subcommands: [Show.self, Set.self],
        defaultSubcommand: Show.self
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the project and what it holds.")
        @OptionGroup var project: ProjectOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let store = try project.openStore()
            let info = try store.projectInfo()
            if json { try Output.printJSON(info); return }
            Output.line("Title:             \(info.title)")
            Output.line("Research question: \(info.researchQuestion ?? "—")")
            if let notes = info.methodNotes { Output.line("Method notes:      \(notes)") }
            let counts = try store.counts()
            Output.line("File:              \(store.url.path)")
            Output.line("Transcripts:       \(counts.transcripts)")
            Output.line("Participants:      \(counts.participants)")
            Output.line("Codes:             \(counts.codes)")
            Output.line("Segments:          \(counts.segments) (\(counts.codings) codings)")
            Output.line("Memos:             \(counts.memos)")
            Output.line("Events logged:     \(counts.events)")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the title, research question or method notes.",
            discussion: "For example:\n  qualcode project set --notes \"Malterud (2017), fire trinn; én forsker.\""
        )
        @OptionGroup var project: ProjectOptions
        @Option(help: "New title.") var title: String?
        @Option(help: "New research question.") var question: String?
        @Option(help: "Method notes.") var notes: String?

        func run() throws {
            let info = try project.openStore().updateProject(title: title, researchQuestion: question, methodNotes: notes)
            Output.line("Updated project \(info.title)")
        }
    }
}
