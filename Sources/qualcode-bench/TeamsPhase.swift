import Agreement
import Foundation
import QualCode
import QualCodeKit

/// Several coders: a second coder codes a copy of the project — a tenth of the transcripts, as a
/// double-coded sample usually is — mostly as the first coder did, with some ends moved, some passages
/// left out and some given another code; the copy is merged back, and the agreement statistics and the
/// disagreement list between the two are what the «Samsvar» page asks for.
func teamsPhase(_ options: Options, store: ProjectStore, plan: CodingPlan.Plan, directory: URL, report: inout Report) throws {
    report.section("Several coders (agree, merge)")
    note("teams: a second coder's copy …")
    let copyURL = directory.appendingPathComponent("berit.qualcode")
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copyURL.path + suffix) }
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copyURL.path + suffix) } }
    try store.checkpoint()
    try FileManager.default.copyItem(at: store.url, to: copyURL)

    let requests = plan.batches.flatMap { $0 }
    let transcripts = Array(Set(requests.map(\.transcript))).sorted { $0.uuidString < $1.uuidString }
    let sample = Set(transcripts.prefix(max(1, transcripts.count / 10)))
    var rng = SplitMix64(seed: options.seed ^ 0xBE_21_7B_E2_17)
    var beritsRequests: [CodingRequest] = []
    for request in requests where sample.contains(request.transcript) {
        guard case let .offsets(start, end) = request.selector else { continue }
        var changed = request
        switch rng.below(100) {
        case 0..<70: break                                   // as the first coder did
        case 70..<85:                                        // an end moved a little
            changed.selector = .offsets(start: start, end: max(start + 1, end + rng.int(in: -20...20)))
        case 85..<95: continue                               // left out
        default: changed.codes = [CodingPlan.codes[rng.below(CodingPlan.codes.count)]]  // another code
        }
        beritsRequests.append(changed)
    }
    let coded: Int = try {
        let copy = try ProjectModules.open(at: copyURL, coder: "berit")
        defer { try? copy.checkpoint() }
        // A moved end can run past the text; then each request goes on its own and that one is left out.
        if let results = try? copy.code(beritsRequests) { return results.reduce(0) { $0 + $1.added.count } }
        return beritsRequests.reduce(0) { sum, request in sum + ((try? copy.code([request]))?.reduce(0) { $0 + $1.added.count } ?? 0) }
    }()
    report.add("setup: second coder's copy", "\(sample.count) of \(transcripts.count) transcripts, \(formatCount(coded)) codings by berit")

    let (merged, mergeTime) = try timed { try store.merge(from: copyURL) }
    report.add("merge the copy (backup by VACUUM INTO first, one transaction)", formatDuration(mergeTime)
               + ", \(formatCount(merged.count(.coding).new)) codings new, \(formatCount(merged.count(.coding).matched)) already here")
    if let backup = merged.backup { try? FileManager.default.removeItem(at: backup) }

    let agreement = Agreement(store)
    for unit in AgreementUnit.allCases {
        let scope = AgreementScope(coders: ["bench", "berit"], unit: unit)
        let figures = try Repeated(runs: options.runs) { try agreement.agreement(scope) }
        report.add("agreement per code and pooled, unit \(unit.rawValue) (median)", formatDuration(figures.median)
                   + ", \(figures.value.codes.count) codes, \(figures.value.transcripts.count) transcripts, pooled α "
                   + (figures.value.pooled.krippendorffAlpha.map { String(format: "%.3f", $0) } ?? "–"),
                   value: figures.median.milliseconds, limit: 1000, target: "< 1 s (a page request)")
    }
    let list = try Repeated(runs: options.runs) { try agreement.disagreements(AgreementScope(coders: ["bench", "berit"])) }
    report.add("disagreement list (median)", formatDuration(list.median) + ", \(formatCount(list.value.items.count)) disagreements, "
               + "\(formatCount(list.value.agreed)) agreed passages", value: list.median.milliseconds, limit: 1000,
               target: "< 1 s (a page request)")
}
