import Foundation

/// One piece of a quote as it is displayed: a stretch of the speaker's words, or one of the
/// researcher's edits (an omission, an insertion or replacement, a gloss, a removed filler word).
///
/// `start..<end` are Unicode scalars of the segment's verbatim text that the piece covers; a pure
/// insertion or gloss covers nothing (`start == end`). `text` is the researcher's own words for
/// insertions and glosses, empty otherwise.
public struct QuotePiece: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// `letterCase` changes the case of one letter («jeg» → «Jeg» once the filler before it is gone).
        case verbatim, omission, insertion, gloss, filler, letterCase
    }
    public var kind: Kind
    public var start: Int
    public var end: Int
    public var text: String
    /// Whether a space goes before this piece when the quote is displayed.
    public var spaceBefore: Bool

    public init(_ kind: Kind, _ start: Int, _ end: Int, text: String = "", spaceBefore: Bool) {
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.spaceBefore = spaceBefore
    }
}

/// A quote's displayed form as a list of pieces over its verbatim text: the edits are stored with the
/// quote and never change the transcript (so the verbatim text and every edit stay traceable).
public struct QuoteForm: Hashable, Sendable, Codable {
    public var pieces: [QuotePiece]
    /// The segment text the edits were made on; when the transcript is edited and the segment's text
    /// changes, the form is stale and the quote is shown verbatim until it is edited again.
    public var baseText: String

    /// The quote unedited.
    public static func verbatim(_ text: String) -> QuoteForm {
        let scalars = ScalarText(text)
        return QuoteForm(pieces: [QuotePiece(.verbatim, 0, scalars.count, spaceBefore: false)], baseText: text)
    }

    /// The researcher's edits (everything that is not the speaker's words).
    public var edits: [QuotePiece] { pieces.filter { $0.kind != .verbatim } }

    public func isStale(for text: String) -> Bool { text != baseText }

    /// Whether the first thing shown is a cut (an omission at the start, rendered ``QuoteMarks/cutStart``).
    public var startsWithCut: Bool { pieces.first { $0.kind != .filler }?.kind == .omission }

    /// The quote as displayed in a house style: verbatim stretches with their line breaks and runs of
    /// spaces collapsed, edits marked as the style says, removed fillers left out.
    public func render(_ marks: QuoteMarks) -> String {
        let text = ScalarText(baseText)
        // A cut is a cut where the reader sees it: the first or last thing shown, not merely the start
        // or end of the transcript's text («[Hun] (…) har fått» keeps its inner omission).
        let shownPieces = pieces.indices.filter { pieces[$0].kind != .filler }
        var out = ""
        for (index, piece) in zip(pieces.indices, pieces) {
            let shown: String
            var space = piece.spaceBefore
            switch piece.kind {
            case .verbatim:
                shown = text.collapsedSlice(piece.start, piece.end)
                // A stretch that starts with a space (after a one-letter word whose case changed) keeps it.
                if piece.start < text.count && text.scalars[piece.start].isSpace { space = true }
            case .filler: continue
            case .letterCase: shown = piece.text
            case .omission:
                if index == shownPieces.first { shown = marks.cutStart }
                else if index == shownPieces.last { shown = marks.cutEnd }
                else { shown = marks.omission }
            case .insertion: shown = marks.insertion.open + piece.text + marks.insertion.close
            case .gloss: shown = marks.gloss.open + piece.text + marks.gloss.close
            }
            if shown.isEmpty { continue }
            if space && !out.isEmpty { out += " " }
            out += shown
        }
        return out
    }

