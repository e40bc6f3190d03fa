import Foundation

/// One quote export as a front end asks for it: what to export and how (``QuoteOptions``), and
/// whether a check that finds a problem stops the export.
public struct QuoteExportRequest: Sendable {
    public var options: QuoteOptions
    /// Refuse to write when a check before the export finds a problem.
    public var strict: Bool

    public init(options: QuoteOptions, strict: Bool = false) {
        self.options = options
        self.strict = strict
    }
}

/// What a quote export did: the quotes it read, the warnings the checks found, and whether the file
/// was written (it is not when ``QuoteExportRequest/strict`` is set and there are warnings).
public struct QuoteExportReport: Sendable, Hashable {
    /// The quotes read, in the export's order; written only when ``wasWritten``.
    public var quotes: [ExportedQuote]
    public var warnings: [QuoteWarning]
    /// The file was written and every quote's use recorded with its label.
    public var wasWritten: Bool
    public var path: String

    /// The number of quotes read.
    public var count: Int { quotes.count }
}

extension ProjectStore {
    /// Exports quotes in one call: reads them, runs the checks, stops there when the request is
    /// strict and a check found a problem, renders the file in the target's format (a CSV quote bank
    /// or a document), writes it, and records each quote's use with its label.
    ///
    /// Uses are recorded only for a file that was written, so a later export can see which label a
    /// quote had.
    ///
    /// For example:
    /// ```swift
    /// var options = QuoteOptions(codes: ["Tillit"])
    /// options.style = .report
    /// let report = try store.exportQuotes(QuoteExportRequest(options: options, strict: true),
    ///                                     to: ExportTarget(path: "tillit.docx", format: .docx))
    /// if !report.wasWritten { /* show report.warnings */ }
    /// ```
    ///
    /// - Returns: the quotes, warnings, and whether the file was written. Warnings are not errors: a
    ///   strict request with warnings returns them with `wasWritten == false` and writes nothing.
    /// - Throws: ``StoreError`` for an unknown code or template field, ``ExportError`` for a file that
    ///   cannot be written, an unknown grouping attribute, or codes whose segments are all in their
    ///   children (``ExportError/onlyInChildren(_:)``). Nothing is written or recorded then.
    public func exportQuotes(_ request: QuoteExportRequest, to target: ExportTarget) throws -> QuoteExportReport {
        let options = request.options
        try pool.read { db in try Self.refuseCodesOnlyInChildren(db, options.codes, includeChildren: options.includeChildren) }
        let quotes = try self.quotes(options)
        let warnings = try checkQuotes(quotes, options: options)
        var report = QuoteExportReport(quotes: quotes, warnings: warnings, wasWritten: false, path: target.path)
        if request.strict && !warnings.isEmpty { return report }
        switch target.format {
        case .csv: try target.write(ExportedQuote.quoteBank(quotes, labels: options.style.labels(for: options.language)))
        case .docx, .wordxml, .html: try target.write(try quoteDocument(for: quotes, options: options))
        }
        do {
            try recordQuoteUses(quotes.map { ($0.segment, $0.label) }, file: target.path)
        } catch {
            // A file whose quotes' labels were not recorded would escape the next export's checks.
            try? FileManager.default.removeItem(at: target.url)
            throw error
        }
        report.wasWritten = true
        return report
    }
}
