import Foundation
import ZIPFoundation

/// Norwegian Bokmål words, roughly by how often they come up in an interview about work in a
/// NAV office; drawn with Zipf weights, so the first ones are the commonest.
enum Vocabulary {
    static let words: [String] = [
        // function words and speech glue
        "og", "det", "i", "er", "som", "på", "jeg", "at", "en", "vi", "har", "ikke", "til", "så", "med", "for",
        "de", "av", "men", "var", "å", "om", "kan", "liksom", "jo", "den", "et", "da", "litt", "veldig", "også",
        "bare", "egentlig", "sånn", "man", "hvor", "når", "fra", "vil", "skal", "noe", "mye", "mer", "hva",
        "blir", "ble", "får", "må", "være", "gjøre", "tenker", "synes", "føler", "vet", "sier", "her", "der",
        "alle", "andre", "oss", "meg", "seg", "sine", "dem", "hun", "han", "hele", "godt", "bra", "altså",
        "kanskje", "nok", "ganske", "helt", "etter", "før", "under", "over", "mellom", "uten", "hos", "selv",
        "hvis", "fordi", "mens", "eller", "både", "enn", "ja", "nei", "dette", "disse", "noen", "ingen", "hver",
        "får", "gått", "går", "komme", "kommer", "kom", "tatt", "ta", "tar", "gir", "gi", "gitt", "sett", "se",
        "ser", "hatt", "hadde", "skulle", "kunne", "ville", "måtte", "burde", "prøve", "prøver", "prøvd",
        // the domain
        "veiledning", "tillit", "kollegaer", "kontoret", "brukerne", "leder", "lederen", "teamet", "møter",
        "oppfølging", "samarbeid", "tid", "tiden", "erfaring", "kompetanse", "oppgaver", "ansvar", "rutiner",
        "systemene", "kvalitet", "tilbakemelding", "tilbakemeldinger", "støtte", "trygghet", "frihet",
        "relasjonen", "kultur", "føring", "nasjonal", "kommunen", "direktoratet", "fylket", "prioriteringer",
        "arbeidsmiljø", "sykefravær", "ytelser", "dagpenger", "arbeidsavklaringspenger", "tiltak",
        "arbeidsgiver", "jobbsøker", "ungdom", "veileder", "veilederne", "avdelingen", "enheten",
        "kontorsjefen", "fagleder", "fagkoordinator", "forventninger", "mål", "målene", "resultater",
        "statistikk", "måling", "målstyring", "press", "balanse", "krevende", "spennende", "utfordrende",
        "viktig", "vanskelig", "lett", "trygg", "åpen", "ærlig", "tydelig", "usikker", "fornøyd", "sliten",
        "engasjert", "motivert", "nærhet", "avstand", "øyeblikk", "første", "siste", "året", "årene", "måned",
        "uke", "hjemmekontor", "digitale", "skjermen", "telefonen", "samtale", "samtaler", "dialog", "føle",
        "lære", "læring", "øve", "spørre", "høre", "lytte", "forstå", "forklare", "skjønne", "ønske", "ønsker",
        "behov", "løsning", "løsninger", "endring", "endringer", "omstilling", "nedbemanning", "ressurser",
        "økonomi", "budsjett", "søknad", "vedtak", "klage", "regelverket", "skjønn", "vurdering", "vurderinger",
        "helhet", "helhetlig", "menneske", "mennesker", "hjelpe", "hjelp", "mestring", "trivsel", "autonomi",
        "sparringspartner", "metodeveileder", "metodeveiledere", "kvalitetsgjennomgang", "teamkultur",
        "fagmøte", "fagdag", "kurs", "opplæring", "nyansatte", "erfarne", "tøft", "gøy", "morsomt", "slitsomt",
        "greit", "rart", "fint", "dårlig", "sårbar", "sårbart", "nøytral", "følelsen", "følelser", "hverdagen",
        "arbeidsdag", "arbeidsdagen", "kontinuerlig", "plutselig", "etterhvert", "dessverre", "heldigvis",
        "søndag", "mandag", "fredag", "høsten", "våren", "sommeren", "vinteren", "småbarn", "familie",
        "blålys", "ståsted", "fjøs", "bålpanne", "ærend", "grøft", "skjæringspunkt", "spørsmål", "svar",
        // long compounds, as Norwegian has them
        "arbeidsrettet", "brukeroppfølging", "kvalifiseringsprogrammet", "oppfølgingsvedtak", "aktivitetsplanen", "sykepengeoppfølging",
        "kompetanseutvikling", "samhandlingsreformen", "veiledningsgruppe", "metodeveiledningen",
        "kollegaveiledning", "refleksjonsgruppe", "prosessveiledning", "tilbakemeldingskultur", "kvalitetsarbeid",
        "kvalitetsindikatorer", "saksbehandlingstid", "forvaltningsloven", "arbeidsmarkedstiltak",
        "arbeidsevnevurdering", "inkluderingskompetanse", "ungdomsgarantien", "tverrfaglig", "tverrfaglige",
        "ledergruppen", "kontorledelsen", "virksomhetsstrategien", "styringssignaler", "resultatmålinger",
        "måltallene", "handlingsrommet", "profesjonsutøvelse", "skjønnsutøvelse", "brukermedvirkning", "samskaping",
        "digitaliseringen", "modernisering", "hjemmekontordager", "sosialfaglig", "sosialfaglige",
        "veiledningskompetanse", "forventningsavklaring", "relasjonskompetanse", "mestringsopplevelse",
        "arbeidsglede", "belastningen", "forutsigbarhet", "medbestemmelse", "tillitsvalgte", "arbeidsmiljøutvalget",
        "omorganiseringen", "nedskjæringer", "fagnettverket", "fagsamlinger", "erfaringsdeling", "kunnskapsdeling",
        "læringskultur", "likeverdighet", "anerkjennelse", "trygghetsfølelse", "usikkerheten", "ansvarsfordeling",
        "rolleavklaring", "oppdragsbrevet", "direktoratsnivå", "fylkesnivå", "kommunalsjefen", "partnerskapet",
        "statlig", "kommunal",
    ]

