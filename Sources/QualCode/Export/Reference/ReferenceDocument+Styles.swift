import Foundation

/// The style sheet of an export made with a reference document, and the ids its body must use.
struct MergedStyles: Sendable {
    /// `word/styles.xml`: the reference's styles, then QualCode's that it lacks.
    var styles: XMLTree
    /// QualCode's style id → the id in `styles` (the reference's own where it has the style).
    var ids: [String: String]
}

extension ReferenceDocument {
    /// The reference's style sheet with QualCode's missing styles added, matched by name.
    ///
    /// The default paragraph style stands for «Normal» whatever it is called; a style named «Normal»
    /// becomes the default when the reference marks none (as LibreOffice writes it). A QualCode style whose
    /// id the reference already uses for another style gets a fresh id («QualCodeSitat» when a
    /// Norwegian Word's «Quote» has the id «Sitat»). The document defaults get the export's language.
    func mergedStyles(language: DocumentLanguage) -> MergedStyles {
        struct Known { var type: String; var id: String }
        var byName: [String: Known] = [:]
        var defaultParagraph: String?
        var usedIds = Set<String>()
        for style in styles.elements where style.name == "w:style" {
            guard let id = style[attribute: "w:styleId"] else { continue }
            let type = style[attribute: "w:type"] ?? "paragraph"
            usedIds.insert(id)
            if let name = style.first("w:name")?[attribute: "w:val"] {
                byName[name.lowercased()] = byName[name.lowercased()] ?? Known(type: type, id: id)
            }
            if type == "paragraph", ["1", "true", "on"].contains(style[attribute: "w:default"] ?? "") { defaultParagraph = id }
        }

        var ids: [String: String] = [:]
        var added: [(StyleSheet.Style, name: String)] = []
        for style in StyleSheet.all {
            if style.id == "Normal", let defaultParagraph {
                ids[style.id] = defaultParagraph
                continue
            }
            let match = byName[style.name.lowercased()]
            if let match, match.type == style.type {
                ids[style.id] = match.id
                continue
            }
            var id = style.id
            var counter = 1
            while usedIds.contains(id) {
                id = "QualCode" + style.id + (counter == 1 ? "" : String(counter))
                counter += 1
            }
            usedIds.insert(id)
            ids[style.id] = id
            // The name is taken by a style of another type: keep ours apart in Word's style list.
            added.append((style, match == nil ? style.name : style.name + " (QualCode)"))
        }

        var merged = styles
        Self.setLanguage(language.languageTag, in: &merged)
        // LibreOffice writes «Normal» without marking it the default; Word and python-docx need the mark.
        if defaultParagraph == nil, let normal = ids["Normal"], !added.contains(where: { $0.0.id == "Normal" }) {
            merged.updateElements(named: "w:style") { style in
                if style[attribute: "w:styleId"] == normal { style[attribute: "w:default"] = "1" }
            }
        }
        for (style, name) in added {
            let element = StyleSheet.element(style, id: ids[style.id]!, name: name, ids: { ids[$0] ?? $0 })
            merged.append(element)
        }
        return MergedStyles(styles: merged, ids: ids)
    }

    /// Sets `w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val`, adding what is missing in schema order.
    static func setLanguage(_ tag: String, in styles: inout XMLTree) {
        if styles.first("w:docDefaults") == nil {
            styles.children.insert(.element(XMLTree("w:docDefaults")), at: 0)
        }
        styles.updateElements(named: "w:docDefaults") { defaults in
            if defaults.first("w:rPrDefault") == nil { defaults.children.insert(.element(XMLTree("w:rPrDefault")), at: 0) }
            defaults.updateElements(named: "w:rPrDefault") { runDefault in
                if runDefault.first("w:rPr") == nil { runDefault.append(XMLTree("w:rPr")) }
                runDefault.updateElements(named: "w:rPr") { run in
                    if run.first("w:lang") == nil {
                        // w:lang comes before these in CT_RPr (w:rPrChange is always last); Word refuses elements out of order.
                        let later: Set = ["w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange"]
                        let index = run.children.firstIndex { if case let .element(e) = $0 { later.contains(e.name) } else { false } }
                        run.children.insert(.element(XMLTree("w:lang")), at: index ?? run.children.endIndex)
                    }
                    run.updateElements(named: "w:lang") { $0[attribute: "w:val"] = tag }
                }
            }
        }
    }
}

extension MergedStyles {
    /// The size and font of table text in this style sheet, for giving columns their widths: the
    /// «Tabelltekst» style's, else what it is based on, else the document defaults; 10 pt Calibri when
    /// nothing says. A font other than Calibri counts as a little wider (``TableLayout``'s font factor).
    var tableText: (size: Int, fontFactor: Double) {
        var byId: [String: XMLTree] = [:]
        for style in styles.elements where style.name == "w:style" {
            if let id = style[attribute: "w:styleId"] { byId[id] = style }
        }
        var size: Int?, font: String?
        var next = ids["Tabelltekst"]
        var visited = Set<String>()
        while let id = next, visited.insert(id).inserted, let style = byId[id] {
            let run = style.first("w:rPr")
            size = size ?? run?.first("w:sz")?[attribute: "w:val"].flatMap { Int($0) }
            font = font ?? run?.first("w:rFonts").flatMap { $0[attribute: "w:ascii"] ?? $0[attribute: "w:asciiTheme"] }
            next = style.first("w:basedOn")?[attribute: "w:val"]
        }
        let defaults = styles.first("w:docDefaults")?.first("w:rPrDefault")?.first("w:rPr")
        size = size ?? defaults?.first("w:sz")?[attribute: "w:val"].flatMap { Int($0) }
        font = font ?? defaults?.first("w:rFonts").flatMap { $0[attribute: "w:ascii"] ?? $0[attribute: "w:asciiTheme"] }
        let calibri = font.map { ["calibri", "carlito"].contains($0.lowercased()) } ?? true
        return (min(max(size ?? 20, 12), 40), calibri ? 1 : 1.12)
    }
}
