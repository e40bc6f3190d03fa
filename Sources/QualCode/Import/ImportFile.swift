import Foundation

/// Reads a file to be imported, with the checks every importer shares: it is a regular file, not
/// empty and not over its size limit, and its first megabytes can refuse it before the rest is read.
package enum ImportFile {
    /// How much of a file `inspectHead` sees before the rest is read: enough to tell text from binary
    /// data or from another encoding, small enough that refusing a large file costs next to nothing.
    static let headSize = 4 << 20

    /// The file's bytes.
    ///
    /// - parameter inspectHead: called with the first ``headSize`` bytes and whether they are the
    ///   whole file; what it throws refuses the file before the rest is read.
    package static func read(_ url: URL, limit: Int,
                     inspectHead: ((Data, _ isWhole: Bool) throws(ImportError) -> Void)? = nil) throws(ImportError) -> Data {
        let file = url.lastPathComponent
        let size = try regularFileSize(url, file: file)
        guard size <= limit else { throw .tooLarge(file: file, bytes: size, limit: limit) }
        guard size > 0 else { throw .empty(file: file) }
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch { throw .unreadable(file: file, reason: error.localizedDescription) }
        defer { try? handle.close() }
        var data: Data
        do { data = try handle.read(upToCount: headSize) ?? Data() } catch { throw .unreadable(file: file, reason: error.localizedDescription) }
        guard !data.isEmpty else { throw .empty(file: file) }
        let isWhole = data.count < headSize
        try inspectHead?(data, isWhole)
        if !isWhole {
            do {
                try handle.seek(toOffset: 0)
                data = try handle.readToEnd() ?? Data()
            } catch {
                throw .unreadable(file: file, reason: error.localizedDescription)
            }
            // The file may have grown since its size was looked at.
            guard data.count <= limit else { throw .tooLarge(file: file, bytes: data.count, limit: limit) }
        }
        return data
    }

    /// A text file's bytes, held to the size of a transcript's text and refused from its first
    /// megabytes when they are binary data or not in the encoding it must be in.
    static func readText(_ url: URL, encoding: String.Encoding?) throws(ImportError) -> Data {
        let file = url.lastPathComponent
        return try read(url, limit: TranscriptReader.maxTextSize) { head, isWhole throws(ImportError) in
            try TextDecoding.inspect(head: head, isWhole: isWhole, file: file, encoding: encoding)
        }
    }

    private static func regularFileSize(_ url: URL, file: String) throws(ImportError) -> Int {
        let values: URLResourceValues
        do { values = try url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]) } catch {
            throw .unreadable(file: file, reason: "no such file")
        }
        guard values.isRegularFile == true else { throw .unreadable(file: file, reason: "not a regular file") }
        return values.fileSize ?? 0
    }
}
