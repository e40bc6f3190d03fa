import Foundation

extension String {
    /// Every occurrence of `word` that stands as a word of its own (no letter or digit right before or
    /// after it) replaced by `replacement`: «Kari» goes from «Kari sa» and «Karis», not from «Karianne».
    /// A genitive «s» after it stays, as the detectors find it.
    package func replacingWholeWords(_ word: String, with replacement: String) -> String {
        let needle = Array(word.unicodeScalars)
        guard !needle.isEmpty, contains(word) else { return self }
        let s = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0, copied = 0
        while i + needle.count <= s.count {
            let fits = s[i] == needle[0] && (i == 0 || !s[i - 1].isWordScalar) && s[i..<(i + needle.count)].elementsEqual(needle)
            let end = i + needle.count
            let after: Unicode.Scalar? = end < s.count ? s[end] : nil
            let genitive = after == "s" && (end + 1 == s.count || !s[end + 1].isWordScalar)
            if fits, after == nil || !after!.isWordScalar || genitive {
                out.append(contentsOf: s[copied..<i])
                out.append(contentsOf: replacement.unicodeScalars)
                i = end
                copied = end
            } else {
                i += 1
            }
        }
        out.append(contentsOf: s[copied...])
        return String(out)
    }
}
