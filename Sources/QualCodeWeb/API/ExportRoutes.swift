import Condensation
import Foundation
import HTTPTypes
import Hummingbird
import QualCode
import WorkMapping

/// Downloads of every export with the command line's options: the quotes (`qualcode quotes`), the
/// standard tables (`qualcode export codebook|participants|matrix|codings|wide`), the analysis
/// (`qualcode stc export tables|chapter|csv`) and the work map as a figure and its tables
/// (`qualcode map export docx|tables`). Each route reads the form's choices, makes the one
/// library call the command makes, and hands the file over as an attachment.
///
/// The quote export changes the project — it records each quote's use with its label, as an export to a
/// file does on the command line — so it is a POST with the CSRF token and its options as JSON, and needs
/// a writer. Every other export only reads: a GET with the options in the query (`codes` and `attributes`
/// repeated), which a reader may download too.
struct ExportRoutes {
    let app: WebApp

    /// What a download form sends, named as the command line's options; every field may be left out
    /// (the command line's default), and each route reads the fields of its own export. The quote export
    /// sends them as JSON, the others in the query.
    struct Choices: Decodable, Sendable {
        // Every export: docx, wordxml, html or csv; nb or en; the CSV separator; the file's name.
        var format: String?
        var language: String?
        var delimiter: String?
        var name: String?
        /// Refuse to write text holding a privacy finding neither applied nor dismissed (`--safe`).
        var safe: Bool?
        // The tables.
        var caption: String?
        var landscape: Bool?
        var attributes: [String]?
        var codes: [String]?
        var withChildren: Bool?
        var columns: String?
        var count: String?
        var percent: String?
        var minCell: Int?
        var percentMinN: Int?
        var values: String?
        // The quotes, and the analysis's chapter.
        var style: String?
        var label: String?
        var leadIn: String?
        var blockWords: Int?
        var namesInSummary: Bool?
        var groupBy: String?
        var withQuestion: Bool?
        var cleanFillers: Bool?
        var strict: Bool?
        // The analysis.
        var snapshot: String?
        var withUnits: Bool?
        // The work map.
        var lanes: Bool?
        var tables: [String]?
    }

