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
    public var values: WideValues
    public var presentation: TablePresentation

    public init(attributes: [String]? = nil, codes: [String] = [], values: WideValues = .presence,
                presentation: TablePresentation = TablePresentation()) {
        self.attributes = attributes
        self.codes = codes
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
    /// - Throws: ``StoreError/notFound(what:reference:candidates:)`` for an unknown attribute or code.
    public func wideDataSet(_ options: WideOptions = WideOptions()) throws -> WideDataSet {
        try pool.read { db in try Self.wideDataSet(TableSource.read(db), options) }
    }

    static func wideDataSet(_ source: TableSource, _ options: WideOptions) throws -> WideDataSet {
        let presentation = options.presentation
        let words = presentation.words, numbers = presentation.numbers
        let attributes = try source.attributes(named: options.attributes, option: "--attr")
        let codes = try source.codes(named: options.codes)

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
        let data = Table(caption: presentation.caption(or: words.wideCaption), header: [pseudonymVariable] + attributeVariables + codeVariables,
                         rows: rows, notes: [options.values == .presence ? words.widePresenceNote : words.wideCountsNote])

        var entries: [[String]] = [[pseudonymVariable, words.pseudonymMeaning, words.typeName(.text), ""]]
        for (attribute, variable) in zip(attributes, attributeVariables) {
            let present = source.participants.compactMap { $0.attributes[attribute.name] }
            entries.append([variable, attribute.name, words.typeName(attribute.type),
                            words.attributeValues(attribute.type, values: AttributeValueOrder.sorted(Set(present), type: attribute.type)
                                .map { numbers.attributeValue($0, type: attribute.type) }, missing: present.count < source.participants.count)])
        }
        for (index, (entry, variable)) in zip(codes, codeVariables).enumerated() {
            let maximum = perCode[index].values.max() ?? 0
            entries.append([variable, entry.path, words.typeName(.integer),
                            options.values == .presence ? words.presenceValues : words.countValues(maximum: maximum)])
        }
        let dictionary = Table(caption: words.dictionaryCaption, header: words.dictionaryHeader, rows: entries, notes: [words.dictionaryNote])
        return WideDataSet(data: data, dictionary: dictionary)
    }
}
