import Foundation
import Testing

/// The library is shared by the command line and the browser: none of its strings may name a flag or a
/// command, or the browser would show «pass --force». Front ends word remedies themselves.
@Suite struct LibrarySpeaksNoCommandLineTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")
    /// Every library target: the core, the method modules and the modules' kit; not the front ends.
    static let libraries = ["QualCode", "Condensation", "WorkMapping", "Agreement", "Exchange", "Privacy", "QualCodeKit"]
    static let commands = ["qualcode", "init", "project", "participant", "import", "transcript", "transcripts", "show", "memo", "log", "code",
                           "uncode", "codes", "units", "search", "retrieve", "stc", "map", "quotes", "quote", "export"]

    /// What is left of a line once comments are gone (a `//` outside a string literal starts one).
    static func code(of line: String) -> String {
        var inString = false
        var previous: Character = " "
        var out = ""
        for ch in line {
            if ch == "\"" && previous != "\\" { inString.toggle() }
            if !inString && ch == "/" && previous == "/" { out.removeLast(); return out }
            out.append(ch)
            previous = ch
        }
        return out
    }

    /// Flag-shaped words (`--force`) and backticked commands (`` `qualcode init` ``, `` `stc theme add` ``).
    static func offences(in text: String) -> [String] {
        var found: [String] = []
        let flag = /--[a-z][a-z-]*/
        let command = try! Regex("`(" + commands.joined(separator: "|") + ")( |`)")
        for match in text.matches(of: flag) { found.append(String(match.output)) }
        for match in text.matches(of: command) { found.append(String(text[match.range])) }
        return found
    }

    @Test func theScanFindsWhatItLooksFor() {
        #expect(Self.offences(in: #"return "pass --force to delete it""#) == ["--force"])
        #expect(Self.offences(in: #"hint: "(`memo add --on project`)""#).count == 2)
        #expect(Self.offences(in: "-- One index probe each, an SQL comment").isEmpty)
        #expect(Self.code(of: #"let a = "x" // see --force"#) == #"let a = "x" "#)
        #expect(Self.code(of: #"let url = "http://example" + b"#) == #"let url = "http://example" + b"#)
    }

    @Test func noLibrarySourceNamesAFlagOrACommand() throws {
        var offences: [String] = []
        var scanned = 0
        for library in Self.libraries {
            let root = Self.sources.appendingPathComponent(library)
            guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in files where file.pathExtension == "swift" {
                scanned += 1
                let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
                for (number, line) in lines.enumerated() {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("//") { continue }
                    for offence in Self.offences(in: Self.code(of: line)) {
                        offences.append("\(library)/\(file.lastPathComponent):\(number + 1): \(offence)")
                    }
                }
            }
        }
        #expect(scanned > 50)
        #expect(offences.isEmpty, "\(offences.joined(separator: "\n"))")
    }
}
