import ArgumentParser
import Exchange
import Foundation
import QualCode
import QualCodeKit

/// `qualcode refi …`: projects and codebooks to and from NVivo, ATLAS.ti, MAXQDA and QualCoder.
struct RefiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refi",
        abstract: "Exchange projects and codebooks with NVivo, ATLAS.ti, MAXQDA and QualCoder (REFI-QDA).",
        discussion: """
            REFI-QDA is the exchange standard the QDA programs share. A project goes as a .qdpx package \
            (project.qde and a UTF-8 text file per transcript under sources/), a codebook as a .qdc file. \
            Codes keep their tree, colours and definitions; coders become users; segments and their codings \
            keep their coder and time; memos become notes; participants become cases with their attributes \
            as variables. GUIDs are our ids, and GUIDs another program gave are written back as they came.

            Programs count positions in the text differently (the standard's code points, NVivo's UTF-16 \
            with CRLF as two, ATLAS.ti's CRLF as one). An import finds the counting that fits each source \
            best, by the quoted text a selection carries and by where its ends fall, and says per source \
            which it used; every selection that could not be placed is listed.

            For example:
              qualcode refi export -o studie.qdpx
              qualcode refi export --codebook -o kodebok.qdc
              qualcode refi import studie.qdpx --to ny.qualcode
              qualcode refi import kodebok.qdc
            """,
        subcommands: [Export.self, Import.self]
    )
}

/// The exchange module's errors, worded for the command line (they name no flags of their own).
private func worded<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ExchangeError { throw WordedError(description: error.description) }
}

