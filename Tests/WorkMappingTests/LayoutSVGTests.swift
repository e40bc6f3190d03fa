import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import WorkMapping

/// The SVG is well-formed (to Foundation's parser and to xmllint), carries every label exactly as laid
/// out, escapes what XML needs escaped, and is the same bytes for the same map.
@Suite struct LayoutSVGTests {
    @Test(arguments: LayoutFixture.all)
    func theSVGParsesAndCarriesEveryLine(_ fixture: LayoutFixture) throws {
        let drawing = MapLayout(fixture.figure).drawing
        let document = try XMLDocument(xmlString: MapSVG.svg(for: drawing), options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        #expect(attribute("font-family", of: root) == "DejaVu Sans")
        #expect(attribute("viewBox", of: root) == "0 0 \(MapSVG.number(drawing.width)) \(MapSVG.number(drawing.height))")
        #expect(attribute("width", of: root) == MapSVG.number(drawing.width))
        #expect(attribute("height", of: root) == MapSVG.number(drawing.height))
        #expect(try document.nodes(forXPath: "/*[local-name()='svg']/*[local-name()='title']").first?.stringValue == drawing.title)
        for box in drawing.boxes where box.key != nil {
            let group = try document.nodes(forXPath: "//*[local-name()='g'][@data-key='\(box.key ?? "")']")
            #expect(group.count == 1, "\(box.key ?? "")")
            let lines = try group.first?.nodes(forXPath: ".//*[local-name()='tspan']").map { $0.stringValue ?? "" }
            #expect(lines == box.lines, "\(box.key ?? "")")
        }
        #expect(try document.nodes(forXPath: "//*[local-name()='polyline'][@marker-end='url(#arrowhead)']").count == drawing.arrows.count)
    }

    @Test(arguments: LayoutFixture.all)
    func xmllintAcceptsTheSVG(_ fixture: LayoutFixture) throws {
        let xmllint = "/usr/bin/xmllint"
        try #require(FileManager.default.isExecutableFile(atPath: xmllint), "xmllint is missing (Debian: libxml2-utils)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: file) }
        try MapSVG.svg(for: MapLayout(fixture.figure).drawing).write(to: file, atomically: true, encoding: .utf8)
        let result = try run(xmllint, ["--noout", file.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.isEmpty)
    }

    @Test func markupInLabelsIsEscapedAndRoundTrips() throws {
        let hostile = [
            "<script>alert(1)</script>", "Skjema & «mal» <v2>", "Sa \"ja\" og 'nei'", "Åpenhet, særlig og øving",
            "Bjelle\u{7} og null\u{0}tegn",
        ]
        let figure = MapFigure(caption: "Kart <&> \"sitat\"", note: "æøå & ÆØÅ",
                               steps: hostile.enumerated().map { MapFigure.Step(box: .init(key: "s\($0.offset)", label: $0.element)) },
                               processTexts: [.init(key: "k\"&<", label: "Nøkkel med tegn")])
        let drawing = MapLayout(figure).drawing
        let svg = MapSVG.svg(for: drawing)
        #expect(!svg.contains("<script") && !svg.contains("<v2>") && !svg.contains("\u{7}") && !svg.contains("\u{0}"))
        let document = try XMLDocument(xmlString: svg, options: [])
        let lines = try document.nodes(forXPath: "//*[local-name()='g'][@class='step']").map { group in
            try group.nodes(forXPath: ".//*[local-name()='tspan']").compactMap(\.stringValue)
        }
        #expect(lines == drawing.boxes.filter { $0.kind == .step }.map(\.lines))
        let letters = { (text: String) in text.filter { $0 != " " } }
        #expect(lines.map { letters($0.joined()) } == hostile.map { letters(TextMetrics.cleaned($0)) })
        #expect(lines.last == ["Bjelle og nulltegn"])
        #expect(try document.nodes(forXPath: "/*[local-name()='svg']/*[local-name()='title']").first?.stringValue == "Kart <&> \"sitat\"")
        #expect(try document.nodes(forXPath: "//*[local-name()='g'][@class='processText']").first.flatMap { ($0 as? XMLElement).flatMap { attribute("data-key", of: $0) } } == "k\"&<")
    }

    @Test func theSameMapGivesTheSameBytes() throws {
        for fixture in LayoutFixture.all {
            let copy = try JSONDecoder().decode(MapFigure.self, from: JSONEncoder().encode(fixture.figure))
            #expect(MapSVG.svg(for: MapLayout(fixture.figure).drawing) == MapSVG.svg(for: MapLayout(copy).drawing))
        }
    }

    @Test func numbersHaveOneDecimalAtMostAndAPoint() {
        #expect(MapSVG.number(12) == "12")
        #expect(MapSVG.number(12.34) == "12.3")
        #expect(MapSVG.number(0.05) == "0.1")
        #expect(MapSVG.number(-1.25) == "-1.3")
        #expect(MapSVG.number(-0.04) == "0")
        #expect(MapSVG.number(123456.7) == "123456.7")
    }

    /// Renders the typical map (and the laned and crowded ones) to PNG for a person to look at, where
    /// rsvg-convert is installed (Debian: librsvg2-bin). The files stay in QUALCODE_SAMPLE_DIR if set.
    @Test(arguments: LayoutFixture.all)
    func rendersToPNG(_ fixture: LayoutFixture) throws {
        let rsvg = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let rsvg else { return }
        let folder = ProcessInfo.processInfo.environment["QUALCODE_SAMPLE_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("work-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = "work-map-" + fixture.name.replacingOccurrences(of: " ", with: "-")
        let svg = folder.appendingPathComponent(name + ".svg"), png = folder.appendingPathComponent(name + ".png")
        try MapSVG.svg(for: MapLayout(fixture.figure).drawing).write(to: svg, atomically: true, encoding: .utf8)
        let result = try run(rsvg, ["--format=png", "--output=\(png.path)", svg.path])
        #expect(result.status == 0, "\(result.errors)")
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    // MARK: - Helpers

    /// By name among the element's attributes (FoundationXML's `attribute(forName:)` misses unprefixed
    /// attributes of an element in a default namespace).
    private func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
