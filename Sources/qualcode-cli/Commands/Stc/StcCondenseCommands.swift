import ArgumentParser
import Condensation
import Foundation
import QualCode

extension StcCommand {
    struct Condense: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a subgroup's condensate and pick its golden quote.",
            discussion: """
                The condensate is your own first-person summary of the subgroup's units (an artificial \
                quotation); it is stored as your text and never exported as a quote. The golden quote is a \
                real unit of the subgroup.

                For example:
                  qualcode stc condense Balansekunst/Sparringspartner \\
                    --text "Jeg er den de kan sparre med …" --golden 1a2b3c4d
                """)
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Group/Subgroup.") var subgroup: String
        @Option(help: "The condensate.") var text: String?
        @Option(help: "The golden quote's unit id.") var golden: String?
        func validate() throws { if text == nil && golden == nil { throw ValidationError("give --text, --golden or both.") } }
        func run() throws {
            let stc = try project.openCondensation()
            try stc.condense(subgroup, text: text, golden: try golden.map(stc.store.resolve.segment))
            Output.line("Condensed \(subgroup)")
        }
    }

    struct Analyse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the analytic text of a group or subgroup under its category heading (step 4).",
            discussion: """
                The analytic text is Markdown (CommonMark): *italic*, **bold**, paragraphs separated by a \
                blank line, bulleted (- …) and numbered (1. …) lists, > block quotes. The results chapter \
                (`stc export chapter`) sets it with those emphases, paragraphs and lists.

                For example:
                  qualcode stc analyse Balansekunst --heading "Balansekunsten" \\
                    --text-file analyse.md
                """)
        @OptionGroup var project: ProjectOptions
        @Argument(help: "Group or Group/Subgroup.") var group: String
        @Option(help: "The category heading.") var heading: String?
        @Option(help: "The analytic text, in Markdown.") var text: String?
        @Option(help: ArgumentHelp("Read the analytic text (Markdown) from a UTF-8 file.", valueName: "file")) var textFile: String?
        func validate() throws {
            if text != nil && textFile != nil { throw ValidationError("--text and --text-file cannot be combined.") }
            if heading == nil && text == nil && textFile == nil { throw ValidationError("give --heading, --text or --text-file.") }
        }
        func run() throws {
            var body = text
            if let textFile {
                guard let data = FileManager.default.contents(atPath: textFile), let string = String(data: data, encoding: .utf8) else {
                    throw ValidationError("--text-file \(textFile): cannot be read as UTF-8 text.")
                }
                body = string
            }
            try project.openCondensation().analyse(group, heading: heading, text: body)
            Output.line("Analysed \(group)")
        }
    }
}
