import Foundation

/// Why a house-style file was refused.
public struct StyleFileError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public var path: String
    public var reason: String
    public var description: String { "\(path): not a usable house style (\(reason)); nothing was written." }
    public var errorDescription: String? { description }
}

extension HouseStyle {
    /// The built-in style with this name (`thesis` or `report`).
    public static func named(_ name: String) -> HouseStyle? { builtIn.first { $0.name == name } }

    /// The style as the JSON a user edits (the format of `Templates/*.json`).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// Reads a house-style file. Every key is optional: what the file leaves out comes from the
    /// built-in style named by `"basedOn"` (default `thesis`), so `{"basedOn": "report", "label":
    /// "({rolle})"}` is a complete file. Unknown keys are refused, so a misspelt setting is not
    /// silently ignored.
    public static func load(from url: URL) throws -> HouseStyle {
        func fail(_ reason: String) -> StyleFileError { StyleFileError(path: url.path, reason: reason) }
        let data: Data
        do {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            guard size <= 1 << 20 else { throw fail("larger than 1 MiB") }
            data = try Data(contentsOf: url)
        } catch let error as StyleFileError { throw error } catch {
            throw fail("cannot be read: \(error.localizedDescription)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let top = object as? [String: Any] else {
            throw fail("not a JSON object")
        }
        try checkKeys(top, allowed: Set(settingNames + ["basedOn"]), at: "", fail: fail)
        if let marks = top["marks"] as? [String: Any] {
            try checkKeys(marks, allowed: ["omission", "cutStart", "cutEnd", "insertion", "gloss"], at: "marks.", fail: fail)
        }
        if let words = top["words"] as? [String: Any] {
            for (language, entry) in words {
                guard DocumentLanguage(rawValue: language) != nil else { throw fail("words: unknown language \"\(language)\" (expected nb or en)") }
                guard let entry = entry as? [String: Any] else { throw fail("words.\(language) must be an object") }
                try checkKeys(entry, allowed: Set(wordKeys.map(\.rawValue)), at: "words.\(language).", fail: fail)
            }
        }
        let baseName = top["basedOn"] as? String ?? "thesis"
        guard var style = named(baseName) else { throw fail("basedOn \"\(baseName)\": expected thesis or report") }
        let partial: Partial
        do { partial = try JSONDecoder().decode(Partial.self, from: data) } catch let DecodingError.typeMismatch(_, context) {
            throw fail("\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type")
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.map(\.stringValue) == ["captions"] {
            throw fail("captions must be \(CaptionStyle.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or "))")
        } catch {
            throw fail("\(error)")
        }
        partial.apply(to: &style)
        style.name = partial.name ?? url.deletingPathExtension().lastPathComponent
        if style.blockWords < 1 { throw fail("blockWords must be 1 or more") }
        // An edit a reader cannot see is not an edit a reader can check (a cut at the start or end may go unmarked).
        if style.marks.omission.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("marks.omission cannot be empty") }
        for (name, brackets) in [("insertion", style.marks.insertion), ("gloss", style.marks.gloss)]
        where brackets.open.trimmingCharacters(in: .whitespaces).isEmpty || brackets.close.trimmingCharacters(in: .whitespaces).isEmpty {
            throw fail("marks.\(name) needs an opening and a closing bracket")
        }
        do {
            _ = try LabelTemplate(style.label, part: .label, attributes: nil)
            _ = try LabelTemplate(style.leadIn, part: .leadIn, attributes: nil)
        } catch {
            throw fail("\(error)")
        }
        return style
    }

    private static func checkKeys(_ object: [String: Any], allowed: Set<String>, at prefix: String,
                                  fail: (String) -> StyleFileError) throws {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw fail("unknown setting \"\(prefix)\(unknown)\"; known: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    /// A style file's contents: everything optional, laid over the base style.
    private struct Partial: Decodable {
        struct Marks: Decodable {
            var omission, cutStart, cutEnd: String?
            var insertion, gloss: QuoteMarks.Brackets?
        }
        var name, label, leadIn: String?
        var capitalizeLabels, italic, markCutStart, namesInSummary: Bool?
        var captions: CaptionStyle?
        var blockWords: Int?
        var quotationMarks, innerQuotationMarks: QuoteMarks.Brackets?
        var marks: Marks?
        var fillers: [String]?
        var words: [String: [String: String]]?

        func apply(to style: inout HouseStyle) {
            if let label { style.label = label }
            if let leadIn { style.leadIn = leadIn }
            if let capitalizeLabels { style.capitalizeLabels = capitalizeLabels }
            if let italic { style.italic = italic }
            if let markCutStart { style.markCutStart = markCutStart }
            if let namesInSummary { style.namesInSummary = namesInSummary }
            if let captions { style.captions = captions }
            if let blockWords { style.blockWords = blockWords }
            if let quotationMarks { style.quotationMarks = quotationMarks }
            if let innerQuotationMarks { style.innerQuotationMarks = innerQuotationMarks }
            if let m = marks {
                if let v = m.omission { style.marks.omission = v }
                if let v = m.cutStart { style.marks.cutStart = v }
                if let v = m.cutEnd { style.marks.cutEnd = v }
                if let v = m.insertion { style.marks.insertion = v }
                if let v = m.gloss { style.marks.gloss = v }
            }
            if let fillers { style.fillers = fillers }
            for (language, renamed) in words ?? [:] {
                for (key, text) in renamed { style.words[language, default: [:]][LabelKey(key)] = text }
            }
        }
    }
}

extension HouseStyle {
    /// The top-level keys of a style file (besides `basedOn`); a test checks they are the encoded keys.
    static let settingNames = ["name", "label", "leadIn", "capitalizeLabels", "blockWords", "italic", "markCutStart", "namesInSummary",
                               "captions", "quotationMarks", "innerQuotationMarks", "marks", "fillers", "words"]
}
