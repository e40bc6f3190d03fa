import Foundation
import QualCode

/// The codings to make, worked out before the clock starts: spans at line and word boundaries,
/// spread evenly over the transcripts, most with one code and some with two.
enum CodingPlan {
    static let codes = [
        "Tillit", "Trivsel", "Mestring", "Balansekunst", "Sparringspartner", "Det navske", "Fag og personal",
        "Kvalitetsgjennomgang", "Teamkultur", "Autonomi", "Relasjon", "Savn av nasjonal føring",
    ]

    struct Plan {
        var batches: [[CodingRequest]]
        var codings: Int
        var requests: Int
        var transcriptsRead: Int
    }

    static func make(store: ProjectStore, transcripts: [Transcript.ID], codings total: Int, batches: Int, seed: UInt64) throws -> Plan {
        var rng = SplitMix64(seed: seed ^ 0xC0D1_C0D1_C0D1_C0D1)
        var requests: [(CodingRequest, Int)] = []
        requests.reserveCapacity(total)
        let perTranscript = total / max(1, transcripts.count)
        let remainder = total % max(1, transcripts.count)
        var read = 0
        for (index, id) in transcripts.enumerated() {
            let wanted = perTranscript + (index < remainder ? 1 : 0)
            guard wanted > 0 else { continue }
            let text = ScalarText(try store.transcript(id).text)
            read += 1
            requests += spans(in: text, transcript: id, codings: wanted, rng: &rng)
        }
        // Split into batches of about equal numbers of codings, in transcript order (the way a
        // coder works through the material, and the way an import script would send them).
        let perBatch = Int((Double(total) / Double(batches)).rounded(.up))
        var out: [[CodingRequest]] = [[]]
        var inBatch = 0
        for (request, n) in requests {
            if inBatch >= perBatch && out.count < batches { out.append([]); inBatch = 0 }
            out[out.count - 1].append(request)
            inBatch += n
        }
        return Plan(batches: out.filter { !$0.isEmpty }, codings: requests.reduce(0) { $0 + $1.1 }, requests: requests.count,
                    transcriptsRead: read)
    }

    private static func spans(in text: ScalarText, transcript: Transcript.ID, codings wanted: Int,
                              rng: inout SplitMix64) -> [(CodingRequest, Int)] {
        let lines = (1...text.lineCount).filter { !text.lineRange($0).isEmpty }
        var used = Set<Int>()  // start * 2^32 + end
        var out: [(CodingRequest, Int)] = []
        var made = 0
        var tries = 0
        while made < wanted {
            tries += 1
            var start: Int, end: Int
            if tries > wanted * 50 || lines.isEmpty {
                // A tiny transcript: any span will do.
                start = rng.below(max(1, text.count - 1))
                end = min(text.count, start + rng.int(in: 1...200))
            } else if rng.chance(70) {
                // One to three whole lines, without the speaker label of the first.
                let i = rng.below(lines.count)
                let last = lines[min(lines.count - 1, i + rng.int(in: 0...2))]
                start = contentStart(text, text.lineRange(lines[i]))
                end = text.lineRange(last).upperBound
            } else {
                // Part of a line, from one word boundary to another.
                let range = text.lineRange(lines[rng.below(lines.count)])
                let spaces = range.filter { text.scalars[$0] == " " }
                guard spaces.count >= 3 else { continue }
                let a = rng.below(spaces.count - 1)
                let b = min(spaces.count - 1, a + rng.int(in: 1...30))
                start = spaces[a] + 1
                end = spaces[b]
            }
            guard start < end, used.insert(start << 32 | end).inserted else { continue }
            let n = (wanted - made >= 2 && rng.chance(20)) ? 2 : 1
            var chosen: [String] = []
            while chosen.count < n {
                let code = rng.pick(codes)
                if !chosen.contains(code) { chosen.append(code) }
            }
            out.append((CodingRequest(transcript: transcript, selector: .offsets(start: start, end: end), codes: chosen), n))
            made += n
        }
        return out
    }

    /// Where the words of a line begin, past a `Name:` label.
    private static func contentStart(_ text: ScalarText, _ range: Range<Int>) -> Int {
        let limit = min(range.upperBound, range.lowerBound + 48)
        var i = range.lowerBound
        while i < limit, text.scalars[i] != ":" { i += 1 }
        guard i + 1 < range.upperBound, i < limit, text.scalars[i + 1] == " " else { return range.lowerBound }
        return i + 2
    }
}
