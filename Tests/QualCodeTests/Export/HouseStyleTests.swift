import Foundation
@testable import QualCode
import Testing

@Suite struct HouseStyleTests {
    static let templates = Fixtures.demo.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")

    @Test(arguments: ["thesis", "report"])
    func theTemplateFilesAreTheBuiltInStyles(name: String) throws {
        let file = Self.templates.appendingPathComponent("house-style-\(name).json")
        let style = try HouseStyle.load(from: file)
        #expect(style == HouseStyle.named(name))
        // The committed file is exactly what `qualcode quote style NAME` prints, so they cannot drift.
        #expect(try String(contentsOf: file, encoding: .utf8) == HouseStyle.named(name)!.json())
    }

    @Test func theSettingNamesAreTheEncodedKeys() throws {
        let object = try JSONSerialization.jsonObject(with: Data(HouseStyle.thesis.json().utf8)) as! [String: Any]
        #expect(Set(object.keys) == Set(HouseStyle.settingNames))
    }

    @Test func aFileNeedsOnlyWhatDiffersFromItsBase() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("min-stil.json", """
            {"basedOn": "report", "label": "({rolle})", "marks": {"omission": "[…]"},
             "words": {"nb": {"table": "Tab."}}, "fillers": ["eh", "liksom"]}
            """)
        let style = try HouseStyle.load(from: file)
        #expect(style.name == "min-stil")
        #expect(style.label == "({rolle})")
        #expect(style.italic == false && style.capitalizeLabels)
        #expect(style.marks.omission == "[…]" && style.marks.cutStart == "…")
        #expect(style.labels(for: .nb)[.table] == "Tab." && style.labels(for: .nb)[.note] == "Kommentar")
        #expect(style.labels(for: .en)[.table] == "Table")
        #expect(style.fillers == ["eh", "liksom"])
    }

    @Test func brokenAndHostileFilesAreRefusedWithTheReason() throws {
        let folder = try TemporaryFolder()
        let cases: [(String, String)] = [
            ("{\"lable\": \"({rolle})\"}", "unknown setting \"lable\""),
            ("{\"marks\": {\"omision\": \"[…]\"}}", "unknown setting \"marks.omision\""),
            ("{\"words\": {\"de\": {}}}", "unknown language \"de\""),
            ("{\"basedOn\": \"avis\"}", "basedOn \"avis\""),
            ("{\"blockWords\": \"mange\"}", "blockWords has the wrong type"),
            ("{\"blockWords\": 0}", "blockWords must be 1 or more"),
            ("{\"label\": \"({rolle\"}", "fields in braces"),
            ("{\"marks\": {\"omission\": \"\"}}", "marks.omission cannot be empty"),
            ("{\"marks\": {\"insertion\": {\"open\": \"\", \"close\": \"\"}}}", "marks.insertion needs an opening and a closing bracket"),
            ("[1, 2]", "not a JSON object"),
            ("{\"label\": ", "not a JSON object"),
            ("", "not a JSON object"),
        ]
        for (index, (json, reason)) in cases.enumerated() {
            let file = try folder.write("stil-\(index).json", json)
            do {
                _ = try HouseStyle.load(from: file)
                Issue.record("accepted \(json)")
            } catch let error as StyleFileError {
                #expect(error.description.contains(reason), "\(json): \(error)")
            }
        }
        let huge = try folder.write("stor.json", "{\"fillers\": [" + String(repeating: "\"eh\",", count: 300_000) + "\"eh\"]}")
        #expect(throws: StyleFileError.self) { try HouseStyle.load(from: huge) }
        #expect(throws: StyleFileError.self) { try HouseStyle.load(from: folder.file("finnes-ikke.json")) }
    }
}
