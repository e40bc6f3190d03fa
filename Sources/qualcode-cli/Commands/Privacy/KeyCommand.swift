import ArgumentParser
import Foundation
import Privacy
import QualCode

/// `qualcode key …`: the pseudonym key beside the project — real names, the names transcription tools
/// tag people with, and the dictionary of names, places and employers to redact.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "The pseudonym key: real names and the redaction dictionary, in a file beside the project.",
        discussion: """
            The key lives in its own file, studie.qualcode-key beside studie.qualcode, readable by \
            you alone; real names never go into the project, an export or the event log. Seal it \
            with a passphrase (AES-256-GCM, the key derived by scrypt) with --encrypt or `key \
            passphrase`; commands then take the passphrase from QUALCODE_KEY_PASSPHRASE or from \
            standard input with --passphrase-stdin. A lost passphrase cannot be recovered.

            For example:
              qualcode key init --encrypt
              qualcode key add Eva --real-name "Tordis Testdatter" \\
                --voice "Tordis T. (Gjest)"
              qualcode key term add "Brødrene Testvik AS" --kind employer
              qualcode key term add Lillevik --kind place --replacement "[kommune]"
              qualcode key list
            """,
        subcommands: [Init.self, Add.self, Remove.self, List.self, Term.self, Passphrase.self])
}

extension KeyCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an empty key beside the project.")
        @OptionGroup var project: ProjectOptions
        @Flag(help: "Seal the key with a passphrase, asked on the terminal.") var encrypt = false
        @Flag(help: "Read the new passphrase from the first line of standard input.") var newPassphraseStdin = false

        func run() throws {
            let privacy = Privacy(try project.openStore())
            let passphrase = encrypt || newPassphraseStdin ? try PassphraseOptions.newPassphrase(fromStandardInput: newPassphraseStdin) : nil
            try privacy.createKey(passphrase: passphrase)
            Output.line("Made \(privacy.keyURL.path)\(passphrase == nil ? " (not sealed: readable by you alone)" : ", sealed with your passphrase").")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a participant's real name to the key, or change it.",
            discussion: """
                For example:
                  qualcode key add Eva --real-name "Tordis Testdatter"
                  qualcode key add Ola --real-name "Sivert Prøvesen" --voice "Sivert P."
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Argument(help: "The pseudonym the project uses.") var pseudonym: String
        @Option(help: ArgumentHelp("The person's real name.", valueName: "name")) var realName: String
        @Option(name: .customLong("voice"), help: ArgumentHelp("A name a transcript tags the person with (repeat).", valueName: "name"))
        var voices: [String] = []

        func run() throws {
            let store = try project.openStore()
            let privacy = Privacy(store)
            try privacy.changeKey(passphrase: try secret.passphrase()) { key in
                try key.set(.init(pseudonym: pseudonym, realName: realName, voices: voices))
            }
            Output.line("Key: \(pseudonym) has a real name\(voices.isEmpty ? "" : " and \(voices.count) voice tag(s)").")
            if PseudonymKey.Person(pseudonym: pseudonym, realName: realName).pseudonymIsPartOfRealName {
                Output.note("Warning: the pseudonym \(pseudonym) is part of the real name, so it hides nothing; give the participant another (qualcode participant rename).")
            }
            if try !store.participants().contains(where: { $0.pseudonym.lowercased() == pseudonym.lowercased() }) {
                Output.note("No participant is called \(pseudonym) in the project yet.")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a participant's entry from the key.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Argument(help: "The pseudonym.") var pseudonym: String

        func run() throws {
            try Privacy(try project.openStore()).changeKey(passphrase: try secret.passphrase()) { try $0.removePerson(pseudonym) }
            Output.line("Key: \(pseudonym) removed.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the key: pseudonyms with real names, and the dictionary.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let key = try Privacy(try project.openStore()).key(passphrase: try secret.passphrase())
            if json { return try Output.printJSON(key) }
            for person in key.people {
                Output.line("\(person.pseudonym)  \(person.realName)\(person.voices.isEmpty ? "" : "  (voices: \(person.voices.joined(separator: "; ")))")")
            }
            for term in key.terms { Output.line("\(term.kind.rawValue): \(term.text) → \(term.replacement)") }
            if key.people.isEmpty && key.terms.isEmpty { Output.line("The key is empty.") }
        }
    }

    struct Passphrase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal the key with a new passphrase, or with --remove keep it unsealed.",
            discussion: """
                For example:
                  qualcode key passphrase
                  printf '%s\\n%s\\n' "$OLD" "$NEW" | \\
                    qualcode key passphrase --passphrase-stdin --new-passphrase-stdin
                  qualcode key passphrase --remove
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Flag(help: "Write the key unsealed (readable by you alone).") var remove = false
        @Flag(help: "Read the new passphrase from the next line of standard input.") var newPassphraseStdin = false

        func validate() throws {
            if remove && newPassphraseStdin { throw ValidationError("--remove and --new-passphrase-stdin do not go together.") }
        }

        func run() throws {
            let privacy = Privacy(try project.openStore())
            let current = try secret.passphrase()
            let new = remove ? nil : try PassphraseOptions.newPassphrase(fromStandardInput: newPassphraseStdin)
            try privacy.setKeyPassphrase(current: current, new: new)
            Output.line(new == nil ? "The key is no longer sealed (readable by you alone)." : "The key is sealed with the new passphrase.")
        }
    }

    struct Term: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The redaction dictionary: names of others, places and employers with their replacements.",
            subcommands: [AddTerm.self, RemoveTerm.self, ListTerms.self])
    }

    struct AddTerm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a name, place or employer to the dictionary, or change its replacement.",
            discussion: """
                The replacement is «[navn]», «[sted]» or «[arbeidsgiver]» unless given.

                For example:
                  qualcode key term add "Brødrene Testvik AS" --kind employer
                  qualcode key term add Lillevik --kind place --replacement "[kommune]"
                """)
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Argument(help: "The text as it stands in the transcripts.") var text: String
        @Option(help: "name, place or employer.") var kind: TermKind
        @Option(help: "What replaces it.") var replacement: String?

        enum TermKind: String, ExpressibleByArgument, CaseIterable { case name, place, employer }

        func run() throws {
            let kind = FindingKind(rawValue: kind.rawValue)!
            try Privacy(try project.openStore()).changeKey(passphrase: try secret.passphrase()) { key in
                try key.setTerm(PrivacyTerm(text: text, kind: kind, replacement: replacement))
            }
            Output.line("Dictionary: \(text) → \(replacement ?? PrivacyTerm.usualReplacement(for: kind)).")
        }
    }

    struct RemoveTerm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a term from the dictionary.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions
        @Argument(help: "The term's text.") var text: String

        func run() throws {
            try Privacy(try project.openStore()).changeKey(passphrase: try secret.passphrase()) { try $0.removeTerm(text) }
            Output.line("Dictionary: \(text) removed.")
        }
    }

    struct ListTerms: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the dictionary.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var secret: PassphraseOptions

        func run() throws {
            let key = try Privacy(try project.openStore()).key(passphrase: try secret.passphrase())
            for term in key.terms { Output.line("\(term.kind.rawValue): \(term.text) → \(term.replacement)") }
            if key.terms.isEmpty { Output.line("The dictionary is empty.") }
        }
    }
}