    /// The edits in words, for the CSV quote bank and `quote show`: «utelatt: "eh, altså"; satt inn: "[hen]" for "han"».
    public func describeEdits(language: DocumentLanguage = .nb) -> String {
        let edits = self.edits
        guard !edits.isEmpty else { return "" }  // most quotes: no need to index the text
        let text = ScalarText(baseText)
        let labels = Labels.core(language)
        func quoted(_ text: String) -> String { "\"\(text)\"" }
        return edits.map { piece in
            let covered = text.collapsedSlice(piece.start, piece.end)
            switch piece.kind {
            case .omission where covered.isEmpty: return labels[.editCutMarked]
            case .omission: return labels(.editOmitted, quoted(covered))
            case .filler: return labels(.editFiller, quoted(covered))
            case .insertion:
                return covered.isEmpty ? labels(.editInserted, quoted(piece.text)) : labels(.editReplaced, quoted(covered), quoted(piece.text))
            case .gloss: return labels(.editGloss, quoted(piece.text))
            case .letterCase: return labels(.editLetterCase, quoted(covered), quoted(piece.text))
            case .verbatim: return ""
            }
        }.joined(separator: "; ")
    }
}

// MARK: - Filler cleaning

extension QuoteForm {
    /// The quote with filler words (`eh`, `ehm`, …) removed, each removal recorded as an edit. A
    /// comma or ellipsis that only belonged to the filler goes with it («Eh, jeg tror» → «jeg tror»).
    public static func cleaned(_ text: String, fillers: [String]) -> QuoteForm {
        let scalars = ScalarText(text)
        let tokens = QuoteTokens.words(scalars)
        let fillerSet = Set(fillers.map { $0.lowercased() })
        var pieces: [QuotePiece] = []
        var i = 0
        var pendingSpace = false
        while i < tokens.count {
            if fillerSet.contains(tokens[i].text.lowercased()) && tokens[i].isWord {
                var j = i + 1
                while j < tokens.count && QuoteTokens.isFillerPunctuation(tokens[j].text) { j += 1 }
                pieces.append(QuotePiece(.filler, tokens[i].start, tokens[j - 1].end, spaceBefore: false))
                pendingSpace = pendingSpace || tokens[i].spaceBefore
                i = j
                continue
            }
            var j = i + 1
            while j < tokens.count && !(tokens[j].isWord && fillerSet.contains(tokens[j].text.lowercased())) { j += 1 }
            var start = tokens[i].start
            // «bra eh.» → «bra.»: punctuation keeps its own spacing, a word takes the filler's space.
            var space = tokens[i].isWord ? pendingSpace || tokens[i].spaceBefore : tokens[i].spaceBefore
            // A sentence that started with a filler starts with a capital again.
            let sentenceStart = ["", ".", "!", "?", "…"].contains(kept(before: i, tokens, pieces))
            if pieces.last?.kind == .filler, sentenceStart, let first = tokens[i].text.unicodeScalars.first,
               first.properties.isLowercase, tokens[i].isWord, String(first).uppercased().unicodeScalars.count == 1 {
                pieces.append(QuotePiece(.letterCase, start, start + 1, text: String(first).uppercased(), spaceBefore: space))
                start += 1
                space = false
            }
            pieces.append(QuotePiece(.verbatim, start, tokens[j - 1].end, spaceBefore: space))
            pendingSpace = false
            i = j
        }
        // A quote that is nothing but fillers («Mhm.») stays as it was said.
        let keepsWords = pieces.contains { piece in piece.kind == .verbatim && scalars.scalars[piece.start..<piece.end].contains(where: \.isWordScalar) }
        guard keepsWords else { return .verbatim(text) }
        return QuoteForm(pieces: pieces, baseText: text)
    }

    /// The last token kept so far (its text), or "" when none is.
    private static func kept(before i: Int, _ tokens: [QuoteTokens.Token], _ pieces: [QuotePiece]) -> String {
        guard let last = pieces.last(where: { $0.kind == .verbatim }) else { return "" }
        return tokens.last { $0.end == last.end }?.text ?? ""
    }
}

// MARK: - Parsing a displayed form

/// Why a displayed form of a quote was refused: every difference from the transcript must be a
/// marked edit.
public enum QuoteEditError: Error, Sendable, Equatable {
    case unmarkedOmission(String)
    case addedWords(String)
    case emptyMark(String)
    case noSpeakerWords
    case glossReplaces(String)
    /// Too many stretches of common words to place within the work an edit may take.
    case tooManyStretches

