import Foundation
import Testing

/// `code --quote` with text as Word and people change it: it matches and says how; a quote that is not
/// there names the closest lines.
@Suite struct CopiedQuoteCommandTests {
    @Test func aRetypedQuoteMatchesAndSaysHowAndAMissingOneSuggestsLines() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("intervju-kari.txt", "Intervjuer: Hva er «god oppfølging»?\n\nKari: Det er… å være der – også når det butter.\n")
        for arguments in [["init", "studie.qualcode"], ["import", "intervju-kari.txt"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let retyped = try cli.run("code", "kari", "--quote", "det er...  å være der - også", "--code", "Tilstedeværelse")
        #expect(retyped.status == 0, "\(retyped.stderr)")
        #expect(retyped.stdout.contains("line 2: coded Tilstedeværelse"), "\(retyped.stdout)")
        #expect(retyped.stderr.contains("no exact match; the quote matched allowing for differences in ellipsis, dashes, spaces and capital letter at the start"),
                "\(retyped.stderr)")
        let missing = try cli.run("code", "kari", "--quote", "å være der når det går bra", "--code", "X")
        #expect(missing.status != 0)
        #expect(missing.stderr == "Error: intervju-kari: the quote \"å være der når det går bra\" does not occur in the text (closest: line 2 \"Det er… å være der – også når\"); nothing was coded.\n",
                "\(missing.stderr)")
        #expect(try cli.run("codes").stdout.contains("Tilstedeværelse") && !(try cli.run("codes").stdout.contains("\nX")))
    }
}
