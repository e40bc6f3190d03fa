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
        (storeMessage(for: error) ?? condensationMessage(for: error) ?? exportMessage(for: error))?.escapingControlCharacters()
    }
}

/// A library error worded for the command line.
struct WordedError: Error, CustomStringConvertible {
    let description: String
}

extension QualCodeCommand {
    /// ArgumentParser's `main`, with library errors worded for the command line on their way out.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: ErrorWording.message(for: error).map { WordedError(description: $0) } ?? error)
        }
    }
}
