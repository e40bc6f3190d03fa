import Foundation
@testable import QualCode
import Testing

@Suite struct TextReaderTests {
    @Test func readsUTF8WithAndWithoutBOMAndNormalisesLineEnds() throws {
        let folder = try TemporaryFolder()
        let plain = try folder.write("a.txt", "Eva: får\r\nIntervjuer: ja\r\n")
        let bom = try folder.write("b.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("Eva: får\nIntervjuer: ja".utf8))
        let a = try TranscriptReader.read(url: plain), b = try TranscriptReader.read(url: bom)
        #expect(a.text == "Eva: får\nIntervjuer: ja")
        #expect(a.lineEnding == .crlf)
        #expect(b.text == a.text)
        #expect(b.lineEnding == .lf)
    }

    @Test func readsUTF16WithBOM() throws {
        let folder = try TemporaryFolder()
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Sør og nord 🙂".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let url = try folder.write("u16.txt", bytes: bytes)
        #expect(try TranscriptReader.read(url: url).text == "Sør og nord 🙂")
    }

    @Test func decomposedLettersAreComposed() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("nfd.md", "Ga\u{030A} hjem")  // a + combining ring
        let text = try TranscriptReader.read(url: url).text
        #expect(text == "Gå hjem")
        #expect(text.unicodeScalars.count == 7)
    }

    @Test func otherEncodingsNeedToBeNamed() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("latin.txt", bytes: Array("Eva: f".utf8) + [0xE5] + Array("r ikke".utf8))
        #expect(throws: ImportError.invalidUTF8(file: "latin.txt", byteOffset: 6)) { try TranscriptReader.read(url: url) }
        #expect(try TranscriptReader.read(url: url, encoding: .isoLatin1).text == "Eva: får ikke")
    }

    @Test func invalidUTF8NamesTheRightByte() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("feil.txt", bytes: Array("ab".utf8) + [0xC3, 0xA9, 0xFF] + Array("cd".utf8))
        #expect(throws: ImportError.invalidUTF8(file: "feil.txt", byteOffset: 4)) { try TranscriptReader.read(url: url) }
    }

    // MARK: - Hostile input

    @Test func rejectsAnEmptyFile() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("tom.txt", "")
        #expect(throws: ImportError.empty(file: "tom.txt")) { try TranscriptReader.read(url: url) }
    }

    @Test func rejectsBlankText() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("blank.txt", " \n\n\t\n")
        #expect(throws: ImportError.noText(file: "blank.txt")) { try TranscriptReader.read(url: url) }
    }

    @Test func rejectsBinaryGarbage() throws {
        let folder = try TemporaryFolder()
        var rng = SplitMix(seed: 7)
        let url = try folder.write("søppel.txt", bytes: (0..<4096).map { _ in UInt8(rng.next(256)) })
        #expect(throws: ImportError.self) { try TranscriptReader.read(url: url) }
        let withNul = try folder.write("nul.txt", bytes: Array("abc".utf8) + [0, 1, 2] + Array("def".utf8))
        #expect(throws: ImportError.binary(file: "nul.txt")) { try TranscriptReader.read(url: withNul) }
    }

    @Test func refusesAFileAboveTheSizeLimit() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("enorm.txt")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(TranscriptReader.maxFileSize + 1))  // sparse: no disk, no memory
        try handle.close()
        #expect(throws: ImportError.tooLarge(file: "enorm.txt", bytes: TranscriptReader.maxFileSize + 1, limit: TranscriptReader.maxFileSize)) {
            try TranscriptReader.read(url: url)
        }
    }

    @Test func rejectsUnknownFormats() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("notat.pdf", "%PDF-1.4")
        #expect(throws: ImportError.unsupportedFormat(file: "notat.pdf", ext: "pdf")) { try TranscriptReader.read(url: url) }
    }
}

@Suite struct SpeakerTurnsTests {
    @Test func recognisesMappedAndRepeatedLabels() {
        let text = "# Intervju\nI: Hva gjør du?\nE: Jeg veileder. Det er sånn: fint.\nfortsetter her\nI: Mm.\nE: Ja."
        let turns = SpeakerTurns(speakerMap: ["I": "Intervjuer", "E": "Eva"]).turns(in: text)
        #expect(turns.map(\.speaker) == ["Intervjuer", "Eva", "Intervjuer", "Eva"])
        let scalars = ScalarText(text)
        #expect(scalars.slice(turns[1].start, turns[1].end) == "Jeg veileder. Det er sånn: fint.\nfortsetter her")
    }

    @Test func aSentenceWithAColonIsNotASpeaker() {
        let turns = SpeakerTurns().turns(in: "Det var sånn: vi fikk ikke tid.\nIntervjuer: Ok.")
        #expect(turns.map(\.speaker) == ["Intervjuer"])
    }

