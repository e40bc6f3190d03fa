import Foundation

/// Why a Python reader failed: its exit status and what it wrote to stderr.
public struct PythonFailure: Error, CustomStringConvertible {
    public var status: Int32
    public var stderr: String
    public var description: String { "the Python reader failed with status \(status) (Scripts/setup installs python-docx): \(stderr)" }
}

/// Runs a Python script (the independent readers the tests use: python-docx, xml.etree, csv) and
/// returns what it printed; a failing script throws with its error output.
public func runPython(_ script: String, _ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // stdout is read while the script runs (a large output would otherwise block it); the error output
    // of a failing reader is a short traceback, read at the end.
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errorData = err.fileHandleForReading.readDataToEndOfFile()
    guard process.terminationStatus == 0 else {
        throw PythonFailure(status: process.terminationStatus, stderr: String(decoding: errorData, as: UTF8.self))
    }
    return data
}