    public var description: String {
        switch self {
        case let .unmarkedOmission(text):
            "\"\(text)\" is left out without a mark; write (…) where you cut, or … at the start or end. Nothing was changed."
        case let .addedWords(text):
            "\"\(text)\" is not in the transcript there; put your own words in [ ], a gloss in < >, or check the spelling. Nothing was changed."
        case let .emptyMark(mark):
            "\(mark) marks an omission, but nothing is left out there. Nothing was changed."
        case .noSpeakerWords:
            "the displayed quote has none of the speaker's words. Nothing was changed."
        case let .glossReplaces(text):
            "the gloss <\(text)> would replace the speaker's words; use [ ] to replace, < > only to explain. Nothing was changed."
        case .tooManyStretches:
            "the quote is cut into more stretches than can be placed in so long a passage; cut it fewer times or code a shorter passage. Nothing was changed."
        }
    }
}

extension QuoteEditError: CustomStringConvertible, LocalizedError {
    public var errorDescription: String? { description }
}

extension QuoteForm {
    /// Reads a quote as the researcher wants it displayed and works out the edits against the verbatim
    /// text: `(…)` or `[…]` for an omission, `…` at the start or end for a cut, `[text]` for an
    /// insertion (or a replacement of the words it stands in for), `<text>` for a gloss. Filler words
    /// left out are recorded as such; any other change to the speaker's words is refused.
    ///
    /// - Throws: ``QuoteEditError`` naming the first unmarked change.
    public static func parse(_ display: String, verbatim: String, fillers: [String]) throws -> QuoteForm {
        let text = ScalarText(verbatim)
        let source = QuoteTokens.words(text)
        let shown = QuoteTokens.display(display, keepingLiteral: verbatim)
        let fillerSet = Set(fillers.map { $0.lowercased() })
        let matches = alignment(source, shown)
        let read = { (pairs: [(Int, Int)]) in try form(source, shown, pairs, text: text, verbatim: verbatim, fillers: fillerSet) }
        var first: Error?
        // Over a long segment the whole-quote diff gives up and pairs nothing; then only the stretches can.
        if matches.contains(where: { source[$0.0].isWord }) {
            do { return try read(matches) } catch { first = error }
        }
        // Repeated words can pair up so that a mark covers nothing; matching each stretch between
        // omission marks on its own finds the reading the researcher meant, if there is one.
        let chunked = chunkedAlignment(source, shown) { window, chunk, pairs in
            (try? form(window, chunk, pairs, text: text, verbatim: verbatim, fillers: fillerSet)) != nil
        }
        guard let pairs = chunked.pairs, pairs.contains(where: { source[$0.0].isWord }) else {
            // The whole quote's reading names what is wrong best; without one, the stretch that has no place.
            throw first ?? chunked.unplaced.map { QuoteEditError.addedWords($0.text) }
                ?? (chunked.ranOut ? QuoteEditError.tooManyStretches : QuoteEditError.noSpeakerWords)
        }
        if first != nil && pairs.map(\.0) == matches.map(\.0) { throw first! }
        do { return try read(pairs) } catch { throw first ?? error }
    }

    /// The pieces for one pairing of transcript and displayed tokens, checking every gap between them.
    private static func form(_ source: [QuoteTokens.Token], _ shown: [QuoteTokens.Token], _ matches: [(Int, Int)], text: ScalarText,
                             verbatim: String, fillers fillerSet: Set<String>) throws -> QuoteForm {
        var pieces: [QuotePiece] = []
        var s = 0, d = 0
        for (ms, md) in matches + [(source.count, shown.count)] {
            // source[s..<ms] were left out; shown[d..<md] were added.
            try gap(source[s..<ms], shown[d..<md], at: s < source.count ? source[s].start : text.count,
                    atEdge: s == 0 || ms == source.count, text: text, fillers: fillerSet, into: &pieces)
            if ms < source.count {
                let space = shown[md].spaceBefore
                if source[ms].text != shown[md].text {
                    // Matched with another letter case: record the change of the first letter.
                    let first = String(shown[md].text.unicodeScalars.first!)
                    pieces.append(QuotePiece(.letterCase, source[ms].start, source[ms].start + 1, text: first, spaceBefore: space))
                    pieces.append(QuotePiece(.verbatim, source[ms].start + 1, source[ms].end, spaceBefore: false))
                } else if let last = pieces.last, last.kind == .verbatim, s == ms, d == md, last.end <= source[ms].start {
                    // Extend the current stretch of the speaker's words.
                    pieces[pieces.count - 1].end = source[ms].end
                } else {
                    pieces.append(QuotePiece(.verbatim, source[ms].start, source[ms].end, spaceBefore: space))
                }
            }
            s = ms + 1
            d = md + 1
        }
        return QuoteForm(pieces: pieces, baseText: verbatim)
    }

