import Foundation
import Hummingbird
import QualCode

/// Tells every open page when the project changed, as server-sent events fed by the event log. The log
/// is read, not the server's own requests, so a change made from the command line while the server runs
/// reaches the pages too. One poller serves every page: it looks at the log's newest id twice a second
/// while anyone listens (at once after a write through this server).
public actor ChangeFeed {
    /// What a page hears: the log row's id, what was done and by whom.
    public struct Change: Sendable, Codable, Hashable {
        public var id: Int64
        public var action: String
        public var actor: String
    }

    private let store: ProjectStore
    private var listeners: [UUID: AsyncStream<[Change]>.Continuation] = [:]
    private var poller: Task<Void, Never>?
    private var lastSeen: Int64?
    private var wake: AsyncStream<Void>.Continuation?
    let interval: Duration

    public init(store: ProjectStore, interval: Duration = .milliseconds(500)) {
        self.store = store
        self.interval = interval
    }

    /// Looks at the log now instead of at the next tick (after a write through the server).
    public func poke() {
        wake?.yield()
    }

    /// A stream of the changes from now on, ended when `stop` is called.
    func listen() async -> (UUID, AsyncStream<[Change]>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: [Change].self, bufferingPolicy: .bufferingNewest(64))
        if lastSeen == nil { lastSeen = (try? await store.perform { try $0.events(last: 1).last?.id ?? 0 }) ?? 0 }
        listeners[id] = continuation
        startPolling()
        return (id, stream)
    }

    /// How many streams are open.
    var listenerCount: Int { listeners.count }

    func stop(_ id: UUID) {
        listeners.removeValue(forKey: id)?.finish()
        if listeners.isEmpty {
            // The next listener hears changes from when it comes, not what happened while nobody listened.
            lastSeen = nil
            poller?.cancel()
            poller = nil
            wake?.finish()
            wake = nil
        }
    }

    private func startPolling() {
        guard poller == nil else { return }
        let (ticks, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wake = continuation
        let interval = interval
        poller = Task { [weak self] in
            let timer = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    continuation.yield()
                }
            }
            defer { timer.cancel() }
            for await _ in ticks {
                guard let self, !Task.isCancelled else { return }
                await self.check()
            }
        }
    }

    private func check() async {
        let since = lastSeen ?? 0
        guard let changes = try? await store.perform({ try $0.events(after: since, limit: 200) }), !changes.isEmpty else { return }
        lastSeen = changes.last?.id ?? since
        let batch = changes.map { Change(id: $0.id ?? 0, action: $0.action, actor: $0.actor) }
        for listener in listeners.values { listener.yield(batch) }
    }

    /// The `text/event-stream` response a page's EventSource reads: one `change` event per batch of log
    /// rows, and a comment every 20 seconds so proxies keep the connection open. `isOpen` is asked every
    /// few seconds: the stream ends when its session does (logout, account removed, new password).
    nonisolated func stream(request: Request, context: WebContext, isOpen: @escaping @Sendable () async -> Bool) async throws -> Response {
        _ = try context.requireSession()
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
            body: .init { writer in
                // Listening starts with the body, so a HEAD request (whose body is never written) leaves no listener.
                let (id, changes) = await self.listen()
                let (ended, end) = AsyncStream.makeStream(of: [Change]?.self)
                let forward = Task {
                    for await batch in changes { end.yield(batch) }
                    end.finish()
                }
                let heartbeat = Task {
                    var ticks = 0
                    while !Task.isCancelled {
                        try? await Task.sleep(for: Self.sessionCheck)
                        guard await isOpen() else { end.yield(nil); return }
                        ticks += 1
                        if ticks % 4 == 0 { end.yield([]) }
                    }
                }
                defer {
                    forward.cancel()
                    heartbeat.cancel()
                }
                do {
                    try await self.send(changes: ended, request: request, to: &writer, end: end)
                } catch {
                    await self.stop(id)
                    throw error
                }
                await self.stop(id)
                try await writer.finish(nil)
            }
        )
    }

    /// How often an open stream asks whether its session still holds (a heartbeat every fourth time).
    static let sessionCheck: Duration = .seconds(5)

    private nonisolated func send(changes ended: AsyncStream<[Change]?>, request: Request, to writer: inout any ResponseBodyWriter,
                                  end: AsyncStream<[Change]?>.Continuation) async throws {
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                try await request.body.consumeWithInboundCloseHandler { _ in
                    for await batch in ended {
                        guard let batch else { break }
                        let text: String
                        if batch.isEmpty {
                            text = ": still here\n\n"
                        } else {
                            let data = try JSON.encoder.encode(batch)
                            text = "id: \(batch.last!.id)\nevent: change\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
                        }
                        try await writer.write(ByteBuffer(string: text))
                    }
                } onInboundClosed: {
                    end.yield(nil)
                }
    }
}
