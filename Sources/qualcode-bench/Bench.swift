import Foundation
import GRDB
import QualCode
import QualCodeKit

/// The search queries timed through the library and, rewritten the same way, through raw FTS5.
let searchQueries = ["veiledning tillit", "\"fag og personal\"", "veiled*"]

/// Search timings through the library.
struct LibrarySearch {
    var query: String
    var expression: String
    var hits: Int
    var total: Int
    var timing: Repeated<SearchResult>
}

/// What the store phases leave for the raw comparison and the report.
struct StoreOutcome {
    var searches: [LibrarySearch] = []
}

func runBenchmark(_ options: Options) throws {
    let memory = MemoryMeter()
    var report = Report()
    let info = ProcessInfo.processInfo
    report.header = [
        "QualCode benchmark",
        "machine: \(info.activeProcessorCount) active cores (\(info.processorCount) total), "
            + "\(formatMB(Int(info.physicalMemory / 1024))) RAM, \(cpuModel() ?? "unknown CPU")",
        "system: \(info.operatingSystemVersionString)",
        "sizes: \(options.files) files × \(formatCount(options.words)) words, \(formatCount(options.codings)) codings "
            + "in \(options.batches) batch(es), \(options.runs) runs per read measurement (median shown), seed \(options.seed)"
            + (options.participants ? "" : ", no participants"),
    ]

    // MARK: Work directory
    let fm = FileManager.default
    let base: URL
    let ownsBase: Bool
    if let dir = options.directory {
        base = URL(fileURLWithPath: dir, isDirectory: true).standardizedFileURL
        ownsBase = !fm.fileExists(atPath: base.path)
        try fm.createDirectory(at: base, withIntermediateDirectories: true)
    } else {
        base = fm.temporaryDirectory.appendingPathComponent("qualcode-bench-\(info.processIdentifier)", isDirectory: true)
        ownsBase = true
        try fm.createDirectory(at: base, withIntermediateDirectories: true)
    }
    let corpusDir = base.appendingPathComponent("qualcode-bench-corpus", isDirectory: true)
    let projectURL = base.appendingPathComponent("qualcode-bench.qualcode")
    for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: projectURL.path + suffix) }
    defer {
        if options.keep {
            note("kept \(corpusDir.path) and \(projectURL.path)")
        } else {
            try? fm.removeItem(at: corpusDir)
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: projectURL.path + suffix) }
            if ownsBase { try? fm.removeItem(at: base) }
        }
    }
    note("working in \(base.path)")

    // MARK: Corpus (setup)
    report.section("Setup (not measured against targets)")
    memory.startPhase()
    note("generating \(options.files) .docx files of ~\(options.words) words …")
    let generated = ProgressCounter(total: options.files, label: "generated")
    let ((urls, corpus), generation) = try timed {
        try CorpusGenerator.generate(files: options.files, words: options.words, seed: options.seed, into: corpusDir) { _ in
            generated.tick()
        }
    }
    report.add("generate corpus", formatDuration(generation))
    report.add("corpus", "\(corpus.files) files, \(formatCount(corpus.characters)) characters, \(formatCount(corpus.words)) words, "
               + "\(formatCount(corpus.paragraphs)) paragraphs, \(formatBytes(corpus.bytesOnDisk)) of .docx")
    report.add("generation peak memory", formatMB(memory.phasePeakKB()))

    let outcome = try storePhases(options, urls: urls, corpus: corpus, projectURL: projectURL, directory: corpusDir, memory: memory,
                                  report: &report)

    // MARK: Raw FTS5, on its own connection once the store is closed
    report.section("Full-text search: library vs raw FTS5 (same file, separate read-only connection)")
    var config = Configuration()
    config.readonly = true
    let queue = try DatabaseQueue(path: projectURL.path, configuration: config)
    for search in outcome.searches {
        let count = try Repeated(runs: options.runs) {
            try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM passageFTS WHERE passageFTS MATCH ?",
                                                    arguments: [search.expression]) ?? 0 }
        }
        let snippets = try Repeated(runs: options.runs) {
            try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT rowid, snippet(passageFTS, 0, '**','**','…',16) FROM passageFTS WHERE passageFTS MATCH ? LIMIT 200
                    """, arguments: [search.expression]).count
            }
        }
        let raw = count.median + snippets.median
        let ratio = search.timing.median.seconds / max(raw.seconds, 1e-9)
        let q = search.query
        report.add("search \(q): library", "\(formatDuration(search.timing.median)) (first \(formatDuration(search.timing.first))), "
                   + "\(search.hits) hits of \(formatCount(search.total))")
        report.add("search \(q): raw COUNT(*)", "\(formatDuration(count.median)), \(formatCount(count.value)) rows")
        report.add("search \(q): raw snippet LIMIT 200", "\(formatDuration(snippets.median)), \(snippets.value) rows")
        report.add("search \(q): library / raw", String(format: "%.2f×", ratio), value: ratio, limit: 1.5, target: "≤ 1.5×")
    }
    try queue.close()

    let size = (try? fm.attributesOfItem(atPath: projectURL.path)[.size] as? Int) ?? 0
    report.section("Totals")
    report.add("project file", formatBytes(size))
    report.add("peak memory, whole run (VmHWM)", formatMB(memory.finish()))
    if !memory.canResetPeak { report.add("note", "/proc/self/clear_refs refused: phase peaks include earlier phases") }
    print(report.render(), terminator: "")
}

/// Everything that goes through the open store; returns once the store is closed again.
private func storePhases(_ options: Options, urls: [URL], corpus: CorpusStats, projectURL: URL, directory: URL, memory: MemoryMeter,
                         report: inout Report) throws -> StoreOutcome {
    let outcome = StoreOutcome()
    let (store, creation) = try timed {
        // With the modules a project opens with, as `qualcode init` makes it (the agreement tables among them).
        try ProjectModules.create(at: projectURL, title: "Benchmark", researchQuestion: "Hvordan går det?", coder: "bench")
    }
    report.add("create project", formatDuration(creation))
    if options.participants {
        let (_, t) = try timed {
            for i in 0..<options.files { try store.addParticipant(pseudonym: Vocabulary.pseudonym(i)) }
        }
        report.add("add \(options.files) participants (one transaction each)", formatDuration(t))
    }

    // MARK: Import
    note("importing \(urls.count) files …")
    memory.startPhase()
    let imported = ProgressCounter(total: urls.count, label: "imported")
    let (summaries, importTime) = try timed {
        try store.importTranscripts(urls, options: ImportOptions(), progress: { _, _, _ in imported.tick() })
    }
    let importPeak = memory.phasePeakKB()
    let rssAfterImport = memory.currentKB ?? 0
    let importedWords = summaries.reduce(0) { $0 + $1.words }
    let importedTurns = summaries.reduce(0) { $0 + $1.turns }
    let linked = summaries.filter { !$0.participants.isEmpty }.count
    report.add("imported", "\(summaries.count) transcripts, \(formatCount(importedWords)) words (library count), "
               + "\(formatCount(importedTurns)) turns, \(linked) linked to a participant")

    // Targets are for the full size; a smaller run is held to the same rate (5 s per 73 M characters).
    let fullImport = options.files >= 1000 && options.words >= 10_000
    report.section("Import")
    let importLimit = 5.0 * (fullImport ? 1 : Double(corpus.characters) / 73e6)
    report.add("import \(summaries.count) .docx", formatDuration(importTime), value: importTime.seconds, limit: importLimit,
               target: fullImport ? "< 5 s" : String(format: "< %.2f s (5 s per 73 M chars)", importLimit))
    report.add("import throughput", String(format: "%.1f M chars/s, %.1f files/s", Double(corpus.characters) / importTime.seconds / 1e6,
                                           Double(summaries.count) / importTime.seconds))
    report.add("import peak memory (VmHWM)", formatMB(importPeak), value: Double(importPeak) / 1024, limit: 300, target: "< 300 MB")
    report.add("resident after import (VmRSS)", formatMB(rssAfterImport))

    // MARK: Coding
    note("planning \(options.codings) codings …")
    let (plan, planning) = try timed {
        try CodingPlan.make(store: store, transcripts: summaries.map(\.id), codings: options.codings,
                            batches: options.batches, seed: options.seed)
    }
    report.section("Coding")
    report.add("plan codings (setup: read texts, pick spans)", "\(formatDuration(planning)), \(formatCount(plan.requests)) requests "
               + "for \(formatCount(plan.codings)) codings from \(plan.transcriptsRead) transcripts")
    let eventsBefore = try store.eventCount()
    memory.startPhase()
    var added = 0
    var batchTimes: [Duration] = []
    for (i, batch) in plan.batches.enumerated() {
        let (results, t) = try timed { try store.code(batch) }
        added += results.reduce(0) { $0 + $1.added.count }
        batchTimes.append(t)
        note("coding batch \(i + 1)/\(plan.batches.count): \(batch.count) requests in \(formatDuration(t))")
    }
    let codingPeak = memory.phasePeakKB()
    let codingTime = batchTimes.reduce(Duration.zero, +)
    let eventsAdded = try store.eventCount() - eventsBefore
    let fullCoding = options.codings >= 100_000
    let codingLimit = fullCoding ? 2.0 : 2.0 * Double(max(1, added)) / 100_000
    report.add("create \(formatCount(added)) codings in \(plan.batches.count) store.code(...) call(s)", formatDuration(codingTime),
               value: codingTime.seconds, limit: codingLimit,
               target: fullCoding ? "< 2 s" : String(format: "< %.3f s (2 s per 100,000)", codingLimit))
    report.add("per coding", String(format: "%.1f µs", codingTime.seconds * 1e6 / Double(max(1, added))), target: "< 20 µs",
               verdict: codingTime.seconds * 1e6 / Double(max(1, added)) <= 20 ? "ok" : "over target")
    let slowest = batchTimes.max() ?? .zero, fastest = batchTimes.min() ?? .zero
    report.add("batch times", "fastest \(formatDuration(fastest)), slowest \(formatDuration(slowest))")
    report.add("event-log rows written", "\(formatCount(eventsAdded)) (\(formatCount(added)) coding.add + code.add)")
    report.add("coding peak memory (VmHWM)", formatMB(codingPeak))
    if added != plan.codings { report.add("warning", "\(plan.codings - added) planned codings were not new") }

    // MARK: Retrieval
    report.section("Retrieval")
    guard added > 0 else {
        report.add("retrieve", "skipped: no codings")
        return try searchPhase(options, store: store, outcome: outcome)
    }
    note("retrieving …")
    let tillit = try store.resolve.code("Tillit")
    let retrieval = try Repeated(runs: options.runs + 1) { try store.retrieve(code: tillit, context: 1) }
    let contextLines = retrieval.value.reduce(0) { $0 + $1.before.count + $1.after.count }
    let withParticipants = retrieval.value.filter { !$0.participants.isEmpty }.count
    let fullRetrieval = fullCoding && options.files >= 1000
    report.add("retrieve Tillit, context 1 (median)", formatDuration(retrieval.median), value: retrieval.median.milliseconds,
               limit: 50, target: fullRetrieval ? "< 50 ms" : "< 50 ms (at full size)")
    report.add("retrieve Tillit: first call / fastest", "\(formatDuration(retrieval.first)) / \(formatDuration(retrieval.fastest))")
    report.add("retrieve Tillit: result", "\(formatCount(retrieval.value.count)) segments, \(formatCount(contextLines)) context lines, "
               + "\(withParticipants) with participants")
    for page in try retrievalPages(store, code: tillit, runs: options.runs + 1) {
        report.add(page.label, formatDuration(page.median), value: page.median.milliseconds, limit: 50, target: "< 50 ms")
    }

    // MARK: Quote export
    report.section("Quote export")
    note("exporting quotes …")
    var quoteOptions = QuoteOptions(codes: ["Tillit", "Trivsel"])
    quoteOptions.style = .report
    quoteOptions.cleanFillers = true
    let participants = try store.participants()
    let (allQuotes, readTime) = try timed { try store.quotes(quoteOptions) }
    let quotes = Array(allQuotes.prefix(10_000))
    let (docx, docxTime) = try timed { try DocxRenderer.data(for: ProjectStore.quoteDocument(for: quotes, options: quoteOptions, participants: participants)) }
    let (csv, csvTime) = timed { ExportedQuote.quoteBank(quotes).renderCSV(byteOrderMark: true)
    }
    report.add("read \(formatCount(allQuotes.count)) quotes (Tillit, Trivsel)", formatDuration(readTime))
    report.add("\(formatCount(quotes.count)) quotes to DOCX (document + package)", formatDuration(docxTime), value: docxTime.seconds,
               limit: 3, target: quotes.count >= 10_000 ? "< 3 s" : "< 3 s (for 10,000)")
    report.add("  DOCX size", formatBytes(docx.count))
    report.add("\(formatCount(quotes.count)) quotes to CSV", formatDuration(csvTime) + ", " + formatBytes(csv.utf8.count))

    let pages = try interactivePhase(options, store: store, directory: directory, report: &report)
    try webPhase(options, store: store, transcripts: pages, report: &report)
    try teamsPhase(options, store: store, plan: plan, directory: directory, report: &report)
    try privacyPhase(options, store: store, report: &report)

    return try searchPhase(options, store: store, outcome: outcome)
}

/// Search through the library; the raw FTS5 side runs once the store is closed.
private func searchPhase(_ options: Options, store: ProjectStore, outcome: StoreOutcome) throws -> StoreOutcome {
    var outcome = outcome
    note("searching …")
    for query in searchQueries {
        let timing = try Repeated(runs: options.runs + 1) { try store.search(query, limit: 200) }
        outcome.searches.append(LibrarySearch(query: query, expression: timing.value.expression, hits: timing.value.hits.count,
                                              total: timing.value.total, timing: timing))
    }
    return outcome
}

/// Prints «imported 100/1000» lines now and then; safe to call from any thread.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let label: String
    private let step: Int

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        step = max(1, total / 10)
    }

    func tick() {
        let n = lock.withLock { done += 1; return done }
        if n % step == 0 || n == total { note("  \(label) \(n)/\(total)") }
    }
}

func cpuModel() -> String? {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("model name") {
        return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
    }
    return nil
}
