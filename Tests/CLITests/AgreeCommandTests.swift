import Foundation
import Testing

/// `qualcode agree` and `qualcode consensus` as a team runs them: two coders code one interview, the
/// statistics and the disagreements are printed and written, a disagreement is settled, and bad input
/// is refused on one line with nothing changed.
@Suite struct AgreeCommandTests {
    func project() throws -> CLIRunner {
        let cli = try CLIRunner()
        try cli.write("intervju-siv.txt", """
            Intervjuer: Hvordan er samarbeidet?
            Siv: Jeg stoler på veilederen. Hun ringer alltid tilbake.
            Siv: Men skjemaene tar tid, eh, mye tid.
            """)
        for arguments in [
            ["init", "studie.qualcode"], ["participant", "add", "Siv"], ["import", "intervju-siv.txt", "--participant", "Siv"],
            ["code", "intervju-siv", "--quote", "Jeg stoler på veilederen.", "--code", "Tillit", "--coder", "anne"],
            ["code", "intervju-siv", "--quote", "Jeg stoler på veilederen. Hun ringer alltid tilbake.", "--code", "Tillit", "--coder", "berit"],
            ["code", "intervju-siv", "--quote", "skjemaene tar tid", "--code", "Belastning", "--coder", "anne"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return cli
    }

    @Test func statisticsDisagreementsAndConsensus() throws {
        let cli = try project()
        defer { cli.remove() }
        let stats = try cli.run(["agree", "--coders", "anne,berit"])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("Samsvar mellom anne og berit per kode") && stats.stdout.contains("Belastning")
                && stats.stdout.contains("Samlet") && stats.stdout.contains("Enhet: tegn"))
        let english = try cli.run(["agree", "stats", "--coders", "anne,berit", "--unit", "sentences", "--locale", "en"])
        #expect(english.stdout.contains("Unit: sentences") && english.stdout.contains("Pooled"))

        let listed = try cli.run(["agree", "disagreements", "--coders", "anne,berit"])
        #expect(listed.status == 0 && listed.stdout.contains("2 disagreement(s), 0 decided"))
        #expect(listed.stdout.contains("(different boundaries)") && listed.stdout.contains("(not coded)"))
        let id = String(listed.stdout.split(separator: "\n").first { $0.contains("Tillit") }!.split(separator: " ")[0])

        let decided = try cli.run(["consensus", id, "--coders", "anne,berit", "--adopt", "berit", "--note", "Hele svaret"])
        #expect(decided.status == 0 && decided.stdout.contains("\(id): berit adopted; 1 coding(s) for konsensus."), "\(decided.stderr)")
        #expect(try cli.run(["agree", "disagreements", "--coders", "anne,berit"]).stdout.contains("decided: berit adopted (cli-test): Hele svaret"))

        let report = try cli.run(["agree", "report", "--coders", "anne,berit", "-o", "samsvar.docx"])
        #expect(report.status == 0 && report.stdout.contains("Wrote samsvar.docx"), "\(report.stderr)")
        let csv = try cli.run(["agree", "disagreements", "--coders", "anne,berit", "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("Nr.,Kode,"))
        #expect(try cli.run(["consensus", "--agreed", "--coders", "anne,berit"]).stdout.contains("Adopted 0 agreed passage(s)"))
    }

    @Test func badInputIsRefusedOnOneLine() throws {
        let cli = try project()
        defer { cli.remove() }
        let before = try cli.run(["log"]).stdout
        for (arguments, message) in [
            (["agree", "--coders", "anne"], "at least two different coders"),
            (["agree", "--coders", "anne,berti"], "did you mean \"berit\"?"),
            (["agree", "--coders", "anne,berit", "--unit", "words"], "words"),
            (["agree", "--coders", "anne,berit", "--code", "Ukjent"], "Ukjent"),
            (["agree", "report", "--coders", "anne,berit", "--format", "csv"], "one table"),
            (["consensus", "--coders", "anne,berit", "--adopt", "anne"], "name the disagreements"),
            (["consensus", "abcdef12", "--coders", "anne,berit"], "--adopt"),
            (["consensus", "abcdef12", "--coders", "anne,berit", "--adopt", "anne"], "no disagreement abcdef12"),
            (["consensus", "--agreed", "--coders", "anne,berit", "--as", "anne"], "name of their own"),
            (["code", "intervju-siv", "--quote", "Hun ringer", "--code", "Tillit", "--coder", "ond\nnavn"], "coder"),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try cli.run(["log"]).stdout == before)
    }

    @Test func blindCodingIsTurnedOnAndOff() throws {
        let cli = try project()
        defer { cli.remove() }
        #expect(try cli.run(["agree", "blind"]).stdout.contains("Blind coding is off."))
        #expect(try cli.run(["agree", "blind", "on"]).stdout.contains("Blind coding is on"))
        #expect(try cli.run(["agree", "blind"]).stdout.contains("Blind coding is on"))
        #expect(try cli.run(["agree", "blind", "off"]).stdout.contains("Blind coding is off."))
    }
}
