import Foundation
import Testing

/// A .txt transcript with blank lines between turns, as people type them: `show` numbers the turns,
/// `--lines` lands on the turn shown, and `--offsets` gives what `--start/--end` take.
@Suite struct LineNumberingCommandTests {
    @Test func showNumbersTurnsAndGivesOffsetsThatCodeTheLine() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("intervju-tor.txt", "Intervjuer: Hva gjør du først?\n\nTor: Jeg leser «plan for dagen» 🙂.\n\n\nIntervjuer: Og etterpå?\n\nTor: Møter med arbeidsgivere, eh, mange.\n")
        for arguments in [["init", "studie.qualcode"], ["participant", "add", "Tor"], ["import", "intervju-tor.txt", "--participant", "Tor"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let show = try cli.run("show", "tor")
        #expect(show.stdout == """
            1  Intervjuer: Hva gjør du først?
            2  Tor: Jeg leser «plan for dagen» 🙂.
            3  Intervjuer: Og etterpå?
            4  Tor: Møter med arbeidsgivere, eh, mange.

            """, "\(show.stdout)")
        let offsets = try cli.run("show", "tor", "--lines", "2", "--offsets")
        // Python agrees: the second line is scalars 32..<66.
        #expect(offsets.stdout == "2  [32-66]  Tor: Jeg leser «plan for dagen» 🙂.\n", "\(offsets.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(try cli.run("show", "tor", "--json").stdout.utf8)) as! [[String: Any]]
        #expect(json.map { $0["start"] as? Int } == [0, 32, 69, 94])
        let coded = try cli.run("code", "tor", "--start", "37", "--end", "66", "--code", "Planlegging", "--json")
        #expect(coded.status == 0, "\(coded.stderr)")
        #expect(coded.stdout.contains("Jeg leser «plan for dagen» 🙂."))
        let byLine = try cli.run("code", "tor", "--lines", "4", "--code", "Arbeidsgivere")
        #expect(byLine.status == 0 && byLine.stdout.contains("line 4"), "\(byLine.stdout) \(byLine.stderr)")
    }
}
