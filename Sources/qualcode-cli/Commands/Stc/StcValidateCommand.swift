import ArgumentParser
import Condensation
import Foundation
import QualCode

extension StcCommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the analysis back against the material, and say how many participants support each group.",
            discussion: """
                Reports subgroups with units from fewer participants than the minimum, golden quotes that \
                no longer match their transcript, condensates without units, units orphaned by a transcript \
                edit, and lists the units marked as contradicting. Exits with status 1 when anything but \
                contradicting units was found. The minimum is a setting:
                  qualcode stc set minimumParticipants 3

                For example:
                  qualcode stc validate
                """)
        @OptionGroup var project: ProjectOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let report = try project.openCondensation().validate()
            if json {
                try Output.printJSON(report)
            } else {
                for support in report.support {
                    Output.line("\(support.path)\(support.heading.map { " («\($0)»)" } ?? ""): \(support.wording)"
                          + (support.participants.isEmpty ? "" : " — \(support.participants.joined(separator: ", "))"))
                }
                if report.findings.isEmpty { Output.line("No problems found.") }
                for finding in report.findings { Output.line("\(finding.kind == .contradicting ? "note" : "problem"): \(Self.worded(finding))") }
            }
            if !report.passed { throw ExitCode.failure }
        }

        /// A finding as the command line says it, with the commands that deal with it.
        static func worded(_ finding: ValidationReport.Finding) -> String {
            switch finding.kind {
            case .strayGroup: "\(finding); move it back (`codes move`) or lay it aside (`stc group retire`)"
            default: finding.description
            }
        }
    }
}
