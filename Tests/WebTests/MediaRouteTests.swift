import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QualCode
import QualCodeWeb
import Testing

/// A transcript's recording over HTTP: ranges as a player asks for them, refusals as 4xx.
@Suite struct MediaRouteTests {
    func fixtureWithRecording(bytes: Int) throws -> (WebFixture, Data) {
        let fixture = try WebFixture()
        let data = Data((0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let file = fixture.folder.appendingPathComponent("opptak.wav")
        try data.write(to: file)
        try fixture.store.attachMedia(to: fixture.transcript, file: file)
        return (fixture, data)
    }

    @Test func rangesAreServedAsAsked() async throws {
        let (fixture, data) = try fixtureWithRecording(bytes: 10_000)
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let uri = "/api/transcripts/\(fixture.transcript)/media"
            let cases: [(String?, HTTPResponse.Status, Range<Int>?, String?)] = [
                (nil, .ok, 0..<10_000, nil),
                ("bytes=0-", .partialContent, 0..<10_000, "bytes 0-9999/10000"),
                ("bytes=100-199", .partialContent, 100..<200, "bytes 100-199/10000"),
                ("bytes=9990-20000", .partialContent, 9990..<10_000, "bytes 9990-9999/10000"),
                ("bytes=-500", .partialContent, 9500..<10_000, "bytes 9500-9999/10000"),
                ("bytes=10000-", .rangeNotSatisfiable, nil, "bytes */10000"),
                ("bytes=-0", .rangeNotSatisfiable, nil, "bytes */10000"),
                // What the server does not take is ignored (RFC 9110 §14.2): the whole file, 200.
                ("bytes=500-100", .ok, 0..<10_000, nil),
                ("items=0-5", .ok, 0..<10_000, nil),
                ("bytes=0-1,5-6", .ok, 0..<10_000, nil),
                ("bytes= 1 - 2", .ok, 0..<10_000, nil),
                ("bytes=+1-2", .ok, 0..<10_000, nil),
                ("bytes=-", .ok, 0..<10_000, nil),
                ("bytes=99999999999999999999-", .ok, 0..<10_000, nil),
            ]
            for (range, status, slice, contentRange) in cases {
                var headers: HTTPFields = [.cookie: browser.cookie!]
                if let range { headers[.range] = range }
                let response = try await browser.client.execute(uri: uri, method: .get, headers: headers)
                #expect(response.status == status, "\(range ?? "none")")
                #expect(response.headers[.contentRange] == contentRange, "\(range ?? "none")")
                if let slice {
                    #expect(Data(buffer: response.body) == data.subdata(in: slice), "\(range ?? "none")")
                    #expect(response.headers[.contentType] == "audio/wav")
                }
            }
        }
    }

    @Test func aLargeRecordingComesWholeOrFromWhereAsked() async throws {
        let size = 9 << 20
        let (fixture, data) = try fixtureWithRecording(bytes: size)
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let uri = "/api/transcripts/\(fixture.transcript)/media"
            let whole = try await browser.client.execute(uri: uri, method: .get, headers: [.cookie: browser.cookie!])
            #expect(whole.status == .ok)
            #expect(whole.headers[.contentRange] == nil)
            #expect(Data(buffer: whole.body) == data)
            let rest = try await browser.client.execute(uri: uri, method: .get, headers: [.cookie: browser.cookie!, .range: "bytes=1000-"])
            #expect(rest.status == .partialContent)
            #expect(rest.headers[.contentRange] == "bytes 1000-\(size - 1)/\(size)")
            #expect(Data(buffer: rest.body) == data.subdata(in: 1000..<size))
            // A player probing with HEAD learns the size and that ranges are taken, without the body.
            let probe = try await browser.client.execute(uri: uri, method: .head, headers: [.cookie: browser.cookie!])
            #expect(probe.status == .ok)
            #expect(probe.headers[.acceptRanges] == "bytes")
            #expect(probe.headers[.contentLength] == String(size))
            #expect(probe.body.readableBytes == 0)
        }
    }

    @Test func noRecordingNoSessionOrAMovedFileAreClearErrors() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            let anonymous = try await browser.get("/api/transcripts/\(fixture.transcript)/media")
            #expect(anonymous.status == .unauthorized)
            var browser = browser
            try await browser.logIn()
            let none = try await browser.get("/api/transcripts/\(fixture.transcript)/media")
            #expect(none.status == .notFound)
            let file = fixture.folder.appendingPathComponent("flyttet.mp3")
            try Data([1, 2, 3]).write(to: file)
            try fixture.store.attachMedia(to: fixture.transcript, file: file)
            try FileManager.default.removeItem(at: file)
            let moved = try await browser.get("/api/transcripts/\(fixture.transcript)/media")
            #expect(moved.status == .notFound)
            let message = try #require(try browser.json(moved)["error"] as? String)
            #expect(message.contains("no longer"))
            // The server's folders are not told to whoever reads the page.
            #expect(!message.contains(fixture.folder.path) && !message.contains("flyttet.mp3"), "\(message)")
        }
    }
}
