import ArgumentParser
import Foundation
import QualCode

struct MemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memo",
        abstract: "Write and list memos on the project, a transcript, a participant, a code or a segment.",
        subcommands: [Add.self, List.self],
        defaultSubcommand: List.self,
        aliases: ["memos"]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a memo.",
            discussion: "For example:\n  qualcode memo add --on transcript:eva \"Første gjennomlesning: mye om tillit.\"\n  qualcode memo add --on code:Tillit \"Brukes om …\""
        )
        @OptionGroup var project: ProjectOptions
        @Option(help: "project, transcript:NAME, participant:PSEUDONYM, code:NAME or segment:ID.") var on = "project"
        @Argument(help: "The memo text.") var text: String

        func run() throws {
            let store = try project.openStore()
            let memo = try store.addMemo(on: try store.resolve.memoTarget(on), text: text)
            print("Added memo \(memo.id.shortID) on \(memo.on)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List memos, oldest first.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only memos on this record.") var on: String?

        func run() throws {
            let store = try project.openStore()
            let memos = try store.memos(on: try on.map(store.resolve.memoTarget))
            try output.emit(memos) {
                TextTable(headers: ["memo", "on", "author", "date", "text"],
                          rows: memos.map { [$0.id.shortID, $0.on, $0.author, ISO8601DateFormatter().string(from: $0.createdAt), $0.text] })
            }
        }
    }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The event log: who changed what, when.")
    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "How many of the latest events.") var last = 50

    func run() throws {
        let events = try project.openStore().events(last: last)
        try output.emit(events) {
            TextTable(headers: ["#", "when", "who", "action", "details"],
                      rows: events.map { [String($0.id ?? 0), ISO8601DateFormatter().string(from: $0.at), $0.actor, $0.action, $0.payload] })
        }
    }
}
