import Foundation
import QualCode

/// What one browser request costs: the code tree and the participants with counts, the data for one
/// transcript page, and one coding through the open store on a long and a short transcript.
@discardableResult
func interactivePhase(_ options: Options, store: ProjectStore, directory: URL, report: inout Report) throws -> [Transcript.ID] {
    report.section("Interactive (one browser request each)")
    note("interactive: generating a 300,000-character, a 1.2 MB and a 12 KB transcript …")
    // ≈ 7 characters a word in the generated Norwegian.
    let sizes: [(name: String, words: Int)] = [("side-300k", 43_000), ("lang-1200k", 172_000), ("kort-12k", 1_700)]
    var urls: [URL] = []
    for (i, size) in sizes.enumerated() {
        var rng = SplitMix64(seed: options.seed &+ UInt64(9_000 + i))
        var generator = InterviewGenerator(participant: "Informant \(i + 1)", rng: rng)
        let (paragraphs, _) = generator.interview(number: 9_000 + i, targetWords: size.words)
        rng = generator.rng
        let url = directory.appendingPathComponent(size.name + ".docx")
        try? FileManager.default.removeItem(at: url)
        try DocxWriter.write(paragraphs, to: url, rng: &rng)
        urls.append(url)
    }
    var importOptions = ImportOptions()
    importOptions.allowDuplicate = true
    let (imported, importTime) = try timed { try store.importTranscripts(urls, options: importOptions) }
    let ids = imported.map(\.id)
    let characters = try ids.map { try store.transcript($0).text.unicodeScalars.count }
    report.add("setup: import the three", "\(formatDuration(importTime)); "
               + zip(sizes, characters).map { "\($0.name) \(formatCount($1)) characters" }.joined(separator: ", "))

    // The page: a 300,000-character transcript with 1,000 codings.
    let plan = try CodingPlan.make(store: store, transcripts: [ids[0]], codings: 1_000, batches: 1, seed: options.seed)
    _ = try store.code(plan.batches.flatMap { $0 })
    let page = try Repeated(runs: options.runs + 1) { try store.transcriptPage(ids[0]) }
    report.add("transcript page: \(formatCount(page.value.text.unicodeScalars.count)) characters, \(formatCount(page.value.codings.count)) codings, "
               + "\(formatCount(page.value.lines.count)) lines, \(formatCount(page.value.turns.count)) turns",
               formatDuration(page.median), value: page.median.milliseconds, limit: 100, target: "< 100 ms")

    // Lists with counts over the whole project.
    let codes = try Repeated(runs: options.runs + 1) { try store.codeTree() }
    report.add("codes with own and rolled-up counts (\(codes.value.count) codes)", formatDuration(codes.median),
               value: codes.median.milliseconds, limit: 50, target: "< 50 ms")
    let participants = try Repeated(runs: options.runs + 1) { try store.participants() }
    report.add("participants with counts (\(formatCount(participants.value.count)))", formatDuration(participants.median),
               value: participants.median.milliseconds, limit: 50, target: "< 50 ms")

    // One coding per call, as a browser sends it: offsets, one transaction, its event-log row.
    for (index, label) in [(1, "1.2 MB"), (2, "12 KB")] {
        let single = try CodingPlan.make(store: store, transcripts: [ids[index]], codings: 200, batches: 1, seed: options.seed &+ 7)
        var times: [Duration] = []
        for request in single.batches.flatMap({ $0 }) {
            let (_, t) = try timed { try store.code([request]) }
            times.append(t)
        }
        times.sort()
        let median = times[times.count / 2], p95 = times[min(times.count - 1, times.count * 95 / 100)]
        report.add("one coding on the \(label) transcript (median of \(times.count); p95 \(formatDuration(p95)))", formatDuration(median),
                   value: median.milliseconds, limit: 2, target: "< 2 ms")
    }
    return ids
}

/// The reads alone, on a project a full run kept: for working on one of them without a new corpus.
func measureReads(of url: URL, runs: Int) throws {
    let store = try ProjectStore.open(at: url, coder: "bench")
    var report = Report()
    report.section("Reads on \(url.lastPathComponent)")
    let tillit = try store.resolve.code("Tillit")
    for context in [0, 1] {
        let timing = try Repeated(runs: runs) { try store.retrieve(code: tillit, context: context) }
        report.add("retrieve Tillit, context \(context): \(formatCount(timing.value.count)) segments", formatDuration(timing.median),
                   value: timing.median.milliseconds, limit: 50, target: "< 50 ms")
    }
    for page in try retrievalPages(store, code: tillit, runs: runs) {
        report.add(page.label, formatDuration(page.median), value: page.median.milliseconds, limit: 50, target: "< 50 ms")
    }
    let units = try Repeated(runs: runs) { try store.units(code: tillit) }
    report.add("units of Tillit", formatDuration(units.median))
    let codes = try Repeated(runs: runs) { try store.codeTree() }
    report.add("codes", formatDuration(codes.median), value: codes.median.milliseconds, limit: 50, target: "< 50 ms")
    let participants = try Repeated(runs: runs) { try store.participants() }
    report.add("participants", formatDuration(participants.median), value: participants.median.milliseconds, limit: 50, target: "< 50 ms")
    if let page = try store.transcripts().first(where: { $0.name == "side-300k" }) {
        let timing = try Repeated(runs: runs) { try store.transcriptPage(page.id) }
        report.add("transcript page side-300k", formatDuration(timing.median), value: timing.median.milliseconds, limit: 100, target: "< 100 ms")
    }
    print(report.render(), terminator: "")
}

/// A page of 50 of a code's segments with context 1, as a browser asks for them: the first page and
/// one from the middle.
func retrievalPages(_ store: ProjectStore, code: Code.ID, runs: Int) throws -> [(label: String, median: Duration)] {
    let total = try store.retrieve(code: code, context: 1, offset: 0, limit: 1).total
    return try [0, total / 2].map { offset in
        let timing = try Repeated(runs: runs) { try store.retrieve(code: code, context: 1, offset: offset, limit: 50) }
        return ("retrieve Tillit, context 1, 50 from \(formatCount(offset)) of \(formatCount(total))", timing.median)
    }
}
