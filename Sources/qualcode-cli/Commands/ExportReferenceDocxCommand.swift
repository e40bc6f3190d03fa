import ArgumentParser
import Foundation
import QualCode

extension ExportCommand {
    struct ReferenceDocx: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reference-docx",
            abstract: "Write QualCode's Word styles as a reference document to edit and pass back with --reference-docx.",
            discussion: """
                The file has one paragraph in each style QualCode uses (headings, «Sitat», «Sitat-etikett», \
                «Tabelltekst», captions, notes). Change the styles and the page setup in Word, save, and give the \
                file to any Word export with --reference-docx. It is the same as Templates/referanse.docx.

                For example:
                  qualcode export reference-docx -o min-mal.docx
                  qualcode quotes --code Tillit -o sitater.docx --reference-docx min-mal.docx
                """
        )
        @Option(name: [.short, .customLong("output")], help: "The file to write.") var output: String
        @Option(help: "Language of the explanations in the file: nb or en.") var locale: DocumentLanguage = .nb

        func run() throws {
            try ExportDestination.check(URL(fileURLWithPath: output))
            try DocxRenderer.write(ReferenceDocument.template(language: locale), to: URL(fileURLWithPath: output))
            Output.line("Wrote \(output)")
        }
    }
}