    @Test func readsMarkdownBoldLabels() {
        let turns = SpeakerTurns(speakerMap: ["G": "Gunnar"]).turns(in: "**I:** Hei.\n**G:** Hei på deg.\n**I**: Takk.")
        #expect(turns.map(\.speaker) == ["I", "Gunnar", "I"])
        #expect(ScalarText("**I:** Hei.\n**G:** Hei på deg.\n**I**: Takk.").slice(turns[1].start, turns[1].end) == "Hei på deg.")
    }

    @Test func parsesSpeakerMaps() throws {
        #expect(try SpeakerTurns.parseMap("I=Intervjuer, E=Eva") == ["I": "Intervjuer", "E": "Eva"])
        #expect(throws: StoreError.self) { try SpeakerTurns.parseMap("I=Intervjuer,E") }
    }
}

@Suite struct SubtitleReaderTests {
    @Test func teamsVoiceTagsBecomeTurnsWithTimes() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("teams.vtt", """
            WEBVTT

            3f2a/1-0
            00:00:01.000 --> 00:00:03.500
            <v Intervjuer>Hvordan har du det?</v>

            3f2a/2-0
            00:00:04.000 --> 00:00:06.000
            <v Berit>Eh, bra. Det går &amp; går.</v>

            3f2a/2-1
            00:00:06.000 --> 00:01:02.250
            <v Berit>Mye å gjøre, <i>altså</i>.</v>
            """)
        let source = try TranscriptReader.read(url: url)
        #expect(source.text == "Intervjuer: Hvordan har du det?\nBerit: Eh, bra. Det går & går. Mye å gjøre, altså.")
        let turns = try #require(source.turns)
        #expect(turns.map(\.speaker) == ["Intervjuer", "Berit"])
        #expect(turns[1].startTime == 4_000 && turns[1].endTime == 62_250)
        #expect(ScalarText(source.text).slice(turns[1].start, turns[1].end) == "Eh, bra. Det går & går. Mye å gjøre, altså.")
    }

    @Test func zoomSRTPrefixesBecomeTurns() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("zoom.srt", "1\n00:00:01,000 --> 00:00:02,000\nIntervjuer: Hei.\n\n2\n00:00:02,500 --> 00:00:05,000\nDag: Hei, hei.\n")
        let source = try TranscriptReader.read(url: url)
        #expect(source.text == "Intervjuer: Hei.\nDag: Hei, hei.")
        #expect(source.turns?.map(\.speaker) == ["Intervjuer", "Dag"])
    }

    // MARK: - Hostile input

    @Test func brokenCueTimingNamesTheLine() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("brutt.vtt", "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHei\n\n2\n00:00:0x.000 --> 00:00:04.000\nHallo\n")
        #expect(throws: ImportError.badCueTiming(file: "brutt.vtt", line: 8, text: "00:00:0x.000 --> 00:00:04.000")) {
            try TranscriptReader.read(url: url)
        }
    }

    @Test func cueEndingBeforeItStartsIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("baklengs.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nHei\n")
        #expect(throws: ImportError.badCueTiming(file: "baklengs.vtt", line: 3, text: "00:00:05.000 --> 00:00:02.000")) {
            try TranscriptReader.read(url: url)
        }
    }

    @Test(arguments: [
        "9999999999999999:00:00.000 --> 9999999999999999:00:01.000",
        "00:-1.000 --> 00:02.000",
        "00:00:01.000 --> 00:00:+2.000",
        "00:00:01.0000 --> 00:00:02.000",
        "00:61:00.000 --> 00:62:00.000",
    ])
    func absurdTimingsAreRefusedNotTrusted(timing: String) throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("rar.vtt", "WEBVTT\n\n\(timing)\nHei\n")
        #expect(throws: ImportError.badCueTiming(file: "rar.vtt", line: 3, text: timing)) { try TranscriptReader.read(url: url) }
    }

    @Test func missingHeaderIsRefused() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("uten.vtt", "00:00:01.000 --> 00:00:02.000\nHei\n")
        #expect(throws: ImportError.missingHeader(file: "uten.vtt", expected: "WEBVTT")) { try TranscriptReader.read(url: url) }
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func matchesKnownDigests(input: String, digest: String) {
        #expect(SHA256Digest.hex(Data(input.utf8)) == digest)
    }

    @Test func hashesInputsAroundTheBlockBoundaries() {
        // One million "a": the FIPS 180-4 long-message vector; plus lengths either side of 64 bytes.
        #expect(SHA256Digest.hex(Data(repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256Digest.hex(Data(repeating: 0x61, count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
        #expect(SHA256Digest.hex(Data(repeating: 0x61, count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
    }
}