    /// The exponent is tuned so that 10,000 words come to about 73,000 characters, the design
    /// document's figure for a transcript (1,000 of them ≈ 73 M characters).
    static let zipf = ZipfTable(count: words.count, exponent: 0.5)

    /// Phrases dropped into answers now and then, so phrase searches and the code names have
    /// something to find.
    static let phrases: [String] = [
        "fag og personal", "det navske", "savn av nasjonal føring", "tillit og veiledning",
        "veiledning handler om tillit", "en sparringspartner", "kvalitetsgjennomgang i teamet",
        "balansekunst mellom fag og drift", "NAV & kommune", "under < 20 % stilling", "det er «litt sånn»",
    ]

    static let questionOpenings: [String] = [
        "Kan du fortelle litt om", "Hvordan opplever du", "Hva tenker du om", "Hvordan var det med",
        "Kan du gi et eksempel på", "Hva betyr", "Hvordan jobber dere med", "Hva skjer når",
        "Hvordan påvirker det", "Kan du si litt mer om",
    ]

    static let firstNames: [String] = [
        "Eva", "Berit", "Anne", "Dag", "Fatima", "Gunnar", "Hilde", "Ingrid", "Jonas", "Kari", "Lars", "Marit",
        "Nils", "Oda", "Per", "Ragnhild", "Siri", "Tor", "Unni", "Vidar", "Åse", "Øystein", "Ærlend", "Bjørn",
        "Camilla", "Espen", "Frode", "Guro", "Hege", "Ida", "Jørgen", "Kjersti", "Leif", "Mona", "Nora", "Ole",
        "Pål", "Randi", "Sølvi", "Trond", "Ulrik", "Vigdis", "Yngve", "Zahra", "Amir", "Linh", "Sanna", "Tuva",
        "Håkon", "Mette",
    ]

    /// A unique, made-up pseudonym per file: «Eva K.», «Berit K.», …
    static func pseudonym(_ index: Int) -> String {
        let letters = Array("ABDEFGHIJKLMNOPRSTUVWYØÅ")
        let first = firstNames[index % firstNames.count]
        let round = index / firstNames.count
        let letter = letters[round % letters.count]
        let generation = round / letters.count
        return generation == 0 ? "\(first) \(letter)." : "\(first) \(letter)\(generation + 1)."
    }
}

/// One body paragraph of a generated transcript.
enum Paragraph {
    case turn(label: String, text: String)
    case plain(String)
    case empty

    /// The line a correct .docx reader extracts for it.
    var line: String {
        switch self {
        case let .turn(label, text): "\(label): \(text)"
        case let .plain(text): text
        case .empty: ""
        }
    }
}

