import Foundation

/// A point of the drawing, in user units (the SVG's pixels), y growing downwards.
public struct MapPoint: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// An axis-aligned rectangle of the drawing.
public struct MapRect: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }

    /// The rectangle shrunk by `dx` on the left and right and `dy` on the top and bottom.
    public func inset(dx: Double, dy: Double) -> MapRect {
        MapRect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// Whether the two share interior area (touching edges do not count).
    public func overlaps(_ other: MapRect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    public func contains(_ other: MapRect) -> Bool {
        other.x >= x && other.y >= y && other.maxX <= maxX && other.maxY <= maxY
    }

    /// Whether `point` lies on the rectangle's outline (within `tolerance`).
    public func hasOnEdge(_ point: MapPoint, tolerance: Double = 0.01) -> Bool {
        let withinX = point.x >= x - tolerance && point.x <= maxX + tolerance
        let withinY = point.y >= y - tolerance && point.y <= maxY + tolerance
        let onVertical = abs(point.x - x) <= tolerance || abs(point.x - maxX) <= tolerance
        let onHorizontal = abs(point.y - y) <= tolerance || abs(point.y - maxY) <= tolerance
        return (withinY && onVertical) || (withinX && onHorizontal)
    }
}

/// The laid-out map: every box with its place and wrapped lines, the arrows, the frame around the work
/// and the swim lanes. Made by ``MapLayout``, written out by ``MapSVG``.
public struct MapDrawing: Sendable, Hashable, Codable {
    /// What a box shows; it decides the colours and the font.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case step, action, stepText, processText, actor, legend, caption, note
    }

    public enum Alignment: String, Sendable, Hashable, Codable {
        case center, leading
    }

    /// A box and its label, broken into lines that fit `textArea`.
    public struct Box: Sendable, Hashable, Codable {
        public var kind: Kind
        /// The figure's key for steps, actions, texts and actors; nil for the legend, caption and note.
        public var key: String?
        public var rect: MapRect
        /// Where the lines go: inside `rect`, with padding (and, for a legend entry, after its swatch).
        public var textArea: MapRect
        public var lines: [String]
        public var font: TextMetrics
        public var alignment: Alignment
        /// For a legend entry: the square in the colours of the kind it explains.
        public var swatch: Swatch?
    }

    /// A legend entry's colour square, left of its text.
    public struct Swatch: Sendable, Hashable, Codable {
        public var kind: Kind
        public var rect: MapRect
    }

    /// Where an arrow ends: a box (by key) or the frame around the whole sequence of work.
    public enum Endpoint: Sendable, Hashable, Codable {
        case box(String)
        case frame
    }

    /// A polyline from `from` to `to`; the head is drawn at the last point.
    public struct Arrow: Sendable, Hashable, Codable {
        public var from: Endpoint
        public var to: Endpoint
        public var points: [MapPoint]
        /// Drawn dashed: an order that is not fixed.
        public var dashed = false
    }

    /// A swim lane's band across the frame; its actor's box sits at its left.
    public struct Lane: Sendable, Hashable, Codable {
        public var actorKey: String
        public var rect: MapRect
    }

    public var width: Double
    public var height: Double
    /// For the SVG's `<title>`: the figure's caption.
    public var title: String
    /// Around the steps with their actions and texts (and the lanes); process-wide texts stand outside.
    public var frame: MapRect
    public var lanes: [Lane]
    public var boxes: [Box]
    public var arrows: [Arrow]

    /// The box with `key`, if any.
    public func box(_ key: String) -> Box? { boxes.first { $0.key == key } }
}
