import Foundation
import QualCode
import Testing

/// What people expect of a Unix command line: global options anywhere, tables down a pipe, one line
/// per mistake.
@Suite(.serialized) struct CommandLineHabitsTests {
    func evaProject() throws -> CLIRunner { try CommandLineTests().evaProject() }

    func eventCount(_ cli: CLIRunner) throws -> Int { try CommandLineTests().eventCount(cli) }

    // MARK: - Global options before or after the command

    @Test(arguments: [
        ["--project", "PROJECT", "codes"],
        ["codes", "--project", "PROJECT"],
        ["--project=PROJECT", "codes", "list"],
        ["--project", "PROJECT", "participant", "list"],
        ["--project", "PROJECT", "stc", "status"],
        ["--project", "PROJECT", "export", "codebook", "--format", "csv"],
        ["--coder", "anne", "--project", "PROJECT", "transcripts"],
    ])
    func theProjectOptionStandsBeforeOrAfterTheCommand(arguments: [String]) throws {
        let cli = try evaProject()
        defer { cli.remove() }
        let elsewhere = try CLIRunner()
        defer { elsewhere.remove() }
        let path = cli.directory.appendingPathComponent("studie.qualcode").path
        let result = try elsewhere.run(arguments.map { $0.replacingOccurrences(of: "PROJECT", with: path) })
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(result.stderr.isEmpty, "\(arguments): \(result.stderr)")
    }