/// Words as the library counts them: runs of letters or digits.
func countWords(_ s: String) -> Int {
    var count = 0
    var inWord = false
    for u in s.unicodeScalars {
        let isWord = u.properties.isAlphabetic || u.properties.numericType != nil
        if isWord && !inWord { count += 1 }
        inWord = isWord
    }
    return count
}

/// Writes an interview: `Intervjuer:` asks short questions, the participant gives long answers,
/// sometimes over several paragraphs, with fillers and laughter as transcribers write them.
struct InterviewGenerator {
    let participant: String
    var rng: SplitMix64

    mutating func word() -> String { Vocabulary.words[Vocabulary.zipf.draw(&rng)] }

    mutating func sentence(words count: Int, question: Bool) -> String {
        var parts: [String] = []
        if question, rng.chance(60) {
            parts.append(rng.pick(Vocabulary.questionOpenings))
        }
        var n = 0
        while n < count {
            if !question, rng.chance(4) { parts.append(rng.chance(70) ? "eh" : "ehm"); continue }
            if rng.chance(question ? 4 : 2) {
                let phrase = rng.pick(Vocabulary.phrases)
                parts.append(phrase)
                n += phrase.split(separator: " ").count
                continue
            }
            parts.append(word())
            n += 1
        }
        var s = parts.joined(separator: " ")
        if let first = s.first { s.replaceSubrange(s.startIndex...s.startIndex, with: String(first).uppercased()) }
        if question { return s + "?" }
        switch rng.below(100) {
        case 0..<78: s += "."
        case 78..<86: s += " …"
        case 86..<92: s += ", ikke sant?"
        case 92..<96: s += ". (latter)"
        default: s += "!"
        }
        return s
    }

    mutating func answer(words target: Int) -> String {
        var sentences: [String] = []
        var n = 0
        while n < target {
            let s = sentence(words: rng.int(in: 4...22), question: false)
            n += countWords(s)
            sentences.append(s)
        }
        return sentences.joined(separator: " ")
    }

    /// Paragraphs until the transcript holds at least `targetWords` words; returns them with the
    /// word count.
    mutating func interview(number: Int, targetWords: Int) -> ([Paragraph], Int) {
        var paragraphs: [Paragraph] = [.plain("Intervju \(number) – \(participant), metodeveileder"), .empty]
        var words = countWords(paragraphs[0].line)
        while words < targetWords {
            let question = Paragraph.turn(label: "Intervjuer", text: sentence(words: rng.int(in: 5...14), question: true))
            paragraphs.append(question)
            words += countWords(question.line)
            if rng.chance(25) { paragraphs.append(.empty) }
            let answerParagraphs = rng.chance(20) ? rng.int(in: 2...3) : 1
            for k in 0..<answerParagraphs where words < targetWords {
                let text = answer(words: min(rng.int(in: 40...260), max(8, targetWords - words)))
                let p: Paragraph = k == 0 ? .turn(label: participant, text: text) : .plain(text)
                paragraphs.append(p)
                words += countWords(p.line)
            }
            if rng.chance(25) { paragraphs.append(.empty) }
        }
        return (paragraphs, words)
    }
}

