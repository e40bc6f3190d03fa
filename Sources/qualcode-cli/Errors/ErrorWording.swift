import ArgumentParser
import Foundation

/// The command line's words for library errors. The library's errors are data: what went wrong, the
/// values involved and, where there is one, a remedy as a case. Here a remedy becomes the flag or command
/// that carries it out («pass --force to …»); the web UI words the same remedy as a button.
enum ErrorWording {
    /// The message the command line prints for `error`: the library's own description, with any remedy
    /// worded as a flag or command by the wording of the error's domain. Control characters from what
    /// was typed or read (an escape sequence in a name) are shown escaped, never sent to the terminal.
    static func message(for error: Error) -> String? {
        ((error as? WordedError)?.description ?? storeMessage(for: error) ?? condensationMessage(for: error) ?? exportMessage(for: error)
            ?? privacyMessage(for: error))?
            .escapingControlCharacters()
    }
}

/// A library error worded for the command line.
struct WordedError: Error, CustomStringConvertible {
    let description: String
}

extension QualCodeCommand {
    /// ArgumentParser's `main`, with library errors worded for the command line and usage errors on one
    /// line on their way out.
    static func main() {
        do {
            var command = try parseAsRoot()
            try refuseUnusedProject(command)
            try command.run()
        } catch {
            if let worded = ErrorWording.message(for: error) { exit(withError: WordedError(description: worded)) }
            // ArgumentParser follows a usage error with the usage and a pointer to --help: one line instead.
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let line = ErrorWording.usageError(message(for: error), fullText: fullMessage(for: error, columns: 1_000))
            FileHandle.standardError.write(Data("Error: \(line.escapingControlCharacters())\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
    }
}
