import ArgumentParser
import Foundation

extension ErrorWording {
    /// A usage error as one line: our own `validate()` sentences as they are, ArgumentParser's messages
    /// («Missing value for '--label <template>'») with what to do about them and where the help is.
    ///
    /// - Parameters:
    ///   - message: ArgumentParser's brief message for the error.
    ///   - fullText: its full text, whose last line names the command's help (`See 'qualcode code --help' …`).
    static func usageError(_ message: String, fullText: String) -> String {
        let message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        // Our sentences end with a full stop; ArgumentParser's do not (or ask «Did you mean '--project'?»).
        if message.hasSuffix(".") { return message }
        let help = fullText.firstMatch(of: /See '(?<help>[^']+)' for more information/).map { " See `\($0.help)`." } ?? ""
        if let missing = message.firstMatch(of: /^Missing value for '(?<option>--[A-Za-z0-9-]+)/) {
            // The usual cause is a value that starts with «-», which reads as an option of its own.
            let option = missing.option
            return "\(option) needs a value (one that starts with \"-\" is written \(option)=VALUE).\(help)"
        }
        return message + (message.hasSuffix("?") ? "" : ".") + help
    }
}

extension QualCodeCommand {
    /// Refuses `--project` for a command that has no use for it (`init` names its file as an argument):
    /// the root accepts the option before any command's name, so nothing else would say it was ignored.
    static func refuseUnusedProject(_ command: ParsableCommand) throws {
        let arguments = CommandLine.arguments.dropFirst().prefix { $0 != "--" }
        guard arguments.contains(where: { $0 == "--project" || $0.hasPrefix("--project=") }) else { return }
        let type = type(of: command)
        // Commands with subcommands and `help` only print help.
        guard type.configuration.subcommands.isEmpty, type.configuration.commandName != "help" else { return }
        guard !Mirror(reflecting: command).children.contains(where: { $0.value is OptionGroup<ProjectOptions> }) else { return }
        throw ValidationError("--project has no use in `\(type._commandName)`; nothing was done.")
    }
}