    /// Pairs of (transcript, displayed) token indices that are the same words, in order. Words are
    /// matched first and punctuation only between matched words, nearest the word before it: a full
    /// stop typed after «bak» is the one after «bak» in the transcript, not the quote's last one.
    static func alignment(_ source: [QuoteTokens.Token], _ shown: [QuoteTokens.Token]) -> [(Int, Int)] {
        let sourceWords = source.indices.filter { source[$0].isWord }
        let shownWords = shown.indices.filter { shown[$0].mark == nil && shown[$0].isWord }
        // Words match even when their first letter changed case (APA allows it; it is still recorded).
        let anchors = TextDiff.matchedLines(sourceWords.map { source[$0].caseFolded }, shownWords.map { shown[$0].caseFolded })
            .map { (sourceWords[$0.0], shownWords[$0.1]) }
        var pairs: [(Int, Int)] = []
        var s = 0, d = 0
        for (ms, md) in anchors + [(source.count, shown.count)] {
            // Marks never match the transcript; words here were not matched above.
            let local = TextDiff.matchedLines(source[s..<ms].map { $0.isWord ? "\u{1}" + $0.text : $0.text },
                                              shown[d..<md].map { $0.mark != nil || $0.isWord ? "\u{0}" : $0.text })
            pairs += local.map { ($0.0 + s, $0.1 + d) }
            if ms < source.count { pairs.append((ms, md)) }
            s = ms + 1
            d = md + 1
        }
        return pairs
    }

    /// What reading the display stretch by stretch found: the pairs, or the first word of a stretch
    /// found nowhere after the stretch before it (nil pairs and no word: the work ran out).
    struct ChunkedAlignment {
        var pairs: [(Int, Int)]?
        var unplaced: QuoteTokens.Token?
        var ranOut = false
    }

