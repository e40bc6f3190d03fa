import Foundation
import QualCode
import Testing
import TestSupport
@testable import Agreement

/// The statistics against independent implementations run here: Krippendorff's α from the
/// `krippendorff` package and Cohen's κ from scikit-learn (Scripts/setup installs both), on the same
/// decisions worked out one character (or sentence) at a time without the library.
@Suite struct AgreementOracleTests {
    static let script = """
        import json, math, sys, warnings
        import numpy as np, krippendorff
        from sklearn.metrics import cohen_kappa_score
        out = []
        for rows in json.load(open(sys.argv[1])):
            data = np.array([[np.nan if v is None else float(v) for v in row] for row in rows])
            try:
                alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
            except ValueError:
                alpha = None
            kappa = None
            if len(rows) == 2:
                pairs = [(a, b) for a, b in zip(rows[0], rows[1]) if a is not None and b is not None]
                if pairs:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        kappa = float(cohen_kappa_score([int(a) for a, _ in pairs], [int(b) for _, b in pairs]))
            clean = lambda x: None if x is None or math.isnan(x) else x
            out.append({"alpha": clean(alpha), "kappa": clean(kappa)})
        print(json.dumps(out))
        """

    struct Oracle: Decodable { var alpha: Double?; var kappa: Double? }

    func oracle(_ datasets: [[[Bool?]]], in folder: URL) throws -> [Oracle] {
        let file = folder.appendingPathComponent("data.json")
        let json = datasets.map { rows in rows.map { row in row.map { $0.map { $0 ? 1 : 0 } } } }
        try JSONEncoder().encode(json).write(to: file)
        return try JSONDecoder().decode([Oracle].self, from: runPython(Self.script, [file.path]))
    }

    func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) < 1e-9
        default: false
        }
    }

    @Test func charactersMatchKrippendorffAndScikitLearn() throws {
        let study = try AgreementStudy()
        defer { study.remove() }
        let report = try study.agreement.agreement(AgreementScope(coders: ["anne", "berit"]))
        #expect(report.transcripts == ["intervju-ola", "intervju-siv"] && report.leftOut == ["intervju-per"])
        #expect(report.codes.map(\.path) == ["Belastning", "Tillit"])
        var datasets: [[[Bool?]]] = []
        for code in ["Belastning", "Tillit"] {
            datasets.append(try study.characterDecisions(code: code, coders: ["anne", "berit"], in: ["Ola", "Siv"]))
        }
        // Pooled: the codes' decisions one after the other.
        datasets.append(zip(datasets[0], datasets[1]).map { $0 + $1 })
        let expected = try oracle(datasets, in: study.folder)
        for (figures, oracle) in zip(report.codes.map(\.figures) + [report.pooled], expected) {
            #expect(close(figures.krippendorffAlpha, oracle.alpha), "α \(String(describing: figures.krippendorffAlpha)) vs \(String(describing: oracle.alpha))")
            #expect(close(figures.cohenKappa, oracle.kappa), "κ \(String(describing: figures.cohenKappa)) vs \(String(describing: oracle.kappa))")
        }
        // The hand count of one code: characters both, one only, neither.
        let rows = datasets[1]
        let both = zip(rows[0], rows[1]).filter { $0 == true && $1 == true }.count
        let tillit = report.codes[1].figures
        #expect(tillit.both == both && tillit.pairable == rows[0].count)
    }

    @Test func aCoderWhoDidNotCodeATranscriptIsMissingForAlpha() throws {
        var study = try AgreementStudy()
        defer { study.remove() }
        // cato codes Siv only: Ola is missing for him, not «not coded».
        try study.code("cato", "Siv", "Hun ringer alltid tilbake.", "Tillit")
        try study.code("cato", "Siv", "Det blir mye skjema.", "Belastning")
        let coders = ["anne", "berit", "cato"]
        let report = try study.agreement.agreement(AgreementScope(coders: coders))
        #expect(report.notCodedBy == ["cato": ["intervju-ola"]])
        let notes = Agreement.statisticsTable(report).notes.map(Inline.plainText)
        #expect(notes.contains("cato kodet ikke intervju-ola; beslutningene til cato mangler der: prosent enighet og α teller de andre kodernes beslutninger."))
        #expect(report.codes.allSatisfy { $0.figures.cohenKappa == nil })
        let datasets = try ["Belastning", "Tillit"].map { try study.characterDecisions(code: $0, coders: coders, in: ["Ola", "Siv"]) }
        let expected = try oracle(datasets, in: study.folder)
        for (code, oracle) in zip(report.codes, expected) {
            #expect(close(code.figures.krippendorffAlpha, oracle.alpha), "\(code.path): α \(String(describing: code.figures.krippendorffAlpha)) vs \(String(describing: oracle.alpha))")
        }
    }

    @Test func sentencesMatchTheOracles() throws {
        let study = try AgreementStudy()
        defer { study.remove() }
        let report = try study.agreement.agreement(AgreementScope(coders: ["anne", "berit"], unit: .sentences))
        var datasets: [[[Bool?]]] = []
        for code in ["Belastning", "Tillit"] {
            var rows: [[Bool?]] = [[], []]
            for name in ["Ola", "Siv"] {
                let id = study.transcripts[name]!
                for sentence in sentences(of: try study.text(name)) {
                    for (c, coder) in ["anne", "berit"].enumerated() {
                        rows[c].append(study.marks.contains { $0.coder == coder && $0.transcript == id && $0.code == code
                                                                && $0.start < sentence.end && sentence.start < $0.end })
                    }
                }
            }
            datasets.append(rows)
        }
        let expected = try oracle(datasets, in: study.folder)
        for (code, oracle) in zip(report.codes, expected) {
            #expect(close(code.figures.krippendorffAlpha, oracle.alpha) && close(code.figures.cohenKappa, oracle.kappa), "\(code.path)")
            #expect(code.figures.pairable == datasets[0][0].count)
        }
    }
}
