import Foundation
import QualCode

extension WorkMapping {
    /// The map drawn as SVG 1.1 (``MapLayout``, ``MapSVG``): the same map gives the same bytes.
    ///
    /// - Parameters:
    ///   - lanes: a swim lane per actor that performs an action.
    ///   - language: the words of the legend, caption and note.
    ///   - captioned: with the caption and the note below the legend, for a picture that stands alone;
    ///     without them for a document that sets them as text (``mapDocument(lanes:language:)``). The SVG's
    ///     `<title>` is the caption either way.
    public func mapSVG(lanes: Bool = false, language: DocumentLanguage = .nb, captioned: Bool = true) throws -> String {
        MapSVG.svg(for: try figure(lanes: lanes, language: language).drawing(captioned: captioned))
    }

    /// The map drawn as PNG by rsvg-convert (``MapRaster``), by default at two pixels per unit.
    ///
    /// - Throws: ``MapError/rasterizerMissing(searched:)``, ``MapError/rasterizerFailed(program:status:message:)``
    ///   or ``MapError/rasterSize(_:width:height:)``.
    public func mapPNG(lanes: Bool = false, language: DocumentLanguage = .nb, captioned: Bool = true,
                       size: MapRaster.Size = .standard) throws -> Data {
        try MapRaster.png(for: figure(lanes: lanes, language: language).drawing(captioned: captioned), size: size)
    }

    /// The map as a document to export as Word (.docx or Flat OPC) or HTML: a heading, then the map as a
    /// numbered figure with its caption above («Figur 1 Kart over arbeidet, sett fra ståstedet til …»), the
    /// note below («Kommentar: Forenklet fremstilling …»), and alt text that names the steps in order.
    ///
    /// The picture is the map as SVG with a PNG beside it (``FigureImage/svg``): Word 2016 and later show
    /// the SVG, sharp at any size; older Word and LibreOffice show the PNG, drawn at twice the drawing's
    /// size. The caption and note are text in the document, not in the picture, so Word numbers the
    /// figure and a reader can search and edit them. A map wider than tall sets the pages in landscape
    /// (``Document/landscape``), where it prints larger.
    ///
    /// For example:
    ///
    /// ```swift
    /// let document = try WorkMapping(store).mapDocument(lanes: true)
    /// try document.write(as: .docx, to: URL(fileURLWithPath: "arbeidskart.docx"))
    /// ```
    ///
    /// - Throws: what ``mapPNG(lanes:language:captioned:size:)`` throws when the PNG cannot be drawn.
    public func mapDocument(lanes: Bool = false, language: DocumentLanguage = .nb) throws -> Document {
        try MapDocument.document(for: figure(lanes: lanes, language: language), language: language)
    }
}

/// The map as a ``Document``: built from a ``MapFigure`` alone, so the tests build it from any figure.
enum MapDocument {
    static func document(for figure: MapFigure, language: DocumentLanguage, size: MapRaster.Size = .standard) throws -> Document {
        let drawing = figure.drawing(captioned: false)
        let image = try FigureImage(data: MapRaster.png(for: drawing, size: MapRaster.fitting(drawing, size)), svg: SVGImage(MapSVG.svg(for: drawing)))
        let picture = try Figure(image: image, altText: altText(for: figure, language: language),
                                 caption: [.text(TextMetrics.cleaned(figure.caption))],
                                 notes: figure.note.isEmpty ? [] : [[.text(TextMetrics.cleaned(figure.note))]])
        let heading = language == .en ? "Work map" : "Arbeidskart"
        var document = Document(title: heading, language: language, blocks: [.heading(level: 1, [.text(heading)]), .figure(picture)])
        document.landscape = isWide(drawing)
        return document
    }

    /// Whether the map comes out larger across a landscape page than down a portrait one. A figure may
    /// take the text's width and 80 % of its height; on A4 with 2.5 cm margins (16.0 × 24.7 cm of text)
    /// that is 16.0 cm wide either way upright, and 24.7 cm wide but only 12.8 cm tall turned, so a map
    /// more than 1.25 times as wide as tall is larger turned. A typical map of seven steps with four lanes
    /// (1 592 × 866 units) prints its 12-unit labels at some 3.5 pt upright and 5 pt turned.
    static func isWide(_ drawing: MapDrawing) -> Bool {
        drawing.width > drawing.height * 1.25
    }

    /// What a screen reader says for the picture: the steps in order, the texts that govern the whole
    /// process and the actors of the lanes. The actions and the steps' own texts are left out: a list of
    /// every box would be too long to listen to.
    static func altText(for figure: MapFigure, language: DocumentLanguage) -> String {
        let english = language == .en
        let steps = figure.steps.enumerated().map { "\($0.offset + 1). \(TextMetrics.cleaned($0.element.box.label))" }
        var sentences: [String]
        switch steps.count {
        case 0: sentences = [english ? "Work map without steps." : "Arbeidskart uten arbeidssteg."]
        default:
            let count = english ? "\(steps.count) step\(steps.count == 1 ? "" : "s")" : "\(steps.count) arbeidssteg"
            sentences = [(english ? "Work map with \(count) in order: " : "Arbeidskart med \(count) i rekkefølge: ")
                + steps.joined(separator: "; ") + "."]
        }
        if !figure.processTexts.isEmpty {
            sentences.append(figure.words.processText + ": " + figure.processTexts.map { TextMetrics.cleaned($0.label) }.joined(separator: "; ") + ".")
        }
        if !figure.lanes.isEmpty {
            sentences.append((english ? "Actors: " : "Aktører: ") + figure.lanes.map { TextMetrics.cleaned($0.actor.label) }.joined(separator: "; ") + ".")
        }
        return sentences.joined(separator: " ")
    }
}

extension MapFigure {
    /// The figure laid out (``MapLayout``), with or without the caption and note below it. Without them
    /// the drawing's title (the SVG's `<title>`) is still the caption.
    func drawing(captioned: Bool) -> MapDrawing {
        guard !captioned else { return MapLayout(self).drawing }
        var bare = self
        bare.caption = ""
        bare.note = ""
        var drawing = MapLayout(bare).drawing
        drawing.title = TextMetrics.cleaned(caption)
        return drawing
    }
}