    /// The alignment made stretch by stretch: the display is cut at its omission marks, and each stretch
    /// is placed after the previous one (at least one token later when a mark stands between them): at
    /// the first place where it reads as marked edits of the transcript (`reads`), else where most of
    /// its words match, most closely.
    static func chunkedAlignment(_ source: [QuoteTokens.Token], _ shown: [QuoteTokens.Token],
                                 reads: (_ window: [QuoteTokens.Token], _ stretch: [QuoteTokens.Token], _ pairs: [(Int, Int)]) -> Bool)
        -> ChunkedAlignment {
        func isCut(_ t: QuoteTokens.Token) -> Bool { t.mark == .omission || (t.mark == nil && t.text == "…") }
        var pairs: [(Int, Int)] = []
        var next = 0
        var afterCut = false
        var chunkStart = 0
        // A long quote cut into many stretches of common words tries many places for each; past this
        // much work (cells of the diffs) the first reading's error stands, so the write lock is not
        // held for minutes.
        var budget = 5_000_000
        for d in shown.indices + [shown.count] {
            guard d == shown.count || isCut(shown[d]) else { continue }
            let chunk = Array(shown[chunkStart..<d])
            if let firstWord = chunk.first(where: { $0.mark == nil && $0.isWord }) {
                let from = next + (afterCut ? 1 : 0)
                var best: (words: Int, span: Int, pairs: [(Int, Int)])?
                for q in from..<max(from, source.count) where source[q].isWord && source[q].caseFolded == firstWord.caseFolded {
                    // A stretch has no cut inside it: its words lie within about twice its length of its
                    // first word (fillers and a bracketed replacement of a few words between them).
                    let window = Array(source[q..<min(source.count, q + 2 * chunk.count + 16)])
                    budget -= (window.count + chunk.count) * min(window.count + chunk.count, TextDiff.maxEdits)
                    if budget < 0 { return ChunkedAlignment(ranOut: true) }
                    let local = alignment(window, chunk)
                    let placed = local.map { ($0.0 + q, $0.1 + chunkStart) }
                    // The first place that reads as the researcher's edits is the one meant (the window
                    // up to the stretch's last word: what follows belongs to the cut after it).
                    if let last = local.last?.0, reads(Array(window[...last]), chunk, local) { best = (Int.max, 0, placed); break }
                    let words = local.filter { chunk[$0.1].isWord }.count
                    let span = (local.last?.0 ?? 0)
                    if best == nil || words > best!.words || (words == best!.words && span < best!.span) { best = (words, span, placed) }
                    if !afterCut { break }  // without a cut, the stretch continues where the last one ended
                }
                guard let found = best else { return ChunkedAlignment(unplaced: firstWord) }
                pairs += found.pairs
                next = (found.pairs.last?.0 ?? next) + 1
            }
            afterCut = d < shown.count
            chunkStart = d + 1
        }
        return ChunkedAlignment(pairs: pairs)
    }

    /// Turns one gap between matched words into edits: what was left out must be covered by a mark
    /// (or be filler words), and what was added must be marks.
    private static func gap(_ removed: ArraySlice<QuoteTokens.Token>, _ added: ArraySlice<QuoteTokens.Token>, at position: Int,
                            atEdge: Bool, text: ScalarText, fillers: Set<String>, into pieces: inout [QuotePiece]) throws {
        if let word = added.first(where: { $0.mark == nil }) {
            // «…» typed where the transcript has none is a cut, like (…).
            let words = added.filter { $0.mark == nil }
            if words.allSatisfy({ $0.text == "…" }) {
                let marks = added.map { token in
                    var mark = token
                    if mark.mark == nil { mark.mark = .omission }
                    return mark
                }
                return try gap(removed, marks[...], at: position, atEdge: atEdge, text: text, fillers: fillers, into: &pieces)
            }
            throw QuoteEditError.addedWords(word.text)
        }
        let start = removed.first?.start ?? position
        let end = removed.last?.end ?? position
        var consumer = added.firstIndex { $0.mark == .omission } ?? added.firstIndex { $0.mark == .insertion }
        // A cut at the very start or end may cover nothing: the segment itself starts or ends mid-sentence.
        if removed.isEmpty, !atEdge, let i = consumer, added[i].mark == .omission {
            throw QuoteEditError.emptyMark(added[i].text)
        }
        if removed.isEmpty { consumer = nil }
        if !removed.isEmpty && consumer == nil {
            // Only filler words (and the commas that go with them) may be left out unmarked.
            let leftOut = removed.filter { !QuoteTokens.isFillerPunctuation($0.text) }
            guard !leftOut.isEmpty, leftOut.allSatisfy({ $0.isWord && fillers.contains($0.text.lowercased()) }) else {
                if let gloss = added.first(where: { $0.mark == .gloss }) { throw QuoteEditError.glossReplaces(gloss.text) }
                throw QuoteEditError.unmarkedOmission(text.collapsedSlice(start, end))
            }
            pieces.append(QuotePiece(.filler, start, end, spaceBefore: false))
        }
        for (index, token) in zip(added.indices, added) {
            let kind: QuotePiece.Kind = token.mark == .omission ? .omission : token.mark == .gloss ? .gloss : .insertion
            // The mark that stands for the removed words covers them; marks before it sit at their start,
            // marks after it at their end, so the pieces never run backwards.
            let from = index == consumer || consumer.map({ index < $0 }) == true ? start : end
            let to = index == consumer ? end : from
            pieces.append(QuotePiece(kind, from, to, text: kind == .omission ? "" : token.text, spaceBefore: token.spaceBefore))
        }
    }
}

