import Foundation

/// The decisions of several coders on weighted units, for one code or pooled over codes: whether each
/// coder applied the code (`true`), did not (`false`), or did not code the unit's transcript at all
/// (missing). Accumulates what percent agreement, Cohen's κ and Krippendorff's α need, so pooling is
/// adding.
///
/// A unit's weight is how many units it stands for: a run of characters with the same decisions is one
/// weighted unit, and gives exactly what counting each character would.
public struct Reliability: Sendable, Hashable {
    /// The coders, in the order their decisions are given.
    public let coderCount: Int
    /// Units (weighted) with a decision from at least two coders: what the statistics count.
    public private(set) var pairable: Int = 0
    /// Of those, units on which every coder who decided agreed.
    public private(set) var unanimous: Int = 0
    /// Units with a decision from fewer than two coders: left out.
    public private(set) var unpairable: Int = 0
    /// Two coders only: units with both decisions, by (first, second) decision.
    public private(set) var both: Int = 0
    public private(set) var firstOnly: Int = 0
    public private(set) var secondOnly: Int = 0
    public private(set) var neither: Int = 0
    /// Krippendorff's coincidences (binary): o₀₀, o₀₁ (= o₁₀), o₁₁.
    private var o00: Double = 0
    private var o01: Double = 0
    private var o11: Double = 0

    public init(coders: Int) { coderCount = coders }

    /// Adds one unit of `weight` with each coder's decision (nil: missing).
    public mutating func add(_ decisions: [Bool?], weight: Int = 1) {
        precondition(decisions.count == coderCount, "one decision per coder")
        guard weight > 0 else { return }
        var yes = 0, no = 0
        for decision in decisions {
            switch decision {
            case true?: yes += 1
            case false?: no += 1
            case nil: break
            }
        }
        let m = yes + no
        guard m >= 2 else { unpairable += weight; return }
        pairable += weight
        if yes == 0 || no == 0 { unanimous += weight }
        let w = Double(weight) / Double(m - 1)
        o00 += w * Double(no * (no - 1))
        o11 += w * Double(yes * (yes - 1))
        o01 += w * Double(yes * no)
        if coderCount == 2 {
            switch (decisions[0]!, decisions[1]!) {
            case (true, true): both += weight
            case (true, false): firstOnly += weight
            case (false, true): secondOnly += weight
            case (false, false): neither += weight
            }
        }
    }

    /// The sum of two accumulations over the same coders (codes pooled).
    public static func + (a: Reliability, b: Reliability) -> Reliability {
        precondition(a.coderCount == b.coderCount, "pooled over the same coders")
        var sum = a
        sum.pairable += b.pairable
        sum.unanimous += b.unanimous
        sum.unpairable += b.unpairable
        sum.both += b.both
        sum.firstOnly += b.firstOnly
        sum.secondOnly += b.secondOnly
        sum.neither += b.neither
        sum.o00 += b.o00
        sum.o01 += b.o01
        sum.o11 += b.o11
        return sum
    }

    /// Percent agreement: the share of pairable units on which every coder agreed, 0–1; nil without
    /// units. For two coders (both + neither) / all, as NVivo reports it.
    public var percentAgreement: Double? {
        pairable == 0 ? nil : Double(unanimous) / Double(pairable)
    }

    /// Cohen's κ for two coders: (pₒ − pₑ) / (1 − pₑ), pₑ from each coder's own share of yes and no. Nil
    /// for more coders, without units, or when pₑ is 1 (no variation: κ is not defined).
    public var cohenKappa: Double? {
        guard coderCount == 2 else { return nil }
        let n = Double(both + firstOnly + secondOnly + neither)
        guard n > 0 else { return nil }
        let observed = Double(both + neither) / n
        let firstYes = Double(both + firstOnly) / n, secondYes = Double(both + secondOnly) / n
        let expected = firstYes * secondYes + (1 - firstYes) * (1 - secondYes)
        guard expected < 1 - 1e-12 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Krippendorff's α for nominal data with missing values: 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
    /// Nil when every pairable value is the same (no variation: the expected disagreement is 0).
    public var krippendorffAlpha: Double? {
        let n0 = o00 + o01, n1 = o11 + o01
        let n = n0 + n1
        let expected = 2 * n0 * n1
        guard n > 1, expected > 1e-12 else { return nil }
        return 1 - (n - 1) * (2 * o01) / expected
    }
}
