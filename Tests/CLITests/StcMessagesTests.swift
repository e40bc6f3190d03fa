import Foundation
import Testing

/// The stc commands' messages as users see them: the library's errors and status items are data, and
/// the command line words them, with the flags and commands that help (Errors/ErrorWording+Condensation,
/// the stc status and validate commands). These are the words from before that move.
@Suite struct StcMessagesTests {
    func project() throws -> (CLIRunner, unit: String, other: String) {
        let cli = try CLIRunner()
        try cli.write("intervju-siri.txt", """
            Intervjuer: Hvordan er rollen?
            Siri: Jeg skal både veilede og ha egne deltakere. Det er en balansekunst.
            Intervjuer: Og teamet?
            Siri: Jeg er en sparringspartner, ikke en sjef.
            """)
        for arguments in [["init", "studie.qualcode"], ["participant", "add", "Siri"], ["import", "intervju-siri.txt", "--participant", "Siri"]] {
            #expect(try cli.run(arguments).status == 0)
        }
        let unit = try cli.run("stc", "unit", "add", "intervju-siri", "--quote", "Jeg er en sparringspartner, ikke en sjef.", "--group", "Balansekunst")
        let other = try cli.run("stc", "unit", "add", "intervju-siri", "--lines", "2-2", "--group", "Relasjon")
        #expect(unit.status == 0 && other.status == 0)
        return (cli, String(unit.stdout.prefix(8)), String(other.stdout.prefix(8)))
    }

    /// Runs a command that must fail and returns its one-line message.
    func refusal(_ cli: CLIRunner, _ arguments: String...) throws -> String {
        let result = try cli.run(arguments)
        #expect(result.status != 0)
        return result.stderr.trimmingCharacters(in: .newlines)
    }

