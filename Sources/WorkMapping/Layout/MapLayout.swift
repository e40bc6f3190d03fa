import Foundation

/// Lays out a ``MapFigure`` as a ``MapDrawing``: deterministic and pure, so the same figure always gives
/// the same drawing.
///
/// Top to bottom: the texts that govern the whole process in one row, arrows down onto the frame; inside
/// the frame the swim lanes (an actor's box at the left, the actions it performs in their steps'
/// columns), the remaining actions of each step just above it, the steps in a row with arrows between
/// them, and each step's texts stacked below it with arrows up to it; below the frame a legend, the
/// caption and the note. Each column is as wide as its widest label needs, up to
/// ``MapStyle/maxBoxWidth`` (longer labels wrap), and each row as tall as its tallest wrapped stack, so
/// no boxes overlap and every line fits inside its box. Widths are measured with ``TextMetrics``, the
/// metrics of the font the SVG names.
///
/// An action listed in several lanes is drawn once, in the first of them. If the process-wide texts need
/// more room than the steps, the frame widens to match, so each of their arrows lands on it.
public struct MapLayout: Sendable {
    public let figure: MapFigure
    public let style: MapStyle
    public let drawing: MapDrawing

    public init(_ figure: MapFigure, style: MapStyle = .standard) {
        self.figure = figure
        self.style = style
        var builder = MapLayoutBuilder(figure: figure, style: style)
        drawing = builder.build()
    }
}

/// The layout's working state: the boxes and arrows placed so far.
private struct MapLayoutBuilder {
    typealias Box = MapDrawing.Box
    typealias Kind = MapDrawing.Kind

    let figure: MapFigure
    let style: MapStyle
    var boxes: [Box] = []
    var arrows: [MapDrawing.Arrow] = []
    var lanes: [MapDrawing.Lane] = []

    init(figure: MapFigure, style: MapStyle) {
        self.figure = figure
        self.style = style
    }

    mutating func build() -> MapDrawing {
        let plan = ColumnPlan(figure: figure, style: style, sizing: sizing)
        let processWidths = figure.processTexts.map { sizing.fittedWidth($0.label, .processText) }
        let processRowWidth = processWidths.reduce(0, +) + style.stackGap * 2 * Double(max(processWidths.count - 1, 0))
        let contentWidth = max(plan.frameWidth, processRowWidth)
        let left = style.margin
        var y = style.margin

        if !figure.processTexts.isEmpty {
            y = placeProcessTexts(widths: processWidths, x: left + ((contentWidth - processRowWidth) / 2).rounded(.down), y: y)
            y += style.rowGap
        }
        let frameTop = y
        let columnsX = left + ((contentWidth - plan.frameWidth) / 2).rounded(.down) + style.frameInset
        let columns = plan.columnXs(startingAt: columnsX)
        y = placeLanes(plan: plan, columns: columns, headerX: columnsX, frameX: left, frameWidth: contentWidth, y: frameTop)
        y += style.frameInset
        y = placeStepsWithActionsAndTexts(plan: plan, columns: columns, y: y)
        let frame = MapRect(x: left, y: frameTop, width: contentWidth, height: y + style.frameInset - frameTop)
        for box in boxes where box.kind == .processText {
            arrows.append(.init(from: .box(box.key ?? ""), to: .frame,
                                points: [MapPoint(x: box.rect.midX, y: box.rect.maxY), MapPoint(x: box.rect.midX, y: frame.y)]))
        }

        y = frame.maxY + style.rowGap
        y = placeLegend(x: left, y: y, width: contentWidth) + style.stackGap * 2
        y = placeFullWidth(.caption, figure.caption, x: left, y: y, width: contentWidth)
        y = placeFullWidth(.note, figure.note, x: left, y: y, width: contentWidth)
        return MapDrawing(width: contentWidth + 2 * style.margin, height: y + style.margin,
                          title: TextMetrics.cleaned(figure.caption), frame: frame, lanes: lanes, boxes: boxes, arrows: arrows)
    }

    var sizing: BoxSizing { BoxSizing(style: style) }

    // MARK: - Rows

