import Foundation
import QualCode

/// How a tool counted the positions of its text selections.
public enum OffsetConvention: String, Sendable, Codable, CaseIterable {
    /// Unicode code points of the file as stored, from 0: what the standard says.
    case codePoints
    /// Code points, with a CRLF in the file counted as one (ATLAS.ti).
    case codePointsCRLFAsOne
    /// UTF-16 code units, CRLF as two (NVivo for Windows).
    case utf16
    /// UTF-16 code units, CRLF as one.
    case utf16CRLFAsOne
    /// UTF-8 bytes (Taguette's highlights); never guessed for a REFI-QDA file.
    case utf8Bytes

    public var description: String {
        switch self {
        case .codePoints: "Unicode code points"
        case .codePointsCRLFAsOne: "code points with CRLF as one"
        case .utf16: "UTF-16 code units"
        case .utf16CRLFAsOne: "UTF-16 code units with CRLF as one"
        case .utf8Bytes: "UTF-8 bytes"
        }
    }

    /// The order ties are broken in: the writer's own convention first when the project says who wrote it.
    static func preferred(origin: String?) -> [OffsetConvention] {
        let origin = origin?.lowercased() ?? ""
        if origin.contains("nvivo") { return [.utf16, .codePoints, .codePointsCRLFAsOne, .utf16CRLFAsOne] }
        if origin.contains("atlas") { return [.codePointsCRLFAsOne, .codePoints, .utf16CRLFAsOne, .utf16] }
        return [.codePoints, .codePointsCRLFAsOne, .utf16, .utf16CRLFAsOne]
    }

    /// How many units a scalar counts for; `next` is the scalar after it.
    func width(_ scalar: Unicode.Scalar, next: Unicode.Scalar?) -> Int {
        if self == .utf8Bytes { return UTF8.width(scalar) }
        if scalar == "\r" && next == "\n" && (self == .codePointsCRLFAsOne || self == .utf16CRLFAsOne) { return 0 }
        if scalar.value > 0xFFFF && (self == .utf16 || self == .utf16CRLFAsOne) { return 2 }
        return 1
    }
}

/// A source's text as the writing tool had it (line ends and all) beside the text we store (LF line
/// ends, NFC, no trailing line ends), with the way from a position in one to an offset in the other.
struct SourceText {
    /// The stored text.
    let text: String
    let scalars: [Unicode.Scalar]
    let lineEnding: LineEnding
    private let raw: [Unicode.Scalar]
    /// For each raw scalar, its offset in the stored text (one more entry for the end).
    private let stored: [Int]
    /// Per convention, the units before each raw scalar (one more entry for the end).
    private var units: [OffsetConvention: [Int]] = [:]

    init(raw text: String) {
        raw = Array(text.unicodeScalars)
        // Line ends: a CR before an LF goes; a lone CR becomes an LF.
        var lf: [Unicode.Scalar] = []
        var lfIndex: [Int] = []
        lf.reserveCapacity(raw.count)
        var crlf = 0, cr = 0, lfs = 0
        for (i, s) in raw.enumerated() {
            lfIndex.append(lf.count)
            if s == "\r" {
                if i + 1 < raw.count && raw[i + 1] == "\n" { crlf += 1; continue }
                cr += 1
                lf.append("\n")
            } else {
                if s == "\n" && !(i > 0 && raw[i - 1] == "\r") { lfs += 1 }
                lf.append(s)
            }
        }
        lfIndex.append(lf.count)
        let kinds = [crlf > 0, cr > 0, lfs > 0].filter { $0 }.count
        lineEnding = kinds > 1 ? .mixed : crlf > 0 ? .crlf : cr > 0 ? .cr : lfs > 0 ? .lf : .none
        // NFC in pieces that start at a scalar which never combines with what stands before it, so each
        // piece keeps its place: a position inside a piece that composed shorter is held to its end.
        var normal: [Unicode.Scalar] = []
        var pieceMap = [Int](repeating: 0, count: lf.count + 1)
        var i = 0
        while i < lf.count {
            var j = i + 1
            while j < lf.count && !ExchangeInput.isNFCStable(lf[j]) { j += 1 }
            let piece = String(String.UnicodeScalarView(lf[i..<j]))
            let composed = j - i == 1 ? [lf[i]] : Array(piece.precomposedStringWithCanonicalMapping.unicodeScalars)
            for k in i..<j { pieceMap[k] = normal.count + min(k - i, composed.count) }
            normal += composed
            i = j
        }
        pieceMap[lf.count] = normal.count
        while normal.last == "\n" { normal.removeLast() }
        scalars = normal
        self.text = String(String.UnicodeScalarView(normal))
        stored = lfIndex.map { min(pieceMap[$0], normal.count) }
    }

    var count: Int { scalars.count }

    /// The units before each raw scalar under `convention`.
    private mutating func unitTable(_ convention: OffsetConvention) -> [Int] {
        if let table = units[convention] { return table }
        var table = [Int]()
        table.reserveCapacity(raw.count + 1)
        var total = 0
        for (i, s) in raw.enumerated() {
            table.append(total)
            total += convention.width(s, next: i + 1 < raw.count ? raw[i + 1] : nil)
        }
        table.append(total)
        units[convention] = table
        return table
    }

    /// The stored-text offset of a position counted in `convention`; nil when it lies past the end or
    /// inside a character (half of a surrogate pair).
    mutating func offset(_ position: Int, _ convention: OffsetConvention) -> Int? {
        let table = unitTable(convention)
        guard position >= 0, position <= table[table.count - 1] else { return nil }
        var low = 0, high = table.count - 1
        while low < high {
            let mid = (low + high) / 2
            if table[mid] < position { low = mid + 1 } else { high = mid }
        }
        return table[low] == position ? stored[low] : nil
    }

    /// The stored-text offset just after the character that starts at `position` (an end given as the
    /// last character, as the standard's wording has it); nil as for ``offset(_:_:)`` or at the end.
    mutating func offset(after position: Int, _ convention: OffsetConvention) -> Int? {
        guard let start = offset(position, convention) else { return nil }
        let table = unitTable(convention)
        // The first raw scalar at or after the position that counts, and the stored offset past it.
        var low = 0, high = table.count - 1
        while low < high {
            let mid = (low + high) / 2
            if table[mid] < position { low = mid + 1 } else { high = mid }
        }
        while low < raw.count && convention.width(raw[low], next: low + 1 < raw.count ? raw[low + 1] : nil) == 0 { low += 1 }
        guard low < raw.count else { return nil }
        return max(start, stored[low + 1])
    }

    /// The text's length in the units of `convention`.
    mutating func length(_ convention: OffsetConvention) -> Int { unitTable(convention).last ?? 0 }

    func slice(_ start: Int, _ end: Int) -> String { String(String.UnicodeScalarView(scalars[start..<end])) }

    /// Whether an offset falls between words (or at an end of the text).
    func isBoundary(_ offset: Int) -> Bool {
        guard offset > 0, offset < scalars.count else { return true }
        return !(Self.isWord(scalars[offset - 1]) && Self.isWord(scalars[offset]))
    }

    static func isWord(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil }
}
