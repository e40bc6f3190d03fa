import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import QualCode

extension AccountRole: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "The accounts that log in to the project in the browser, and their roles.",
        discussion: """
            An owner may do everything, a coder codes and writes memos, a reader reads and \
            downloads. An account's name is also the coder recorded on what it does. Accounts are \
            stored in the project file; passwords only as scrypt keys, each with its own salt. \
            They are needed when serve --host serves beyond this machine.

            For example:
              qualcode user add anne --role owner
              qualcode user password anne
              qualcode user add lars --role coder
              qualcode user password lars --link --host 10.0.0.5
              qualcode user set lars --role reader
              qualcode user remove lars
            """,
        subcommands: [List.self, Add.self, Set.self, Remove.self, Password.self],
        defaultSubcommand: List.self,
        aliases: ["users"]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts with their roles.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let accounts = try project.openStore().accounts()
            try output.emit(accounts) {
                TextTable(headers: ["name", "role", "password", "created"],
                          rows: accounts.map { a in
                              [a.name, a.role.rawValue, a.hasPassword ? "set" : "not set",
                               a.createdAt.formatted(.iso8601.year().month().day())]
                          })
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account (then set its password with user password).",
            discussion: """
                For example:
                  qualcode user add anne --role owner
                  qualcode user add "Lars Ø." --role reader
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The account's name; also the coder its codings record.") var name: String
        @Option(help: "owner, coder or reader.") var role: AccountRole

        func run() throws {
            let account = try project.openStore().addAccount(name, role: role)
            Output.line("Added \(account.role.rawValue) \(account.name); set a password with: qualcode user password \(Self.quoted(account.name))")
        }

        static func quoted(_ name: String) -> String {
            name.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } ? name : "'\(name.replacingOccurrences(of: "'", with: "'\\''"))'"
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an account's role (the last owner stays an owner).",
            discussion: """
                A browser already logged in has the new role from its next request.

                For example:
                  qualcode user set lars --role reader
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The account's name.") var name: String
        @Option(help: "owner, coder or reader.") var role: AccountRole

        func run() throws {
            let account = try project.openStore().setRole(of: name, to: role)
            Output.line("\(account.name) is now \(account.role.rawValue)")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an account; what it coded stays, under its name.",
            discussion: "For example:\n  qualcode user remove lars"
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The account's name.") var name: String

        func run() throws {
            let store = try project.openStore()
            let account = try store.account(named: name)
            try store.removeAccount(name)
            Output.line("Removed account \(account?.name ?? name)")
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's password, asked twice on the terminal, or make a one-time link.",
            discussion: """
                With --link, prints an address that lets the person set their own password in the \
                browser: it works once, for 24 hours, and only its hash is stored. Give --host and \
                --port as serve will use them. A new link replaces an older one.

                For example:
                  qualcode user password anne
                  qualcode user password lars --link --host 10.0.0.5 --port 7070
                  printf '%s\\n' "$PASS" | qualcode user password anne --password-stdin
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The account's name.") var name: String
        @Flag(help: "Print a one-time link instead of asking for the password.") var link = false
        @Flag(help: "Read the password from the first line of standard input (for scripts).") var passwordStdin = false
        @Option(help: "The host in the link.") var host = "127.0.0.1"
        @Option(help: "The port in the link.") var port: Int = 7070

        func validate() throws {
            if link && passwordStdin { throw ValidationError("--link and --password-stdin do not go together.") }
            guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535 (got \(port)).") }
        }

        func run() throws {
            let store = try project.openStore()
            if link {
                let made = try store.passwordLink(for: name)
                let shown = host.contains(":") ? "[\(host)]" : host
                Output.line("A one-time link for \(made.account), valid for 24 hours:")
                Output.line("  http://\(shown):\(port)/set-password?token=\(made.token)")
                return
            }
            // The account is looked up first, so a wrong name is refused before anyone types a password.
            guard let account = try store.account(named: name) else {
                throw StoreError.notFound(what: "account", reference: name, candidates: try store.accounts().map(\.name))
            }
            let password: String
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw WordedError(description: "no password on standard input; nothing was changed.")
                }
                password = line
            } else {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw WordedError(description: "no terminal to ask for the password on; use --link or --password-stdin. Nothing was changed.")
                }
                let first = try Self.ask("New password for \(account.name): ")
                let second = try Self.ask("Repeat it: ")
                guard first == second else { throw WordedError(description: "the two passwords differ; nothing was changed.") }
                password = first
            }
            try store.setPassword(of: account.name, to: password)
            Output.line("Password set for \(account.name)")
        }

        /// One line from the terminal with echo off, echo restored whatever happens.
        static func ask(_ prompt: String) throws -> String {
            FileHandle.standardError.write(Data(prompt.utf8))
            var saved = termios()
            guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw WordedError(description: "cannot switch the terminal's echo off.") }
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
            defer {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return readLine(strippingNewline: true) ?? ""
        }
    }
}
