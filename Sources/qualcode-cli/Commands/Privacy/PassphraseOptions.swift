import ArgumentParser
import Foundation
import Privacy

/// Where the pseudonym key's passphrase comes from, when it is sealed: QUALCODE_KEY_PASSPHRASE, or the
/// first line of standard input with --passphrase-stdin.
struct PassphraseOptions: ParsableArguments {
    @Flag(help: "Read the key's passphrase from the first line of standard input (else QUALCODE_KEY_PASSPHRASE).")
    var passphraseStdin = false

    /// The passphrase given, or nil (a key in the clear needs none). Reads standard input once; a
    /// second call gives what the first read.
    func passphrase() throws -> String? {
        if let read = PassphraseCache.shared.value { return read }
        let value = try readPassphrase()
        PassphraseCache.shared.value = value
        return value
    }

    private func readPassphrase() throws -> String? {
        if passphraseStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw WordedError(description: "no passphrase on standard input; nothing was changed.")
            }
            return line
        }
        return ProcessInfo.processInfo.environment["QUALCODE_KEY_PASSPHRASE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The project's pseudonym key, opened with the passphrase given; nil when the project has none (the
    /// passphrase is then not asked for).
    func key(of privacy: Privacy) throws -> PseudonymKey? {
        privacy.hasKey ? try privacy.key(passphrase: try passphrase()) : nil
    }

    /// A new passphrase: the next line of standard input with `fromStandardInput`, else asked twice on
    /// the terminal with echo off.
    static func newPassphrase(fromStandardInput: Bool) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw WordedError(description: "no new passphrase on standard input; nothing was changed.")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw WordedError(description: "no terminal to ask for the new passphrase on; use --new-passphrase-stdin. Nothing was changed.")
        }
        let first = try UserCommand.Password.ask("New passphrase for the key: ")
        let second = try UserCommand.Password.ask("Repeat it: ")
        guard first == second else { throw WordedError(description: "the two passphrases differ; nothing was changed.") }
        return first
    }
}

/// What a command read as the key's passphrase, so reading the key twice asks once.
final class PassphraseCache: @unchecked Sendable {
    static let shared = PassphraseCache()
    var value: String??
}
