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
                ("bytes=500-100", .rangeNotSatisfiable, nil, "bytes */10000"),
                ("items=0-5", .rangeNotSatisfiable, nil, "bytes */10000"),
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

    @Test func aLargeRecordingComesInChunks() async throws {
        let (fixture, data) = try fixtureWithRecording(bytes: 5 << 20)
        try await fixture.test { browser in
            var browser = browser
            try await browser.logIn()
            let response = try await browser.client.execute(uri: "/api/transcripts/\(fixture.transcript)/media", method: .get,
                                                            headers: [.cookie: browser.cookie!, .range: "bytes=1000-"])
            #expect(response.status == .partialContent)
            #expect(response.headers[.contentRange] == "bytes 1000-\(1000 + (4 << 20) - 1)/\(5 << 20)")
            #expect(Data(buffer: response.body) == data.subdata(in: 1000..<(1000 + (4 << 20))))
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
            #expect((try browser.json(moved)["error"] as? String)?.contains("no longer") == true)
        }
    }
}
