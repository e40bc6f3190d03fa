import ArgumentParser
import Foundation
import QualCode

/// `--style thesis|report` and `--style-file FILE`: the house style for quotes.
struct HouseStyleOptions: ParsableArguments {
    @Option(help: "The built-in house style: thesis or report.")
    var style: String = "thesis"

    @Option(help: ArgumentHelp("A house-style file (JSON, see Templates/); overrides --style.", valueName: "file"))
    var styleFile: String?

    func validate() throws {
        if HouseStyle.named(style) == nil { throw ValidationError("--style \"\(style)\": expected thesis or report.") }
    }

    func resolve() throws -> HouseStyle {
        if let styleFile { return try HouseStyle.load(from: URL(fileURLWithPath: styleFile)) }
        return HouseStyle.named(style)!
    }
}