    func add(to group: RouterGroup<WebContext>) {
        group.post("exports/quotes") { request, context in
            let session = try context.requireWriter()
            try await app.requireSeesEveryonesCodings(session)
            let choices = try await JSON.decode(Choices.self, from: request, context: context)
            let download = try await choices.download(.quotes, app: app)
            let options = QuoteOptions(codes: choices.codes ?? [], includeChildren: choices.withChildren ?? false, style: try choices.quoteStyle(),
                                       grouping: try choices.parsed("groupBy", choices.groupBy ?? "code", QuoteGrouping.init(parsing:)),
                                       language: download.language, withQuestion: choices.withQuestion ?? false,
                                       cleanFillers: choices.cleanFillers ?? false)
            let exportRequest = QuoteExportRequest(options: options, strict: choices.strict ?? false)
            let report = try await app.act(as: session) { try $0.exportQuotes(exportRequest, to: download.target) }
            guard report.wasWritten else {
                let found = report.warnings.map(\.description).joined(separator: " ")
                throw WebError(.unprocessableContent, "\(report.warnings.count) check(s) found a problem and strict is set; nothing was written. \(found)")
            }
            await app.changes.poke()
            let literal = report.literalLabel.map {
                "the label \"\($0)\" has no field in braces, so every quote is labelled just so; name attributes in braces, such as \"({rolle})\"."
            }
            return download.response(notes: DownloadNotes(warnings: report.warnings.map(\.description) + [literal].compactMap { $0 }))
        }
        group.get("exports/codebook") { request, context in
            try await table(.codebook, request, context) { _, presentation in .codebook(CodebookOptions(presentation: presentation)) }
        }
        group.get("exports/participants") { request, context in
            try await table(.participants, request, context) { choices, presentation in
                .participants(ParticipantOverviewOptions(attributes: choices.attributeColumns, presentation: presentation))
            }
        }
        group.get("exports/matrix") { request, context in
            try await table(.matrix, request, context) { choices, presentation in
                .matrix(CodeMatrixOptions(
                    columns: try choices.parsed("columns", choices.columns ?? "", MatrixColumns.init(parsing:)),
                    count: try choices.choice("count", choices.count, default: MatrixCount.participants), codes: choices.codes ?? [],
                    includeChildren: choices.withChildren ?? false,
                    percent: try choices.percent.map { try choices.choice("percent", $0, default: MatrixPercent.row) },
                    minimumCell: choices.minCell ?? 1, minimumPercentBase: choices.percentMinN ?? CodeMatrixOptions.defaultMinimumPercentBase,
                    presentation: presentation))
            }
        }
        group.get("exports/codings") { request, context in
            try await table(.codings, request, context) { choices, presentation in
                .codings(CodingsOptions(attributes: choices.attributeColumns, codes: choices.codes ?? [], includeChildren: choices.withChildren ?? false,
                                        presentation: presentation))
            }
        }
        group.get("exports/wide") { request, context in
            _ = try context.requireSession()
            let choices = try Choices(query: request.uri.queryParameters)
            let download = try await choices.download(.wide, app: app)
            let options = WideOptions(attributes: choices.attributeColumns, codes: choices.codes ?? [], includeChildren: choices.withChildren ?? false,
                                      values: try choices.choice("values", choices.values, default: WideValues.presence),
                                      presentation: try choices.presentation(download.format, download.language))
            guard download.format == .csv else {
                _ = try await app.read { try $0.exportWideDataSet(options, to: download.target) }
                return download.response()
            }
            // As CSV, the data and its dictionary are two files written side by side: both go as one ZIP.
            return try await download.zipped { file in
                let report = try await app.read { try $0.exportWideDataSet(options, to: download.target(file: file)) }
                return [report.path] + [report.dictionaryPath].compactMap { $0 }
            }
        }
        group.get("exports/stc/:kind") { request, context in
            _ = try await app.sessionSeeingEveryonesCodings(context)
            let kind = try ExportRoutes.Choices.choice("kind", context.parameters.get("kind"), default: AnalysisExportRequest.Kind.tables)
            let choices = try Choices(query: request.uri.queryParameters)
            let download = try await choices.download(.analysis(kind), app: app)
            let style = kind == .chapter ? try choices.quoteStyle() : try choices.parsed("style", choices.style ?? "thesis", HouseStyle.builtIn(named:))
            let snapshot = choices.snapshot.flatMap { $0.isEmpty ? nil : $0 }
            let analysis = AnalysisExportRequest(kind: kind, snapshot: snapshot, style: style, language: download.language,
                                                 withUnits: choices.withUnits ?? false, landscape: choices.landscape ?? false)
            let report = try await app.read { try Condensation($0).export(analysis, to: download.target) }
            return download.response(notes: DownloadNotes(tooWide: report.tablesTooWide))
        }
        group.get("exports/map/figure") { request, context in
            _ = try await app.sessionSeeingEveryonesCodings(context)
            let choices = try Choices(query: request.uri.queryParameters)
            let download = try await choices.download(.mapFigure, app: app)
            let lanes = choices.lanes ?? false
            try await app.read { try WorkMapping($0).exportMapDocument(lanes: lanes, language: download.language, to: download.target) }
            return download.response()
        }
        group.get("exports/map/tables") { request, context in
            _ = try await app.sessionSeeingEveryonesCodings(context)
            let choices = try Choices(query: request.uri.queryParameters)
            let download = try await choices.download(.mapTables, app: app)
            let kinds = try (choices.tables ?? []).map { try choices.choice("tables", $0, default: MapTableKind.steps) }
            let tables = MapTablesExportRequest(kinds: kinds.isEmpty ? MapTableKind.allCases : kinds, language: download.language,
                                                style: try choices.parsed("style", choices.style ?? "thesis", HouseStyle.builtIn(named:)))
            let report = try await app.read { try WorkMapping($0).exportTables(tables, to: download.target) }
            return download.response(notes: DownloadNotes(tooWide: report.tablesTooWide))
        }
        group.get("stc/snapshots") { _, context in
            _ = try await app.sessionSeeingEveryonesCodings(context)
            return try JSON.response(try await app.read { try Condensation($0).snapshots() })
        }
    }