/// Writes a minimal but valid WordprocessingML package, the way Word structures runs.
enum DocxWriter {
    static let fixedDate = Date(timeIntervalSince1970: 1_700_000_000)

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        </Types>
        """
    static let packageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        </Relationships>
        """
    static let documentRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>
        """
    static let runProperties = [
        "<w:rPr><w:lang w:val=\"nb-NO\"/></w:rPr>",
        "<w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\"/><w:sz w:val=\"22\"/></w:rPr>",
        "<w:rPr><w:i/></w:rPr>",
    ]

    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func run(_ text: String, properties: String? = nil, into xml: inout String) {
        xml += "<w:r>"
        if let properties { xml += properties }
        xml += "<w:t xml:space=\"preserve\">"
        xml += escape(text)
        xml += "</w:t></w:r>"
    }

    /// `text` split at spaces into 1–3 runs, as Word leaves it after edits and spell checks.
    static func runs(_ text: String, rng: inout SplitMix64, into xml: inout String) {
        let pieces = rng.chance(40) ? rng.int(in: 2...3) : 1
        var rest = Substring(text)
        for k in 0..<pieces {
            var piece = rest
            if k < pieces - 1 {
                let spaces = rest.indices.filter { rest[$0] == " " }
                if spaces.count > 2 {
                    let cut = spaces[rng.int(in: 1...(spaces.count - 1))]
                    piece = rest[..<cut]
                }
            }
            rest = rest[piece.endIndex...]
            let properties: String? = rng.chance(30) ? rng.pick(runProperties) : nil
            run(String(piece), properties: properties, into: &xml)
            if rest.isEmpty { break }
        }
    }

    static func documentXML(_ paragraphs: [Paragraph], rng: inout SplitMix64) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            """
        xml.reserveCapacity(paragraphs.reduce(0) { $0 + $1.line.utf8.count } * 2 + 4096)
        for p in paragraphs {
            xml += "<w:p>"
            if rng.chance(30) { xml += "<w:pPr><w:spacing w:after=\"120\"/></w:pPr>" }
            switch p {
            case let .turn(label, text):
                run("\(label):", properties: "<w:rPr><w:b/></w:rPr>", into: &xml)
                runs(" " + text, rng: &rng, into: &xml)
            case let .plain(text):
                runs(text, rng: &rng, into: &xml)
            case .empty:
                break
            }
            xml += "</w:p>"
        }
        xml += "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
        return xml
    }

    static func write(_ paragraphs: [Paragraph], to url: URL, rng: inout SplitMix64) throws {
        let entries: [(String, Data)] = [
            ("[Content_Types].xml", Data(contentTypes.utf8)),
            ("_rels/.rels", Data(packageRels.utf8)),
            ("word/document.xml", Data(documentXML(paragraphs, rng: &rng).utf8)),
            ("word/_rels/document.xml.rels", Data(documentRels.utf8)),
        ]
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                let start = Int(position)
                return data.subdata(in: start..<min(data.count, start + size))
            }
        }
    }
}

/// What was generated.
struct CorpusStats {
    var files = 0
    var characters = 0
    var words = 0
    var paragraphs = 0
    var bytesOnDisk = 0
}

/// Generates `files` interviews into `directory`, two or more at a time.
enum CorpusGenerator {
    static func fileName(_ index: Int) -> String { String(format: "intervju-%04d.docx", index + 1) }

    static func generate(files: Int, words: Int, seed: UInt64, into directory: URL,
                         progress: @escaping @Sendable (Int) -> Void) throws -> ([URL], CorpusStats) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let urls = (0..<files).map { directory.appendingPathComponent(fileName($0)) }
        let box = Collector(count: files)
        DispatchQueue.concurrentPerform(iterations: files) { i in
            do {
                var rng = SplitMix64(seed: seed ^ (UInt64(i + 1) &* 0xD1B5_4A32_D192_ED03))
                var generator = InterviewGenerator(participant: Vocabulary.pseudonym(i), rng: rng)
                let (paragraphs, wordCount) = generator.interview(number: i + 1, targetWords: words)
                rng = generator.rng
                try? FileManager.default.removeItem(at: urls[i])
                try DocxWriter.write(paragraphs, to: urls[i], rng: &rng)
                // What the reader will store: paragraphs as lines, runs of blank lines as one.
                var characters = 0, lines = 0, previousBlank = true
                for p in paragraphs {
                    let line = p.line
                    let blank = line.isEmpty
                    if blank && previousBlank { continue }
                    characters += line.unicodeScalars.count
                    lines += 1
                    previousBlank = blank
                }
                characters += max(0, lines - 1)  // line feeds
                let size = (try? FileManager.default.attributesOfItem(atPath: urls[i].path)[.size] as? Int) ?? 0
                box.set(i, .success(FileStat(characters: characters, words: wordCount, paragraphs: paragraphs.count, bytes: size)))
            } catch {
                box.set(i, .failure(BenchError("could not write \(urls[i].lastPathComponent): \(error)")))
            }
            progress(i)
        }
        var stats = CorpusStats()
        for result in box.values {
            let stat = try result!.get()
            stats.files += 1
            stats.characters += stat.characters
            stats.words += stat.words
            stats.paragraphs += stat.paragraphs
            stats.bytesOnDisk += stat.bytes
        }
        return (urls, stats)
    }

    struct FileStat: Sendable {
        var characters: Int
        var words: Int
        var paragraphs: Int
        var bytes: Int
    }

    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Result<FileStat, BenchError>?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: Result<FileStat, BenchError>) { lock.withLock { storage[i] = value } }
        var values: [Result<FileStat, BenchError>?] { lock.withLock { storage } }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
