import ArgumentParser
import Foundation
import QualCode

/// How quotes are set, for every command that writes them (`quotes`, `stc export chapter`): the
/// house style (`--style`, `--style-file`) and what a command line may change of it.
struct QuoteStyleOptions: ParsableArguments {
    @OptionGroup var houseStyle: HouseStyleOptions

    @Option(help: ArgumentHelp("Label after each quote: {pseudonym}, {label} or attribute names in braces; \"\" for none.", valueName: "template"))
    var label: String?

    @Option(help: ArgumentHelp("A sentence before each quote, e.g. \"{pseudonym} forteller:\" (then no label unless --label is given).",
                               valueName: "template"))
    var leadIn: String?

    @Option(help: "Quotes of at least this many words become block quotes (default: the house style's, 40).")
    var blockWords: Int?

    @Flag(help: "Name the participants with their counts in each group's summary line (the thesis style does; the report style gives counts only).")
    var namesInSummary = false

    func validate() throws {
        do { _ = try HouseStyle.thesis.changed(changes) } catch {
            throw ValidationError("--block-words must be 1 or more (got \(blockWords.map(String.init) ?? "")).")
        }
    }

    /// What this command line changes of the house style.
    var changes: HouseStyle.Changes {
        HouseStyle.Changes(label: label, leadIn: leadIn, blockWords: blockWords, namesInSummary: namesInSummary)
    }

    /// The house style with this command line's changes.
    func resolve() throws -> HouseStyle {
        try houseStyle.resolve().changed(changes)
    }
}
