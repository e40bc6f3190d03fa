import Foundation

/// The page a Word document is set on: `w:pgSz` and `w:pgMar` of the body's section, in twentieths
/// of a point (twips). QualCode's own is A4 with 2.5 cm margins; a reference document brings its own.
struct PageLayout: Sendable, Hashable {
    /// `w:pgSz`'s attributes (`w:w`, `w:h`, perhaps `w:orient`).
    var size: [XMLTree.Attribute]
    /// `w:pgMar`'s attributes (`w:top`, `w:right`, `w:bottom`, `w:left`, `w:header`, `w:footer`, `w:gutter`).
    var margins: [XMLTree.Attribute]

    /// Attributes in ``XMLTree/canonicalOrder(_:)``, the order a reference document's are read in.
    static let a4 = PageLayout(
        size: [.init(name: "w:h", value: "16838"), .init(name: "w:w", value: "11906")],
        margins: [("w:bottom", "1417"), ("w:footer", "708"), ("w:gutter", "0"), ("w:header", "708"), ("w:left", "1417"),
                  ("w:right", "1417"), ("w:top", "1417")].map { .init(name: $0.0, value: $0.1) })

    /// The width between the margins, in twips; A4's when the numbers cannot be read.
    var textWidth: Int {
        guard let width = number(size, "w:w"), let left = number(margins, "w:left"), let right = number(margins, "w:right"),
              case let text = width - left - right - (number(margins, "w:gutter") ?? 0), text >= 1440 else { return 9072 }
        return text
    }

    /// The height between the margins, in twips; A4's when the numbers cannot be read.
    var textHeight: Int {
        guard let height = number(size, "w:h"), let top = number(margins, "w:top"), let bottom = number(margins, "w:bottom"),
              case let text = height - abs(top) - abs(bottom), text >= 1440 else { return 14004 }
        return text
    }

    /// The same page turned to landscape (the longer side across), margins as they are; a page that is
    /// landscape already stays as it is.
    var landscape: PageLayout {
        guard let width = number(size, "w:w"), let height = number(size, "w:h") else { return self }
        var turned = self
        turned.size = XMLTree.canonicalOrder(size.filter { !["w:w", "w:h", "w:orient"].contains($0.name) } + [
            .init(name: "w:h", value: String(min(width, height))), .init(name: "w:orient", value: "landscape"),
            .init(name: "w:w", value: String(max(width, height))),
        ])
        return turned
    }

    private func number(_ attributes: [XMLTree.Attribute], _ name: String) -> Int? {
        attributes.first { $0.name == name }.flatMap { Int($0.value) }
    }

    /// `w:pgSz` and `w:pgMar`, for the body's `w:sectPr`.
    func write(to xml: inout XMLWriter) {
        xml.empty("w:pgSz", size.map { ($0.name, $0.value) })
        xml.empty("w:pgMar", margins.map { ($0.name, $0.value) })
    }
}
