import Foundation

/// Slows down guessing: after a few failed logins for one account, or from one client address, further
/// tries are refused for a wait that doubles with each further failure (15 s, 30 s, 60 s, … at most 15 min).
/// A successful login clears the account's and the address's count. Kept in memory, like the sessions.
public actor LoginThrottle {
    /// Failures allowed before the first wait, per account and per address.
    public let allowedFailures: Int
    let firstWait: TimeInterval
    let longestWait: TimeInterval = 15 * 60
    private var failures: [String: (count: Int, until: Date)] = [:]

    public init(allowedFailures: Int = 5, firstWait: TimeInterval = 15) {
        self.allowedFailures = allowedFailures
        self.firstWait = firstWait
    }

    /// The seconds to wait before `keys` may try again, or nil when they may try now.
    public func wait(for keys: [String], now: Date = Date()) -> Int? {
        let waits = keys.compactMap { failures[$0] }.map { $0.until.timeIntervalSince(now) }.filter { $0 > 0 }
        return waits.max().map { Int($0.rounded(.up)) }
    }

    /// Counts a failed login against each of `keys`.
    public func failed(_ keys: [String], now: Date = Date()) {
        for key in keys {
            let count = (failures[key]?.count ?? 0) + 1
            var until = now
            if count >= allowedFailures {
                let doublings = min(count - allowedFailures, 10)
                until = now.addingTimeInterval(min(firstWait * Double(1 << doublings), longestWait))
            }
            failures[key] = (count, until)
        }
        // Forget long-quiet keys so a scan of many names cannot grow the table without end.
        if failures.count > 10_000 {
            failures = failures.filter { $0.value.until.timeIntervalSince(now) > -longestWait }
        }
    }

    /// Password checks running now: each takes 32 MiB and a core for a moment, so only a few run at once.
    private var checking = 0
    let concurrentChecks = 4

    /// Whether another password check may start now; pair with ``leave()``.
    func enter() -> Bool {
        guard checking < concurrentChecks else { return false }
        checking += 1
        return true
    }

    func leave() { checking -= 1 }

    public func succeeded(_ keys: [String]) {
        for key in keys { failures[key] = nil }
    }
}
