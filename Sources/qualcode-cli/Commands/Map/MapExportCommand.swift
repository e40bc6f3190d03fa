import ArgumentParser
import Foundation
import QualCode
import WorkMapping

extension MapTableKind: ExpressibleByArgument {}

extension MapCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The map drawn (SVG, PNG, DOT), as a Word figure, and its tables.",
            discussion: """
                For example:
                  qualcode map export svg -o kart.svg --lanes
                  qualcode map export png -o kart.png --width 2400   # for slides
                  qualcode map export docx -o kart.docx              # a Word figure
                  qualcode map export dot -o kart.dot                # for Graphviz
                  qualcode map export tables -o kart-tabeller.docx   # all five tables
                  qualcode map export tables --table steps -o steg.csv
                """,
            subcommands: [Drawing<SVGFormat>.self, Drawing<PNGFormat>.self, Drawing<DOTFormat>.self, Figure.self, Tables.self])

        /// `--lanes` and `--locale`, which every drawing of the map takes.
        struct MapLook: ParsableArguments {
            @Flag(help: "One swim lane per actor, with the actions it performs.") var lanes = false
        }

        struct Figure: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "docx",
                abstract: "The map as a figure in Word (docx or wordxml) or HTML, with caption, note and alt text.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var look: MapLook
            @OptionGroup var out: DocumentOutputOptions

            func validate() throws {
                if out.format == .csv { throw ValidationError("the map's figure is a document: write docx, wordxml or html (`map export tables` writes CSV).") }
            }

            func run() throws {
                try out.checkDestination(project: project)
                try project.openWorkMap().exportMapDocument(lanes: look.lanes, language: out.locale, to: try out.target(project))
                out.wrote { "Wrote \($0)" }
            }
        }

        struct Tables: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "The map's tables: steps, texts, disjunctures, quotes (by step) and informants; one for CSV.")
            @OptionGroup var project: ProjectOptions
            @Option(help: "A table to write (repeatable; default all): steps, texts, disjunctures, quotes or informants.")
            var table: [MapTableKind] = []
            @OptionGroup var houseStyle: HouseStyleOptions
            @OptionGroup var out: DocumentOutputOptions

            func validate() throws {
                if out.format == .csv && table.count != 1 {
                    throw ValidationError("a CSV file holds one table: name it with --table (steps, texts, disjunctures, quotes or informants).")
                }
            }

            func run() throws {
                try out.checkDestination(project: project)
                let request = MapTablesExportRequest(kinds: table.isEmpty ? MapTableKind.allCases : table, language: out.locale,
                                                     style: try houseStyle.resolve())
                let report = try project.openWorkMap().exportTables(request, to: try out.target(project))
                out.wrote { "Wrote \($0)" }
                if !report.tablesTooWide.isEmpty {
                    Output.note("Note: table \(report.tablesTooWide.map(String.init).joined(separator: ", ")) is too wide for the page even at "
                                + "8 pt, so some words are broken.")
                }
            }
        }
    }
}

/// Which drawing a `Drawing` subcommand writes.
protocol DrawingFormat {
    static var format: MapDrawingFormat { get }
    static var abstract: String { get }
}

enum SVGFormat: DrawingFormat {
    static let format = MapDrawingFormat.svg
    static let abstract = "The map as SVG (DejaVu Sans), to print, edit or put in a slide."
}

enum PNGFormat: DrawingFormat {
    static let format = MapDrawingFormat.png
    static let abstract = "The map as PNG (drawn by rsvg-convert), for slides."
}

enum DOTFormat: DrawingFormat {
    static let format = MapDrawingFormat.dot
    static let abstract = "The map as a Graphviz digraph, to restyle it yourself."
}

extension MapCommand.Export {
    /// `map export svg|png|dot`: the drawing's bytes to a file or, but for PNG, standard output.
    struct Drawing<Kind: DrawingFormat>: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: Kind.format.rawValue, abstract: Kind.abstract)
        }
        @OptionGroup var project: ProjectOptions
        @OptionGroup var look: MapCommand.Export.MapLook
        @Option(help: "Language of the caption, legend and note: nb or en.") var locale: DocumentLanguage = .nb
        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The file to write; without it, or with -, standard output (not PNG).",
                                                                         valueName: "file"))
        var output: String?
        @Option(help: "PNG only: pixels per unit of the drawing (default 2).") var scale: Double?
        @Option(help: "PNG only: the width in pixels (the height follows).") var width: Int?
        @OptionGroup var privacy: SafeExportOptions

        var file: String? { output == "-" ? nil : output }

        func validate() throws {
            if Kind.format != .png && (scale != nil || width != nil) { throw ValidationError("--scale and --width size a PNG; \(Kind.format.rawValue) has no pixels.") }
            if scale != nil && width != nil { throw ValidationError("give --scale or --width, not both.") }
            if Kind.format == .png && file == nil { throw ValidationError("a PNG goes to a file: pass -o FILE.") }
            // A PNG in a file named .svg opens as garbage: the ending, when there is one, must agree («.gv» is DOT too).
            let ending = file.map { URL(fileURLWithPath: $0).pathExtension.lowercased() } ?? ""
            let endings = Kind.format == .dot ? ["dot", "gv"] : [Kind.format.fileExtension]
            if let file, !ending.isEmpty, !endings.contains(ending) {
                throw ValidationError("-o \(file) ends in .\(ending), but this writes \(Kind.format.rawValue); name the file .\(Kind.format.fileExtension).")
            }
        }

        func run() throws {
            if let file { try ExportDestination.check(URL(fileURLWithPath: file), protecting: [try? ProjectLocator.locate(explicit: project.project)].compactMap { $0 }) }
            let size: MapRaster.Size = width.map { .width($0) } ?? scale.map { .scale($0) } ?? .standard
            let data = try project.openWorkMap().drawing(MapDrawingRequest(Kind.format, lanes: look.lanes, language: locale, size: size),
                                                         screen: try privacy.screen(project))
            guard let file else {
                FileHandle.standardOutput.write(data)
                return
            }
            try ExportFile.write(data, to: URL(fileURLWithPath: file))
            Output.line("Wrote \(file)")
        }
    }
}
