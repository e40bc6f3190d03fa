import Foundation
import Testing

/// `qualcode key` and `qualcode privacy scan` as a project owner uses them: a sealed key beside the
/// project, names and terms added, the scan listing what identifies someone with line numbers, and
/// refusals (no passphrase, a wrong one, a key that is not there) on one line with nothing changed.
@Suite struct PrivacyCommandTests {
    func project() throws -> CLIRunner {
        let cli = try CLIRunner()
        try cli.write("intervju-eva.txt", """
            Intervjuer: Hvordan gikk det med jobben?
            Eva: Tordis her, eh. Ring 912 34 567 eller skriv til tordis.t@eksempel.no. Hun var hos Brødrene Testvik AS.
            Eva: Skjemaet ville ha fødselsnummeret, 15878510035 (latter), ikke 15878510036.
            """)
        for arguments in [["init", "studie.qualcode"], ["participant", "add", "Eva"], ["import", "intervju-eva.txt", "--participant", "Eva"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return cli
    }

    @Test func aSealedKeyAndTheScan() throws {
        var cli = try project()
        defer { cli.remove() }
        let bare = try cli.run(["privacy", "scan"])
        #expect(bare.status == 0)
        #expect(bare.stdout.contains("intervju-eva:2  phone number  «912 34 567» → [telefonnummer]"))
        #expect(bare.stdout.contains("intervju-eva:2  e-mail address  «tordis.t@eksempel.no» → [e-post]"))
        #expect(bare.stdout.contains("intervju-eva:3  national identity number  «15878510035» → [fødselsnummer]"))
        #expect(!bare.stdout.contains("15878510036") && bare.stdout.contains("3 finding(s) in 1 of 1 transcript(s)."))
        #expect(bare.stderr.contains("No pseudonym key"))

        let made = try cli.shell("printf 'lang nok setning\\n' | $QUALCODE key init --new-passphrase-stdin")
        #expect(made.status == 0 && made.stdout.contains("sealed with your passphrase"), "\(made.stderr)")
        let again = try cli.shell("printf 'lang nok setning\\n' | $QUALCODE key init --new-passphrase-stdin")
        #expect(again.status != 0 && again.stderr.contains("already exists"))

        // Without the passphrase, or with a wrong one: refused, the key unchanged.
        let key = cli.directory.appendingPathComponent("studie.qualcode-key")
        let sealed = try Data(contentsOf: key)
        let none = try cli.run(["key", "add", "Eva", "--real-name", "Tordis Testdatter"])
        #expect(none.status != 0 && none.stderr.contains("set QUALCODE_KEY_PASSPHRASE or pass --passphrase-stdin"))
        let wrong = try cli.shell("printf 'feil setning\\n' | $QUALCODE key add Eva --real-name 'Tordis Testdatter' --passphrase-stdin")
        #expect(wrong.status != 0 && wrong.stderr.contains("does not open"))
        #expect(try Data(contentsOf: key) == sealed)

        cli.environment["QUALCODE_KEY_PASSPHRASE"] = "lang nok setning"
        for arguments in [["key", "add", "Eva", "--real-name", "Tordis Testdatter", "--voice", "Tordis T."],
                          ["key", "term", "add", "Brødrene Testvik AS", "--kind", "employer"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let listed = try cli.run(["key", "list"])
        #expect(listed.stdout.contains("Eva  Tordis Testdatter  (voices: Tordis T.)") && listed.stdout.contains("employer: Brødrene Testvik AS → [arbeidsgiver]"))
        let scan = try cli.run(["privacy", "scan", "--pronouns"])
        #expect(scan.stdout.contains("intervju-eva:2  name  «Tordis» → Eva") && scan.stdout.contains("«Hun» → Hen")
                && scan.stdout.contains("employer  «Brødrene Testvik AS» → [arbeidsgiver]"))
        let phones = try cli.run(["privacy", "scan", "intervju-eva", "--kind", "phone-number", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(phones.stdout.utf8)) as? [[String: Any]]
        #expect((json?.first?["findings"] as? [[String: Any]])?.map { $0["text"] as? String } == ["912 34 567"])
        // The real name is in the key only: not in the project file (the transcript's own «Tordis» aside, the full name nowhere).
        let projectBytes = try Data(contentsOf: cli.directory.appendingPathComponent("studie.qualcode"))
        #expect(projectBytes.range(of: Data("Tordis Testdatter".utf8)) == nil)
        #expect(try Data(contentsOf: key).range(of: Data("Tordis Testdatter".utf8)) == nil)

        // Apply the phone number by its number, then every name and employer; the log says a redaction was made.
        let number = try #require(scan.stdout.split(separator: "\n").first { $0.contains("912 34 567") }?.split(separator: " ").first)
        let one = try cli.run(["privacy", "apply", String(number)])
        #expect(one.status == 0 && one.stdout.contains("intervju-eva: 1 redaction(s) (1 phoneNumber)"), "\(one.stderr)")
        let named = try cli.run(["privacy", "apply", "--all", "--kind", "name", "--kind", "employer"])
        #expect(named.status == 0 && named.stdout.contains("2 redaction(s) applied."), "\(named.stdout) \(named.stderr)")
        let shown = try cli.run(["show", "intervju-eva"])
        #expect(shown.stdout.contains("Eva her, eh. Ring [telefonnummer]") && shown.stdout.contains("hos [arbeidsgiver]."))
        #expect(try cli.run(["log"]).stdout.contains("transcript.redact"))
        let twice = try cli.run(["privacy", "apply", String(number)])
        #expect(twice.status != 0 && twice.stderr.contains("applied already"))
        let neither = try cli.run(["privacy", "apply"])
        #expect(neither.status != 0 && neither.stderr.contains("--all"))
        let redactedBytes = try Data(contentsOf: cli.directory.appendingPathComponent("studie.qualcode"))
        #expect(redactedBytes.range(of: Data("912 34 567".utf8)) == nil && redactedBytes.range(of: Data("Testvik".utf8)) == nil)

        let unsealed = try cli.run(["key", "passphrase", "--remove"])
        let clear = try Data(contentsOf: key)
        #expect(unsealed.status == 0 && clear.range(of: Data("Tordis Testdatter".utf8)) != nil)
        let mode = try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func refusalsOnOneLine() throws {
        let cli = try project()
        defer { cli.remove() }
        let noKey = try cli.run(["key", "list"])
        #expect(noKey.status != 0 && noKey.stderr.contains("make one with `qualcode key init`"))
        #expect(try cli.run(["key", "init"]).status == 0)
        for (arguments, words) in [(["key", "term", "add", "x", "--kind", "pronoun"], "--kind"),
                                   (["key", "add", "Eva", "--real-name", " "], "real name is empty"),
                                   (["key", "remove", "Ola"], "no pseudonym \"Ola\""),
                                   (["privacy", "scan", "finnes-ikke"], "finnes-ikke"),
                                   (["privacy", "scan", "--kind", "skonummer"], "skonummer")] {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(words) && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
    }

    @Test func aTeamsRecordingIsImportedUnderPseudonyms() throws {
        let cli = try project()
        defer { cli.remove() }
        try cli.write("Teams-møte med Sivert Prøvesen.vtt", """
            WEBVTT

            00:00:01.000 --> 00:00:03.000
            <v Intervjuer>Hei, Sivert.</v>

            00:00:03.500 --> 00:00:06.000
            <v Sivert Prøvesen>Hei! Sivert her, eh, fra kontoret.</v>
            """)
        for arguments in [["participant", "add", "Ola"], ["key", "init"], ["key", "add", "Ola", "--real-name", "Sivert Prøvesen"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let imported = try cli.run(["import", "Teams-møte med Sivert Prøvesen.vtt", "--pseudonyms"])
        #expect(imported.status == 0 && imported.stdout.contains("Imported Teams-møte med Ola.vtt as \"teams-møte-med-ola\""), "\(imported.stdout) \(imported.stderr)")
        #expect(imported.stdout.contains("Ola") && !imported.stdout.contains("Sivert"))
        let shown = try cli.run(["show", "teams-møte-med-ola"])
        #expect(shown.stdout.contains("Ola: Hei! Ola her, eh, fra kontoret.") && !shown.stdout.contains("Sivert"))
    }

    @Test func aParticipantWithdrawsAndTheKeyForgetsThem() throws {
        let cli = try project()
        defer { cli.remove() }
        for arguments in [["key", "init"], ["key", "add", "Eva", "--real-name", "Tordis Testdatter"],
                          ["code", "intervju-eva", "--quote", "Skjemaet ville ha fødselsnummeret", "--code", "Skjema"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let unconfirmed = try cli.run(["participant", "withdraw", "Eva"])
        #expect(unconfirmed.status != 0 && unconfirmed.stderr.contains("--yes"))
        let withdrawn = try cli.run(["participant", "withdraw", "Eva", "--yes"])
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        #expect(withdrawn.stdout.contains("Removed Eva from the pseudonym key.") && withdrawn.stdout.contains("Withdrew Eva: intervju-eva with"))
        #expect(try cli.run(["participants"]).stdout.contains("Eva") == false)
        #expect(try cli.run(["key", "list"]).stdout.contains("Tordis") == false)
        #expect(try cli.run(["log"]).stdout.contains("participant.withdraw"))
        let bytes = try Data(contentsOf: cli.directory.appendingPathComponent("studie.qualcode"))
        #expect(bytes.range(of: Data("Skjemaet ville ha".utf8)) == nil && bytes.range(of: Data("Brødrene Testvik".utf8)) == nil)
        let again = try cli.run(["participant", "withdraw", "Eva", "--yes"])
        #expect(again.status != 0 && again.stderr.split(separator: "\n").count == 1)
    }

    @Test func theEthicsRegister() throws {
        let cli = try project()
        defer { cli.remove() }
        for arguments in [["ethics", "approval", "--body", "Sikt", "--reference", "000004", "--date", "2026-01-15"],
                          ["ethics", "consent", "Eva", "--date", "2026-02-01", "--form", "skriftlig"],
                          ["ethics", "plan", "--audio-by", "2000-01-01", "--data-by", "2099-12-31"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let shown = try cli.run(["ethics"])
        #expect(shown.stdout.contains("Sikt 000004, 2026-01-15") && shown.stdout.contains("Eva: 2026-02-01, skriftlig"))
        #expect(shown.stderr.contains("Warning: Audio was to be deleted by 2000-01-01; no deletion is logged for Eva."))
        #expect(try cli.run(["ethics", "audio-deleted", "Eva", "--date", "2000-01-01"]).status == 0)
        #expect(!(try cli.run(["ethics"])).stderr.contains("Warning"))
        for (arguments, words) in [(["ethics", "consent", "Eva", "--date", "1.2.2026", "--form", "x"], "YYYY-MM-DD"),
                                   (["ethics", "consent", "Ingen", "--date", "2026-02-01", "--form", "x"], "Ingen"),
                                   (["ethics", "plan"], "--audio-by")] {
            let result = try cli.run(arguments)
            #expect(result.status != 0 && result.stderr.contains(words) && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
    }

    /// A finding dismissed is passed by `--all` and `--safe`; one not dismissed stops every kind of export
    /// with its number and place, and nothing is written; a dismissal taken back stops it again.
    @Test func dismissalsAndSafeExports() throws {
        var cli = try project()
        defer { cli.remove() }
        let coded = try cli.run(["code", "intervju-eva", "--code", "Kontakt", "--quote", "Ring 912 34 567"])
        #expect(coded.status == 0, "\(coded.stderr)")
        let scan = try cli.run(["privacy", "scan", "--kind", "phone-number"])
        let number = try #require(scan.stdout.split(separator: " ").first.map(String.init))

        let exports: [[String]] = [["quotes", "--code", "Kontakt", "-o", "sitater.docx"], ["export", "codings", "-o", "kodinger.csv"],
                                   ["export", "participants", "-o", "deltakere.docx"], ["refi", "export", "-o", "studie.qdpx"]]
        for export in exports.prefix(2) + [["export", "codebook", "-o", "kodebok.docx"]] {
            let refused = try cli.run(export + ["--safe"])
            #expect(refused.status != 0 && refused.stderr.contains("Not written") && refused.stderr.contains("phone number «912 34 567» (\(number), intervju-eva line 2)"),
                    "\(export): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent(export[export.count - 1]).path))
        }
        // The participant overview quotes no one: it goes.
        #expect(try cli.run(exports[2] + ["--safe"]).status == 0)
        // The whole project holds the other findings too (the e-mail address, the identity number).
        let whole = try cli.run(exports[3] + ["--safe"])
        #expect(whole.status != 0 && whole.stderr.contains("e-mail address") && whole.stderr.contains("national identity number"))

        let dismissed = try cli.run(["privacy", "dismiss", number])
        #expect(dismissed.status == 0 && dismissed.stdout.contains("1 finding(s) dismissed."))
        #expect(try cli.run(["privacy", "scan", "--kind", "phone-number"]).stdout.contains("0 finding(s) in 0 of 1 transcript(s). 1 dismissed not shown (--dismissed)."))
        #expect(try cli.run(["privacy", "scan", "--dismissed", "--kind", "phone-number"]).stdout.contains("«912 34 567» → [telefonnummer]  (dismissed)"))
        for export in exports.prefix(2) {
            let written = try cli.run(export + ["--safe"])
            #expect(written.status == 0, "\(export): \(written.stderr)")
        }
        // --all passes the dismissed number by; the other findings are applied.
        let applied = try cli.run(["privacy", "apply", "--all"])
        #expect(applied.status == 0 && applied.stdout.contains("2 redaction(s) applied."), "\(applied.stdout)")
        #expect(try cli.run(exports[3] + ["--safe"]).status == 0)

        let restored = try cli.run(["privacy", "restore", number])
        #expect(restored.status == 0 && restored.stdout.contains("1 finding(s) restored."))
        let again = try cli.run(["quotes", "--code", "Kontakt", "-o", "igjen.docx", "--safe"])
        #expect(again.status != 0 && again.stderr.contains("912 34 567"))
        let unknown = try cli.run(["privacy", "dismiss", "000000000000"])
        #expect(unknown.status != 0 && unknown.stderr.contains("No finding has the number \"000000000000\""))
    }

    /// A safe export needs the names in a sealed key: without its passphrase it refuses, naming the key.
    @Test func aSafeExportNeedsTheKeyOpen() throws {
        var cli = try project()
        defer { cli.remove() }
        #expect(try cli.shell("printf 'lang nok setning\\n' | $QUALCODE key init --new-passphrase-stdin").status == 0)
        let closed = try cli.run(["export", "codebook", "-o", "kodebok.docx", "--safe"])
        #expect(closed.status != 0 && closed.stderr.contains("passphrase"), "\(closed.stderr)")
        cli.environment["QUALCODE_KEY_PASSPHRASE"] = "lang nok setning"
        #expect(try cli.run(["key", "add", "Eva", "--real-name", "Tordis Testdatter"]).status == 0)
        #expect(try cli.run(["code", "intervju-eva", "--code", "Navn", "--quote", "Tordis her"]).status == 0)
        let named = try cli.run(["quotes", "--code", "Navn", "-o", "sitater.docx", "--safe"])
        #expect(named.status != 0 && named.stderr.contains("name «Tordis»"), "\(named.stderr)")
    }

    /// In a focus group, --preview says which turns would go; the withdrawal replaces them.
    @Test func aFocusGroupWithdrawalPreviewedThenDone() throws {
        var cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("gruppe.txt", "Moderator: Hvordan var det?\nEva: Jeg fikk brev fra Gjøvik.\nOla: Jeg fikk ingenting.\n")
        for arguments in [["init", "studie.qualcode"], ["participant", "add", "Eva"], ["participant", "add", "Ola"],
                          ["import", "gruppe.txt", "--participant", "Eva", "--participant", "Ola"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let preview = try cli.run(["participant", "withdraw", "Eva", "--preview"])
        #expect(preview.status == 0 && preview.stdout.contains("1 turn(s) in gruppe") && preview.stdout.contains("Nothing was changed."), "\(preview.stdout)")
        #expect(try cli.run(["show", "gruppe"]).stdout.contains("Gjøvik"))
        let done = try cli.run(["participant", "withdraw", "Eva", "--yes"])
        #expect(done.status == 0 && done.stdout.contains("Withdrew Eva: no whole transcripts; 1 turn(s) in gruppe"), "\(done.stdout)")
        let shown = try cli.run(["show", "gruppe"]).stdout
        #expect(shown.contains("Eva: [trukket]") && shown.contains("Ola: Jeg fikk ingenting.") && !shown.contains("Gjøvik"))
    }

    /// A REFI-QDA package's own strings (a participant's attribute, here an e-mail address) and the
    /// agreement table shown in the terminal pass the same screen as every file.
    @Test func safeReachesThePackagesOwnStringsAndTheTerminal() throws {
        var cli = try project()
        defer { cli.remove() }
        let applied = try cli.run(["privacy", "apply", "--all"])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try cli.run(["refi", "export", "-o", "ren.qdpx", "--safe"]).status == 0)
        #expect(try cli.run(["participant", "set", "Eva", "--attr", "kontakt=eva.t@eksempel.no"]).status == 0)
        let refused = try cli.run(["refi", "export", "-o", "studie.qdpx", "--safe"])
        #expect(refused.status != 0 && refused.stderr.contains("e-mail address «eva.t@eksempel.no» (in the project's own text"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("studie.qdpx").path))

        for (coder, quote) in [("anne", "Skjemaet ville ha"), ("berit", "ring [telefonnummer]")] {
            #expect(try cli.run(["code", "intervju-eva", "--code", "Skjema", "--quote", quote, "--coder", coder]).status == 0)
        }
        #expect(try cli.run(["agree", "disagreements", "--coders", "anne,berit"]).status == 0)
        try cli.write("ny.txt", "Ola: Ring meg på 412 34 567.\n")
        #expect(try cli.run(["import", "ny.txt"]).status == 0)
        #expect(try cli.run(["code", "ny", "--code", "Skjema", "--quote", "Ring meg på 412 34 567.", "--coder", "anne"]).status == 0)
        #expect(try cli.run(["code", "ny", "--code", "Skjema", "--quote", "Ring meg", "--coder", "berit"]).status == 0)
        let shown = try cli.run(["agree", "disagreements", "--coders", "anne,berit", "--safe"])
        #expect(shown.status != 0 && shown.stdout.isEmpty && shown.stderr.contains("412 34 567"), "\(shown.stdout) \(shown.stderr)")
    }

    @Test func restoringWhatIsNotDismissedSaysSo() throws {
        var cli = try project()
        defer { cli.remove() }
        let number = try #require(try cli.run(["privacy", "scan", "--kind", "email"]).stdout.split(separator: " ").first.map(String.init))
        let refused = try cli.run(["privacy", "restore", number])
        #expect(refused.status != 0 && refused.stderr.contains("No dismissed finding has the number \"\(number)\""), "\(refused.stderr)")
    }

    /// A pseudonym that is part of the real name hides nothing: said when it is added, and never a
    /// finding of its own (it would be replaced by itself).
    @Test func aPseudonymThatIsTheRealNameIsWarnedOf() throws {
        var cli = try project()
        defer { cli.remove() }
        #expect(try cli.run(["key", "init"]).status == 0)
        let added = try cli.run(["key", "add", "Eva", "--real-name", "Eva Testdatter"])
        #expect(added.status == 0 && added.stderr.contains("Warning: the pseudonym Eva is part of the real name"), "\(added.stderr)")
        let scan = try cli.run(["privacy", "scan", "--kind", "name"])
        #expect(!scan.stdout.contains("«Eva»") && scan.stdout.contains("0 finding(s)"), "\(scan.stdout)")
    }
}
