import Foundation
@testable import QualCode
import Testing

/// Random displayed forms of our own Norwegian test sentences, with a fixed seed: whatever the parser
/// accepts must cover the transcript exactly once and in order, and an unmarked change must never pass.
@Suite struct QuoteFormFuzzTests {
    typealias SplitMix = SeededRandom

    static let texts = [
        "Eh, jeg tror at han, ehm, har fått veldig mye ut av det tiltaket.\nSå (latter) det var bra.",
        "Jeg vet ikke... altså, om det var «riktig» å si det 😀 til henne.",
        "Øh, nei. Det er både æ, ø og å her – og «sitater» inni… og mer.",
        "  Vi hadde  møte\n\nmed NAV-veilederen 2. mars, og det gikk bra 👍🏽. Eh … eh.",
        "i går var jeg i Oslo, og i dag reiser vi til Bergen (latter) ehm.",
        "Det var — eh — «en helt vanlig dag», sa hun... men så: 100 % feil!",
    ]
    let fillers = HouseStyle.thesis.fillers

    /// A displayed form made by cutting runs (marked), replacing runs with [x], adding glosses, dropping
    /// fillers and capitalising a first letter now and then.
    func display(of verbatim: String, _ rng: inout SplitMix) -> String {
        let text = ScalarText(verbatim)
        let tokens = QuoteTokens.words(text)
        var out = ""
        func add(_ piece: String, space: Bool) { out += (space && !out.isEmpty ? " " : "") + piece }
        var i = 0, lastWasMark = true
        while i < tokens.count {
            let token = tokens[i]
            let r = Int.random(in: 0..<100, using: &rng)
            if r < 8 && !lastWasMark {
                add(["(…)", "[…]", "(...)"].randomElement(using: &rng)!, space: true)
                i = min(tokens.count, i + Int.random(in: 1...4, using: &rng))
                lastWasMark = true
                continue
            }
            if r < 11 && !lastWasMark {
                add("[" + ["hen", "NAV", "kollegaen"].randomElement(using: &rng)! + "]", space: true)
                i = min(tokens.count, i + Int.random(in: 1...2, using: &rng))
                lastWasMark = true
                continue
            }
            if r < 13 && !lastWasMark {
                add("<dvs. kurset>", space: true)
                lastWasMark = true
                continue
            }
            if fillers.contains(token.text.lowercased()) && r < 50 { i += 1; continue }
            var word = text.slice(token.start, token.end)
            if token.isWord && r > 94, let first = word.unicodeScalars.first, first.properties.isLowercase,
               String(first).uppercased().unicodeScalars.count == 1 {
                word = String(first).uppercased() + String(word.unicodeScalars.dropFirst())
            }
            add(word, space: token.spaceBefore)
            lastWasMark = false
            i += 1
        }
        return out
    }

    func coverageProblem(_ form: QuoteForm) -> String? {
        let text = ScalarText(form.baseText)
        var covered = Array(repeating: 0, count: text.count)
        var end = 0
        for piece in form.pieces {
            guard piece.start >= end, piece.start <= piece.end, piece.end <= text.count else {
                return "\(piece.kind) \(piece.start)..<\(piece.end) after \(end)"
            }
            end = max(end, piece.end)
            for i in piece.start..<piece.end { covered[i] += 1 }
        }
        if let i = covered.indices.first(where: { !text.scalars[$0].isSpace && covered[$0] != 1 }) {
            return "scalar \(i) covered \(covered[i]) times"
        }
        return nil
    }

    @Test func acceptedFormsCoverTheTranscriptOnceAndInOrder() throws {
        var rng = SplitMix(state: 42)
        var accepted = 0
        for iteration in 0..<3000 {
            let verbatim = Self.texts[iteration % Self.texts.count]
            let shown = display(of: verbatim, &rng)
            guard let form = try? QuoteForm.parse(shown, verbatim: verbatim, fillers: fillers) else { continue }
            accepted += 1
            #expect(coverageProblem(form) == nil, "\(shown.debugDescription)")
            #expect(!form.render(HouseStyle.thesis.marks).isEmpty)
        }
        // Most generated forms are ordinary edits and must be read (the rest are odd, e.g. a gloss
        // right after a cut).
        #expect(accepted > 2400, "only \(accepted) of 3000 accepted")
    }

    @Test func anUnmarkedChangeNeverPasses() throws {
        var rng = SplitMix(state: 7)
        var tried = 0
        for iteration in 0..<3000 {
            let verbatim = Self.texts[iteration % Self.texts.count]
            let shown = display(of: verbatim, &rng)
            let tokens = QuoteTokens.display(shown)
            // A word between two of the speaker's words (next to a mark, dropping it would only widen the
            // marked cut), not a filler (those may go), and not one the text has twice.
            let counts = Dictionary(QuoteTokens.words(ScalarText(verbatim)).map { ($0.text.lowercased(), 1) }, uniquingKeysWith: +)
            let candidates = tokens.indices.dropFirst().dropLast().filter { k in
                tokens[k].mark == nil && tokens[k].isWord && !fillers.contains(tokens[k].text.lowercased()) && tokens[k].end - tokens[k].start >= 2
                    && counts[tokens[k].text.lowercased(), default: 0] == 1
                    && [tokens[k - 1], tokens[k + 1]].allSatisfy { $0.mark == nil && $0.text != "…" }
            }
            guard let k = candidates.randomElement(using: &rng) else { continue }
            var scalars = Array(shown.unicodeScalars)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: scalars.removeSubrange(tokens[k].start..<tokens[k].end)              // a word dropped
            case 1: scalars[tokens[k].start + 1] = scalars[tokens[k].start + 1] == "x" ? "y" : "x"  // a letter changed
            default: scalars.insert(contentsOf: " sebra".unicodeScalars, at: tokens[k].end)  // a word added
            }
            var changed = String.UnicodeScalarView()
            changed.append(contentsOf: scalars)
            tried += 1
            #expect(throws: QuoteEditError.self, "\(shown.debugDescription) → \(String(changed).debugDescription)") {
                try QuoteForm.parse(String(changed), verbatim: verbatim, fillers: fillers)
            }
        }
        #expect(tried > 1500)
    }
}
