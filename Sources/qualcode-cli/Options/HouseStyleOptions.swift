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
        do { _ = try HouseStyle.builtIn(named: style) } catch { throw ValidationError("--style \(error)") }
    }

    func resolve() throws -> HouseStyle {
        if let styleFile { return try HouseStyle.load(from: URL(fileURLWithPath: styleFile)) }
        return try HouseStyle.builtIn(named: style)
    }
}
