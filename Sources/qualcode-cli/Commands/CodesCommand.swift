import ArgumentParser
import Foundation
import QualCode

struct CodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "The code tree: list, add, rename, merge, move and delete codes.",
        subcommands: [List.self, Add.self, Rename.self, Set.self, Merge.self, Move.self, Delete.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The code tree with segment and participant counts.",
            discussion: """
                Each code's own counts, and for a code with codes below it the counts with everything below \
                it (each segment and participant counted once). Orphaned segments are not counted. Listings, \
                retrieval, quotes and tables take a code's own segments; add --with-children to include the \
                codes below it.
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let tree = try project.openStore().codeTree()
            let parents = Swift.Set(tree.compactMap(\.parentId))
            if output.csv {
                try output.emit(tree) {
                    TextTable(headers: ["code", "segments", "participants", "definition", "segments_with_children", "participants_with_children"],
                              rows: tree.map { [$0.path, String($0.segments), String($0.participants), $0.definition ?? "",
                                                String($0.segmentsWithChildren), String($0.participantsWithChildren)] })
                }
                return
            }
            try output.emit(tree) {
                TextTable(headers: ["code", "segments", "participants", "with children", "definition"],
                          rows: tree.map { node in
                              [String(repeating: "  ", count: node.depth) + node.name, String(node.segments), String(node.participants),
                               parents.contains(node.id) ? "\(node.segmentsWithChildren) / \(node.participantsWithChildren)" : "",
                               node.definition ?? ""]
                          })
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a code.",
            discussion: "For example:\n  qualcode codes add Sparringspartner --parent Balansekunst \\\n    --definition \"Metodeveileder som samtalepartner\""
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The code's name (or Parent/Child path).") var name: String
        @Option(help: "Parent code.") var parent: String?
        @Option(help: "What the code means and when to use it.") var definition: String?
        @Option(help: "Colour, #RRGGBB.") var color: String?
        @Option(help: "English gloss for bilingual exports.") var english: String?

        func run() throws {
            let store = try project.openStore()
            let code = try store.addCode(name, parent: try parent.map(store.resolve.code), definition: definition, color: color,
                                         englishLabel: english)
            Output.line("Added code \"\(code.name)\"")
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a code (its codings stay).", discussion: "For example:\n  qualcode codes rename Trivsel \"Trivsel i jobben\"")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The code.") var code: String
        @Argument(help: "The new name.") var newName: String

        func run() throws {
            let store = try project.openStore()
            let renamed = try store.updateCode(try store.resolve.code(code), name: newName)
            Output.line("Renamed \"\(code)\" to \"\(renamed.name)\"")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a code's definition, colour or English label.")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The code.") var code: String
        @Option(help: "New definition (empty removes it).") var definition: String?
        @Option(help: "Colour, #RRGGBB.") var color: String?
        @Option(help: "English gloss (empty removes it).") var english: String?

        func run() throws {
            let store = try project.openStore()
            let updated = try store.updateCode(try store.resolve.code(code), definition: definition, color: color, englishLabel: english)
            Output.line("Updated code \"\(updated.name)\"")
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge one code into another: codings move, duplicates collapse, the first code is deleted.",
            discussion: "For example:\n  qualcode codes merge Trygghet --into Tillit"
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The code to merge away.") var code: String
        @Option(help: "The code that remains.") var into: String

        func run() throws {
            let store = try project.openStore()
            let source = try store.resolve.code(code), target = try store.resolve.code(into)
            let r = try store.mergeCode(source, into: target)
            Output.line("Merged \"\(r.code)\" into \"\(into)\": \(r.codingsMoved) coding(s) moved, \(r.codingsRemoved) duplicate(s) collapsed" + (r.childrenMoved.isEmpty ? "" : ", children moved: \(r.childrenMoved.joined(separator: ", "))"))
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a code under another code, or to the top.", discussion: "For example:\n  qualcode codes move Sparringspartner --parent Balansekunst\n  qualcode codes move Sparringspartner --top")
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The code.") var code: String
        @Option(help: "The new parent.") var parent: String?
        @Flag(help: "Move to the top level.") var top = false

        func validate() throws {
            if (parent == nil) == !top { throw ValidationError("give either --parent CODE or --top.") }
        }

        func run() throws {
            let store = try project.openStore()
            let id = try store.resolve.code(code)
            try store.moveCode(id, under: try parent.map(store.resolve.code))
            Output.line(parent.map { "Moved \"\(code)\" under \"\($0)\"" } ?? "Moved \"\(code)\" to the top level")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a code (refused while in use unless --force).",
            discussion: "With --force, the code's codings and its child codes are deleted too, and listed."
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The code.") var code: String
        @Flag(help: "Delete even if the code has codings or children.") var force = false

        func run() throws {
            let store = try project.openStore()
            let r = try store.deleteCode(try store.resolve.code(code), force: force)
            Output.line("Deleted code \"\(r.code)\": \(r.codingsRemoved) coding(s) removed" + (r.childrenRemoved.isEmpty ? "" : ", child codes removed: \(r.childrenRemoved.joined(separator: ", "))"))
        }
    }
}
