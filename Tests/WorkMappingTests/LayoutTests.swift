import Foundation
import Testing
@testable import WorkMapping

/// The layout's promises, checked on the typical, the laned and the crowded map: nothing overlaps, every
/// line fits its box, every item is drawn once, arrows join what they say they join and cross nothing else.
@Suite struct LayoutTests {
    typealias Box = MapDrawing.Box

    @Test(arguments: LayoutFixture.all)
    func noTwoBoxesOverlap(_ fixture: LayoutFixture) {
        let boxes = MapLayout(fixture.figure).drawing.boxes
        for (index, box) in boxes.enumerated() {
            for other in boxes[(index + 1)...] where box.rect.overlaps(other.rect) {
                Issue.record("\(describe(box)) overlaps \(describe(other))")
            }
        }
    }

    @Test(arguments: LayoutFixture.all)
    func everyLineFitsInsideItsBox(_ fixture: LayoutFixture) {
        let style = MapStyle.standard
        for box in MapLayout(fixture.figure).drawing.boxes {
            #expect(box.rect.inset(dx: style.paddingX, dy: style.paddingY).contains(box.textArea), "\(describe(box))")
            #expect(box.font.height(lineCount: box.lines.count) <= box.textArea.height + 0.001, "\(describe(box))")
            for line in box.lines {
                #expect(box.font.width(of: line) <= box.textArea.width + 0.001, "\(describe(box)): «\(line)»")
            }
        }
    }

    @Test(arguments: LayoutFixture.all)
    func everyItemIsDrawnOnceWithItsWholeLabel(_ fixture: LayoutFixture) {
        let figure = fixture.figure
        let drawing = MapLayout(figure).drawing
        var expected: [(MapFigure.Box, MapDrawing.Kind)] = figure.processTexts.map { ($0, .processText) }
        for step in figure.steps {
            expected.append((step.box, .step))
            expected += step.actions.map { ($0, .action) } + step.texts.map { ($0, .stepText) }
        }
        expected += figure.lanes.map { ($0.actor, .actor) }
        for (item, kind) in expected {
            let drawn = drawing.boxes.filter { $0.key == item.key }
            #expect(drawn.count == 1, "\(item.key) is drawn \(drawn.count) times")
            #expect(drawn.first?.kind == kind, "\(item.key)")
            // Lines break at spaces (dropped) or inside a word (nothing dropped): no letter is lost.
            let letters = { (text: String) in text.filter { $0 != " " } }
            #expect(letters(drawn.first?.lines.joined() ?? "") == letters(item.label), "\(item.key)")
        }
        #expect(drawing.boxes.count { $0.key != nil } == expected.count)
        #expect(drawing.boxes.count { $0.kind == .caption } == 1)
        #expect(drawing.boxes.count { $0.kind == .note } == 1)
    }

    @Test(arguments: LayoutFixture.all)
    func arrowsStartAndEndOnTheBoxesTheyJoin(_ fixture: LayoutFixture) throws {
        let figure = fixture.figure
        let drawing = MapLayout(figure).drawing
        for arrow in drawing.arrows {
            let start = try #require(arrow.points.first), end = try #require(arrow.points.last)
            #expect(rect(of: arrow.from, in: drawing)?.hasOnEdge(start) == true, "\(arrow.from) → \(arrow.to) starts off its box")
            #expect(rect(of: arrow.to, in: drawing)?.hasOnEdge(end) == true, "\(arrow.from) → \(arrow.to) ends off its box")
            if arrow.to == .frame {
                #expect(end.y == drawing.frame.y, "process texts point down onto the frame's top")
            }
        }
        let stepArrows = zip(figure.steps, figure.steps.dropFirst()).map { (MapDrawing.Endpoint.box($0.box.key), MapDrawing.Endpoint.box($1.box.key)) }
        for (from, to) in stepArrows {
            #expect(drawing.arrows.count { $0.from == from && $0.to == to } == 1, "\(from) → \(to)")
        }
        for text in figure.processTexts {
            #expect(drawing.arrows.count { $0.from == .box(text.key) && $0.to == .frame } == 1)
        }
        for step in figure.steps {
            for text in step.texts {
                #expect(drawing.arrows.count { $0.from == .box(text.key) && $0.to == .box(step.box.key) } == 1)
            }
        }
        let stepTexts = figure.steps.map(\.texts.count).reduce(0, +)
        #expect(drawing.arrows.count == max(figure.steps.count - 1, 0) + figure.processTexts.count + stepTexts)
    }

    @Test(arguments: LayoutFixture.all)
    func arrowsCrossNoOtherBox(_ fixture: LayoutFixture) {
        let drawing = MapLayout(fixture.figure).drawing
        for arrow in drawing.arrows {
            let ends = [arrow.from, arrow.to]
            for box in drawing.boxes where !ends.contains(where: { $0 == box.key.map(MapDrawing.Endpoint.box) }) {
                for (a, b) in zip(arrow.points, arrow.points.dropFirst()) where crosses(a, b, box.rect) {
                    Issue.record("\(arrow.from) → \(arrow.to) crosses \(describe(box))")
                }
            }
        }
    }

