import Foundation

/// Writes a ``MapDrawing`` as SVG 1.1 in the font the layout measured with ("DejaVu Sans"): a `<title>`,
/// a viewBox with the same width and height, each box a `<g>` with its `<rect>` and a `<text>` of one
/// `<tspan>` per line, arrows as polylines with a shared arrowhead marker.
///
/// The output depends on the drawing alone — no generated ids, numbers with at most one decimal and a
/// `.` — so the same map gives the same bytes. Labels are escaped for XML and characters XML cannot
/// carry are dropped. Each box's group has `data-key` with the figure's key, so a page can find the
/// box of a step or text.
public enum MapSVG {
    /// The arrowhead's length: the line stops this short of its end and the head fills the rest, so the
    /// tip touches the box without the line showing past it.
    static let headLength = 8.0

    public static func svg(for drawing: MapDrawing, palette: MapPalette = .standard) -> String {
        let width = number(drawing.width), height = number(drawing.height)
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)" height="\(height)" \
        viewBox="0 0 \(width) \(height)" font-family="DejaVu Sans" role="img">
        <title>\(escaped(drawing.title))</title>
        <defs>
        <marker id="arrowhead" viewBox="0 0 8 8" refX="0" refY="4" markerWidth="8" markerHeight="8" \
        markerUnits="userSpaceOnUse" orient="auto">
        <path d="M0,0 L8,4 L0,8 z" fill="\(palette.arrow)"/>
        </marker>
        </defs>
        <rect x="0" y="0" width="\(width)" height="\(height)" fill="\(palette.background)"/>

        """
        for (index, lane) in drawing.lanes.enumerated() {
            let fill = index.isMultiple(of: 2) ? palette.laneShade : palette.background
            out += "<rect class=\"lane\" \(attributes(lane.rect)) fill=\"\(fill)\" stroke=\"\(palette.laneRule)\" stroke-width=\"1\"/>\n"
        }
        out += "<rect class=\"frame\" \(attributes(drawing.frame)) fill=\"none\" stroke=\"\(palette.frame)\" stroke-width=\"1.5\"/>\n"
        for arrow in drawing.arrows {
            out += polyline(arrow, colour: palette.arrow)
        }
        for box in drawing.boxes {
            out += group(box, palette: palette)
        }
        out += "</svg>\n"
        return out
    }

    // MARK: - Parts

    private static func group(_ box: MapDrawing.Box, palette: MapPalette) -> String {
        let paint = palette.paint(for: box.kind)
        var out = "<g class=\"\(box.kind.rawValue)\"" + (box.key.map { " data-key=\"\(escaped($0))\"" } ?? "") + ">\n"
        if paint.fill != "none" || paint.stroke != "none" {
            out += "<rect \(attributes(box.rect)) rx=\"3\" fill=\"\(paint.fill)\" stroke=\"\(paint.stroke)\" stroke-width=\"1\"/>\n"
        }
        if let swatch = box.swatch {
            let swatchPaint = palette.paint(for: swatch.kind)
            out += "<rect \(attributes(swatch.rect)) fill=\"\(swatchPaint.fill)\" stroke=\"\(swatchPaint.stroke)\" stroke-width=\"1\"/>\n"
        }
        if !box.lines.isEmpty {
            let anchor = box.alignment == .center ? "middle" : "start"
            let x = number(box.alignment == .center ? box.textArea.midX : box.textArea.x)
            let weight = box.font.weight == .bold ? " font-weight=\"bold\"" : ""
            out += "<text font-size=\"\(number(box.font.size))\"\(weight) fill=\"\(paint.text)\" text-anchor=\"\(anchor)\">"
            for (index, line) in box.lines.enumerated() {
                let y = box.textArea.y + Double(index) * box.font.lineHeight + box.font.baselineOffset
                out += "<tspan x=\"\(x)\" y=\"\(number(y))\">\(escaped(line))</tspan>"
            }
            out += "</text>\n"
        }
        return out + "</g>\n"
    }

    private static func polyline(_ arrow: MapDrawing.Arrow, colour: String) -> String {
        var points = arrow.points
        if points.count >= 2 {
            // Stop the line where the head begins (the marker's base sits on the line's end).
            let end = points[points.count - 1], before = points[points.count - 2]
            let length = hypot(end.x - before.x, end.y - before.y)
            if length > headLength {
                let scale = (length - headLength) / length
                points[points.count - 1] = MapPoint(x: before.x + (end.x - before.x) * scale, y: before.y + (end.y - before.y) * scale)
            }
        }
        let list = points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
        let dash = arrow.dashed ? " stroke-dasharray=\"5 4\"" : ""
        return "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\"\(dash) marker-end=\"url(#arrowhead)\"/>\n"
    }

    private static func attributes(_ rect: MapRect) -> String {
        "x=\"\(number(rect.x))\" y=\"\(number(rect.y))\" width=\"\(number(rect.width))\" height=\"\(number(rect.height))\""
    }

    // MARK: - Text

    /// A number with at most one decimal, never in exponent form or with a locale's comma.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let whole = abs(tenths) / 10, tenth = abs(tenths) % 10
        let sign = tenths < 0 ? "-" : ""
        return tenth == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(tenth)"
    }

    /// `text` safe in XML content and attribute values: markup characters as entities, control
    /// characters and those XML cannot carry dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                guard scalar.properties.generalCategory != .control, TextMetrics.isXMLCharacter(scalar) else { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
