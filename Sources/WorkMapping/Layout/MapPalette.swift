import Foundation

/// The map's colours, as `#RRGGBB`. The defaults follow the thesis maps' convention — red steps, blue
/// texts, grey actions — in shades whose text contrast passes WCAG AA (white on the red steps 6.5:1 and
/// on the blue process texts 6.6:1; near-black on the light fills above 12:1), and that differ in
/// lightness too, so they stay apart in greyscale print and for red–green colour blindness.
public struct MapPalette: Sendable, Hashable {
    /// How one kind of box is painted.
    public struct Paint: Sendable, Hashable {
        public var fill: String
        public var stroke: String
        public var text: String
        public init(fill: String, stroke: String, text: String) { self.fill = fill; self.stroke = stroke; self.text = text }
    }

    public var step = Paint(fill: "#B3261E", stroke: "#7F1B15", text: "#FFFFFF")
    public var action = Paint(fill: "#E4E4E4", stroke: "#6E6E6E", text: "#111111")
    public var stepText = Paint(fill: "#DCEAF7", stroke: "#1F5F9E", text: "#111111")
    /// Darker than a step's texts: these stand outside the frame and govern all of it.
    public var processText = Paint(fill: "#1F5F9E", stroke: "#15436F", text: "#FFFFFF")
    public var actor = Paint(fill: "#FFFFFF", stroke: "#444444", text: "#111111")
    /// A disjuncture (drawn by the Graphviz export): the steps' red as an outline, dark red text on white
    /// (10:1), so it reads as a warning beside the filled steps.
    public var disjuncture = Paint(fill: "#FFFFFF", stroke: "#B3261E", text: "#7F1B15")
    public var text = "#111111"
    public var note = "#333333"
    public var background = "#FFFFFF"
    public var frame = "#555555"
    public var arrow = "#333333"
    /// Alternate swim lanes are shaded so a lane reads across the whole width.
    public var laneShade = "#F2F2F2"
    public var laneRule = "#BBBBBB"

    public init() {}

    public static let standard = MapPalette()

    /// The paint of a box of `kind`; the legend, caption and note have no outline and plain text.
    public func paint(for kind: MapDrawing.Kind) -> Paint {
        switch kind {
        case .step: step
        case .action: action
        case .stepText: stepText
        case .processText: processText
        case .actor: actor
        case .legend, .caption: Paint(fill: "none", stroke: "none", text: text)
        case .note: Paint(fill: "none", stroke: "none", text: note)
        }
    }
}
