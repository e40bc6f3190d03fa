import Foundation
import Testing
@testable import WorkMapping

/// Widths come from DejaVu Sans's own advances, and labels wrap to fit.
@Suite struct LayoutTextMetricsTests {
    /// At a size of one em in font units, a width is the sum of the font's advances.
    private let unit = TextMetrics(size: 2048)

    @Test func widthsAreTheFontsAdvances() {
        #expect(unit.width(of: "A") == 1401)
        #expect(unit.width(of: " ") == 651)
        #expect(unit.width(of: "AA") == 2802, "kerning is ignored: advances add up")
        #expect(TextMetrics(size: 12).width(of: "A") == 1401.0 * 12 / 2048)
        #expect(TextMetrics(size: 2048, weight: .bold).width(of: "jobbmatch") > unit.width(of: "jobbmatch"))
    }

    @Test func norwegianLettersAndPunctuationAreMeasuredNotGuessed() {
        #expect(unit.width(of: "å") == 1255 && unit.width(of: "ø") == 1253 && unit.width(of: "æ") == 2011)
        #expect(unit.width(of: "Å") == unit.width(of: "A"))
        #expect(unit.width(of: "–") == 1024 && unit.width(of: "«") == 1253)
        // A decomposed «å» is an «a» and a zero-width ring.
        #expect(unit.width(of: "a\u{30A}") == unit.width(of: "å"))
    }

    @Test func anUnknownCharacterCountsAFullEm() {
        #expect(unit.width(of: "中") == 2048)
        #expect(unit.width(of: "🙂") == 2048)
    }

    /// The committed widths are what the installed fonts give (skipped where DejaVu is not installed).
    @Test func theCommittedMetricsMatchTheInstalledFonts() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf") else { return }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("Scripts/font-metrics").path, "--check"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }

    // MARK: - Line breaking

    @Test func labelsWrapAtSpacesAndEachLineFits() {
        let font = TextMetrics(size: 12)
        let label = "Kontakte og kartlegge arbeidsgivere – finne jobbmatch"
        let lines = font.lines(label, fitting: 150)
        #expect(lines.count > 1)
        #expect(lines.joined(separator: " ") == label)
        #expect(lines.allSatisfy { font.width(of: $0) <= 150 })
        #expect(font.lines(label, fitting: 1000) == [label])
    }

    @Test func aWordWiderThanTheBoxBreaksAfterAHyphenOrBetweenCharacters() {
        let font = TextMetrics(size: 12)
        let hyphenated = font.lines("IPS-kvalitetsskala", fitting: font.width(of: "IPS-kvalitetsskal"))
        #expect(hyphenated == ["IPS-", "kvalitetsskala"])
        let compound = "Arbeidsmarkedstiltaksoppfølgingsdokumentasjonskrav"
        let lines = font.lines(compound, fitting: 100)
        #expect(lines.count > 2 && lines.joined() == compound)
        #expect(lines.allSatisfy { font.width(of: $0) <= 100 })
    }

    @Test func aSectionSignStaysWithItsNumberAndANumberWithItsPerCentSign() {
        let font = TextMetrics(size: 12)
        let narrow = font.width(of: "oppfølgingstjenester")
        #expect(font.lines("Forskrift om oppfølgingstjenester § 5", fitting: narrow) == ["Forskrift om", "oppfølgingstjenester", "§ 5"])
        #expect(font.lines("Mål: 65 % ute", fitting: font.width(of: "Mål: 65")) == ["Mål:", "65 %", "ute"])
    }

    @Test func aBoxNarrowerThanOneCharacterStillTakesEveryCharacter() {
        #expect(TextMetrics(size: 12).lines("æøå", fitting: 1) == ["æ", "ø", "å"])
    }

    @Test func labelsAreCleanedBeforeTheyAreMeasured() {
        #expect(TextMetrics.cleaned("  Bli\tkjent,\n\nbygge   tillit ") == "Bli kjent, bygge tillit")
        #expect(TextMetrics.cleaned("Bell\u{7}\u{0}ing\u{FFFE}") == "Belling")
        #expect(TextMetrics.cleaned("65\u{A0}% av tiden ute") == "65\u{A0}% av tiden ute", "a no-break space stays")
        let font = TextMetrics(size: 12)
        #expect(font.lines("Mål: 65\u{A0}% ute", fitting: font.width(of: "Mål: 65")) == ["Mål:", "65\u{A0}%", "ute"],
                "…and no break opportunity")
        #expect(TextMetrics(size: 12).lines(" \n\t", fitting: 100).isEmpty)
    }
}
