import CCmark
import Foundation

/// Text a researcher writes in Markdown (an analytic text, `analyse.md`) as the document model's
/// blocks, parsed by libcmark, the CommonMark reference parser.
///
/// `*kursiv*` and `_kursiv_` become italic runs, `**fet**` bold ones; paragraphs become paragraphs;
/// bulleted and numbered lists become list items («•», «1.»), nested ones indented; `>` becomes a
/// block quote; a heading becomes a bold paragraph (the document's own headings are the method's).
/// A hard line break stays a line break, a soft one is a space. Code, links and inline HTML keep
/// their text as written (a link's address is left out, an image's description kept); HTML blocks
/// and thematic breaks are left out. Quotation marks and dashes are left as typed.
///
/// For example:
/// ```swift
/// Markdown.blocks("Informantene beskrev *tillit* som **grunnmuren**.\n\n- én\n- to")
/// // [.paragraph([.text("Informantene beskrev "), .text("tillit", .italic), .text(" som "),
/// //              .text("grunnmuren", .bold), .text(".")]),
/// //  .listItem([.text("én")], marker: "•", level: 0), .listItem([.text("to")], marker: "•", level: 0)]
/// ```
public enum Markdown {
    /// The blocks of `text`; an empty or blank text gives none.
    public static func blocks(_ text: String) -> [Block] {
        let bytes = Array(text.utf8)
        guard let root = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8)
                }
            }
        }) else { return [] }
        defer { cmark_node_free(root) }
        var builder = Builder()
        builder.blocks(in: root, level: 0, quoted: false, depth: 0)
        return builder.output
    }

    /// How deep block quotes, lists and emphases are followed; what lies deeper is kept as its plain
    /// text. The walk below is recursive, and libcmark builds a tree as deep as the text asks: 40 KB of
    /// `> > > …` would otherwise overflow the stack. No text a person writes nests this deep.
    static let maximumDepth = 64

    /// Walks libcmark's tree, which lives only until ``blocks(_:)`` frees it.
    private struct Builder {
        var output: [Block] = []

        mutating func blocks(in parent: OpaquePointer, level: Int, quoted: Bool, depth: Int) {
            var node = cmark_node_first_child(parent)
            while let current = node {
                block(current, level: level, quoted: quoted, depth: depth + 1)
                node = cmark_node_next(current)
            }
        }

        mutating func block(_ node: OpaquePointer, level: Int, quoted: Bool, depth: Int) {
            let type = cmark_node_get_type(node)
            if depth > Markdown.maximumDepth, type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST {
                let text = Markdown.plainText(node)
                if !text.isEmpty { output.append(quoted || type == CMARK_NODE_BLOCK_QUOTE ? .blockQuote([.text(text)], label: nil) : .paragraph([.text(text)])) }
                return
            }
            switch type {
            case CMARK_NODE_PARAGRAPH:
                let content = Markdown.trimmed(inlines(in: node, emphasis: []))
                guard !content.isEmpty else { return }
                output.append(quoted ? .blockQuote(content, label: nil) : .paragraph(content))
            case CMARK_NODE_HEADING:
                let content = Markdown.trimmed(inlines(in: node, emphasis: .bold))
                if !content.isEmpty { output.append(.paragraph(content)) }
            case CMARK_NODE_BLOCK_QUOTE:
                blocks(in: node, level: level, quoted: true, depth: depth)
            case CMARK_NODE_LIST:
                list(node, level: level, depth: depth)
            case CMARK_NODE_CODE_BLOCK:
                let code = Markdown.literal(node).trimmingCharacters(in: .newlines)
                if !code.isEmpty { output.append(.paragraph([.text(code)])) }
            default:
                // HTML blocks and thematic breaks have nothing to say in a chapter.
                break
            }
        }

        /// A list's items: each item's first paragraph after its marker, its other paragraphs
        /// without one, lists inside it one level deeper.
        mutating func list(_ node: OpaquePointer, level: Int, depth: Int) {
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let delimiter = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ")" : "."
            var number = Int(cmark_node_get_list_start(node))
            var item = cmark_node_first_child(node)
            while let current = item {
                var marker = ordered ? "\(number)\(delimiter)" : "•"
                var child = cmark_node_first_child(current)
                while let part = child {
                    switch cmark_node_get_type(part) {
                    case CMARK_NODE_PARAGRAPH:
                        let content = Markdown.trimmed(inlines(in: part, emphasis: []))
                        if !content.isEmpty || !marker.isEmpty {
                            output.append(.listItem(content, marker: marker, level: level))
                            marker = ""
                        }
                    default:
                        // An item that opens with a list or a code block: its marker stands before them.
                        if !marker.isEmpty { output.append(.listItem([], marker: marker, level: level)); marker = "" }
                        let isList = cmark_node_get_type(part) == CMARK_NODE_LIST
                        block(part, level: isList ? level + 1 : level, quoted: false, depth: depth + 1)
                    }
                    child = cmark_node_next(part)
                }
                if !marker.isEmpty { output.append(.listItem([], marker: marker, level: level)) }
                number += 1
                item = cmark_node_next(current)
            }
        }

        func inlines(in parent: OpaquePointer, emphasis: Emphasis, depth: Int = 0) -> [Inline] {
            var result: [Inline] = []
            var node = cmark_node_first_child(parent)
            while let current = node {
                if depth > Markdown.maximumDepth, cmark_node_first_child(current) != nil {
                    Markdown.append(Markdown.plainText(current), emphasis, to: &result)
                    node = cmark_node_next(current)
                    continue
                }
                switch cmark_node_get_type(current) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                    Markdown.append(Markdown.literal(current), emphasis, to: &result)
                case CMARK_NODE_SOFTBREAK:
                    Markdown.append(" ", emphasis, to: &result)
                case CMARK_NODE_LINEBREAK:
                    result.append(.lineBreak)
                case CMARK_NODE_EMPH:
                    for inline in inlines(in: current, emphasis: emphasis.union(.italic), depth: depth + 1) { Markdown.append(inline, to: &result) }
                case CMARK_NODE_STRONG:
                    for inline in inlines(in: current, emphasis: emphasis.union(.bold), depth: depth + 1) { Markdown.append(inline, to: &result) }
                default:
                    // Links and images: their text.
                    for inline in inlines(in: current, emphasis: emphasis, depth: depth + 1) { Markdown.append(inline, to: &result) }
                }
                node = cmark_node_next(current)
            }
            return result
        }
    }

    /// The text under `node`, its words in order and its breaks as spaces, walked with libcmark's
    /// iterator (no recursion, however deep the tree).
    private static func plainText(_ node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE_BLOCK: text += literal(current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING: text += " "
            default: break
            }
        }
        return text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// Appends text, joining it to the run before when the emphasis is the same.
    private static func append(_ text: String, _ emphasis: Emphasis, to inlines: inout [Inline]) {
        guard !text.isEmpty else { return }
        if case let .text(previous, previousEmphasis)? = inlines.last, previousEmphasis == emphasis {
            inlines[inlines.count - 1] = .text(previous + text, emphasis)
        } else {
            inlines.append(.text(text, emphasis))
        }
    }

    private static func append(_ inline: Inline, to inlines: inout [Inline]) {
        if case let .text(text, emphasis) = inline { append(text, emphasis, to: &inlines) } else { inlines.append(inline) }
    }

    /// Without spaces at the very start and end, and without a line break at the end.
    private static func trimmed(_ inlines: [Inline]) -> [Inline] {
        var result = inlines
        while case .lineBreak? = result.last { result.removeLast() }
        if case let .text(text, emphasis)? = result.first {
            let kept = String(text.drop { $0 == " " })
            if kept.isEmpty { result.removeFirst() } else { result[0] = .text(kept, emphasis) }
        }
        if case let .text(text, emphasis)? = result.last {
            let kept = String(text.reversed().drop { $0 == " " }.reversed())
            if kept.isEmpty { result.removeLast() } else { result[result.count - 1] = .text(kept, emphasis) }
        }
        return result
    }
}
