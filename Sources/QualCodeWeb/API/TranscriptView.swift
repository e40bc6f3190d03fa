import Foundation
import QualCode

/// One transcript laid out for the browser: each numbered line cut into pieces at every coding's start
/// and end, so the page draws highlights without counting characters. A piece's `start` is a Unicode-
/// scalar offset (the store's unit); the page converts an offset inside a piece's text, which it counts
/// in UTF-16 units, in one function of its own (`scalarOffset` in app.js).
public struct TranscriptView: Sendable, Codable, Hashable {
    public struct Piece: Sendable, Codable, Hashable {
        public var text: String
        public var start: Int
        /// Indexes into ``TranscriptView/codings``, in the order the codings start.
        public var codings: [Int]
    }

    public struct Line: Sendable, Codable, Hashable {
        public var number: Int
        public var start: Int
        public var end: Int
        /// The speaker whose turn begins on this line, when one does.
        public var speaker: String?
        public var participant: ParticipantReference?
        /// Milliseconds into the recording where that turn begins.
        public var time: Int?
        public var pieces: [Piece]
        /// Indexes of the codings that begin on this line (the margin lists them).
        public var margin: [Int]
    }

    public struct Coding: Sendable, Codable, Hashable {
        public var id: UUID
        public var segment: UUID
        public var code: UUID
        public var coder: String
        public var start: Int
        public var end: Int
        public var firstLine: Int
        public var lastLine: Int
        /// The memos on the coding's segment.
        public var memos: [String]
    }

    public struct CodeLabel: Sendable, Codable, Hashable {
        public var id: UUID
        public var path: String
        public var label: String
        /// The code's own colour, or one given from a palette by its id, so the page and the margin agree.
        public var color: String
    }

    /// The attached recording, played at `/api/transcripts/{id}/media`: its type, for the page's player.
    public struct Recording: Sendable, Codable, Hashable {
        public var contentType: String
        public var isVideo: Bool
    }

    public var transcript: TranscriptSummary
    public var recording: Recording?
    public var lines: [Line]
    public var codings: [Coding]
    public var codes: [CodeLabel]

    /// Lays out `page`.
    public init(_ page: TranscriptPage, media: MediaInfo? = nil) {
        recording = media.map { Recording(contentType: $0.contentType, isVideo: $0.isVideo) }
        var memos: [UUID: [String]] = [:]
        for memo in page.memos { memos[memo.segment, default: []].append(memo.text) }
        transcript = page.transcript
        codes = page.codes.map { CodeLabel(id: $0.id, path: $0.path, label: $0.label, color: $0.color ?? CodePalette.color(for: $0.id)) }
        let live = page.codings.filter { !$0.isOrphaned && $0.end > $0.start }
        let codings = live.map {
            Coding(id: $0.id, segment: $0.segment, code: $0.code, coder: $0.coder, start: $0.start, end: $0.end,
                   firstLine: $0.firstLine, lastLine: $0.lastLine, memos: memos[$0.segment] ?? [])
        }
        self.codings = codings
        let scalars = Array(page.text.unicodeScalars)
        var turnAt: [Int: TranscriptPage.Turn] = [:]
        for turn in page.turns where turnAt[turn.line] == nil { turnAt[turn.line] = turn }
        // The margin lists a coding on its first line, as listings number it.
        var margins: [Int: [Int]] = [:]
        for (index, coding) in codings.enumerated() { margins[coding.firstLine, default: []].append(index) }
        // Codings are in text order; a sweep keeps the ones open at each line.
        var next = 0
        var open: [Int] = []
        var lines: [Line] = []
        lines.reserveCapacity(page.lines.count)
        for line in page.lines {
            open.removeAll { codings[$0].end <= line.start }
            while next < codings.count, codings[next].start < line.end {
                if codings[next].end > line.start { open.append(next) }
                next += 1
            }
            var cuts: Set<Int> = [line.start, line.end]
            for index in open {
                let coding = codings[index]
                if coding.start > line.start && coding.start < line.end { cuts.insert(coding.start) }
                if coding.end > line.start && coding.end < line.end { cuts.insert(coding.end) }
            }
            let bounds = cuts.sorted()
            var pieces: [Piece] = []
            for (from, to) in zip(bounds, bounds.dropFirst()) where to > from {
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[from..<min(to, scalars.count)])
                let covering = open.filter { codings[$0].start < to && codings[$0].end > from }
                pieces.append(Piece(text: String(text), start: from, codings: covering))
            }
            let turn = turnAt[line.number]
            lines.append(Line(number: line.number, start: line.start, end: line.end, speaker: turn?.speaker,
                              participant: turn?.participant, time: turn?.startTime, pieces: pieces, margin: margins[line.number] ?? []))
        }
        self.lines = lines
    }
}
