import Foundation
@_exported import TestSupport
import Testing

/// Runs the built `qualcode` binary as a user would, in a folder of its own.
struct CLIRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let directory: URL
    var environment: [String: String]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env["QUALCODE_PROJECT"] = nil
        env["QUALCODE_CODER"] = "cli-test"
        environment = env
    }

    /// The `qualcode` executable next to the test bundle.
    static let executable: URL = {
        let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])].compactMap { $0 }
        for candidate in candidates {
            var dir = candidate.deletingLastPathComponent()
            for _ in 0..<4 {
                let binary = dir.appendingPathComponent("qualcode")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
                dir = dir.deletingLastPathComponent()
            }
        }
        return URL(fileURLWithPath: ".build/debug/qualcode")
    }()

    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Projects/metodeveiledere")

    @discardableResult
    func run(_ arguments: String...) throws -> Output { try run(arguments) }

    func run(_ arguments: [String]) throws -> Output {
        try run(Self.executable, arguments, environment: environment)
    }

    /// A shell command line, as a user types it with pipes; `$QUALCODE` is the built `qualcode`.
    func shell(_ commandLine: String) throws -> Output {
        var environment = environment
        environment["QUALCODE"] = Self.executable.path
        return try run(URL(fileURLWithPath: "/bin/sh"), ["-c", commandLine], environment: environment)
    }

    private func run(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let out = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let err = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: out.path, contents: nil),
              FileManager.default.createFile(atPath: err.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    func copyDemo(_ name: String) throws {
        try FileManager.default.copyItem(at: Self.demo.appendingPathComponent(name), to: directory.appendingPathComponent(name))
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
