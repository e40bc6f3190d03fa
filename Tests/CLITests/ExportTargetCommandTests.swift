import Foundation
import Testing

/// `-o` onto what is not a regular file: a device, a symbolic link. The export writes through or to
/// the link's file, or fails with one line, and never replaces the path with a file of its own.
/// Tests run as root here: no device but /dev/null and /dev/full is written.
@Suite struct ExportTargetCommandTests {
    /// Eva's interview with one coded quote.
    func project() throws -> CLIRunner {
        let cli = try CLIRunner()
        try cli.write("intervju-eva.txt", EverydayCommandsTests.interview)
        #expect(try cli.run("init", "studie.qualcode", "--title", "Metodeveilederes erfaringer").status == 0)
        #expect(try cli.run("participant", "add", "Eva", "--attr", "rolle=metodeveileder").status == 0)
        #expect(try cli.run("import", "intervju-eva.txt", "--participant", "Eva").status == 0)
        let coded = try cli.run("code", "intervju-eva", "--quote", "Tillit er alt", "--code", "Tillit")
        #expect(coded.status == 0, "\(coded.stderr)")
        return cli
    }

    func type(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    @Test func aFullDeviceFailsWithOneLine() throws {
        let cli = try project()
        defer { cli.remove() }
        let result = try cli.run("export", "codebook", "--format", "csv", "-o", "/dev/full")
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "Error: /dev/full: cannot be written (No space left on device); nothing was written.\n")
        #expect(type("/dev/full") == .typeCharacterSpecial)
    }

    @Test func devNullTakesAnExportAndStaysADevice() throws {
        let cli = try project()
        defer { cli.remove() }
        let result = try cli.run("export", "codebook", "--format", "docx", "-o", "/dev/null")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(type("/dev/null") == .typeCharacterSpecial)
    }

    @Test func standardOutputAsAPathIsWrittenThrough() throws {
        let cli = try project()
        defer { cli.remove() }
        // /dev/stdout is a link to /proc/self/fd/1, whose text («pipe:[…]») is no path.
        let result = try cli.shell("$QUALCODE export codebook --format csv -o /dev/stdout | cat")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Tillit"), "\(result.stdout)")
        // The export alone: no «Wrote …» line in the data.
        #expect(!result.stdout.contains("Wrote"), "\(result.stdout)")
        #expect(type("/dev/stdout") == .typeSymbolicLink)
    }

    @Test func aQuoteExportThroughALinkKeepsTheLink() throws {
        let cli = try project()
        defer { cli.remove() }
        let folder = cli.directory
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("kapitler"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.docx").path,
                                                   withDestinationPath: "kapitler/sitater.docx")
        let result = try cli.run("quotes", "--code", "Tillit", "-o", "link.docx")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(type(folder.appendingPathComponent("link.docx").path) == .typeSymbolicLink)
        let written = try Data(contentsOf: folder.appendingPathComponent("kapitler/sitater.docx"))
        #expect(written.prefix(2) == Data("PK".utf8))
        // The use is recorded under the path as the user gave it.
        #expect(try cli.run("quote", "exports", "--csv").stdout.contains("link.docx"))
    }

    @Test func aQuoteExportThatFailsRecordsNoUse() throws {
        let cli = try project()
        defer { cli.remove() }
        let result = try cli.run("quotes", "--code", "Tillit", "--format", "csv", "-o", "/dev/full")
        #expect(result.status != 0)
        #expect(result.stderr == "Error: /dev/full: cannot be written (No space left on device); nothing was written.\n")
        #expect(try cli.run("quote", "exports").stdout == "(none)\n")
        // A folder is refused before any work, and records nothing either.
        let folder = try cli.run("quotes", "--code", "Tillit", "-o", ".")
        #expect(folder.status != 0)
        #expect(folder.stderr.split(separator: "\n").count == 1 && folder.stderr.contains("it is a folder"), "\(folder.stderr)")
        #expect(try cli.run("quote", "exports").stdout == "(none)\n")
    }

    @Test func theWideDataSetOnADeviceIsTheDataAlone() throws {
        let cli = try project()
        defer { cli.remove() }
        let result = try cli.run("export", "wide", "--format", "csv", "-o", "/dev/null")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("/dev/null carries the data alone"))
        #expect(!FileManager.default.fileExists(atPath: "/dev/null_dictionary.csv"))
        #expect(type("/dev/null") == .typeCharacterSpecial)
    }
}
