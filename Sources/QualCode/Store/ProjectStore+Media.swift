import Foundation
import GRDB

/// A recording attached to a transcript: where the file is and what it holds. The file stays where it
/// is (a recording is large and often on an encrypted disk of its own); the project keeps its path.
public struct MediaInfo: Hashable, Sendable, Codable {
    public var transcript: Transcript.ID
    /// The absolute path of the recording.
    public var path: String
    /// Its media type (`audio/mpeg`, `video/mp4`, …), from its extension.
    public var contentType: String
    public var byteCount: Int64
    public var attachedAt: Date
    public var attachedBy: String

    public var isVideo: Bool { contentType.hasPrefix("video/") }
}

extension ProjectStore {
    /// The recording formats a browser plays, by extension.
    public static let mediaTypes: [String: String] = [
        "mp3": "audio/mpeg", "m4a": "audio/mp4", "aac": "audio/aac", "wav": "audio/wav", "ogg": "audio/ogg", "oga": "audio/ogg",
        "opus": "audio/ogg", "flac": "audio/flac", "weba": "audio/webm", "webm": "video/webm", "mp4": "video/mp4", "m4v": "video/mp4",
    ]

    /// Attaches the recording at `file` to a transcript (replacing one attached before), so a page can
    /// play it from a turn's time.
    ///
    /// - Throws: ``StoreError/missing(_:_:)`` for an unknown transcript, ``StoreError/invalidInput(_:value:expected:)``
    ///   for a file that is not there, not a regular file, or not a recording a browser plays.
    @discardableResult
    public func attachMedia(to transcript: Transcript.ID, file: URL) throws -> MediaInfo {
        let checked = try Self.checkedMedia(file)
        return try pool.write { db in try attachMedia(db, to: transcript, checked) }
    }

    /// A recording's path, type and size, checked before any transaction.
    static func checkedMedia(_ file: URL) throws -> (url: URL, type: String, size: Int64) {
        let url = file.standardizedFileURL.resolvingSymlinksInPath()
        let expected = "an audio or video file (" + Self.mediaTypes.keys.sorted().joined(separator: ", ") + ")"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
              let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let type = Self.mediaTypes[url.pathExtension.lowercased()] else {
            throw StoreError.invalidInput(.media, value: file.path, expected: expected)
        }
        return (url, type, (attributes[.size] as? NSNumber)?.int64Value ?? 0)
    }

    /// Attaches a checked recording inside a transaction (``updateTranscript(_:_:)`` does it with its other changes).
    func attachMedia(_ db: Database, to transcript: Transcript.ID, _ checked: (url: URL, type: String, size: Int64)) throws -> MediaInfo {
        guard try Transcript.exists(db, key: transcript) else { throw StoreError.missing(.transcript, transcript) }
        let info = MediaInfo(transcript: transcript, path: checked.url.path, contentType: checked.type, byteCount: checked.size,
                             attachedAt: Date(), attachedBy: coder)
        try db.execute(sql: """
            INSERT INTO transcriptMedia (transcriptId, path, contentType, byteCount, attachedAt, attachedBy) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(transcriptId) DO UPDATE SET path = excluded.path, contentType = excluded.contentType,
              byteCount = excluded.byteCount, attachedAt = excluded.attachedAt, attachedBy = excluded.attachedBy
            """, arguments: [transcript, info.path, info.contentType, info.byteCount, info.attachedAt, info.attachedBy])
        // The log names the file, never its content.
        try log(db, "transcript.media", ["id": LogValue(transcript), "file": .string(checked.url.lastPathComponent), "type": .string(checked.type)])
        return info
    }

    /// Detaches a transcript's recording (the file itself is left alone); false when it had none.
    @discardableResult
    public func detachMedia(from transcript: Transcript.ID) throws -> Bool {
        try pool.write { db in try detachMedia(db, from: transcript) }
    }

    func detachMedia(_ db: Database, from transcript: Transcript.ID) throws -> Bool {
        guard try Transcript.exists(db, key: transcript) else { throw StoreError.missing(.transcript, transcript) }
        try db.execute(sql: "DELETE FROM transcriptMedia WHERE transcriptId = ?", arguments: [transcript])
        guard db.changesCount > 0 else { return false }
        try log(db, "transcript.media", ["id": LogValue(transcript), "file": .null, "type": .null])
        return true
    }

    /// The recording attached to a transcript, if any.
    public func media(of transcript: Transcript.ID) throws -> MediaInfo? {
        try pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT path, contentType, byteCount, attachedAt, attachedBy FROM transcriptMedia WHERE transcriptId = ?
                """, arguments: [transcript]).map {
                MediaInfo(transcript: transcript, path: $0[0], contentType: $0[1], byteCount: $0[2], attachedAt: $0[3], attachedBy: $0[4])
            }
        }
    }
}
