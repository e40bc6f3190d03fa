import Foundation
import Testing

/// Every command's `--help` as an 80-column terminal shows it.
@Suite struct HelpTests {
    /// Every command path (`[]` for the root, `["stc", "unit", "add"]`), from ArgumentParser's dump of the tree.
    static func commandPaths() throws -> [[String]] {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let dump = try cli.run("--experimental-dump-help")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var paths: [[String]] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            paths.append(path)
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                walk(sub, path + [name])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return paths
    }

    /// The lines of a help screen that break a command in two: an example («  qualcode …») whose rest
    /// was wrapped onto the next line, a `\` continuation that is not indented under it, or a command
    /// in backquotes split across lines.
    static func brokenCommands(in help: String) -> [String] {
        let description = help.components(separatedBy: "\n").prefix { !$0.hasPrefix("USAGE:") }
        let lines = Array(description)
        var broken: [String] = []
        for (i, line) in lines.enumerated() {
            let next = i + 1 < lines.count ? lines[i + 1] : ""
            let isExample = line.hasPrefix("  qualcode ") || line.hasPrefix("  EDITOR=")
            let continues = line.hasSuffix("\\")
            if isExample && !continues && !next.isEmpty && !next.hasPrefix("  ") { broken.append(line) }
            if continues && !next.hasPrefix("    ") { broken.append(line) }
            if line.filter({ $0 == "`" }).count % 2 == 1 { broken.append(line) }
        }
        return broken
    }

    @Test func examplesAreNotBrokenAtEightyColumns() throws {
        var cli = try CLIRunner()
        defer { cli.remove() }
        cli.environment["COLUMNS"] = "80"
        let paths = try Self.commandPaths()
        #expect(paths.count > 60)
        for path in paths {
            let help = try cli.run(path + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("OVERVIEW: "), "\(path)")
            let broken = Self.brokenCommands(in: help.stdout)
            #expect(broken.isEmpty, "qualcode \(path.joined(separator: " ")) --help at 80 columns breaks: \(broken)")
        }
    }

    @Test func theCheckFindsAWrappedExample() {
        let help = """
            OVERVIEW: Eksempel.

            For example:
              qualcode quotes --code Trivsel --code "Det navske" --label "({rolle},
            {tjeneste})" -o sitater.docx
              qualcode init studie.qualcode \\
            --title "Studie"
            Se `qualcode quote
            edit`.

            USAGE: qualcode quotes
            """
        #expect(Self.brokenCommands(in: help).count == 4)
    }
}