    /// One of the standard tables: read the choices, build its options, export it in one library call.
    private func table(_ kind: ExportKind, _ request: Request, _ context: WebContext,
                       _ build: @escaping @Sendable (Choices, TablePresentation) throws -> StandardTable) async throws -> Response {
        _ = try await app.sessionSeeingEveryonesCodings(context)
        let choices = try Choices(query: request.uri.queryParameters)
        let download = try await choices.download(kind, app: app)
        let table = try build(choices, try choices.presentation(download.format, download.language))
        let report = try await app.read { try $0.exportTable(table, to: download.target) }
        return download.response(notes: DownloadNotes(tooWide: report.isTooWide ? [1] : []))
    }
}

// MARK: - Reading the choices

/// The exports a download names, for its usual name and its formats.
enum ExportKind: Sendable {
    case quotes, codebook, participants, matrix, codings, wide
    case analysis(AnalysisExportRequest.Kind)
    case mapFigure, mapTables
    case agreement
    case merge

    /// The label of the file's usual name («sitater», «kodebok»): a download is named in the page's language.
    var stemLabel: LabelKey {
        switch self {
        case .quotes: "fileQuotes"
        case .codebook: "fileCodebook"
        case .participants: "fileParticipants"
        case .matrix: "fileMatrix"
        case .codings: "fileCodings"
        case .wide: "fileWide"
        case .analysis(.tables): "fileAnalysisTables"
        case .analysis(.chapter): "fileAnalysisChapter"
        case .analysis(.csv): "fileAnalysisCSV"
        case .mapFigure: "fileMapFigure"
        case .mapTables: "fileMapTables"
        case .agreement: "fileAgreement"
        case .merge: "fileMerge"
        }
    }

    /// The format when the form names none: the command line's.
    var usualFormat: ExportFormat {
        if case let .analysis(kind) = self { return kind.formats[0] }
        return .docx
    }
}

extension ExportRoutes.Choices {
    /// The choices in a download's address: text as given, `true`/`false` (or 1/0) for a switch, whole
    /// numbers, and `codes`, `attributes` and `tables` repeated for their lists.
    ///
    /// - Throws: a 400 naming the parameter for a switch or number that is not one.
    init(query: Parameters) throws {
        func flag(_ name: String) throws -> Bool? { try query.flag(name) }
        func number(_ name: String) throws -> Int? {
            guard let text = query.get(name) else { return nil }
            guard let number = Int(text) else { throw WebError(.badRequest, "\(name) \"\(Self.shown(text))\": expected a whole number.") }
            return number
        }
        func list(_ name: String) -> [String]? {
            let values = query.getAll(name).filter { !$0.isEmpty }
            return values.isEmpty ? nil : values
        }
        self.init(format: query.get("format"), language: query.get("language"), delimiter: query.get("delimiter"), name: query.get("name"),
                  safe: try flag("safe"), caption: query.get("caption"), landscape: try flag("landscape"), attributes: list("attributes"), codes: list("codes"),
                  withChildren: try flag("withChildren"), columns: query.get("columns"), count: query.get("count"), percent: query.get("percent"),
                  minCell: try number("minCell"), percentMinN: try number("percentMinN"), values: query.get("values"), style: query.get("style"),
                  label: query.get("label"), leadIn: query.get("leadIn"), blockWords: try number("blockWords"),
                  namesInSummary: try flag("namesInSummary"), groupBy: query.get("groupBy"), withQuestion: try flag("withQuestion"),
                  cleanFillers: try flag("cleanFillers"), strict: try flag("strict"), snapshot: query.get("snapshot"), withUnits: try flag("withUnits"),
                  lanes: try flag("lanes"), tables: list("tables"))
    }

    /// A value as a refusal quotes it: its start, control characters escaped.
    static func shown(_ value: String) -> String { String(value.prefix(40)).escapingControlCharacters() }

