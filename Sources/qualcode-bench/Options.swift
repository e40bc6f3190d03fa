import Foundation

struct Options {
    var files = 1000
    var words = 10_000
    var codings = 100_000
    var batches = 10
    var runs = 5
    var seed: UInt64 = 20_240_320
    var participants = true
    var directory: String?
    var keep = false
    /// Measure the reads on a project an earlier run kept, without generating anything.
    var reads: String?
    /// How long the load run of simulated browsers codes through the server.
    var loadSeconds = 60

    static let usage = """
        USAGE: qualcode-bench [--files N] [--words N] [--codings N] [--dir PATH] [--keep]
                              [--batches N] [--runs N] [--seed N] [--no-participants] [--load-seconds N]

        Generates a synthetic corpus of .docx interviews and measures QualCode through its public API:
        import, batch coding, retrieval and full-text search (against raw FTS5 on the same file).

          --files N          transcripts to generate and import (default 1000)
          --words N          words per transcript (default 10000)
          --codings N        codings to create (default 100000)
          --batches N        store.code(...) calls the codings are split into (default 10)
          --runs N           repetitions of each read measurement; the median is reported (default 5)
          --seed N           seed of the generator (default 20240320); the same seed gives the same corpus
          --dir PATH         work in PATH (qualcode-bench-corpus/ and qualcode-bench.qualcode, both replaced
                             if present) instead of a temporary directory
          --keep             leave the corpus and the project behind
          --no-participants  do not register one participant per interview before the import
          --load-seconds N   how long 8 simulated browsers code at once through the web server (default 60)
          --reads FILE       only time the reads (retrieval with and without context, codes, participants)
                             on a project an earlier run kept with --keep
        The report goes to stdout, progress to stderr. Targets are shown for information only.
        """

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw BenchError("\(flag) needs a value") }
            return v
        }
        func count(_ flag: String, minimum: Int) throws -> Int {
            let raw = try value(flag).replacingOccurrences(of: "_", with: "")
            guard let n = Int(raw), n >= minimum else { throw BenchError("\(flag) needs a whole number ≥ \(minimum), not \(raw)") }
            return n
        }
        while let arg = rest.popFirst() {
            switch arg {
            case "--files": options.files = try count(arg, minimum: 1)
            case "--words": options.words = try count(arg, minimum: 50)
            case "--codings": options.codings = try count(arg, minimum: 0)
            case "--batches": options.batches = try count(arg, minimum: 1)
            case "--runs": options.runs = try count(arg, minimum: 1)
            case "--seed": options.seed = UInt64(try count(arg, minimum: 0))
            case "--dir": options.directory = try value(arg)
            case "--keep": options.keep = true
            case "--reads": options.reads = try value(arg)
            case "--no-participants": options.participants = false
            case "--load-seconds": options.loadSeconds = try count(arg, minimum: 1)
            case "-h", "--help":
                print(usage)
                exit(0)
            default: throw BenchError("unknown argument \(arg)\n\n\(usage)")
            }
        }
        return options
    }
}
