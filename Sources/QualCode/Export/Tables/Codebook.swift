import Foundation
import GRDB

/// The codebook («kodebok») as a table: each code with its definition, its parent, an example of
/// a coded segment, and how many segments and participants carry it.
public struct CodebookOptions: Sendable, Hashable {
    public var presentation: TablePresentation
    /// Examples longer than this many characters are cut at a word boundary and end in «…».
    public var exampleLength: Int

    public init(presentation: TablePresentation = TablePresentation(), exampleLength: Int = 160) {
        self.presentation = presentation
        self.exampleLength = exampleLength
    }
}

extension ProjectStore {
    /// The codebook, one row per code in tree order. An empty project gives a table with its
    /// header and no rows.
    public func codebook(_ options: CodebookOptions = CodebookOptions()) throws -> Table {
        try pool.read { db in
            let source = try TableSource.read(db)
            let examples = try Self.codebookExamples(db, length: options.exampleLength)
            return Self.codebook(source, examples: examples, presentation: options.presentation)
        }
    }

    static func codebook(_ source: TableSource, examples: [UUID: String], presentation: TablePresentation) -> Table {
        let words = presentation.words
        let rows = source.codes.map { entry in
            [entry.label(presentation.codeLabels), entry.code.definition ?? "", entry.parentPath ?? "", examples[entry.code.id] ?? "",
             String(source.segmentsByCode[entry.code.id]?.count ?? 0), String(source.participants(of: entry.code.id).count)]
        }
        var notes = [words.codebookNote]
        if source.codes.contains(where: \.hasChildren) { notes.append(words[.directCodingsOnly]) }
        if source.codes.isEmpty { notes = [words[.noCodes]] }
        return Table(caption: presentation.caption(or: words[.codebookCaption]), header: words.codebookHeader, rows: rows,
                     notes: [notes.joined(separator: " ")])
    }

    /// One example per code: the shortest coded segment of at least ``exampleMinimumWords`` words
    /// (a whole thought, yet short), else the longest shorter one; ties go to the first in the
    /// transcripts. Line breaks become spaces, and long text is cut at a word boundary.
    static func codebookExamples(_ db: Database, length: Int) throws -> [UUID: String] {
        var best: [UUID: (rank: (Int, Int), text: String)] = [:]
        let rows = try Row.fetchAll(db, sql: """
            SELECT g.codeId, s.text FROM coding g JOIN segment s ON s.id = g.segmentId JOIN transcript t ON t.id = s.transcriptId
            WHERE NOT s.isOrphaned ORDER BY t.slug, s.start, s."end"
            """)
        for row in rows {
            let code: UUID = row["codeId"]
            let text = (row["text"] as String).collapsedWhitespace
            let words = text.wordCount
            // Smaller ranks win: long-enough segments before short ones, then shortest (or longest) first.
            let rank = words >= exampleMinimumWords ? (0, text.count) : (1, -text.count)
            if let current = best[code], current.rank <= rank { continue }
            best[code] = (rank, text)
        }
        return best.mapValues { $0.text.cut(at: length) }
    }

    static let exampleMinimumWords = 6
}

extension String {
    /// The text cut to at most `limit` characters at a word boundary, ending in « …» (or « » and
    /// another `mark`) when cut.
    func cut(at limit: Int, mark: String = "…") -> String {
        guard count > limit, limit > mark.count + 1 else { return self }
        let head = prefix(limit - mark.count - 1)
        var kept = head.lastIndex(where: \.isWhitespace).map { head[..<$0] } ?? head
        // No dangling comma or dash before the ellipsis.
        while let last = kept.last, last.isWhitespace || ",;:-–".contains(last) { kept = kept.dropLast() }
        return (kept.isEmpty ? head : kept) + " " + mark
    }
}