    /// Where the export goes: a download named by the form (or the export's usual name), in the
    /// format, language and CSV separator chosen.
    func download(_ kind: ExportKind, app: WebApp) async throws -> Download {
        let language = try Self.choice("language", language, default: DocumentLanguage.nb)
        let format = try Self.choice("format", format, default: kind.usualFormat)
        let separator = try parsed("delimiter", delimiter ?? ",", ExportTarget.delimiter(parsing:))
        let stem = try DownloadName.stem(name, format: format) ?? LabelSet.web[kind.stemLabel, language]
        return Download(stem: stem, format: format, delimiter: separator, language: language,
                        screen: try await app.safeExportScreen(if: safe == true))
    }

    /// How a standard table is worded and set: the library's presentation for the format, with the
    /// form's caption and landscape page.
    func presentation(_ format: ExportFormat, _ language: DocumentLanguage) throws -> TablePresentation {
        let caption = caption.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        do {
            return try TablePresentation(for: format, language: language, caption: caption, landscape: landscape ?? false)
        } catch { throw WebError(wrapping: error) }
    }

    /// The built-in house style with the form's changes (label, lead-in, block quotes, names in summaries).
    func quoteStyle() throws -> HouseStyle {
        let base = try parsed("style", style ?? "thesis", HouseStyle.builtIn(named:))
        do {
            return try base.changed(HouseStyle.Changes(label: label, leadIn: leadIn, blockWords: blockWords, namesInSummary: namesInSummary ?? false))
        } catch { throw WebError(wrapping: error) }
    }

    /// The attribute columns chosen; none chosen means all, as on the command line.
    var attributeColumns: [String]? { attributes.flatMap { $0.isEmpty ? nil : $0 } }

    /// `value` read by a library parser; its refusal («"x": expected code, participant or attr:NAME.») is
    /// a 400 that names the field first, as the command line names its option.
    func parsed<T>(_ field: String, _ value: String, _ parse: (String) throws -> T) throws -> T {
        do { return try parse(value) } catch let error as ExportError {
            throw WebError(.badRequest, "\(field) \(error.description)")
        }
    }

    /// One of `T`'s values by name, `fallback` when the field is left out; a 400 naming the values there are.
    func choice<T: RawRepresentable & CaseIterable>(_ field: String, _ value: String?, default fallback: T) throws -> T where T.RawValue == String {
        try Self.choice(field, value, default: fallback)
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ field: String, _ value: String?, default fallback: T) throws -> T
    where T.RawValue == String {
        guard let value else { return fallback }
        guard let chosen = T(rawValue: value) else {
            throw WebError(.badRequest, "\(field) \"\(shown(value))\": expected \(ExportError.list(T.allCases.map(\.rawValue))).")
        }
        return chosen
    }
}

/// The name a download is saved under, as the form gives it.
enum DownloadName {
    static let maximumLength = 120

    /// The stem of `given` («sitater» from «sitater» or «sitater.docx»), nil when none is given.
    ///
    /// - Throws: a 400 for a name with folders in it, a leading dot, control characters or more than
    ///   ``maximumLength`` characters: the name goes to the browser alone, never to a path on the server.
    static func stem(_ given: String?, format: ExportFormat) throws -> String? {
        try stem(given, fileExtension: format.fileExtension)
    }

    /// As ``stem(_:format:)``, for a file whose extension is not one of the table formats (`.qdpx`).
    static func stem(_ given: String?, fileExtension: String) throws -> String? {
        guard var name = given?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
        let shown = String(name.prefix(40)).escapingControlCharacters(invisible: true)
        guard !name.contains("/"), !name.contains("\\"), !name.hasPrefix("."), name.count <= maximumLength,
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory.isControl }) else {
            throw WebError(.badRequest, "name \"\(shown)\": expected a file name without folders, not starting with a dot, "
                           + "of at most \(maximumLength) characters")
        }
        for suffix in [".\(fileExtension)", ".zip"] where name.lowercased().hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        return name.isEmpty ? nil : name
    }
}

// MARK: - The response

