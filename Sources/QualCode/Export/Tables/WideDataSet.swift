import Foundation

/// What the code columns of a wide data set hold.
public enum WideValues: String, Sendable, Hashable, CaseIterable, Codable {
    /// 1 when the participant said at least one segment with the code, else 0.
    case presence
    /// The number of the participant's segments with the code.
    case counts
}

/// What goes into a wide data set.
public struct WideOptions: Sendable, Hashable {
    /// The attribute columns, in this order; nil gives every attribute, by name.
    public var attributes: [String]?
    /// The code columns (name or path); empty means every code, in tree order.
    public var codes: [String]
    /// Whether a named code's column also counts the segments of every code below it.
    public var includeChildren: Bool
    public var values: WideValues
    public var presentation: TablePresentation

    public init(attributes: [String]? = nil, codes: [String] = [], includeChildren: Bool = false, values: WideValues = .presence,
                presentation: TablePresentation = TablePresentation()) {
        self.attributes = attributes
        self.codes = codes
        self.includeChildren = includeChildren
        self.values = values
        self.presentation = presentation
    }
}

/// A participant × code data set for SPSS, R, Stata or Excel: one row per participant with the
/// pseudonym, the attributes and one column per code, under variable names every package accepts
/// (``VariableNames``), and a data dictionary saying what each variable is.
public struct WideDataSet: Sendable, Hashable {
    /// The data: variable names as the header, one row per participant.
    public var data: Table
    /// One row per variable: its name, what it stands for (the full code path or attribute name),
    /// its type and what its values mean.
    public var dictionary: Table

    /// Where the dictionary goes beside the data file: `ut/deltakere.csv` → `ut/deltakere_dictionary.csv`.
    public static func dictionaryPath(for path: String) -> String {
        (path as NSString).deletingPathExtension + "_dictionary.csv"
    }
}

extension ProjectStore {
    /// The wide data set: participants by pseudonym, attribute values as stored (floats with the
    /// language's decimal separator, missing values empty), and per code a 0/1 presence or a count.
    ///
    /// - Throws: ``ExportError/unknownAttribute(name:use:known:suggestions:)`` for an unknown attribute,
    ///   ``StoreError`` for an unknown code, ``ExportError/onlyInChildren(_:)`` for a named code whose
    ///   segments are all in its children while `options.includeChildren` is false.
    public func wideDataSet(_ options: WideOptions = WideOptions()) throws -> WideDataSet {
        try pool.read { db in
            let source = try TableSource.read(db)
            let codes = try source.codes(named: options.codes, in: db)
            try Self.refuseCodesOnlyInChildren(db, options.codes, includeChildren: options.includeChildren)
            return try Self.wideDataSet(options.includeChildren ? source.includingChildren(of: codes) : source, codes: codes, options)
        }
    }