extension RefiCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the project as a REFI-QDA package (.qdpx), or its codes as a codebook (.qdc).",
            discussion: """
                The package holds project.qde and sources/<guid>.txt per transcript. Segments whose text \
                an edit removed are left out (they have no place in the text) and counted. -o replaces a \
                file in one step.

                For example:
                  qualcode refi export -o studie.qdpx
                  qualcode refi export --codebook -o kodebok.qdc
                """
        )
        @OptionGroup var project: ProjectOptions
        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (.qdpx, or .qdc with --codebook).", valueName: "file"))
        var output: String
        @Flag(help: "Write only the code tree, as a REFI-QDA codebook (.qdc).") var codebook = false
        @Flag(help: "Print what was written as JSON.") var json = false
        @OptionGroup var privacy: SafeExportOptions

        func run() throws {
            let exchange = Exchange(try project.openStore())
            let screen = try privacy.screen(project)
            let export = try worded { try codebook ? exchange.refiCodebook(screen: screen) : exchange.refiProject(screen: screen) }
            try ExportFile.write(export.data, to: URL(fileURLWithPath: output))
            if json { try Output.printJSON(export.summary); return }
            let s = export.summary
            if codebook {
                Output.line("Wrote \(output): \(s.codes) codes.")
            } else {
                Output.line("Wrote \(output): \(s.sources) sources, \(s.codes) codes, \(s.selections) selections, \(s.codings) codings, "
                            + "\(s.notes) notes, \(s.cases) cases, \(s.variables) variables, \(s.users) users.")
                if s.condensationNotes > 0 { Output.line("Condensation: \(s.condensationNotes) condensates and analytic texts, as notes on their codes.") }
                if s.mapNodes > 0 { Output.line("The work map: a graph of \(s.mapNodes) nodes and \(s.mapLinks) links.") }
                if s.orphanedSegmentsLeftOut > 0 {
                    Output.line("Left out: \(s.orphanedSegmentsLeftOut) segments whose text was removed by an edit.")
                    if s.orphanedSegmentMemosOnTranscript > 0 {
                        Output.line("Moved: \(s.orphanedSegmentMemosOnTranscript) memos on those segments, written as notes on their transcript.")
                    }
                }
            }
            if s.englishLabelsLeftOut > 0 { Output.line("Left out: \(s.englishLabelsLeftOut) English labels of codes (REFI-QDA has no place for them).") }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a REFI-QDA or Taguette project as a new project, or a codebook into this one.",
            discussion: """
                A project (.qdpx, or a bare .qde with its sources folder beside it) becomes a new project \
                file, named with --to; so does a Taguette project's exported SQLite file (.sqlite3), its \
                documents' HTML as text and its highlights placed by their UTF-8 byte offsets; an existing file is never replaced, and nothing is left behind when \
                the import fails. A codebook (.qdc) adds its codes to the current project: codes are \
                matched by path, those the project has are left as they are.

                The report says per source how many selections were placed and by which counting of \
                positions, and lists every selection that could not be placed.

                For example:
                  qualcode refi import studie.qdpx --to ny.qualcode
                  qualcode refi import nvivo-eksport.qdpx --to nvivo.qualcode --json
                  qualcode refi import kodebok.qdc
                  qualcode refi import taguette-eksport.sqlite3 --to taguette.qualcode
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The file: .qdpx, .qde or .qdc (REFI-QDA), or .sqlite3 (Taguette).") var file: String
        @Option(help: ArgumentHelp("The new project file a .qdpx or .qde becomes.", valueName: "file")) var to: String?
        @Flag(help: "Print the report as JSON.") var json = false

        private var isCodebook: Bool { URL(fileURLWithPath: file).pathExtension.lowercased() == "qdc" }

        func validate() throws {
            if isCodebook && to != nil { throw ValidationError("--to names a new project; a codebook (.qdc) goes into the current project.") }
            if !isCodebook && to == nil { throw ValidationError("name the new project file with --to (a project import makes a new project).") }
        }

        func run() throws {
            let url = URL(fileURLWithPath: file)
            if isCodebook {
                let report = try worded { try Exchange(try project.openStore()).importRefiCodebook(from: url) }
                if json { try Output.printJSON(report); return }
                Output.line("Codebook \(url.lastPathComponent): \(report.added.count) new, \(report.existing.count) already in the project.")
                for path in report.added { Output.line("  new: \(path)") }
                for path in report.existing { Output.line("  existing: \(path)") }
                for change in report.renamed { Output.line("  renamed: \(change.escapingControlCharacters())") }
                return
            }
            let coder = ProjectLocator.coder(explicit: project.coder)
            let destination = URL(fileURLWithPath: to!)
            let report = try worded {
                ["sqlite3", "sqlite", "db"].contains(url.pathExtension.lowercased())
                    ? try Exchange.importTaguette(from: url, to: destination, coder: coder, extensions: ProjectModules.all)
                    : try Exchange.importRefiProject(from: url, to: destination, coder: coder, extensions: ProjectModules.all)
            }
            if json { try Output.printJSON(report); return }
            show(report)
        }

        private func show(_ r: RefiImportReport) {
            Output.line("Imported \(URL(fileURLWithPath: file).lastPathComponent)\(r.origin.map { " (from \($0))" } ?? "") as \(r.path): "
                        + "\(r.transcripts) transcripts, \(r.codes) codes, \(r.segments) segments, \(r.codings) codings, \(r.memos) memos, "
                        + "\(r.participants) participants, \(r.attributes) attributes.")
            if !r.coders.isEmpty { Output.line("Coders: \(r.coders.joined(separator: ", "))") }
            for s in r.sources {
                let agree = s.conventionsAgree ? " (every counting agrees)" : ""
                let found = s.reanchored > 0 ? ", \(s.reanchored) found by their quoted text" : ""
                let ends = s.endInclusive ? ", ends on the last character" : ""
                Output.line("  \(s.transcript): \(s.placed) selections placed by \(s.convention.description)\(ends)\(agree)\(found)"
                            + (s.unplaced.isEmpty ? "" : "; \(s.unplaced.count) not placed:"))
                for u in s.unplaced {
                    Output.line("    \(u.guid.escapingControlCharacters()) [\(u.start)–\(u.end)]\(u.name.map { " \"\($0.escapingControlCharacters().truncated())\"" } ?? ""): \(u.reason.description)")
                }
            }
            for (kind, count) in r.otherSources.sorted(by: { $0.key < $1.key }) { Output.line("Not imported: \(count) \(kind) (only text sources are).") }
            for (kind, count) in r.leftOut.sorted(by: { $0.key < $1.key }) { Output.line("Not imported: \(count) \(kind).") }
            if r.codingsWithoutCode > 0 { Output.line("Not imported: \(r.codingsWithoutCode) codings whose code is not in the codebook.") }
            if r.duplicateCodings > 0 { Output.line("Kept once: \(r.duplicateCodings) codings repeated by the same coder on the same passage.") }
            if r.notesLeftOut > 0 { Output.line("Not imported: \(r.notesLeftOut) notes without text or longer than a memo may be.") }
            for value in r.valuesLeftOut { Output.line("Not imported (does not fit its type): \(value)") }
            for change in r.renamed { Output.line("Renamed: \(change.escapingControlCharacters())") }
            for guid in r.guidsNotKept { Output.line("GUID not kept (written anew on export): \(guid)") }
        }
    }
}
