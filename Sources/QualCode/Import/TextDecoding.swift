import Foundation

/// The encodings a text file without a byte-order mark can be named as: the same for transcripts
/// and participant sheets. UTF-8 needs no naming, and a file with a BOM says its own.
public enum TextEncoding: String, Sendable, CaseIterable, Codable {
    case utf8 = "utf-8", utf16LE = "utf-16le", utf16BE = "utf-16be", latin1, windows1252 = "windows-1252"

    /// Other names people give the same encodings.
    static let aliases: [String: TextEncoding] = ["utf8": .utf8, "iso-8859-1": .latin1, "latin-1": .latin1, "cp1252": .windows1252]

    /// The encoding by its name or a usual alias, in any case (`Windows-1252`, `cp1252`).
    public init?(name: String) {
        let key = name.lowercased()
        guard let found = TextEncoding(rawValue: key) ?? Self.aliases[key] else { return nil }
        self = found
    }

    public var stringEncoding: String.Encoding {
        switch self {
        case .utf8: .utf8
        case .utf16LE: .utf16LittleEndian
        case .utf16BE: .utf16BigEndian
        case .latin1: .isoLatin1
        case .windows1252: .windowsCP1252
        }
    }
}

/// Bytes → normalised text: BOM-aware decoding, LF line ends, NFC.
enum TextDecoding {
    /// Decodes a text file. UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised; any
    /// other encoding must be named. NUL bytes mean binary data and are refused.
    static func decode(_ data: Data, file: String, encoding: String.Encoding?) throws(ImportError) -> String {
        guard !data.isEmpty else { throw .empty(file: file) }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try utf8(data, from: 3, file: file)
        }
        if let bom = utf16ByteOrderMark(data) {
            guard let text = String(data: data.dropFirst(2), encoding: bom) else {
                throw .undecodable(file: file, encoding: bom == .utf16LittleEndian ? "UTF-16LE" : "UTF-16BE")
            }
            return try checkedForControls(text, file: file)
        }
        if let encoding, encoding != .utf8 {
            if !isUTF16(encoding), containsNUL(data) { throw .binary(file: file) }
            guard let text = String(data: data, encoding: encoding) else {
                throw .undecodable(file: file, encoding: encoding.description)
            }
            return try checkedForControls(text, file: file)
        }
        return try utf8(data, from: 0, file: file)
    }

    /// Refuses a file from its first bytes, before the rest is read: NUL bytes (binary data), or, when
    /// the text must be UTF-8, the first byte that is not. `isWhole` says whether `head` is the whole
    /// file; if not, a character cut off at its end is left for the full read to judge.
    static func inspect(head: Data, isWhole: Bool, file: String, encoding: String.Encoding?) throws(ImportError) {
        if utf16ByteOrderMark(head) != nil || encoding.map(isUTF16) == true { return }
        if containsNUL(head) { throw .binary(file: file) }
        guard encoding == nil || encoding == .utf8 else { return }
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // The fast check first; the byte-by-byte search only for a head that fails it.
        guard validUTF8(head, from: start) == nil, let bad = firstInvalidUTF8(head, from: start) else { return }
        if !isWhole && bad >= head.count - 3 { return }
        throw .invalidUTF8(file: file, byteOffset: bad)
    }

    private static func utf16ByteOrderMark(_ data: Data) -> String.Encoding? {
        data.starts(with: [0xFF, 0xFE]) ? .utf16LittleEndian : data.starts(with: [0xFE, 0xFF]) ? .utf16BigEndian : nil
    }

    private static func isUTF16(_ encoding: String.Encoding) -> Bool {
        encoding == .utf16 || encoding == .utf16LittleEndian || encoding == .utf16BigEndian
    }

    /// memchr over the bytes: a NUL anywhere in a 30 MB file is found in milliseconds.
    private static func containsNUL(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return false }
            return memchr(base, 0, raw.count) != nil
        }
    }

    private static func utf8(_ data: Data, from start: Int, file: String) throws(ImportError) -> String {
        if containsNUL(data) { throw .binary(file: file) }
        if let text = validUTF8(data, from: start) { return text }
        throw .invalidUTF8(file: file, byteOffset: firstInvalidUTF8(data, from: start) ?? start)
    }

    /// The bytes from `start` on as a string, or nil if they are not UTF-8: the standard library's
    /// validation over the buffer, without a copy into an array first.
    private static func validUTF8(_ data: Data, from start: Int) -> String? {
        data.withUnsafeBytes { raw in
            String(validating: UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[start...]), as: UTF8.self)
        }
    }

    /// The offset of the first byte that does not start a valid UTF-8 character, or nil.
    private static func firstInvalidUTF8(_ data: Data, from start: Int) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.dropFirst(start).makeIterator()
        var position = start
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded): position += encoded.count
            case .emptyInput: return nil
            case .error: return position
            }
        }
    }

    private static func checkedForControls(_ text: String, file: String) throws(ImportError) -> String {
        if text.unicodeScalars.contains(where: { $0.value == 0 }) { throw .binary(file: file) }
        return text
    }

    /// Characters that are their own NFC form and never combine with a neighbour: everything below
    /// U+0300 (Latin-1 and Latin Extended-A/B, æøå included; combining marks start at U+0300) and the
    /// general punctuation block (– — … ‘ ’ “ ”), except U+2000 and U+2001, which NFC maps to U+2002/3.
    static func isNFCStable(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x300 || (v >= 0x2002 && v <= 0x206F) || v == 0x20AC
    }

    /// LF line ends and NFC, so offsets and typed quotes («å» as one scalar) agree; reports the
    /// original line-ending style.
    static func normalize(_ text: String) -> (text: String, lineEnding: LineEnding) {
        // The usual case: no CR and only characters that are already NFC and never compose, so the
        // text is kept as it is (no rebuild scalar by scalar, no round trip through NSString).
        if !text.utf8.contains(13) && text.unicodeScalars.allSatisfy(isNFCStable) {
            var normalized = text
            while normalized.hasSuffix("\n") { normalized.removeLast() }
            return (normalized, text.utf8.contains(10) ? .lf : .none)
        }
        var crlf = 0, cr = 0, lf = 0
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for s in text.unicodeScalars {
            if s == "\r" {
                if previousWasCR { cr += 1 }
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if s == "\n" {
                if previousWasCR { crlf += 1 } else { lf += 1; scalars.append("\n") }
                previousWasCR = false
                continue
            }
            if previousWasCR { cr += 1 }
            previousWasCR = false
            scalars.append(s)
        }
        if previousWasCR { cr += 1 }
        let kinds = [crlf > 0, cr > 0, lf > 0].filter { $0 }.count
        let ending: LineEnding = kinds > 1 ? .mixed : crlf > 0 ? .crlf : cr > 0 ? .cr : lf > 0 ? .lf : .none
        var normalized = String(scalars).precomposedStringWithCanonicalMapping
        while normalized.hasSuffix("\n") { normalized.removeLast() }
        return (normalized, ending)
    }
}