/// Words and marks of a quote, for matching the displayed form against the verbatim text.
enum QuoteTokens {
    enum Mark { case omission, insertion, gloss }

    struct Token {
        let text: String
        var start: Int
        var end: Int
        var spaceBefore: Bool
        var mark: Mark?
        /// Worked out once: an alignment compares every token again and again.
        let isWord: Bool
        /// The word with its first letter lowercased, for matching.
        let caseFolded: String

        init(text: String, start: Int, end: Int, spaceBefore: Bool, mark: Mark? = nil) {
            self.text = text
            self.start = start
            self.end = end
            self.spaceBefore = spaceBefore
            self.mark = mark
            isWord = text.unicodeScalars.first?.isWordScalar ?? false
            caseFolded = text.prefix(1).lowercased() + text.dropFirst()
        }
    }

    /// Runs of letters and digits, and every other non-space scalar on its own.
    static func words(_ text: ScalarText) -> [Token] {
        words(text.scalars, 0..<text.count)
    }

    static func words(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> [Token] {
        var tokens: [Token] = []
        var i = range.lowerBound
        var space = false
        while i < range.upperBound {
            let s = scalars[i]
            if s.isSpace { space = true; i += 1; continue }
            var j = i + 1
            if s.isWordScalar { while j < range.upperBound && scalars[j].isWordScalar { j += 1 } }
            while s == ".", j < range.upperBound, scalars[j] == "." { j += 1 }
            // «...» is one ellipsis, in the transcript and in what the researcher types.
            tokens.append(Token(text: j - i >= 3 && s == "." ? "…" : ScalarText.string(scalars[i..<j]), start: i, end: j, spaceBefore: space))
            space = false
            i = j
        }
        return tokens
    }

    /// The displayed form: `(…)`, `(...)`, `[…]`, `[...]` are omissions, `[text]` insertions,
    /// `<text>` glosses; everything else is split into words like the transcript.
    static func display(_ display: String, keepingLiteral verbatim: String = "") -> [Token] {
        let scalars = Array(display.unicodeScalars)
        var tokens: [Token] = []
        var literalStart = 0
        var i = 0
        func flushLiteral(upTo end: Int) { tokens += words(scalars, literalStart..<end) }
        while i < scalars.count {
            let open = scalars[i]
            guard open == "(" || open == "[" || open == "<" else { i += 1; continue }
            let close: Unicode.Scalar = open == "(" ? ")" : open == "[" ? "]" : ">"
            guard let j = scalars[(i + 1)...].firstIndex(of: close) else { i += 1; continue }
            var innerView = String.UnicodeScalarView()
            innerView.append(contentsOf: scalars[(i + 1)..<j])
            let inner = String(innerView)
            let isOmission = (open == "(" || open == "[") && (inner == "…" || inner == "...")
            guard isOmission || open == "[" || open == "<", !inner.trimmingCharacters(in: .whitespaces).isEmpty else { i += 1; continue }
            // A bracket the transcript itself has («[by]» from anonymising) is the speaker's text, not an edit.
            if !isOmission && verbatim.contains(String(open) + inner + String(close)) { i = j + 1; continue }
            flushLiteral(upTo: i)
            let space = i > 0 && scalars[i - 1].isSpace
            tokens.append(Token(text: isOmission ? "(…)" : inner.trimmingCharacters(in: .whitespaces), start: i, end: j + 1,
                                spaceBefore: space, mark: isOmission ? .omission : open == "[" ? .insertion : .gloss))
            i = j + 1
            literalStart = i
        }
        flushLiteral(upTo: scalars.count)
        return tokens
    }

    /// Punctuation that belongs to a filler word and goes with it: «eh,», «eh …».
    static func isFillerPunctuation(_ text: String) -> Bool {
        // Not a full stop: «Det var bra eh. Så …» keeps its sentence end.
        text == "," || text == "…"
    }
}