    /// One row, equal heights, so the arrows down to the frame all start on one line. Returns its bottom.
    private mutating func placeProcessTexts(widths: [Double], x: Double, y: Double) -> Double {
        let texts = figure.processTexts
        let height = zip(texts, widths).map { sizing.height($0.0.label, .processText, width: $0.1) }.max() ?? 0
        var x = x
        for (text, width) in zip(texts, widths) {
            place(.processText, key: text.key, label: text.label, rect: MapRect(x: x, y: y, width: width, height: height))
            x += width + style.stackGap * 2
        }
        return y + height
    }

    /// The swim lanes, flush with the frame's top and each other. Returns the bottom of the last.
    private mutating func placeLanes(plan: ColumnPlan, columns: [Double], headerX: Double, frameX: Double, frameWidth: Double,
                                     y: Double) -> Double {
        var y = y
        for (index, lane) in figure.lanes.enumerated() {
            let actorHeight = sizing.height(lane.actor.label, .actor, width: plan.headerWidth)
            let stacks = figure.steps.indices.map { plan.laneActions[index][$0] }
            let stackHeights = zip(stacks, plan.widths).map { sizing.stackHeight($0.0, .action, width: $0.1) }
            let height = max(actorHeight, stackHeights.max() ?? 0) + 2 * style.lanePadding
            lanes.append(.init(actorKey: lane.actor.key, rect: MapRect(x: frameX, y: y, width: frameWidth, height: height)))
            place(.actor, key: lane.actor.key, label: lane.actor.label,
                  rect: MapRect(x: headerX, y: y + ((height - actorHeight) / 2).rounded(.down), width: plan.headerWidth, height: actorHeight))
            for (column, stack) in stacks.enumerated() {
                placeStack(stack, .action, x: columns[column], y: y + ((height - stackHeights[column]) / 2).rounded(.down),
                           width: plan.widths[column])
            }
            y += height
        }
        return y
    }

    /// The actions not in a lane (bottom-aligned, next to their step), the steps with arrows between
    /// them, the steps' texts with arrows up. Returns the bottom of the lowest box.
    private mutating func placeStepsWithActionsAndTexts(plan: ColumnPlan, columns: [Double], y: Double) -> Double {
        var y = y
        let steps = figure.steps
        let actionHeights = steps.indices.map { sizing.stackHeight(plan.bandActions[$0], .action, width: plan.widths[$0]) }
        if let band = actionHeights.max(), band > 0 {
            for column in steps.indices {
                placeStack(plan.bandActions[column], .action, x: columns[column], y: y + band - actionHeights[column], width: plan.widths[column])
            }
            y += band + style.stackGap * 2
        }

        let stepHeight = steps.indices.map { sizing.height(steps[$0].box.label, .step, width: plan.widths[$0]) }.max() ?? 0
        for (column, step) in steps.enumerated() {
            place(.step, key: step.box.key, label: step.box.label,
                  rect: MapRect(x: columns[column], y: y, width: plan.widths[column], height: stepHeight))
        }
        let arrowY = y + (stepHeight / 2).rounded(.down)
        for column in steps.indices.dropLast() {
            arrows.append(.init(from: .box(steps[column].box.key), to: .box(steps[column + 1].box.key),
                                points: [MapPoint(x: columns[column] + plan.widths[column], y: arrowY), MapPoint(x: columns[column + 1], y: arrowY)],
                                dashed: steps[column].orderNotFixed || steps[column + 1].orderNotFixed))
        }
        let stepBottom = y + stepHeight
        guard steps.contains(where: { !$0.texts.isEmpty }) else { return stepBottom }

        // Each text's arrow leaves its left side into the gutter and runs up it to the step's bottom.
        let textsTop = stepBottom + style.rowGap
        var bottom = stepBottom
        for (column, step) in steps.enumerated() where !step.texts.isEmpty {
            let spineX = columns[column] + (style.textGutter / 2).rounded(.down)
            let placed = placeStack(step.texts, .stepText, x: columns[column] + style.textGutter, y: textsTop,
                                    width: plan.widths[column] - style.textGutter)
            for box in placed {
                arrows.append(.init(from: .box(box.key ?? ""), to: .box(step.box.key),
                                    points: [MapPoint(x: box.rect.x, y: box.rect.midY), MapPoint(x: spineX, y: box.rect.midY),
                                             MapPoint(x: spineX, y: stepBottom)]))
                bottom = max(bottom, box.rect.maxY)
            }
        }
        return bottom
    }

