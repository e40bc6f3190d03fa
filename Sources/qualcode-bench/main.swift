import Foundation

// qualcode-bench: synthetic corpus → import, coding, retrieval and search timings with peak memory.
do {
    let options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    if let reads = options.reads { try measureReads(of: URL(fileURLWithPath: reads), runs: options.runs) } else { try runBenchmark(options) }
} catch {
    note("qualcode-bench: \(error)")
    exit(1)
}
