import Foundation
import QualCode
import Testing

@Suite struct CrashSafetyTests {
    /// kill -9 in the middle of a long import: the file must open, pass SQLite's integrity check, and
    /// hold either every transcript or none, never half of one.
    @Test func killingAnImportLeavesNoHalfTranscript() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        let turn = "Eva: Eh, vi får til mye i teamet, (latter) og tillit er alt for oss som jobber med IPS.\n"
        var files: [String] = []
        for i in 0..<40 {
            let name = "intervju-\(i).txt"
            try cli.write(name, "Intervjuer: Fortell om jobben nummer \(i).\n" + String(repeating: turn, count: 3_000))
            files.append(name)
        }
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["import"] + files
        process.currentDirectoryURL = cli.directory
        process.environment = cli.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.8)
        let killedMidway = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let store = try ProjectStore.open(at: cli.directory.appendingPathComponent("studie.qualcode"), coder: "x")
        #expect(try store.integrityCheck() == "ok")
        let transcripts = try store.transcripts()
        #expect(transcripts.count == 0 || transcripts.count == files.count)
        #expect(killedMidway, "the import finished before it was killed; make the corpus larger")
        if killedMidway { #expect(transcripts.isEmpty) }
        for t in transcripts { #expect(t.turns == 3_001) }
        #expect(try store.eventCount() == 1 + transcripts.count)
    }
}