    /// The legend entries left to right, wrapping when the row is full. Returns the bottom.
    private mutating func placeLegend(x: Double, y: Double, width: Double) -> Double {
        let hasActions = figure.steps.contains { !$0.actions.isEmpty }
        let hasTexts = figure.steps.contains { !$0.texts.isEmpty }
        let candidates: [(Kind, String?)] = [
            (.processText, figure.processTexts.isEmpty ? nil : figure.words.processText),
            (.action, hasActions ? figure.words.action : nil),
            (.step, figure.steps.isEmpty ? nil : figure.words.step),
            (.stepText, hasTexts ? figure.words.stepText : nil),
            (.actor, figure.lanes.isEmpty ? nil : figure.words.actor),
        ]
        let entries = candidates.compactMap { kind, word in word.map { (kind, $0) } }
        let font = style.font(for: .legend)
        let lead = style.paddingX + style.legendSwatch + style.legendSwatchGap
        let height = font.lineHeight + 2 * style.paddingY
        var cursor = MapPoint(x: x, y: y)
        var bottom = y
        for (kind, word) in entries {
            let lines = font.lines(word, fitting: width - lead - style.paddingX)
            let textWidth = (lines.map(font.width(of:)).max() ?? 0).rounded(.up)
            let entryHeight = max(height, font.height(lineCount: lines.count) + 2 * style.paddingY)
            let entryWidth = lead + textWidth + style.paddingX
            if cursor.x > x, cursor.x + entryWidth > x + width {
                cursor = MapPoint(x: x, y: bottom + style.stackGap)
            }
            let rect = MapRect(x: cursor.x, y: cursor.y, width: entryWidth, height: entryHeight)
            let area = MapRect(x: rect.x + lead, y: rect.y + style.paddingY, width: textWidth, height: entryHeight - 2 * style.paddingY)
            let square = MapRect(x: rect.x + style.paddingX, y: rect.y + ((entryHeight - style.legendSwatch) / 2).rounded(.down),
                                 width: style.legendSwatch, height: style.legendSwatch)
            boxes.append(Box(kind: .legend, key: nil, rect: rect, textArea: area, lines: lines, font: font, alignment: .leading,
                             swatch: .init(kind: kind, rect: square)))
            cursor.x += entryWidth + style.legendGap
            bottom = max(bottom, rect.maxY)
        }
        return bottom
    }

    /// The caption or the note across the drawing's width. Returns its bottom; an empty one takes no room.
    private mutating func placeFullWidth(_ kind: Kind, _ label: String, x: Double, y: Double, width: Double) -> Double {
        let font = style.font(for: kind)
        let lines = font.lines(label, fitting: width - 2 * style.paddingX)
        guard !lines.isEmpty else { return y }
        let rect = MapRect(x: x, y: y, width: width, height: font.height(lineCount: lines.count) + 2 * style.paddingY)
        boxes.append(Box(kind: kind, key: nil, rect: rect, textArea: rect.inset(dx: style.paddingX, dy: style.paddingY), lines: lines,
                         font: font, alignment: .leading, swatch: nil))
        return rect.maxY
    }

    // MARK: - Boxes

    /// Boxes one under another from `y`, each as tall as its label needs.
    @discardableResult
    private mutating func placeStack(_ items: [MapFigure.Box], _ kind: Kind, x: Double, y: Double, width: Double) -> [Box] {
        var y = y
        var placed: [Box] = []
        for item in items {
            let height = sizing.height(item.label, kind, width: width)
            placed.append(place(kind, key: item.key, label: item.label, rect: MapRect(x: x, y: y, width: width, height: height)))
            y += height + style.stackGap
        }
        return placed
    }

