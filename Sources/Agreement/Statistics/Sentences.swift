import Foundation

/// The sentences of a transcript, as spans of its text: a line break ends one, and so does `.`, `!`,
/// `?` or `…` followed by white space (closing quotes and brackets stay with their sentence). Leading
/// and trailing white space is left out, and only stretches with a letter or digit count, so a lone
/// «–» or «...» line is not a unit («(latter)» is).
func sentences(of text: String) -> [Span] {
    let scalars = Array(text.unicodeScalars)
    var spans: [Span] = []
    var start = 0
    func close(_ end: Int) {
        var a = start, b = end
        while a < b, scalars[a].properties.isWhitespace { a += 1 }
        while b > a, scalars[b - 1].properties.isWhitespace { b -= 1 }
        if a < b, scalars[a..<b].contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
            spans.append(Span(start: a, end: b))
        }
    }
    var i = 0
    while i < scalars.count {
        let s = scalars[i]
        if s == "\n" || s == "\r" || s == "\u{2028}" || s == "\u{2029}" {
            close(i)
            start = i + 1
        } else if s == "." || s == "!" || s == "?" || s == "…" {
            var j = i + 1
            while j < scalars.count, ".!?…»\"”’)]".unicodeScalars.contains(scalars[j]) { j += 1 }
            if j == scalars.count || scalars[j].properties.isWhitespace {
                close(j)
                start = j
                i = j
                continue
            }
        }
        i += 1
    }
    close(scalars.count)
    return spans
}
