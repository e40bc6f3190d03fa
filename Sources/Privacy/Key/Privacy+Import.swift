import Foundation
import QualCode

extension PseudonymKey {
    /// Each real name, each part of it and each voice tag, with the pseudonym that stands for it;
    /// longest first, so «Tordis Testdatter» is replaced before «Tordis».
    public var pseudonymReplacements: [Scrub] {
        detectorTerms.filter { $0.kind == .name }.map { Scrub(text: $0.text, replacement: $0.replacement) }
            .sorted { $0.text.count > $1.text.count }
    }
}

extension Privacy {
    /// Text formats whose words are put through the key before import; a Word file keeps its text
    /// (the scan finds the names in it afterwards).
    static let textFormats: Set<String> = ["vtt", "srt", "txt", "md"]

    /// Imports transcripts with the key's real names and voice tags replaced by their pseudonyms
    /// before anything is stored: in the file's name (so the title, the short name and the file name
    /// the project records carry the pseudonym) and, in text formats, in the text itself — a Teams
    /// recording's voice tags (`<v Tordis Testdatter>`), speaker labels and the words. The project sees
    /// only pseudonyms; the key keeps the mapping. Copies are made in a folder readable by the user
    /// alone and removed afterwards.
    ///
    /// - Throws: what ``ProjectStore/importTranscripts(_:options:progress:)`` throws, naming the
    ///   pseudonymised file.
    public func importTranscripts(_ urls: [URL], options: ImportOptions, key: PseudonymKey,
                                  progress: (@Sendable (Int, Int, String) -> Void)? = nil) throws -> [TranscriptSummary] {
        let replacements = key.pseudonymReplacements
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-pseudonyms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        var copies: [URL] = []
        for (index, url) in urls.enumerated() {
            let stem = ProjectStore.scrub(url.deletingPathExtension().lastPathComponent, replacements)
            // A folder of its own per file, so two files that become one name stay two.
            let place = folder.appendingPathComponent(String(index))
            try FileManager.default.createDirectory(at: place, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let copy = place.appendingPathComponent(url.pathExtension.isEmpty ? stem : "\(stem).\(url.pathExtension)")
            guard FileManager.default.fileExists(atPath: url.path) else {
                copies.append(url)  // the importer names the missing file as given
                continue
            }
            var data = try Data(contentsOf: url)
            if Self.textFormats.contains(url.pathExtension.lowercased()), let text = Self.decoded(data, options.encoding) {
                data = Data(ProjectStore.scrub(text, replacements).utf8)
            }
            try data.write(to: copy)
            copies.append(copy)
        }
        var options = options
        for replacement in replacements where options.speakerMap[replacement.text] == nil {
            options.speakerMap[replacement.text] = replacement.replacement
        }
        return try store.importTranscripts(copies, options: options, progress: progress)
    }

    /// The text of a file in UTF-8 (a byte-order mark dropped) or in the encoding given; nil otherwise,
    /// and the importer then refuses it in its own words.
    private static func decoded(_ data: Data, _ encoding: String.Encoding?) -> String? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        return encoding.flatMap { String(data: data, encoding: $0) }
    }
}
