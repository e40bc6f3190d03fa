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

        // Validation: one participant in the subgroup is below the default minimum of two.
        let validate = try cli.run("stc", "validate")
        #expect(validate.status == 1 && validate.stdout.contains("problem: Balansekunst/Sparringspartner: units from 1 participant(s) (Siri)"))
        #expect(try cli.run("stc", "set", "minimumParticipants", "1").status == 0)
        #expect(try cli.run("stc", "validate").status == 0)

        // Exports and a snapshot.
        #expect(try cli.run("stc", "analyse", "Balansekunst", "--heading", "Balansekunsten", "--text", "Siri beskriver to roller.").status == 0)
        #expect(try cli.run("stc", "snapshot", "take", "Etter trinn 3").status == 0)
        #expect(try cli.run("stc", "snapshot").stdout.contains("Etter trinn 3"))
        for (kind, file) in [("tables", "tabeller.docx"), ("chapter", "kapittel.docx"), ("csv", "analyse.csv")] {
            let result = try cli.run("stc", "export", kind, "--snapshot", "Etter trinn 3", "-o", file)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let chapter = String(decoding: try runPython("""
            import docx, sys
            for p in docx.Document(sys.argv[1]).paragraphs: print(p.style.name + "|" + p.text)
            """, [cli.directory.appendingPathComponent("kapittel.docx").path]), as: UTF8.self)
        #expect(chapter.contains("Heading 2|Balansekunsten") && chapter.contains("Heading 3|Balansekunsten — Sparringspartner"))
        #expect(chapter.contains("Normal|«Jeg er en sparringspartner, ikke en sjef.» (Siri)"))
        // The chapter takes the house style and label of `quotes`: the report style with a label from attributes.
        #expect(try cli.run("participant", "set", "Siri", "--attr", "rolle=metodeveileder").status == 0)
        let styled = try cli.run("stc", "export", "chapter", "--style", "report", "--label", "({rolle})", "-o", "rapport.docx")
        #expect(styled.status == 0, "\(styled.stderr)")
        let report = String(decoding: try runPython("""
            import docx, sys
            for p in docx.Document(sys.argv[1]).paragraphs: print(p.style.name + "|" + p.text)
            """, [cli.directory.appendingPathComponent("rapport.docx").path]), as: UTF8.self)
        #expect(report.contains("Normal|«Jeg er en sparringspartner, ikke en sjef.» (Metodeveileder)") && !report.contains("(Siri)"), "\(report)")
        let landscape = try cli.run("stc", "export", "tables", "--landscape", "-o", "liggende.docx")
        #expect(landscape.status == 0, "\(landscape.stderr)")
        let wrongFormat = try cli.run("stc", "export", "tables", "--format", "csv", "-o", "t.csv")
        #expect(wrongFormat.status != 0 && !FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("t.csv").path))

        // Refused: a condensate on a group, a golden quote that is not a unit of the subgroup, no --group.
        let events = try cli.run("log", "--json").stdout
        let onGroup = try cli.run("stc", "condense", "Balansekunst", "--text", "x")
        #expect(onGroup.status != 0 && onGroup.stderr.hasPrefix("Error: "))
        let noGroup = try cli.run("stc", "unit", "add", "siri", "--lines", "2-2")
        #expect(noGroup.status != 0 && noGroup.stderr.contains("--group"))
        #expect(try cli.run("log", "--json").stdout == events)
    }
}
