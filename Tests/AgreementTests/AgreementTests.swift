import Foundation
import QualCode
import Testing
@testable import Agreement

/// The statistics on hand-computed fixtures: NVivo's worked example, perfect agreement, no variation,
/// missing decisions, and pooling as adding.
@Suite struct ReliabilityTests {
    /// `count` units with the same decisions.
    static func units(_ decisions: [Bool?], _ count: Int) -> [(weight: Int, decisions: [Bool?])] { [(count, decisions)] }

    @Test func nvivoWorkedExample() {
        // 1,000 characters: 50 coded by both, 150 by one only (100 by the first, 50 by the second), 800 by neither.
        var r = Reliability(coders: 2)
        r.add([true, true], weight: 50)
        r.add([true, false], weight: 100)
        r.add([false, true], weight: 50)
        r.add([false, false], weight: 800)
        #expect(r.pairable == 1000 && r.both == 50 && r.firstOnly == 100 && r.secondOnly == 50 && r.neither == 800)
        #expect(abs(r.percentAgreement! - 0.85) < 1e-12)
        // pₑ = 0,15·0,10 + 0,85·0,90 = 0,78; κ = (0,85 − 0,78) / 0,22.
        #expect(abs(r.cohenKappa! - 0.07 / 0.22) < 1e-12)
        // n₀ = 1 750, n₁ = 250, n = 2 000, o₀₁ = 150: α = 1 − 1 999 · 300 / (2 · 1 750 · 250).
        #expect(abs(r.krippendorffAlpha! - (1 - 1999.0 * 300 / (2 * 1750 * 250))) < 1e-12)
    }

    @Test func weightsCountAsThatManyUnits() {
        var weighted = Reliability(coders: 3), single = Reliability(coders: 3)
        weighted.add([true, false, nil], weight: 7)
        weighted.add([true, true, true], weight: 3)
        for _ in 0..<7 { single.add([true, false, nil]) }
        for _ in 0..<3 { single.add([true, true, true]) }
        #expect(weighted == single)
    }

    @Test func perfectAgreement() {
        var r = Reliability(coders: 2)
        r.add([true, true], weight: 10)
        r.add([false, false], weight: 30)
        #expect(r.percentAgreement == 1 && r.cohenKappa == 1 && r.krippendorffAlpha == 1)
    }

    @Test func noVariationLeavesKappaAndAlphaUndefined() {
        var r = Reliability(coders: 2)
        r.add([false, false], weight: 500)
        #expect(r.percentAgreement == 1)
        #expect(r.cohenKappa == nil && r.krippendorffAlpha == nil)
        var three = Reliability(coders: 3)
        three.add([true, true, nil], weight: 4)
        #expect(three.krippendorffAlpha == nil && three.cohenKappa == nil)
    }

    @Test func missingDecisionsAreLeftOutOfPairsAndCountedByAlpha() {
        // Hand-computed: units (a,b,c) = (1,1,–), (1,0,0), (0,0,–), (–,1,–).
        var r = Reliability(coders: 3)
        r.add([true, true, nil])
        r.add([true, false, false])
        r.add([false, false, nil])
        r.add([nil, true, nil])
        #expect(r.pairable == 3 && r.unpairable == 1 && r.unanimous == 2)
        // Coincidences: unit 1 o₁₁ += 2; unit 2 (m = 3) o₀₁ += 2/2, o₀₀ += 2/2; unit 3 o₀₀ += 2.
        // n₀ = 3 + 1 = 4, n₁ = 2 + 1 = 3, n = 7; α = 1 − 6 · 2 / (2 · 4 · 3) = 0,5.
        #expect(abs(r.krippendorffAlpha! - 0.5) < 1e-12)
        #expect(r.cohenKappa == nil)
    }

    @Test func pooledIsTheSumOfTheCodes() {
        var a = Reliability(coders: 2), b = Reliability(coders: 2), both = Reliability(coders: 2)
        a.add([true, false], weight: 3); both.add([true, false], weight: 3)
        a.add([true, true], weight: 2); both.add([true, true], weight: 2)
        b.add([false, false], weight: 5); both.add([false, false], weight: 5)
        b.add([false, true], weight: 1); both.add([false, true], weight: 1)
        #expect(a + b == both)
    }
}

/// The spans the units are cut from.
@Suite struct SpanTests {
    @Test func characterRunsFollowEveryBoundary() {
        let runs = characterRuns(length: 10, coverage: [[Span(start: 2, end: 6)], [Span(start: 4, end: 8)], nil])
        #expect(runs.map(\.weight) == [2, 2, 2, 2, 2])
        #expect(runs.map(\.decisions) == [[false, false, nil], [true, false, nil], [true, true, nil], [false, true, nil], [false, false, nil]])
    }

    @Test func overlappingMarksCoverOnce() {
        #expect([Span(start: 0, end: 5), Span(start: 3, end: 9), Span(start: 9, end: 12), Span(start: 20, end: 22)].covered()
                == [Span(start: 0, end: 12), Span(start: 20, end: 22)])
        // Touching marks are two passages, overlapping ones one.
        #expect([Span(start: 0, end: 5), Span(start: 5, end: 9), Span(start: 8, end: 10)].clustered()
                == [Span(start: 0, end: 5), Span(start: 5, end: 10)])
        let covered = [Span(start: 2, end: 4), Span(start: 10, end: 12)]
        #expect(covered.anyOverlaps(Span(start: 3, end: 11)) && covered.anyOverlaps(Span(start: 11, end: 30)))
        #expect(!covered.anyOverlaps(Span(start: 4, end: 10)) && !covered.anyOverlaps(Span(start: 0, end: 2)))
    }

    @Test func sentencesEndAtStopsAndLines() {
        let text = "Intervjuer: Hvordan var det?\nSiv: Eh, det var tungt. (latter) Men jeg klarte det… Til slutt!\n\n–\nOla: «Ja.» Og så"
        let found = sentences(of: text).map { ScalarText(text).slice($0.start, $0.end) }
        #expect(found == ["Intervjuer: Hvordan var det?", "Siv: Eh, det var tungt.", "(latter) Men jeg klarte det…", "Til slutt!",
                          "Ola: «Ja.»", "Og så"])
    }
}

/// How the tables write the figures.
@Suite struct FigureTextTests {
    @Test func aShareJustShortOfAllGetsASecondDecimalAndMinusZeroIsZero() {
        let nb = TableNumberFormat(.nb), en = TableNumberFormat(.en)
        #expect(Agreement.percentText(99.96, nb) == "99,96\u{00A0}%" && Agreement.percentText(100, nb) == "100,0\u{00A0}%")
        #expect(Agreement.percentText(85, en) == "85.0%")
        #expect(Agreement.coefficientText(-0.0004, nb) == "0,00" && Agreement.coefficientText(-0.02, en) == "-0.02")
        #expect(Agreement.coefficientText(0.3181818, nb) == "0,32")
    }
}