    @Test func theCoderStandsBeforeTheCommandToo() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        #expect(try cli.run("--coder", "anne", "code", "eva", "--quote", "tillit er alt", "--code", "Tillit").status == 0)
        #expect(try cli.run("code", "eva", "--lines", "18-18", "--code", "Sparringspartner", "--coder", "bjørn").status == 0)
        #expect(try cli.run("--coder", "cato", "init", "annen.qualcode").status == 0)
        let log = try cli.run("log", "--csv", "--project", "studie.qualcode").stdout
        #expect(log.contains(",anne,coding.add,") && log.contains(",bjørn,coding.add,"), "\(log)")
        #expect(try cli.run("--project", "annen.qualcode", "log", "--csv").stdout.contains(",cato,project.create,"))
    }

    @Test func aProjectForACommandThatTakesNoneIsRefused() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        let result = try cli.run("--project", "studie.qualcode", "init", "ny.qualcode")
        #expect(result.status != 0)
        #expect(result.stderr == "Error: --project has no use in `init`; nothing was done.\n")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("ny.qualcode").path))
    }

    // MARK: - Tables to standard output

    @Test func tablesGoToStandardOutputWithoutOutputFile() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        #expect(try cli.run("code", "eva", "--quote", "tillit er alt", "--code", "Tillit").status == 0)
        for arguments in [["export", "codings", "--format", "csv"], ["export", "codings", "--format", "csv", "-o", "-"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
            // No byte-order mark: it is for Excel opening a file, and gets in a pipe's way.
            #expect(result.stdout.hasPrefix("segment,transkripsjon,"), "\(result.stdout.prefix(40))")
            #expect(result.stdout.contains(",Tillit,") && result.stdout.hasSuffix("\r\n"))
        }
        let html = try cli.run("export", "codebook", "--format", "html")
        #expect(html.status == 0 && html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("Tillit"))
        let analysis = try cli.run("stc", "export", "csv")
        #expect(analysis.status == 0 && analysis.stdout.hasPrefix("nivå,"), "\(analysis.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { !$0.hasPrefix(".") }
        #expect(Set(files) == ["studie.qualcode", "intervju-eva.docx"])
    }

    @Test func aPipeReadsTheTable() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        #expect(try cli.run("code", "eva", "--quote", "tillit er alt", "--code", "Tillit").status == 0)
        let piped = try cli.shell("\"$QUALCODE\" export codings --format csv --delimiter ';' | cut -d ';' -f 7")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == "kode\nTillit\n")
    }

    @Test(arguments: [
        ["export", "codebook"],
        ["export", "matrix", "--cols", "participant", "--format", "wordxml", "-o", "-"],
        ["quotes", "--code", "Tillit"],
        ["stc", "export", "tables"],
    ])
    func wordDocumentsNeedAFile(arguments: [String]) throws {
        let cli = try evaProject()
        defer { cli.remove() }
        let result = try cli.run(arguments)
        #expect(result.status != 0 && result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: ") && result.stderr.contains("is a Word file and goes to a file: pass -o FILE"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func quotesOnStandardOutputAreALookNotARecordedExport() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        #expect(try cli.run("code", "eva", "--quote", "tillit er alt", "--code", "Tillit").status == 0)
        let before = try eventCount(cli)
        let bank = try cli.run("quotes", "--code", "Tillit", "--format", "csv")
        #expect(bank.status == 0)
        #expect(bank.stdout.contains("tillit er alt"))
        #expect(bank.stderr.contains("not recorded as exported; write them with -o FILE"), "\(bank.stderr)")
        #expect(try eventCount(cli) == before)
        let file = try cli.run("quotes", "--code", "Tillit", "--format", "csv", "-o", "sitater.csv")
        #expect(file.stdout == "Wrote 1 quote(s) to sitater.csv\n" && file.stderr.isEmpty, "\(file.stderr)")
        #expect(try eventCount(cli) == before + 1)
    }

    @Test func theWideDataSetOnStandardOutputIsTheDataAlone() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        #expect(try cli.run("code", "eva", "--quote", "tillit er alt", "--code", "Tillit").status == 0)
        let wide = try cli.run("export", "wide", "--format", "csv")
        #expect(wide.status == 0)
        #expect(wide.stdout == "pseudonym,rolle,teamstoerrelse,k_tillit\r\nEva,metodeveileder,6,1\r\n", "\(wide.stdout)")
        #expect(wide.stderr.contains("standard output carries the data alone"), "\(wide.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("-_dictionary.csv").path))
    }

    // MARK: - One line per mistake

    @Test(arguments: [
        (["code", "eva", "--code", "Tillit", "--quote"], "Error: --quote needs a value (one that starts with \"-\" is written --quote=VALUE). See `qualcode code --help`."),
        (["participant", "add", "Ny", "--label"], "Error: --label needs a value (one that starts with \"-\" is written --label=VALUE). See `qualcode participant add --help`."),
        (["code", "eva", "--start", "-5", "--end", "3", "--code", "Tillit"], "Error: --start must be 0 or more (got -5)."),
        (["code", "eva", "--quote", "tillit er alt", "--code", ""], "Error: --code cannot be empty or blank."),
        (["import", "intervju-eva.docx", "--date", "i går"], "Error: --date \"i går\": expected YYYY-MM-DD."),
        (["transcript", "set", "eva", "--date", "2026-13-45"], "Error: --date: \"2026-13-45\" is not valid; expected YYYY-MM-DD."),
        (["codes", "--projekt", "x"], "Error: Unknown option '--projekt'. Did you mean '--project'? See `qualcode codes list --help`."),
        (["kode"], "Error: Unexpected argument 'kode'. See `qualcode --help`."),
        (["code", "eva", "--quote", "--code", "Tillit"], "Error: --quote \"--code\": that is an option, not text; give the text right after --quote."),
        (["transcript", "edit", "eva", "--find", "tillit", "--replace", "--all"],
         "Error: --replace \"--all\": that is an option, not text; give the text right after --replace."),
        (["export", "reference-docx"], "Error: Missing expected argument '--output <output>'. See `qualcode export reference-docx --help`."),
    ])
    func parseErrorsAreOneLine(arguments: [String], message: String) throws {
        let cli = try evaProject()
        defer { cli.remove() }
        let before = try eventCount(cli)
        let result = try cli.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == message + "\n")
        #expect(try eventCount(cli) == before)
    }

    @Test func aQuoteThatStartsWithADashIsText() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        try cli.write("regning.txt", "I: Hva sa han?\nE: -2+3 er fem, sa han. --help er ikke et svar.\n")
        #expect(try cli.run("import", "regning.txt").status == 0)
        let coded = try cli.run("code", "regning", "--quote", "-2+3 er fem", "--code", "Regning")
        #expect(coded.status == 0, "\(coded.stderr)")
        #expect(coded.stdout.contains("coded Regning"))
        let equals = try cli.run("code", "regning", "--quote=--help er ikke", "--code", "Svar")
        #expect(equals.status == 0, "\(equals.stderr)")
        let edited = try cli.run("transcript", "edit", "regning", "--find", "-2+3", "--replace", "-1+4")
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try cli.run("units").stdout.contains("-1+4 er fem"))
    }

    // MARK: - Did you mean …?

    @Test(arguments: [
        (["show", "evaa"], "Error: no transcript \"evaa\"; did you mean \"intervju-eva\"?"),
        (["code", "intervju-evva", "--quote", "tillit er alt", "--code", "Tillit"], "Error: no transcript \"intervju-evva\"; did you mean \"intervju-eva\"?"),
        (["retrieve", "--code", "Tilit"], "Error: no code \"Tilit\"; did you mean \"Tillit\"?"),
        (["codes", "delete", "relasjon/tilit"], "Error: no code \"relasjon/tilit\"; did you mean \"Tillit\"?"),
        (["quotes", "--code", "Tillit", "--label", "({role})", "-o", "sitater.docx"],
         "Error: the label \"({role})\" names no attribute {role}; did you mean {rolle}?"),
        (["export", "participants", "--attr", "teamstorrelse", "-o", "info.docx"],
         "Error: no attribute for --attr \"teamstorrelse\"; did you mean \"teamstørrelse\"?"),
        (["participant", "set", "Evaa", "--attr", "rolle=leder"], "Error: no participant \"Evaa\"; did you mean \"Eva\"?"),
    ])
    func aTypoGetsTheNearestNames(arguments: [String], message: String) throws {
        let cli = try evaProject()
        defer { cli.remove() }
        #expect(try cli.run("code", "eva", "--quote", "tillit er alt", "--code", "Relasjon/Tillit").status == 0)
        let before = try eventCount(cli)
        let result = try cli.run(arguments)
        #expect(result.status != 0 && result.stdout.isEmpty)
        #expect(result.stderr == message + "\n")
        #expect(try eventCount(cli) == before)
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("sitater.docx").path))
    }

    @Test func aLabelWithoutFieldsIsWrittenWithAWarning() throws {
        let cli = try evaProject()
        defer { cli.remove() }
        #expect(try cli.run("code", "eva", "--quote", "tillit er alt", "--code", "Tillit").status == 0)
        let result = try cli.run("quotes", "--code", "Tillit", "--label", "rolle", "--format", "csv", "-o", "sitater.csv")
        #expect(result.status == 0 && result.stdout == "Wrote 1 quote(s) to sitater.csv\n")
        #expect(result.stderr == "Warning: the label \"rolle\" has no field in braces, so every quote is labelled just so; "
                    + "name attributes in braces (--label \"({rolle})\"), or pass --label \"\" for no label.\n")
        let quiet = try cli.run("quotes", "--code", "Tillit", "--label", "({rolle})", "--format", "csv", "-o", "sitater.csv")
        #expect(quiet.status == 0 && !quiet.stderr.contains("no field in braces"), "\(quiet.stderr)")
    }
}