    static func wideDataSet(_ source: TableSource, codes: [TableSource.CodeEntry], _ options: WideOptions) throws -> WideDataSet {
        let presentation = options.presentation
        let words = presentation.words, numbers = presentation.numbers
        let attributes = try source.attributes(named: options.attributes, for: .tableColumns)

        // Names are handed out over the whole project in the order attributes and codes were made, so
        // adding, choosing or reordering them never renames a variable an analysis script relies on.
        var names = VariableNames()
        let pseudonymVariable = names.name(for: "pseudonym")
        var attributeNames: [UUID: String] = [:]
        for attribute in source.attributes.sorted(by: { $0.id.uuidString < $1.id.uuidString }) {
            attributeNames[attribute.id] = names.name(for: attribute.name)
        }
        var codeNames: [UUID: String] = [:]
        for entry in source.codes.sorted(by: { ($0.code.createdAt, $0.code.id.uuidString) < ($1.code.createdAt, $1.code.id.uuidString) }) {
            codeNames[entry.code.id] = names.name(for: entry.code.name, prefix: "k_")
        }
        let attributeVariables = attributes.map { attributeNames[$0.id] ?? names.name(for: $0.name) }
        let codeVariables = codes.map { codeNames[$0.code.id] ?? names.name(for: $0.code.name, prefix: "k_") }

        let perCode = codes.map { source.segmentCounts(of: $0.code.id) }
        let rows = source.participants.map { p in
            [p.pseudonym]
                + attributes.map { a in p.attributes[a.name].map { numbers.attributeValue($0, type: a.type) } ?? "" }
                + perCode.map { counts in
                    let n = counts[p.id] ?? 0
                    return options.values == .presence ? (n > 0 ? "1" : "0") : String(n)
                }
        }
        let data = Table(caption: presentation.caption(or: words[.wideCaption]), header: [pseudonymVariable] + attributeVariables + codeVariables,
                         rows: rows, notes: [options.values == .presence ? words[.widePresenceNote] : words[.wideCountsNote]])

        var entries: [[String]] = [[pseudonymVariable, words[.pseudonymMeaning], words.typeName(.text), ""]]
        for (attribute, variable) in zip(attributes, attributeVariables) {
            let present = source.participants.compactMap { $0.attributes[attribute.name] }
            entries.append([variable, attribute.displayName, words.typeName(attribute.type),
                            words.attributeValues(attribute.type, values: AttributeValueOrder.sorted(Set(present), type: attribute.type)
                                .map { numbers.attributeValue($0, type: attribute.type) }, missing: present.count < source.participants.count)])
        }
        for (index, (entry, variable)) in zip(codes, codeVariables).enumerated() {
            let maximum = perCode[index].values.max() ?? 0
            entries.append([variable, entry.path, words.typeName(.integer),
                            options.values == .presence ? words[.presenceValues] : words.countValues(maximum: maximum)])
        }
        let dictionary = Table(caption: words[.dictionaryCaption], header: words.dictionaryHeader, rows: entries, notes: [words.dictionaryNote])
        return WideDataSet(data: data, dictionary: dictionary)
    }
}

/// What a wide export wrote: the size of the data set and its files.
public struct WideExportReport: Sendable, Hashable {
    public var participants: Int
    public var variables: Int
    /// The data file (CSV) or the document holding both tables.
    public var path: String
    /// The data dictionary beside a CSV data file; nil when it is the document's second table or was
    /// left out.
    public var dictionaryPath: String?
    /// CSV sent to a stream, a device or a named pipe carries the data alone: a stream is one file,
    /// and the dictionary is the second.
    public var dictionaryLeftOut = false
}

extension ProjectStore {
    /// Exports the wide data set and its data dictionary in one call, both or neither: as CSV, the
    /// data goes to the target and the dictionary beside it (``WideDataSet/dictionaryPath(for:)``);
    /// in a document, the dictionary is the second table.
    ///
    /// If the dictionary cannot be written, the data file is put back as it was (removed, or its
    /// earlier contents restored) before the error is thrown. CSV sent to a stream, or to a path that
    /// is a device or a named pipe, is the data alone (``WideExportReport/dictionaryLeftOut``).
    ///
    /// - Throws: what ``wideDataSet(_:)`` throws, and ``ExportError/cannotWrite(path:reason:)`` for
    ///   either file; nothing is left written then.
    public func exportWideDataSet(_ options: WideOptions, to target: ExportTarget) throws -> WideExportReport {
        let dataSet = try wideDataSet(options)
        var report = WideExportReport(participants: dataSet.data.rows.count, variables: dataSet.dictionary.rows.count,
                                      path: target.path, dictionaryPath: nil)
        guard target.format == .csv else {
            try target.write([dataSet.data, dataSet.dictionary], presentation: options.presentation)
            return report
        }
        // A device or a named pipe (`/dev/stdout`, a FIFO) is a stream too: no file beside it.
        guard let file = target.fileURL, (try? ExportFile.check(file)) != .stream else {
            try target.write(dataSet.data.textTable)
            report.dictionaryLeftOut = true
            return report
        }
        let dictionaryPath = WideDataSet.dictionaryPath(for: target.path)
        let earlier = ExportFile.Snapshot(of: file)
        try target.write(dataSet.data.textTable)
        do {
            try target.write(dataSet.dictionary.textTable, to: URL(fileURLWithPath: dictionaryPath))
        } catch {
            // Both files or neither: the data file goes back to what it was.
            earlier.restore()
            throw error
        }
        report.dictionaryPath = dictionaryPath
        return report
    }
}
