import Foundation

/// The map's sizes, gaps and fonts, in user units (the SVG's pixels). The defaults keep a map compact:
/// seven steps come to about 1 300 units, so on an A4 page in landscape (about 970 px of text width)
/// the 12-unit labels print at about 6.5 pt.
public struct MapStyle: Sendable, Hashable {
    /// Around the whole drawing.
    public var margin: Double = 16
    /// Between a box's outline and its text.
    public var paddingX: Double = 8
    public var paddingY: Double = 6
    /// Between step columns: room for the step-to-step arrow.
    public var columnGap: Double = 32
    /// Between the process-wide texts and the frame, and between the steps and their texts: room for arrows.
    public var rowGap: Double = 28
    /// Between boxes stacked in one column.
    public var stackGap: Double = 8
    /// Between the frame and what it holds.
    public var frameInset: Double = 16
    /// Left of a step's texts, where their arrows run up to the step.
    public var textGutter: Double = 14
    /// Above and below the boxes of a swim lane.
    public var lanePadding: Double = 10
    /// A box is at least this wide, so short labels still read as boxes of one map …
    public var minBoxWidth: Double = 88
    /// … and at most this wide; longer labels wrap …
    public var maxBoxWidth: Double = 152
    /// … unless one word is wider: then the box grows to hold it, up to this width, beyond which the word
    /// is broken (after a hyphen, else between letters).
    public var maxWordBoxWidth: Double = 232
    /// The colour square of a legend entry, and the gap after it.
    public var legendSwatch: Double = 12
    public var legendSwatchGap: Double = 6
    /// Between legend entries.
    public var legendGap: Double = 20

    public init() {}

    public static let standard = MapStyle()

    /// The font a kind of box is labelled in.
    public func font(for kind: MapDrawing.Kind) -> TextMetrics {
        switch kind {
        case .step: TextMetrics(size: 13, weight: .bold)
        case .actor: TextMetrics(size: 12, weight: .bold)
        case .action, .stepText, .processText: TextMetrics(size: 12)
        case .legend, .note: TextMetrics(size: 11)
        case .caption: TextMetrics(size: 14, weight: .bold)
        }
    }
}
