import Foundation
import GRDB
import QualCode

/// One code's agreement between the coders.
public struct CodeAgreement: Sendable, Hashable {
    public var code: Code.ID
    /// The code's path from the root (`Belastning/Rapportering`).
    public var path: String
    public var figures: Reliability
}

/// How far the coders agree, per code and pooled over the codes, in the unit asked for.
public struct AgreementReport: Sendable, Hashable {
    public var coders: [String]
    public var unit: AgreementUnit
    /// The transcripts compared (coded by at least two of the coders), by short name.
    public var transcripts: [String]
    /// Transcripts in scope that fewer than two of the coders coded, left out.
    public var leftOut: [String]
    /// Per coder, the compared transcripts they did not code: their decisions there are missing, and
    /// percent agreement and α count the other coders' decisions (with two coders such a transcript
    /// has fewer than two and is left out).
    public var notCodedBy: [String: [String]]
    /// By code path.
    public var codes: [CodeAgreement]
    /// Every (unit, code) decision counted together: the sum over the codes.
    public var pooled: Reliability
}

extension Agreement {
    /// Percent agreement, Cohen's κ (two coders) and Krippendorff's α (nominal, any number of coders,
    /// missing decisions allowed) per code and pooled.
    ///
    /// For example:
    /// ```swift
    /// let report = try Agreement(store).agreement(AgreementScope(coders: ["anne", "berit"], unit: .sentences))
    /// ```
    ///
    /// - Throws: ``AgreementError/needsTwoCoders``, ``AgreementError/unknownCoder(name:known:)``;
    ///   `StoreError.missing` for a code or transcript id that names none.
    public func agreement(_ scope: AgreementScope) throws -> AgreementReport {
        let layers = try store.pool.read { db in try CodingLayers.read(db, scope) }
        return Self.report(layers, unit: scope.unit)
    }

    static func report(_ layers: CodingLayers, unit: AgreementUnit) -> AgreementReport {
        let n = layers.coders.count
        let units = layers.layers.map { layer -> [Span] in
            switch unit {
            case .characters: []
            case .segments: layer.allSpans.clustered()
            case .sentences: sentences(of: layer.text)
            }
        }
        var codes: [CodeAgreement] = []
        var pooled = Reliability(coders: n)
        for code in layers.codes {
            var figures = Reliability(coders: n)
            for (layer, units) in zip(layers.layers, units) {
                let coverage = (0..<n).map { layer.coverage(of: code, coder: $0) }
                if unit == .characters {
                    for run in characterRuns(length: layer.length, coverage: coverage) { figures.add(run.decisions, weight: run.weight) }
                } else {
                    for span in units { figures.add(coverage.map { $0?.anyOverlaps(span) }) }
                }
            }
            codes.append(CodeAgreement(code: code, path: layers.paths[code] ?? "", figures: figures))
            pooled = pooled + figures
        }
        var notCoded: [String: [String]] = [:]
        for (c, coder) in layers.coders.enumerated() {
            let missing = layers.layers.filter { !$0.coded[c] }.map(\.slug)
            if !missing.isEmpty { notCoded[coder] = missing }
        }
        return AgreementReport(coders: layers.coders, unit: unit, transcripts: layers.layers.map(\.slug), leftOut: layers.leftOut,
                               notCodedBy: notCoded, codes: codes, pooled: pooled)
    }
}
