import Foundation

/// SplitMix64: small, fast and fully deterministic, so a given seed always yields the same corpus
/// and the same codings (no Foundation randomness anywhere in the benchmark).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` (bound > 0); Lemire's multiply-shift, bias negligible for small bounds.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(((next() >> 32) &* UInt64(bound)) >> 32)
    }

    /// Uniform in a closed range.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Draws indices with Zipf-like weights (rank^-s), the way words occur in speech.
struct ZipfTable {
    private let cumulative: [UInt64]

    init(count: Int, exponent: Double) {
        var weights: [Double] = []
        weights.reserveCapacity(count)
        for rank in 1...count { weights.append(1 / pow(Double(rank), exponent)) }
        let total = weights.reduce(0, +)
        var running = 0.0
        var table: [UInt64] = []
        table.reserveCapacity(count)
        for w in weights {
            running += w
            table.append(UInt64(min(1, running / total) * Double(UInt32.max)))
        }
        table[table.count - 1] = UInt64(UInt32.max)
        cumulative = table
    }

    func draw(_ rng: inout SplitMix64) -> Int {
        let x = rng.next() >> 32
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
