import Foundation

/// One quote export as a front end asks for it: what to export and how (``QuoteOptions``), whether a
/// check that finds a problem stops the export, and whether the export is recorded.
public struct QuoteExportRequest: Sendable {
    public var options: QuoteOptions
    /// Refuse to write when a check before the export finds a problem.
    public var strict: Bool
    /// Record each quote's use with its label once the export is written, so a later export can see
    /// which label a quote had. A look at the quotes (the command line's standard output) is not an
    /// export to record.
    public var recordsUses: Bool

    public init(options: QuoteOptions, strict: Bool = false, recordsUses: Bool = true) {
        self.options = options
        self.strict = strict
        self.recordsUses = recordsUses
    }
}

/// What a quote export did: the quotes it read, the warnings the checks found, and whether the file
/// was written (it is not when ``QuoteExportRequest/strict`` is set and there are warnings).
public struct QuoteExportReport: Sendable, Hashable {
    /// The quotes read, in the export's order; written only when ``wasWritten``.
    public var quotes: [ExportedQuote]
    public var warnings: [QuoteWarning]
    /// The export was written (to its file or stream).
    public var wasWritten: Bool
    /// Every quote's use was recorded with its label (``QuoteExportRequest/recordsUses``).
    public var usesRecorded: Bool
    /// The file's path or the stream's name.
    public var path: String
    /// A label template with no field in braces («Informant»): every quote gets it as it is written,
    /// which is more often a missing pair of braces than a choice. Nil when the label has a field or
    /// is empty (no label).
    public var literalLabel: String?

    /// The number of quotes read.
    public var count: Int { quotes.count }
}

extension ProjectStore {
    /// Exports quotes in one call: reads them, runs the checks, stops there when the request is
    /// strict and a check found a problem, renders the file in the target's format (a CSV quote bank
    /// or a document), writes it, and records each quote's use with its label.
    ///
    /// Uses are recorded only for an export that was written, and only when the request
    /// ``QuoteExportRequest/recordsUses``, with the file's path or the stream's name, so a later export
    /// can see which label a quote had.
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
    ///   strict request with warnings returns them with `wasWritten == false` and writes nothing. A
    ///   label without fields is reported (``QuoteExportReport/literalLabel``) and written as it is.
    /// - Throws: ``StoreError`` for an unknown code, ``ExportError`` for an unknown template field, a file that
    ///   cannot be written, an unknown grouping attribute, or codes whose segments are all in their
    ///   children (``ExportError/onlyInChildren(_:)``). Nothing is written or recorded then.
    public func exportQuotes(_ request: QuoteExportRequest, to target: ExportTarget) throws -> QuoteExportReport {
        let options = request.options
        try pool.read { db in try Self.refuseCodesOnlyInChildren(db, options.codes, includeChildren: options.includeChildren) }
        let quotes = try self.quotes(options)
        let warnings = try checkQuotes(quotes, options: options)
        var report = QuoteExportReport(quotes: quotes, warnings: warnings, wasWritten: false, usesRecorded: false, path: target.path)
        let label = options.style.label
        if !label.isEmpty, try LabelTemplate(label, part: .label, attributes: nil).fieldNames.isEmpty { report.literalLabel = label }
        if request.strict && !warnings.isEmpty { return report }
        let earlier = target.fileURL.map(ExportFile.Snapshot.init(of:))
        switch target.format {
        case .csv: try target.write(ExportedQuote.quoteBank(quotes, labels: options.style.labels(for: options.language)))
        case .docx, .wordxml, .html: try target.write(try quoteDocument(for: quotes, options: options))
        }
        report.wasWritten = true
        guard request.recordsUses else { return report }
        do {
            try recordQuoteUses(quotes.map { ($0.segment, $0.label) }, file: target.path)
        } catch {
            // A file whose quotes' labels were not recorded would escape the next export's checks.
            // The file goes back to what it was (a link stays a link; bytes sent to a device stay sent).
            earlier?.restore()
            throw error
        }
        report.usesRecorded = true
        return report
    }
}