    /// A box with its label wrapped to fit and centred in it.
    @discardableResult
    private mutating func place(_ kind: Kind, key: String, label: String, rect: MapRect) -> Box {
        let font = style.font(for: kind)
        let lines = sizing.lines(label, kind, width: rect.width)
        let textHeight = font.height(lineCount: lines.count)
        let area = MapRect(x: rect.x + style.paddingX, y: rect.y + ((rect.height - textHeight) / 2).rounded(.down),
                           width: rect.width - 2 * style.paddingX, height: textHeight)
        let box = Box(kind: kind, key: key, rect: rect, textArea: area, lines: lines, font: font, alignment: .center, swatch: nil)
        boxes.append(box)
        return box
    }
}

/// How big a box must be for its label, by the style's fonts and padding.
private struct BoxSizing {
    let style: MapStyle

    /// The label on one line plus padding, kept between the style's minimum and maximum width, but wide
    /// enough for its longest word (up to ``MapStyle/maxWordBoxWidth``), so «Informasjonssamtale» is
    /// not broken between letters.
    func fittedWidth(_ label: String, _ kind: MapDrawing.Kind) -> Double {
        let font = style.font(for: kind)
        let cleaned = TextMetrics.cleaned(label)
        let natural = font.width(of: cleaned).rounded(.up) + 2 * style.paddingX
        let longestWord = (cleaned.split(separator: " ").map { font.width(of: String($0)) }.max() ?? 0).rounded(.up) + 2 * style.paddingX
        return max(min(max(natural, style.minBoxWidth), style.maxBoxWidth), min(longestWord, style.maxWordBoxWidth))
    }

    func lines(_ label: String, _ kind: MapDrawing.Kind, width: Double) -> [String] {
        style.font(for: kind).lines(label, fitting: width - 2 * style.paddingX)
    }

    /// At least one line high, so an empty label still makes a box.
    func height(_ label: String, _ kind: MapDrawing.Kind, width: Double) -> Double {
        style.font(for: kind).height(lineCount: max(lines(label, kind, width: width).count, 1)) + 2 * style.paddingY
    }

    func stackHeight(_ items: [MapFigure.Box], _ kind: MapDrawing.Kind, width: Double) -> Double {
        guard !items.isEmpty else { return 0 }
        return items.map { height($0.label, kind, width: width) }.reduce(0, +) + style.stackGap * Double(items.count - 1)
    }
}

/// The step columns: each one's width, and which actions go in the lanes and which above the step.
private struct ColumnPlan {
    let widths: [Double]
    /// The width of the lanes' actor boxes; 0 without lanes.
    let headerWidth: Double
    /// Per step, the actions drawn just above it (those in no lane).
    let bandActions: [[MapFigure.Box]]
    /// Per lane, per step, the actions drawn in that lane.
    let laneActions: [[[MapFigure.Box]]]
    let style: MapStyle

    init(figure: MapFigure, style: MapStyle, sizing: BoxSizing) {
        self.style = style
        var laneOf: [String: Int] = [:]
        for (index, lane) in figure.lanes.enumerated() {
            for key in lane.actions where laneOf[key] == nil { laneOf[key] = index }
        }
        bandActions = figure.steps.map { step in step.actions.filter { laneOf[$0.key] == nil } }
        laneActions = figure.lanes.indices.map { lane in figure.steps.map { step in step.actions.filter { laneOf[$0.key] == lane } } }
        widths = figure.steps.map { step in
            var width = sizing.fittedWidth(step.box.label, .step)
            for action in step.actions { width = max(width, sizing.fittedWidth(action.label, .action)) }
            for text in step.texts { width = max(width, sizing.fittedWidth(text.label, .stepText) + style.textGutter) }
            return width
        }
        headerWidth = figure.lanes.map { sizing.fittedWidth($0.actor.label, .actor) }.max() ?? 0
    }

    /// The frame's width: its inset, the actor column (with lanes), the step columns and the gaps between.
    var frameWidth: Double {
        let header = headerWidth > 0 ? headerWidth + style.columnGap : 0
        let columns = widths.reduce(0, +) + style.columnGap * Double(max(widths.count - 1, 0))
        return 2 * style.frameInset + header + max(columns, style.minBoxWidth)
    }

    /// The left edge of each step column, the actor column (if any) starting at `x`.
    func columnXs(startingAt x: Double) -> [Double] {
        var x = x + (headerWidth > 0 ? headerWidth + style.columnGap : 0)
        return widths.map { width in
            defer { x += width + style.columnGap }
            return x
        }
    }
}