/// What the export found that the page shows beside the download: the quote checks' warnings, and the
/// tables too wide for their page (a landscape page may hold them).
struct DownloadNotes: Sendable {
    var warnings: [String] = []
    var tooWide: [Int] = []

    static let warningsHeader = HTTPField.Name("X-QualCode-Warnings")!
    static let tooWideHeader = HTTPField.Name("X-QualCode-Too-Wide")!

    /// The warnings as percent-encoded JSON (a header carries ASCII; the page reads it with
    /// `decodeURIComponent`), the table numbers as «1,3».
    func add(to headers: inout HTTPFields) {
        if !warnings.isEmpty, let json = try? JSON.encoder.encode(warnings),
           let encoded = String(decoding: json, as: UTF8.self).addingPercentEncoding(withAllowedCharacters: Download.attributeCharacters) {
            headers[Self.warningsHeader] = encoded
        }
        if !tooWide.isEmpty { headers[Self.tooWideHeader] = tooWide.map(String.init).joined(separator: ",") }
    }
}

/// One export on its way to the browser: its name and format, and the bytes the library sends to its
/// stream. The library renders an export in full before it sends it, so a failed export sends nothing.
final class Download: @unchecked Sendable {
    let stem: String
    let format: ExportFormat
    let delimiter: Character
    let language: DocumentLanguage
    /// A safe export's privacy screen, which every string passes before a byte is written.
    let screen: (any ExportScreen)?
    private let lock = NSLock()
    private var bytes = Data()

    init(stem: String, format: ExportFormat, delimiter: Character, language: DocumentLanguage, screen: (any ExportScreen)? = nil) {
        self.stem = stem
        self.format = format
        self.delimiter = delimiter
        self.language = language
        self.screen = screen
    }

    var fileName: String { "\(stem).\(format.fileExtension)" }

    /// Where the library writes: a stream named by the file's name (what a recorded quote export names),
    /// with a byte-order mark in CSV so Excel opening the download reads æøå.
    var target: ExportTarget {
        let stream = ExportStream(name: fileName) { [self] data in lock.withLock { bytes.append(data) } }
        var target = ExportTarget(stream: stream, format: format, delimiter: delimiter, byteOrderMark: true)
        target.screen = screen
        return target
    }

    /// A file target for an export of two files (the wide data set and its dictionary).
    func target(file: URL) -> ExportTarget {
        var target = ExportTarget(path: file.path, format: format, delimiter: delimiter)
        target.screen = screen
        return target
    }

    /// The export as an attachment.
    func response(notes: DownloadNotes = DownloadNotes()) -> Response {
        Self.attachment(lock.withLock { bytes }, name: fileName, type: Self.contentType(of: format), notes: notes)
    }

    /// For an export of two files: `write` puts them into a temporary folder of this download's own
    /// (given the data file's path there) and returns their paths; they go to the browser as one ZIP,
    /// and the folder is removed whatever happens.
    func zipped(_ write: (URL) async throws -> [String]) async throws -> Response {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-download-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try await write(folder.appendingPathComponent(fileName))
        let data: Data
        do { data = try ExportArchive.zip(files.map { URL(fileURLWithPath: $0) }) } catch { throw WebError(wrapping: error) }
        return Self.attachment(data, name: "\(stem).zip", type: "application/zip", notes: DownloadNotes())
    }

    /// The characters RFC 8187 leaves as they are in `filename*` (ASCII letters, digits and a few marks);
    /// every other byte of the UTF-8 is percent-encoded.
    static let attributeCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")

    static func contentType(of format: ExportFormat) -> String {
        switch format {
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .wordxml: "application/xml; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    /// `data` to be saved as `name`: the name as UTF-8 (RFC 6266 `filename*`), and an ASCII stand-in
    /// for clients that read only `filename`.
    static func attachment(_ data: Data, name: String, type: String, notes: DownloadNotes) -> Response {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: attributeCharacters) ?? "download"
        let ascii = String(name.unicodeScalars.map { $0.isASCII && !"\"\\;%".unicodeScalars.contains($0) && $0.value >= 32 ? Character($0) : "_" })
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store",
                                   .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"]
        notes.add(to: &headers)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
