import Foundation

/// A user's search query, parsed and rewritten as a safe FTS5 expression.
///
/// The syntax: words, `"phrases"`, `prefix*`, `AND` (or just a space), `OR`, `NOT`, and parentheses.
/// Every word and phrase is quoted before it reaches SQLite, so no user text is ever read as FTS5
/// syntax, and a malformed query is a clear error instead of an SQLite exception.
///
/// For example: `veiledning NOT "fag og personal"` → `"veiledning" NOT "fag og personal"`.
public struct FullTextQuery: Sendable, Hashable {
    public let source: String
    public let expression: String

    public init(_ source: String) throws(FullTextQueryError) {
        self.source = source
        var parser = Parser(tokens: try Self.tokenize(source))
        guard !parser.tokens.isEmpty else { throw .empty }
        let expression = try parser.parseOr()
        if let extra = parser.peek { throw .unexpected(token: extra.display) }
        self.expression = expression
    }

    enum Token: Equatable {
        case word(String, prefix: Bool), phrase(String), and, or, not, open, close
        var display: String {
            switch self {
            case let .word(w, p): w + (p ? "*" : "")
            case let .phrase(p): "\"\(p)\""
            case .and: "AND"
            case .or: "OR"
            case .not: "NOT"
            case .open: "("
            case .close: ")"
            }
        }
    }

    static func tokenize(_ source: String) throws(FullTextQueryError) -> [Token] {
        var tokens: [Token] = []
        // Control characters are no search text: a NUL would end the string FTS5 reads inside a quoted
        // term ("unterminated string"); they separate words like white space.
        let visible = String(String.UnicodeScalarView(source.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        let chars = Array(visible.precomposedStringWithCanonicalMapping)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "(" { tokens.append(.open); i += 1; continue }
            if c == ")" { tokens.append(.close); i += 1; continue }
            if c == "\"" || c == "«" || c == "“" {
                let closer: Character = c == "«" ? "»" : c == "“" ? "”" : "\""
                var j = i + 1
                while j < chars.count && chars[j] != closer && !(closer != "\"" && chars[j] == "\"") { j += 1 }
                guard j < chars.count else { throw .unbalancedQuote(position: i + 1) }
                let phrase = String(chars[(i + 1)..<j]).trimmingCharacters(in: .whitespaces)
                guard phrase.contains(where: { $0.isLetter || $0.isNumber }) else { throw .emptyPhrase(position: i + 1) }
                tokens.append(.phrase(phrase))
                i = j + 1
                continue
            }
            var j = i
            while j < chars.count && !chars[j].isWhitespace && !"()\"«“".contains(chars[j]) { j += 1 }
            let word = String(chars[i..<j])
            i = j
            switch word {
            case "AND": tokens.append(.and)
            case "OR": tokens.append(.or)
            case "NOT": tokens.append(.not)
            default:
                let prefix = word.hasSuffix("*")
                let stem = prefix ? String(word.dropLast()) : word
                guard stem.contains(where: { $0.isLetter || $0.isNumber }) else { throw .notAWord(word) }
                tokens.append(.word(stem, prefix: prefix))
            }
        }
        return tokens
    }

    struct Parser {
        var tokens: [Token]
        var index = 0
        var peek: Token? { index < tokens.count ? tokens[index] : nil }

        mutating func parseOr() throws(FullTextQueryError) -> String {
            var left = try parseAnd()
            while peek == .or {
                index += 1
                left = "(\(left) OR \(try parseAnd()))"
            }
            return left
        }

        mutating func parseAnd() throws(FullTextQueryError) -> String {
            var left = try parseNot()
            while let next = peek, next != .or, next != .close {
                if next == .and { index += 1 }
                left = "(\(left) AND \(try parseNot()))"
            }
            return left
        }

        mutating func parseNot() throws(FullTextQueryError) -> String {
            var left = try parsePrimary()
            while peek == .not {
                index += 1
                left = "(\(left) NOT \(try parsePrimary()))"
            }
            return left
        }

        mutating func parsePrimary() throws(FullTextQueryError) -> String {
            guard let token = peek else { throw .missingTerm(after: index > 0 ? tokens[index - 1].display : nil) }
            index += 1
            switch token {
            case let .word(w, prefix): return quoted(w) + (prefix ? "*" : "")
            case let .phrase(p): return quoted(p)
            case .open:
                let inner = try parseOr()
                guard peek == .close else { throw .unbalancedParenthesis }
                index += 1
                return "(\(inner))"
            case .not: throw .leadingNot
            case .and, .or: throw .missingTerm(after: index > 1 ? tokens[index - 2].display : nil)
            case .close: throw .unbalancedParenthesis
            }
        }

        private func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    }
}

/// Why a search query could not be understood.
public enum FullTextQueryError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    case empty
    case unbalancedQuote(position: Int)
    case emptyPhrase(position: Int)
    case unbalancedParenthesis
    case leadingNot
    case missingTerm(after: String?)
    case notAWord(String)
    case unexpected(token: String)

    public var description: String {
        let help = "Use words, \"phrases\", prefix*, AND, OR, NOT and parentheses."
        switch self {
        case .empty: return "the search query is empty. \(help)"
        case let .unbalancedQuote(p): return "search query: the quote opened at character \(p) is never closed. \(help)"
        case let .emptyPhrase(p): return "search query: the phrase at character \(p) has no words. \(help)"
        case .unbalancedParenthesis: return "search query: parentheses do not match. \(help)"
        case .leadingNot: return "search query: NOT needs a term before it (\"veiledning NOT tillit\"). \(help)"
        case let .missingTerm(after): return "search query: a term is missing\(after.map { " after \($0)" } ?? ""). \(help)"
        case let .notAWord(w): return "search query: \"\(w)\" is not a word. \(help)"
        case let .unexpected(t): return "search query: unexpected \(t). \(help)"
        }
    }
    public var errorDescription: String? { description }
}
