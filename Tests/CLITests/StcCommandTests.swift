import Foundation
import Testing

@Suite struct StcCommandTests {
    @Test func theFirstStepsFromTheCommandLine() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("intervju-siri.txt", """
            Intervjuer: Hvordan er rollen?
            Siri: Jeg skal både veilede og ha egne deltakere. Det er en balansekunst.
            Intervjuer: Og teamet?
            Siri: Jeg er en sparringspartner, ikke en sjef.
            """)
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        #expect(try cli.run("participant", "add", "Siri").status == 0)
        #expect(try cli.run("import", "intervju-siri.txt", "--participant", "Siri").status == 0)

        #expect(try cli.run("stc", "theme", "add", "Tillit", "--note", "Går igjen").status == 0)
        let status1 = try cli.run("stc", "status")
        #expect(status1.stdout.hasPrefix("Step 1 of 4: Helhetsinntrykk"))

        let added = try cli.run("stc", "unit", "add", "siri", "--quote", "Jeg er en sparringspartner, ikke en sjef.", "--group", "Balansekunst")
        #expect(added.status == 0, "\(added.stderr)")
        let unit = String(added.stdout.prefix(8))
        #expect(try cli.run("stc", "subgroup", "add", "Balansekunst", "Sparringspartner").status == 0)
        #expect(try cli.run("stc", "unit", "move", unit, "Balansekunst/Sparringspartner").status == 0)
        let condensed = try cli.run("stc", "condense", "Balansekunst/Sparringspartner", "--text", "Jeg er den de kan sparre med.", "--golden", unit)
        #expect(condensed.status == 0, "\(condensed.stderr)")
        let units = try cli.run("stc", "units", "--group", "Balansekunst/Sparringspartner", "--csv")
        #expect(units.stdout.contains("\(unit),Siri,intervju-siri,4,Balansekunst; Sparringspartner,"))
        let json = try cli.run("stc", "status", "--json")
        #expect(json.stdout.contains("\"step\" : 4") && json.stdout.contains("\"withGoldenQuote\" : 1"))

        // Refused: a condensate on a group, a golden quote that is not a unit of the subgroup, no --group.
        let events = try cli.run("log", "--json").stdout
        let onGroup = try cli.run("stc", "condense", "Balansekunst", "--text", "x")
        #expect(onGroup.status != 0 && onGroup.stderr.hasPrefix("Error: "))
        let noGroup = try cli.run("stc", "unit", "add", "siri", "--lines", "2-2")
        #expect(noGroup.status != 0 && noGroup.stderr.contains("--group"))
        #expect(try cli.run("log", "--json").stdout == events)
    }
}
