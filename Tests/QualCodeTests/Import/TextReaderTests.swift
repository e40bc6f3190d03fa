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

    /// A sparse file of `size` bytes: no disk, no memory.
    func sparseFile(_ folder: TemporaryFolder, _ name: String, size: Int, head: [UInt8] = []) throws -> URL {
        let url = folder.file(name)
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data(head)))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return url
    }

    @Test(arguments: [("enorm.txt", TranscriptReader.maxTextSize), ("enorm.vtt", TranscriptReader.maxTextSize),
                      ("enorm.docx", TranscriptReader.maxFileSize)])
    func refusesAFileAboveTheSizeLimitBeforeReadingIt(name: String, limit: Int) throws {
        let folder = try TemporaryFolder()
        let url = try sparseFile(folder, name, size: limit + 1)
        #expect(throws: ImportError.tooLarge(file: name, bytes: limit + 1, limit: limit)) { try TranscriptReader.read(url: url) }
    }

    @Test func aWordDocumentWhoseTextIsOverTheLimitIsRefused() throws {
        #expect(TranscriptReader.maxTextSize < TranscriptReader.maxFileSize)
        let error = ImportError.textTooLarge(file: "bok.docx", bytes: 40 << 20, limit: TranscriptReader.maxTextSize)
        #expect(error.description == "bok.docx: its text (40 MiB) is larger than the limit of 32 MiB for one transcript; split the document; nothing was imported.")
    }

    @Test func binaryDataIsRefusedFromTheFirstMegabytes() throws {
        let folder = try TemporaryFolder()
        // 30 MB whose first bytes are text and the rest NUL bytes (a sparse file): refused as binary data.
        let url = try sparseFile(folder, "nesten-tekst.txt", size: 30 << 20, head: Array("Eva: Hei på deg.\n".utf8))
        #expect(throws: ImportError.binary(file: "nesten-tekst.txt")) { try TranscriptReader.read(url: url) }
        // Invalid UTF-8 one megabyte in: named from the head, with its offset.
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 6 << 20)
        bytes[1 << 20] = 0xE5  // «å» in Latin-1
        let latin = try folder.write("latin-stor.txt", bytes: bytes)
        #expect(throws: ImportError.invalidUTF8(file: "latin-stor.txt", byteOffset: 1 << 20)) { try TranscriptReader.read(url: latin) }
    }

    @Test func aNULPastTheFirstMegabytesIsStillFound() throws {
        let folder = try TemporaryFolder()
        var bytes = Array(String(repeating: "Intervjuer: Får jeg spørre?\n", count: (ImportFile.headSize / 29) + 1000).utf8)
        bytes[bytes.count - 10] = 0
        let url = try folder.write("sen-nul.txt", bytes: bytes)
        #expect(throws: ImportError.binary(file: "sen-nul.txt")) { try TranscriptReader.read(url: url) }
    }

    @Test func theHeadIsJudgedWithoutCuttingACharacterInTwo() throws {
        let cut = Data(Array("Sjø".utf8).dropLast(1))  // the first byte of «ø» only
        #expect(throws: Never.self) { try TextDecoding.inspect(head: cut, isWhole: false, file: "a.txt", encoding: nil) }
        #expect(throws: ImportError.invalidUTF8(file: "a.txt", byteOffset: 2)) {
            try TextDecoding.inspect(head: cut, isWhole: true, file: "a.txt", encoding: nil)
        }
        // A named single-byte encoding is not held to UTF-8, but still to no NUL bytes.
        #expect(throws: Never.self) { try TextDecoding.inspect(head: Data([0x53, 0xF8, 0x72]), isWhole: true, file: "a.txt", encoding: .isoLatin1) }
        #expect(throws: ImportError.binary(file: "a.txt")) {
            try TextDecoding.inspect(head: Data([0x53, 0x00, 0x72]), isWhole: true, file: "a.txt", encoding: .windowsCP1252)
        }
    }

    @Test func encodingsAreNamedOnceForEveryImporter() {
        #expect(TextEncoding(name: "Windows-1252") == .windows1252)
        #expect(TextEncoding(name: "cp1252") == .windows1252)
        #expect(TextEncoding(name: "ISO-8859-1")?.stringEncoding == .isoLatin1)
        #expect(TextEncoding(name: "utf8") == .utf8)
        #expect(TextEncoding(name: "klingon") == nil)
        #expect(TextEncoding.allCases.map(\.rawValue) == ["utf-8", "utf-16le", "utf-16be", "latin1", "windows-1252"])
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

    @Test func srtTimingsMayUseADotAndVTTTimingsAComma() throws {
        let folder = try TemporaryFolder()
        let srt = try folder.write("prikk.srt", "1\n00:00:01.000 --> 00:00:02.500\nIntervjuer: Hei.\n\n2\n00:00:03,000 --> 00:00:04.000\nDag: Hei på deg.\n")
        let source = try TranscriptReader.read(url: srt)
        #expect(source.text == "Intervjuer: Hei.\nDag: Hei på deg.")
        #expect(source.turns?.map(\.endTime) == [2_500, 4_000])
        let vtt = try folder.write("komma.vtt", "WEBVTT\n\n00:01,000 --> 00:02,000\n<v Eva>Sånn er det.</v>\n")
        #expect(try TranscriptReader.read(url: vtt).turns?.first?.startTime == 1_000)
    }

    // MARK: - Hostile input

    @Test func brokenCueTimingNamesTheLineAndTheCue() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("brutt.vtt", "WEBVTT\n\nNOTE laget for hånd\n\n1\n00:00:01.000 --> 00:00:02.000\nHei\n\n2\n00:00:0x.000 --> 00:00:04.000\nHallo\n")
        let problem = CueTimingProblem.unreadable(found: "00:00:0x.000 --> 00:00:04.000", format: .vtt)
        #expect(throws: ImportError.badCueTiming(file: "brutt.vtt", line: 10, cue: 2, problem: problem)) {
            try TranscriptReader.read(url: url)
        }
    }

    @Test func aBrokenSRTTimingShowsWhatWasFoundAndWhatSRTExpects() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("kolon.srt", "1\n00:00:01:000 --> 00:00:02:000\nHei\n")
        let error = ImportError.badCueTiming(file: "kolon.srt", line: 2, cue: 1,
                                             problem: .unreadable(found: "00:00:01:000 --> 00:00:02:000", format: .srt))
        #expect(throws: error) { try TranscriptReader.read(url: url) }
        #expect(error.description == "kolon.srt, line 2 (cue 1): expected a cue timing such as \"00:01:02,000 --> 00:01:04,000\", "
            + "found \"00:00:01:000 --> 00:00:02:000\"; nothing was imported.")
    }

    @Test func cueEndingBeforeItStartsIsRefusedSayingSo() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("baklengs.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nJa\n\n00:00:05.000 --> 00:00:02.000\nHei\n")
        let error = ImportError.badCueTiming(file: "baklengs.vtt", line: 6, cue: 2,
                                             problem: .endsBeforeStart(start: "00:00:05.000", end: "00:00:02.000"))
        #expect(throws: error) { try TranscriptReader.read(url: url) }
        #expect(error.description == "baklengs.vtt, line 6 (cue 2): the cue ends at 00:00:02.000, before it starts at 00:00:05.000; nothing was imported.")
    }

    @Test(arguments: [
        ("00:61:00.000 --> 00:62:00.000", CueTimingProblem.outOfRange(timestamp: "00:61:00.000", unit: .minutes, value: 61)),
        ("00:00:01.000 --> 00:00:75.000", .outOfRange(timestamp: "00:00:75.000", unit: .seconds, value: 75)),
        ("01:60.000 --> 01:61.000", .outOfRange(timestamp: "01:60.000", unit: .seconds, value: 60)),
    ])
    func minutesOrSecondsOver59AreRefusedSayingWhich(timing: String, problem: CueTimingProblem) throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("klokke.vtt", "WEBVTT\n\nen-cue\n\(timing)\nHei\n")
        #expect(throws: ImportError.badCueTiming(file: "klokke.vtt", line: 4, cue: 1, problem: problem)) { try TranscriptReader.read(url: url) }
    }

    @Test func anOutOfRangeTimingIsWordedWithItsUnit() {
        let error = ImportError.badCueTiming(file: "klokke.srt", line: 42, cue: 7,
                                             problem: .outOfRange(timestamp: "00:61:00,000", unit: .minutes, value: 61))
        #expect(error.description == "klokke.srt, line 42 (cue 7): the timestamp \"00:61:00,000\" has 61 minutes, but minutes go up to 59; nothing was imported.")
    }

    @Test(arguments: [
        "9999999999999999:00:00.000 --> 9999999999999999:00:01.000",
        "00:-1.000 --> 00:02.000",
        "00:00:01.000 --> 00:00:+2.000",
        "00:00:01.0000 --> 00:00:02.000",
        "00:00:01.000 --> ",
    ])
    func absurdTimingsAreRefusedNotTrusted(timing: String) throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("rar.vtt", "WEBVTT\n\n\(timing)\nHei\n")
        #expect(throws: ImportError.badCueTiming(file: "rar.vtt", line: 3, cue: 1, problem: .unreadable(found: timing, format: .vtt))) {
            try TranscriptReader.read(url: url)
        }
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
