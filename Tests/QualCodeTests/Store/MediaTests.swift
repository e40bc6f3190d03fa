import Foundation
@testable import QualCode
import Testing

/// A recording attached to a transcript: checked, replaced, detached, gone with its transcript.
@Suite struct MediaTests {
    @Test func aRecordingIsAttachedReplacedAndDetached() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let id = try store.resolve.transcript("eva")
        let first = try folder.write("opptak.m4a", bytes: [0, 0, 0, 24, 102, 116, 121, 112])
        let attached = try store.attachMedia(to: id, file: first)
        #expect(attached.contentType == "audio/mp4" && attached.byteCount == 8 && attached.attachedBy == "tester")
        #expect(try store.media(of: id)?.path == first.resolvingSymlinksInPath().path)
        let second = try folder.write("opptak.webm", bytes: [1, 2, 3])
        _ = try store.updateTranscript(id, TranscriptUpdate(media: .some(second)))
        #expect(try store.media(of: id)?.contentType == "video/webm")
        #expect(try store.detachMedia(from: id))
        #expect(try store.media(of: id) == nil)
        #expect(try !store.detachMedia(from: id))
    }

    @Test func whatIsNotARecordingIsRefusedAndChangesNothing() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let id = try store.resolve.transcript("eva")
        let text = try folder.write("notat.txt", "ikke lyd")
        let events = try store.eventCount()
        for file in [text, folder.file("mangler.mp3"), folder.url] {
            #expect(throws: StoreError.self) { try store.attachMedia(to: id, file: file) }
        }
        // Together with a valid change in one update: the whole update is refused.
        #expect(throws: StoreError.self) { try store.updateTranscript(id, TranscriptUpdate(title: "Ny tittel", media: .some(text))) }
        #expect(try store.transcript(id).title != "Ny tittel")
        #expect(try store.eventCount() == events)
        #expect(try store.media(of: id) == nil)
    }

    @Test func theRecordingGoesWithItsTranscript() throws {
        let folder = try TemporaryFolder()
        let store = try interviewStore(folder)
        let id = try store.resolve.transcript("eva")
        try store.attachMedia(to: id, file: try folder.write("opptak.mp3", bytes: [73, 68, 51]))
        _ = try store.deleteTranscript(id, force: true)
        #expect(try store.media(of: id) == nil)
    }
}