    @Test(arguments: LayoutFixture.all)
    func theFrameHoldsTheWorkAndNothingElse(_ fixture: LayoutFixture) {
        let drawing = MapLayout(fixture.figure).drawing
        let canvas = MapRect(x: 0, y: 0, width: drawing.width, height: drawing.height)
        #expect(canvas.contains(drawing.frame))
        for box in drawing.boxes {
            #expect(canvas.contains(box.rect), "\(describe(box)) is outside the drawing")
            switch box.kind {
            case .step, .action, .stepText, .actor:
                #expect(drawing.frame.contains(box.rect), "\(describe(box)) is outside the frame")
            case .processText, .legend, .caption, .note:
                #expect(!drawing.frame.overlaps(box.rect), "\(describe(box)) is inside the frame")
            }
        }
    }

    @Test(arguments: LayoutFixture.all)
    func theOrderReadsLeftToRightAndTopToBottom(_ fixture: LayoutFixture) throws {
        let drawing = MapLayout(fixture.figure).drawing
        let steps = drawing.boxes.filter { $0.kind == .step }
        #expect(steps.map(\.key) == fixture.figure.steps.map(\.box.key))
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.rect.maxX < $1.rect.x && $0.rect.y == $1.rect.y })
        let firstStep = try #require(steps.first)
        for box in drawing.boxes {
            switch box.kind {
            case .processText: #expect(box.rect.maxY < drawing.frame.y)
            case .stepText: #expect(box.rect.y > firstStep.rect.maxY)
            case .action where drawing.lanes.isEmpty: #expect(box.rect.maxY < firstStep.rect.y)
            case .legend, .caption, .note: #expect(box.rect.y > drawing.frame.maxY)
            default: break
            }
        }
    }

    // MARK: - Lanes

    @Test func anActorsActionsStandInItsLaneAndInTheirStepsColumn() throws {
        let figure = LayoutFixture.typicalWithLanes
        let drawing = MapLayout(figure).drawing
        #expect(drawing.lanes.map(\.actorKey) == figure.lanes.map(\.actor.key))
        for lane in drawing.lanes {
            let actor = try #require(drawing.box(lane.actorKey))
            #expect(lane.rect.contains(actor.rect))
        }
        for step in figure.steps {
            let stepBox = try #require(drawing.box(step.box.key))
            for action in step.actions {
                let box = try #require(drawing.box(action.key))
                #expect(box.rect.x == stepBox.rect.x && box.rect.width == stepBox.rect.width, "\(action.key) is not in its step's column")
                let laneIndex = figure.lanes.firstIndex { $0.actions.contains(action.key) }
                if let laneIndex {
                    #expect(drawing.lanes[laneIndex].rect.contains(box.rect), "\(action.key) is not in lane \(laneIndex)")
                } else {
                    #expect(!drawing.lanes.contains { $0.rect.overlaps(box.rect) }, "\(action.key) is in a lane")
                }
            }
        }
    }

    @Test func aBoxGrowsForItsLongestWordAndBreaksOnlyAWordWiderThanTheLimit() throws {
        let style = MapStyle.standard
        let figure = MapFigure(caption: "", note: "", steps: [
            .init(box: .init(key: "s1", label: "Informasjonssamtale og oppstart")),
            .init(box: .init(key: "s2", label: "Arbeidsmarkedstiltaksoppfølgingsdokumentasjonskravsgjennomgang")),
        ])
        let drawing = MapLayout(figure).drawing
        let first = try #require(drawing.box("s1")), second = try #require(drawing.box("s2"))
        #expect(first.rect.width > style.maxBoxWidth && first.lines == ["Informasjonssamtale", "og oppstart"])
        #expect(second.rect.width == style.maxWordBoxWidth && second.lines.count > 1)
    }

    @Test func anEmptyFigureStillMakesADrawing() {
        let drawing = MapLayout(MapFigure(caption: "", note: "", steps: [])).drawing
        #expect(drawing.boxes.isEmpty && drawing.arrows.isEmpty)
        #expect(drawing.width > 0 && drawing.height > 0)
    }

    @Test func theLayoutIsAPureFunctionOfTheFigure() throws {
        let figure = LayoutFixture.crowded
        let copy = try JSONDecoder().decode(MapFigure.self, from: JSONEncoder().encode(figure))
        #expect(MapLayout(figure).drawing == MapLayout(copy).drawing)
    }

    // MARK: - Helpers

    private func rect(of endpoint: MapDrawing.Endpoint, in drawing: MapDrawing) -> MapRect? {
        switch endpoint {
        case .frame: drawing.frame
        case .box(let key): drawing.box(key)?.rect
        }
    }

    /// Whether the axis-parallel segment a–b passes through the inside of `rect`.
    private func crosses(_ a: MapPoint, _ b: MapPoint, _ rect: MapRect) -> Bool {
        let segment = MapRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(a.x - b.x), height: abs(a.y - b.y))
        return segment.x < rect.maxX && rect.x < segment.maxX && segment.y < rect.maxY && rect.y < segment.maxY
    }

    private func describe(_ box: Box) -> String { "\(box.kind.rawValue) \(box.key ?? "") at \(box.rect)" }
}
