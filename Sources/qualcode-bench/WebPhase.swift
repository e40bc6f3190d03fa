import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import QualCode
import QualCodeWeb

/// What a browser waits for, measured over HTTP on loopback against the real server (`qualcode serve`'s
/// code, in this process): the page of a 300,000-character transcript with 1,000 codings, one coding
/// request on a long and a short transcript, and 8 simulated browsers coding at once, each as its own
/// coder, on the same passages, checked afterwards for lost codings.
func webPhase(_ options: Options, store: ProjectStore, transcripts ids: [Transcript.ID], report: inout Report) throws {
    report.section("Web server (HTTP on loopback, release build)")
    let app = WebApp(store: store, owner: "bench")
    let server = try RunningServer(app)
    defer { server.stop() }
    let owner = server.client(for: "bench")

    let page = try owner.repeated(runs: options.runs + 1) { try owner.get("/api/transcripts/\(ids[0])") }
    report.add("GET the transcript page (300,000 characters, 1,000 codings; \(formatMB(page.bytes / 1024)) of JSON)",
               formatDuration(page.median), value: page.median.milliseconds, limit: 100, target: "< 100 ms")

    for (index, label) in [(1, "1.2 MB"), (2, "12 KB")] {
        let plan = try CodingPlan.make(store: store, transcripts: [ids[index]], codings: 200, batches: 1, seed: options.seed &+ 11)
        var times: [Duration] = []
        for request in plan.batches.flatMap({ $0 }) {
            let (_, t) = try timed { try owner.code(request) }
            times.append(t)
        }
        times.sort()
        report.add("POST one coding on the \(label) transcript (median of \(times.count); p95 \(formatDuration(times[times.count * 95 / 100])))",
                   formatDuration(times[times.count / 2]), value: times[times.count / 2].milliseconds, limit: 5, target: "< 5 ms")
    }

    // The load run: 8 browsers, 8 coders, the same passages in the same order, for loadSeconds.
    note("web: 8 simulated browsers coding for \(options.loadSeconds) s …")
    let plan = try CodingPlan.make(store: store, transcripts: [ids[2], ids[1]], codings: 4_000, batches: 1, seed: options.seed &+ 13)
    let requests = plan.batches.flatMap { $0 }
    let results = LoadResults()
    let deadline = Date().addingTimeInterval(TimeInterval(options.loadSeconds))
    let group = DispatchGroup()
    for browser in 0..<8 {
        let client = server.client(for: "koder\(browser + 1)")
        group.enter()
        Thread.detachNewThread {
            var index = 0
            while Date() < deadline {
                let request = requests[index % requests.count]
                index += 1
                do {
                    let (segment, t) = try timed { try client.code(request) }
                    results.record(latency: t, coder: client.user, segment: segment, codes: request.codes)
                } catch {
                    results.fail(error)
                }
            }
            group.leave()
        }
    }
    group.wait()
    let summary = results.summary()
    // Every coding a browser was told it made must be in the project, under its coder.
    let lost = try results.lost(in: store, transcripts: [ids[2], ids[1]])
    report.add("load: 8 browsers for \(options.loadSeconds) s — \(formatCount(summary.count)) codings, "
               + "\(formatCount(summary.count / options.loadSeconds)) per second, \(summary.failures) failed requests, \(lost) lost",
               "p50 \(formatDuration(summary.p50)), p95 \(formatDuration(summary.p95))",
               value: Double(lost), limit: 0, target: "0 lost")
    if let error = summary.firstError { note("web: first failed request: \(error)") }
}

/// The server on a free loopback port for the length of the phase.
final class RunningServer: @unchecked Sendable {
    let app: WebApp
    let base: String
    private let task: Task<Void, Never>

    init(_ app: WebApp) throws {
        self.app = app
        let ready = DispatchSemaphore(value: 0)
        let address = Box<String?>(nil)
        task = Task {
            try? await WebServer.run(app, host: "127.0.0.1", port: 0) { url in
                address.value = url
                ready.signal()
            }
        }
        guard ready.wait(timeout: .now() + 30) == .success, let url = address.value, let cut = url.range(of: "/?token=") else {
            throw BenchError("the web server did not start")
        }
        base = String(url[..<cut.lowerBound])
    }

    /// A client with a session of its own for `user` (a coder), made directly: logging in is not measured.
    func client(for user: String) -> WebClient {
        let made = Box<WebSession?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            made.value = await app.sessions.open(user: user, role: .coder)
            done.signal()
        }
        done.wait()
        return WebClient(base: base, user: user, session: made.value!)
    }

    func stop() { task.cancel() }
}

