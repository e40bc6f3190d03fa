import Foundation

/// Bytes → normalised text: BOM-aware decoding, LF line ends, NFC.
enum TextDecoding {
    /// Decodes a text file. UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised; any
    /// other encoding must be named. NUL bytes mean binary data and are refused.
    static func decode(_ data: Data, file: String, encoding: String.Encoding?) throws(ImportError) -> String {
        guard !data.isEmpty else { throw .empty(file: file) }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try utf8(bytes[3...], file: file, offset: 3)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let le = bytes[0] == 0xFF
            guard let text = String(data: Data(bytes[2...]), encoding: le ? .utf16LittleEndian : .utf16BigEndian) else {
                throw .undecodable(file: file, encoding: le ? "UTF-16LE" : "UTF-16BE")
            }
            return try checkedForControls(text, file: file)
        }
        if let encoding {
            guard let text = String(data: data, encoding: encoding) else {
                throw .undecodable(file: file, encoding: encoding.description)
            }
            return try checkedForControls(text, file: file)
        }
        if bytes.prefix(8192).contains(0) { throw .binary(file: file) }
        return try utf8(bytes[...], file: file, offset: 0)
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>, file: String, offset: Int) throws(ImportError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return try checkedForControls(text, file: file) }
        // Find the first bad byte so the message can point at it.
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var position = offset
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded): position += encoded.count
            case .emptyInput: return String(decoding: bytes, as: UTF8.self)
            case .error: throw .invalidUTF8(file: file, byteOffset: position)
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
