import ArgumentParser
import Foundation
import QualCode

struct MemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memo",
        abstract: "Write, list, show, edit and delete memos on the project, a transcript, a participant, a code or a segment.",
        discussion: """
            A memo is named by the short id `memo list` prints (its last eight hex digits; four or more \
            are enough when they fit one memo). A memo goes with the record it is on: deleting a \
            transcript, segment, participant or code deletes its memos, and those commands list them and \
            refuse without --force first (codes: see `codes delete`).
            """,
        subcommands: [Add.self, List.self, Show.self, Edit.self, Delete.self],
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
            Output.line("Added memo \(memo.id.shortID) on \(memo.on)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List memos, oldest first, each cut to its beginning (`memo show ID` prints one whole; --json has every text).",
            discussion: "For example:\n  qualcode memo list --on transcript:eva\n  qualcode memo list --kind segment --containing tillit"
        )
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only memos on this record.") var on: String?
        @Option(help: "Only memos on this kind of record.") var kind: MemoTarget.Kind?
        @Option(help: "Only memos whose text holds these words (ignoring case).") var containing: String?

        func run() throws {
            let store = try project.openStore()
            let filter = MemoFilter(target: try on.map(store.resolve.memoTarget), kind: kind, containing: containing)
            let memos = try store.memos(filter).memos
            try output.emit(memos) {
                TextTable(headers: ["memo", "on", "author", "date", "text"],
                          rows: memos.map { memo in
                              [memo.id.shortID, memo.on, memo.author, Self.date(memo.createdAt),
                               output.csv ? memo.text : memo.text.collapsedWhitespace]
                          })
            }
        }

        static func date(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one memo whole, with what it is on, who wrote it and when.",
            discussion: "For example:\n  qualcode memo show 1a2b3c4d"
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The memo's id (as `memo list` prints it).") var memo: String
        @Flag(help: "Print the memo as JSON.") var json = false

        func run() throws {
            let store = try project.openStore()
            let entry = try store.memo(try store.resolve.memo(memo))
            if json { try Output.printJSON(entry); return }
            Output.line("memo \(entry.id.shortID) on \(entry.on), by \(entry.author), \(List.date(entry.createdAt))")
            Output.line("")
            Output.line(entry.text)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a memo's text, given here or written in $EDITOR.",
            discussion: """
                Without TEXT, the memo opens in $VISUAL or $EDITOR (vi when neither is set); saving and \
                closing stores it. If the memo was changed by someone else while the editor was open, \
                nothing is saved and your text is kept in a file whose path is printed. What the memo is \
                on, its author and date stay.

                For example:
                  qualcode memo edit 1a2b3c4d "Tillit henger sammen med tid."
                  EDITOR=nano qualcode memo edit 1a2b3c4d
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The memo's id.") var memo: String
        @Argument(help: "The new text (leave out to use $EDITOR).") var text: String?

        func run() throws {
            let store = try project.openStore()
            let id = try store.resolve.memo(memo)
            let entry: MemoEntry
            if let text {
                entry = try store.updateMemo(id, text: text)
            } else {
                let original = try store.memo(id).text
                try EditorSession.requireWritable(store)
                let edited = try EditorSession.edit(original, name: "memo-\(id.shortID)")
                entry = try EditorSession.save(edited, record: "memo \(id.shortID)", name: "memo-\(id.shortID)", beside: store.url) {
                    try store.updateMemo(id, text: edited, original: original)
                }
            }
            Output.line("Saved memo \(entry.id.shortID) on \(entry.on) (\(entry.text.unicodeScalars.count) characters)")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a memo.",
            discussion: "For example:\n  qualcode memo delete 1a2b3c4d"
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The memo's id.") var memo: String

        func run() throws {
            let store = try project.openStore()
            let entry = try store.deleteMemo(try store.resolve.memo(memo))
            Output.line("Deleted memo \(entry.id.shortID) on \(entry.on): \"\(entry.text.truncated())\"")
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

extension MemoTarget.Kind: ExpressibleByArgument {}
