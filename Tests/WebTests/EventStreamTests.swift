import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QualCode
@testable import QualCodeWeb
import Testing

/// The stream of changes the pages listen to: from when a page comes, for as long as its session holds.
@Suite struct EventStreamTests {
    @Test func aNewListenerHearsOnlyWhatHappensAfterItCame() async throws {
        let fixture = try WebFixture()
        let feed = ChangeFeed(store: fixture.store, interval: .milliseconds(20))
        let (first, _) = await feed.listen()
        await feed.stop(first)
        // Written while nobody listened: not for the next listener.
        try fixture.code("tillit er alt", ["Tillit"])
        let quiet = try #require(try fixture.store.events(last: 1).last?.id)
        let (id, stream) = await feed.listen()
        try fixture.code("mer rapportering", ["Rapportering"])
        await feed.poke()
        var changes = stream.makeAsyncIterator()
        let batch = try #require(await changes.next())
        #expect(!batch.isEmpty)
        #expect(batch.allSatisfy { $0.id > quiet }, "\(batch.map(\.id)) after \(quiet)")
        #expect(batch.contains { $0.action == "coding.add" })
        await feed.stop(id)
    }

    // The limit only guards against a stream that never ends; a loaded CI machine took over a minute once.
    @Test(.timeLimit(.minutes(3))) func theStreamEndsWhenItsSessionDoes() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let listening = browser
            let streaming = Task { try await listening.get("/api/events") }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await browser.postForm("/logout", [:]).status == .seeOther)
            // The stream notices at its next look at the session and closes; the page's EventSource
            // then finds itself logged out.
            let response = try await streaming.value
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).hasPrefix("retry: 2000"))
            #expect(await fixture.app.changes.listenerCount == 0)
        }
    }

    @Test func aHeadRequestOpensNoStream() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let probe = try await browser.client.execute(uri: "/api/events", method: .head, headers: [.cookie: browser.cookie!])
            #expect(probe.status == .ok)
            #expect(probe.headers[.contentType]?.hasPrefix("text/event-stream") == true)
            #expect(await fixture.app.changes.listenerCount == 0)
            let page = try await browser.client.execute(uri: "/", method: .head, headers: [.cookie: browser.cookie!])
            #expect(page.status == .ok && page.body.readableBytes == 0)
        }
    }
}
