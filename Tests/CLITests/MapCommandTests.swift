import Foundation
import Testing

/// `qualcode map …` as a user runs it: a small map built step by step with evidence from a transcript,
/// and bad input refused on one line with nothing changed.
@Suite struct MapCommandTests {
    func project() throws -> CLIRunner {
        let cli = try CLIRunner()
        try cli.write("intervju-siv.txt", """
            Intervjuer: Hvordan begynner det?
            Siv: Vi får en henvisning fra veilederen, og så tar jeg en telefon.
            Intervjuer: Og så?
            Siv: Så fyller vi ut samtykkeerklæringen sammen.
            """)
        for arguments in [["init", "studie.qualcode"], ["participant", "add", "Siv"], ["import", "intervju-siv.txt", "--participant", "Siv"]] {
            #expect(try cli.run(arguments).status == 0)
        }
        return cli
    }

    @Test func aSmallMapIsBuiltWithEvidence() throws {
        let cli = try project()
        defer { cli.remove() }
        for arguments in [
            ["map", "standpoint", "Jobbspesialister i NAV"],
            ["map", "step", "add", "Bli kjent"],
            ["map", "step", "add", "Henvisning", "--before", "Bli kjent"],
            ["map", "step", "add", "Kartlegge"],
            ["map", "action", "add", "Informasjonssamtale", "--step", "Bli kjent"],
            ["map", "actor", "add", "NAV-veileder", "--translocal"],
            ["map", "text", "add", "Samtykkeerklæring", "--kind", "form", "--step", "Bli kjent"],
            ["map", "text", "add", "Kvalitetsveileder", "--kind", "quality-tool", "--process"],
            ["map", "link", "precedes", "step:Henvisning", "step:Bli kjent"],
            ["map", "link", "uses", "step:Bli kjent", "text:Samtykkeerklæring"],
            ["map", "evidence", "add", "step:Henvisning", "intervju-siv", "--quote", "Vi får en henvisning"],
            ["map", "evidence", "add", "text:Samtykkeerklæring", "intervju-siv", "--lines", "4"],
            ["map", "step", "merge", "Bli kjent", "Kartlegge"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(try cli.run("map", "step", "list").stdout == "1. Henvisning\n2. Bli kjent — merged from Kartlegge\n")
        #expect(try cli.run("map", "evidence", "step:Henvisning").stdout.hasPrefix("Henvisning: 1 passage(s) from 1 informant(s)\n"))
        let status = try cli.run("map", "status").stdout
        #expect(status.contains("standpoint: Jobbspesialister i NAV\nsteps 2 · actions 1 · actors 1 · texts 2 · links 2"), "\(status)")
        #expect(status.contains("without evidence (`map evidence add`): Bli kjent, Informasjonssamtale, Kvalitetsveileder"), "\(status)")
        // The evidence is coding: the code tree shows it under «Arbeidskart».
        #expect(try cli.run("codes").stdout.contains("Henvisning"))
    }

    @Test(arguments: [
        (["map", "link", "precedes", "step:Henvisning", "step:Henvisning"], "cannot be linked to itself"),
        (["map", "link", "precedes", "step:Bli kjent", "step:Henvisning"], "would go round in a circle: Bli kjent → Henvisning → Bli kjent"),
        (["map", "link", "precedes", "text:Skjema", "step:Henvisning"], "precedes links step to step, not text to step"),
        (["map", "link", "precedes", "step:Henvsning", "step:Bli kjent"], "did you mean \"Henvisning\""),
        (["map", "text", "add", "Ny", "--kind", "pdf", "--process"], "'pdf' is invalid for '--kind"),
        (["map", "text", "add", "Ny", "--kind", "form"], "exactly one of --step STEP or --process"),
        (["map", "step", "add", "A/B"], "has a «/»"),
        (["map", "step", "add", "henvisning"], "already has a step named"),
        (["map", "evidence", "add", "step:Henvisning", "intervju-siv", "--quote", "står ikke der"], "does not occur"),
        (["map", "evidence", "add", "step:Henvisning", "intervju-ola", "--lines", "1"], "no transcript"),
        (["map", "step", "move", "Henvisning", "--to", "7"], "1 to 2"),
    ])
    func badInputIsRefusedOnOneLineAndChangesNothing(arguments: [String], message: String) throws {
        let cli = try project()
        defer { cli.remove() }
        for setup in [["map", "step", "add", "Henvisning"], ["map", "step", "add", "Bli kjent"],
                      ["map", "text", "add", "Skjema", "--kind", "form", "--process"],
                      ["map", "link", "precedes", "step:Henvisning", "step:Bli kjent"]] {
            #expect(try cli.run(setup).status == 0)
        }
        let before = try cli.run("map", "status", "--json").stdout
        let result = try cli.run(arguments)
        #expect(result.status != 0 && result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(message), "\(result.stderr)")
        #expect(try cli.run("map", "status", "--json").stdout == before)
    }
}