/// One browser's requests, synchronous, over its own URLSession.
final class WebClient: @unchecked Sendable {
    let base: String
    let user: String
    let session: WebSession
    private let urlSession: URLSession

    init(base: String, user: String, session: WebSession) {
        self.base = base
        self.user = user
        self.session = session
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 1
        urlSession = URLSession(configuration: configuration)
    }

    struct Timing {
        var median: Duration
        var bytes: Int
    }

    func repeated(runs: Int, _ body: () throws -> Data) throws -> Timing {
        var bytes = 0
        let timing = try Repeated(runs: runs) { () -> Int in
            bytes = try body().count
            return bytes
        }
        return Timing(median: timing.median, bytes: bytes)
    }

    func get(_ path: String) throws -> Data {
        var request = URLRequest(url: URL(string: base + path)!)
        request.setValue("qualcode_session=\(session.id)", forHTTPHeaderField: "Cookie")
        return try send(request, expecting: 200)
    }

    /// Codes a request's offsets through POST /api/codings; returns the segment id the server gave.
    func code(_ coding: CodingRequest) throws -> UUID {
        guard case let .offsets(start, end) = coding.selector else { throw BenchError("the plan's codings are offsets") }
        var request = URLRequest(url: URL(string: base + "/api/codings")!)
        request.httpMethod = "POST"
        request.setValue("qualcode_session=\(session.id)", forHTTPHeaderField: "Cookie")
        request.setValue(session.csrfToken, forHTTPHeaderField: "X-CSRF-Token")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let body: [String: Any] = ["transcript": coding.transcript.uuidString, "start": start, "end": end, "codes": coding.codes]
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let data = try send(request, expecting: 201)
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let segment = json["segment"] as? [String: Any], let id = (segment["id"] as? String).flatMap(UUID.init(uuidString:)) else {
            throw BenchError("the coding response has no segment id")
        }
        return id
    }

    private func send(_ request: URLRequest, expecting status: Int) throws -> Data {
        let done = DispatchSemaphore(value: 0)
        let result = Box<Result<(Data, URLResponse), Error>?>(nil)
        urlSession.dataTask(with: request) { data, response, error in
            if let data, let response { result.value = .success((data, response)) } else { result.value = .failure(error ?? BenchError("no response")) }
            done.signal()
        }.resume()
        done.wait()
        let (data, response) = try result.value!.get()
        let code = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard code == status else { throw BenchError("HTTP \(code): \(String(decoding: data.prefix(200), as: UTF8.self))") }
        return data
    }
}

/// What the load run's browsers saw, collected from their threads.
final class LoadResults: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [Duration] = []
    private var made: [(coder: String, segment: UUID, codes: [String])] = []
    private var failures = 0
    private var firstError: String?

    func record(latency: Duration, coder: String, segment: UUID, codes: [String]) {
        lock.withLock {
            latencies.append(latency)
            made.append((coder, segment, codes))
        }
    }

    func fail(_ error: Error) {
        lock.withLock {
            failures += 1
            if firstError == nil { firstError = "\(error)" }
        }
    }

    func summary() -> (count: Int, failures: Int, p50: Duration, p95: Duration, firstError: String?) {
        lock.withLock {
            let sorted = latencies.sorted()
            guard !sorted.isEmpty else { return (0, failures, .zero, .zero, firstError) }
            return (sorted.count, failures, sorted[sorted.count / 2], sorted[sorted.count * 95 / 100], firstError)
        }
    }

    /// Codings a browser was told were made that the project does not hold: a (segment, coder, code)
    /// missing from the transcripts' pages.
    func lost(in store: ProjectStore, transcripts: [Transcript.ID]) throws -> Int {
        let expected = lock.withLock { made }
        var held: Set<String> = []
        for id in transcripts {
            let page = try store.transcriptPage(id)
            let paths = Dictionary(uniqueKeysWithValues: page.codes.map { ($0.id, $0.path) })
            for coding in page.codings { held.insert("\(coding.segment)|\(coding.coder)|\(paths[coding.code] ?? "")") }
        }
        return expected.reduce(0) { lost, entry in
            lost + entry.codes.filter { !held.contains("\(entry.segment)|\(entry.coder)|\($0)") }.count
        }
    }
}

final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
