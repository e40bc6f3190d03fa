import Foundation

/// What a reader makes of one file, before it becomes a ``Transcript``: normalised text and, for
/// subtitle formats, the speaker turns the file itself marks.
public struct ImportedSource: Sendable {
    public var fileName: String
    public var format: SourceFormat
    public var sha256: String
    public var text: String
    /// Counted while reading, on the reader's thread, so the writer does not have to.
    public var wordCount: Int
    public var lineEnding: LineEnding
    /// Turns the format marks itself (WebVTT voices, SRT speaker prefixes); nil for formats whose
    /// turns are recognised from speaker labels in the text.
    public var turns: [ImportedTurn]?
}

/// A speaker turn as read from a file: the raw speaker label and where the turn's words are.
public struct ImportedTurn: Sendable, Hashable {
    public var speaker: String
    public var start: Int
    public var end: Int
    public var startTime: Int?
    public var endTime: Int?
}

/// The file formats QualCode reads transcripts from.
public enum SourceFormat: String, Sendable, Codable, CaseIterable {
    case txt, md, docx, vtt, srt

    public init(fileName: String) throws(ImportError) {
        let ext = (fileName as NSString).pathExtension.lowercased()
        guard let format = SourceFormat(rawValue: ext) else { throw .unsupportedFormat(file: fileName, ext: ext) }
        self = format
    }
}

/// Reads any supported file into an ``ImportedSource``. Pure: bytes in, value out, no store.
public enum TranscriptReader {
    /// Files above this size are refused rather than read into memory. Word packages may be this
    /// large (they carry images); their text is held to ``maxTextSize``.
    public static let maxFileSize = 200 << 20
    /// The most text one transcript may hold, in UTF-8 bytes: some five million words, a hundred
    /// times a long interview. Text files (.txt, .md, .vtt, .srt) larger than this are refused
    /// before they are read, and so is a Word document whose text is.
    public static let maxTextSize = 32 << 20

    public static func read(url: URL, encoding: String.Encoding? = nil) throws(ImportError) -> ImportedSource {
        let file = url.lastPathComponent
        let format = try SourceFormat(fileName: file)
        // Text is judged by its first megabytes (binary data, another encoding) before the rest is
        // read, and hashed only once it has been decoded.
        let data = format == .docx ? try ImportFile.read(url, limit: maxFileSize) : try ImportFile.readText(url, encoding: encoding)
        let raw: String
        switch format {
        case .docx:
            raw = try DocxReader.read(url: url, file: file)
            guard raw.utf8.count <= maxTextSize else { throw .textTooLarge(file: file, bytes: raw.utf8.count, limit: maxTextSize) }
        case .txt, .md:
            raw = try TextDecoding.decode(data, file: file, encoding: encoding)
        case .vtt, .srt:
            let decoded = try TextDecoding.decode(data, file: file, encoding: encoding)
            let normalized = TextDecoding.normalize(decoded)
            let built = SubtitleReader.transcript(from: try SubtitleReader.cues(normalized.text, format: format, file: file))
            guard !built.text.isEmpty else { throw .noText(file: file) }
            return ImportedSource(fileName: file, format: format, sha256: SHA256Digest.hex(data), text: built.text,
                                  wordCount: built.text.wordCount, lineEnding: normalized.lineEnding, turns: built.turns)
        }
        let (text, lineEnding) = TextDecoding.normalize(raw)
        // Stops at the first visible character instead of trimming a copy of the whole text.
        guard text.unicodeScalars.contains(where: { !CharacterSet.whitespacesAndNewlines.contains($0) }) else {
            throw .noText(file: file)
        }
        return ImportedSource(fileName: file, format: format, sha256: SHA256Digest.hex(data), text: text, wordCount: text.wordCount,
                              lineEnding: lineEnding, turns: nil)
    }
}
