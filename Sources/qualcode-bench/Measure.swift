import Foundation

/// Progress and diagnostics go to stderr, so stdout holds only the report.
func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Runs `body` once and returns its value with the wall-clock time it took.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    return (value, clock.now - start)
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
    var milliseconds: Double { seconds * 1000 }
}

/// Runs `body` `runs` times and reports the first (cold) time, the median and the fastest.
struct Repeated<T> {
    var value: T
    var first: Duration
    var median: Duration
    var fastest: Duration

    init(runs: Int, _ body: () throws -> T) rethrows {
        var times: [Duration] = []
        var last: T?
        for _ in 0..<max(1, runs) {
            let (v, t) = try timed(body)
            last = v
            times.append(t)
        }
        value = last!
        first = times[0]
        let sorted = times.sorted()
        median = sorted[sorted.count / 2]
        fastest = sorted[0]
    }
}

/// Resident memory from /proc/self/status. The peak (VmHWM) can be reset between phases through
/// /proc/self/clear_refs, so each phase reports its own peak; the whole-run peak is kept here.
final class MemoryMeter {
    private(set) var wholeRunPeakKB = 0
    private(set) var canResetPeak = true

    static func status(_ key: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let digits = line.dropFirst(key.count + 1).filter(\.isNumber)
            return Int(digits)
        }
        return nil
    }

    var peakKB: Int? { Self.status("VmHWM") }
    var currentKB: Int? { Self.status("VmRSS") }

    /// Starts a new phase: remembers the peak so far, then resets VmHWM to the current RSS.
    func startPhase() {
        if let peak = peakKB { wholeRunPeakKB = max(wholeRunPeakKB, peak) }
        do {
            try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        } catch {
            canResetPeak = false
        }
    }

    /// The peak since `startPhase()` (or since the process started, where resetting is refused).
    func phasePeakKB() -> Int {
        let peak = peakKB ?? 0
        wholeRunPeakKB = max(wholeRunPeakKB, peak)
        return peak
    }

    func finish() -> Int {
        wholeRunPeakKB = max(wholeRunPeakKB, peakKB ?? 0)
        return wholeRunPeakKB
    }
}

func formatDuration(_ d: Duration) -> String {
    let s = d.seconds
    if s >= 1 { return String(format: "%.2f s", s) }
    if s >= 0.01 { return String(format: "%.1f ms", s * 1000) }
    return String(format: "%.2f ms", s * 1000)
}

func formatMB(_ kb: Int) -> String { String(format: "%.0f MB", Double(kb) / 1024) }

func formatBytes(_ bytes: Int) -> String {
    bytes >= 10 << 20 ? String(format: "%.0f MB", Double(bytes) / 1_048_576) : String(format: "%.1f MB", Double(bytes) / 1_048_576)
}

func formatCount(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, ch) in digits.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return String(out.reversed())
}

/// The plain-text report: one line per measurement with its target and an informational verdict.
struct Report {
    struct Row {
        var name: String
        var measured: String
        var target: String
        var verdict: String
    }

    var header: [String] = []
    var sections: [(String, [Row])] = []

    mutating func section(_ title: String) { sections.append((title, [])) }

    mutating func add(_ name: String, _ measured: String, target: String = "", verdict: String = "") {
        if sections.isEmpty { section("") }
        sections[sections.count - 1].1.append(Row(name: name, measured: measured, target: target, verdict: verdict))
    }

    /// A measurement against an upper limit.
    mutating func add(_ name: String, _ measured: String, value: Double, limit: Double, target: String) {
        add(name, measured, target: target, verdict: value <= limit ? "ok" : "over target")
    }

    func render() -> String {
        // Column widths from the rows that carry a target; free-text rows just run on.
        let rows = sections.flatMap(\.1)
        let targeted = rows.filter { !$0.target.isEmpty }
        let w0 = max(8, rows.map(\.name.count).max() ?? 0)
        let w1 = max(8, targeted.map(\.measured.count).max() ?? 0)
        let w2 = max(6, targeted.map(\.target.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        var out = header.joined(separator: "\n") + "\n"
        for (title, rows) in sections {
            out += "\n"
            if !title.isEmpty { out += "\(title)\n" }
            for r in rows {
                var line = "  " + pad(r.name, w0) + "  " + (r.target.isEmpty ? r.measured : pad(r.measured, w1))
                if !r.target.isEmpty || !r.verdict.isEmpty { line += "  " + pad(r.target, w2) + "  " + r.verdict }
                out += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
            }
        }
        return out
    }
}