    @Test func statusListsWhatIsMissingWithTheCommandsThatDoIt() throws {
        let (cli, _, _) = try project()
        defer { cli.remove() }
        let status = try cli.run("stc", "status").stdout
        #expect(status.contains("""
            Missing:
              - no memo on the whole material yet (`memo add --on project`)
              - no total-impression memo on 1 transcript(s): intervju-siri (`memo add --on transcript:NAME`)
              - no preliminary themes yet (`stc theme add`)
              - Balansekunst has no subgroups (`stc subgroup add`)
              - Relasjon has no subgroups (`stc subgroup add`)
              - 2 unit(s) not sorted into a subgroup of their group (`stc unit move`)
              - Balansekunst has no category heading or analytic text (`stc analyse`)
              - Relasjon has no category heading or analytic text (`stc analyse`)
            """))
        #expect(try cli.run("stc", "subgroup", "add", "Balansekunst", "Sparringspartner").status == 0)
        #expect(try cli.run("codes", "add", "Annet").status == 0)
        #expect(try cli.run("codes", "move", "Sparringspartner", "--parent", "Annet").status == 0)
        #expect(try cli.run("stc", "status").stdout.contains(
            "  - Annet/Sparringspartner is registered as a group but sits under no active code group (`stc validate`)"))
        let validate = try cli.run("stc", "validate")
        #expect(validate.status == 1 && validate.stdout.contains("""
            problem: Annet/Sparringspartner: is registered as a group but sits under no active code group, so no export shows it; \
            move it back (`codes move`) or lay it aside (`stc group retire`)
            """))
        let json = try cli.run("stc", "status", "--json").stdout
        #expect(json.contains("\"kind\" : \"noSubgroups\"") && json.contains("\"group\" : \"Relasjon\""))
    }

    @Test func refusalsReadAsBefore() throws {
        let (cli, unit, other) = try project()
        defer { cli.remove() }
        #expect(try cli.run("stc", "subgroup", "add", "Balansekunst", "Sparringspartner").status == 0)
        #expect(try refusal(cli, "stc", "group", "add", "A/B")
                == "Error: code group: \"A/B\" is not valid; expected a name without «/» (use `stc subgroup add GROUP NAME`).")
        #expect(try refusal(cli, "stc", "subgroup", "add", "Balansekunst", "Spar/ring")
                == "Error: subgroup: \"Spar/ring\" is not valid; expected a name without «/» (subgroups have no subgroups).")
        #expect(try refusal(cli, "stc", "subgroup", "add", "Balansekunst/Sparringspartner", "X")
                == "Error: code group: \"Sparringspartner\" is not valid; expected a code group, not a subgroup.")
        #expect(try refusal(cli, "stc", "unit", "add", "intervju-siri", "--lines", "2-2", "--group", "Balansekunst/Sparringspartner/Dypt")
                == "Error: --group: \"Balansekunst/Sparringspartner/Dypt\" is not valid; expected a code group or Group/Subgroup (two levels).")
        #expect(try refusal(cli, "stc", "unit", "move", unit, "Balansekunst/Sparringspartner", "--from", "Relasjon")
                == "Error: --from: \"Relasjon\" is not valid; expected a group or subgroup the unit is in (with your coding).")
        #expect(try refusal(cli, "stc", "condense", "Balansekunst", "--text", "x")
                == "Error: subgroup: \"Balansekunst\" is not valid; expected a subgroup (Group/Subgroup): condensates are written per subgroup.")
        #expect(try refusal(cli, "stc", "condense", "Balansekunst/Sparringspartner", "--golden", other)
                == "Error: golden quote: \"\(other)\" is not valid; expected a unit of Sparringspartner (sort it there first with `stc unit move`).")
        #expect(try refusal(cli, "stc", "unit", "contradicts", other, "Balansekunst/Sparringspartner")
                == "Error: unit: \"\(other)\" is not valid; expected a unit of Sparringspartner.")
        #expect(try refusal(cli, "stc", "subgroup", "link", "Balansekunst", "Relasjon")
                == "Error: link: \"Balansekunst → Relasjon\" is not valid; expected a subgroup and another code group.")
        #expect(try refusal(cli, "stc", "group", "merge", "Balansekunst", "--into", "Balansekunst/Sparringspartner")
                == "Error: merge: \"Balansekunst → Balansekunst/Sparringspartner\" is not valid; expected two groups, or two subgroups.")
        #expect(try refusal(cli, "stc", "group", "retire", "Finnes")
                == "Error: no code \"Finnes\". Known: Balansekunst, Balansekunst/Sparringspartner, Relasjon.")

        #expect(try cli.run("codes", "add", "Forelder").status == 0)
        #expect(try cli.run("codes", "add", "Barn", "--parent", "Forelder").status == 0)
        #expect(try refusal(cli, "stc", "group", "add", "Barn")
                == "Error: code group: \"Barn\" is not valid; expected a top-level code (this one has a parent).")
        #expect(try refusal(cli, "stc", "group", "retire", "Barn") == "Error: no code group \"Barn\". Known: Balansekunst, Relasjon, Sparringspartner.")

        #expect(try cli.run("stc", "group", "retire", "Balansekunst").status == 0)
        #expect(try refusal(cli, "stc", "group", "add", "Balansekunst")
                == "Error: code group: \"Balansekunst\" is not valid; expected an active group (it was laid aside; bring it back with `stc group retire Balansekunst --restore`).")
        #expect(try refusal(cli, "stc", "group", "retire", "Balansekunst/Sparringspartner", "--restore")
                == "Error: --restore: \"Balansekunst/Sparringspartner\" is not valid; expected a subgroup whose group is active (restore the group first).")
        #expect(try refusal(cli, "stc", "unit", "add", "intervju-siri", "--lines", "4-4", "--group", "Balansekunst/Sparringspartner")
                == "Error: code group: \"Sparringspartner\" is not valid; expected an active group (it was laid aside; bring it back with `stc group retire Sparringspartner --restore`).")
    }
}
