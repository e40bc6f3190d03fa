import Foundation

extension LabelKey {
    static let mergeTitle: LabelKey = "mergeTitle"
    static let mergeIntro: LabelKey = "mergeIntro"
    static let mergeBackup: LabelKey = "mergeBackup"
    static let mergeNoBackup: LabelKey = "mergeNoBackup"
    static let mergeCountsCaption: LabelKey = "mergeCountsCaption"
    static let mergeConflictsCaption: LabelKey = "mergeConflictsCaption"
    static let mergeColKind: LabelKey = "mergeColKind"
    static let mergeColNew: LabelKey = "mergeColNew"
    static let mergeColMatched: LabelKey = "mergeColMatched"
    static let mergeColFilled: LabelKey = "mergeColFilled"
    static let mergeColWhat: LabelKey = "mergeColWhat"
    static let mergeColAspect: LabelKey = "mergeColAspect"
    static let mergeColOurs: LabelKey = "mergeColOurs"
    static let mergeColTheirs: LabelKey = "mergeColTheirs"
    static let mergeColOutcome: LabelKey = "mergeColOutcome"
    static let mergeKeptOurs: LabelKey = "mergeKeptOurs"
    static let mergeCameInAs: LabelKey = "mergeCameInAs"
    static let mergeCountsNote: LabelKey = "mergeCountsNote"
    static let mergeNoConflicts: LabelKey = "mergeNoConflicts"
    static let mergeConflictsNote: LabelKey = "mergeConflictsNote"
    static let mergeModulesNotCarried: LabelKey = "mergeModulesNotCarried"
}

extension LabelSet {
    /// The core's labels and those the merge report writes.
    public static let merge = LabelSet.core.adding(LabelSet([
        (.mergeTitle, nb: "Sammenslåing av prosjektkopier", en: "Merging project copies"),
        (.mergeIntro, nb: "Hentet inn fra {1}.", en: "Brought in from {1}."),
        (.mergeBackup, nb: "Sikkerhetskopi tatt før sammenslåingen: {1}.", en: "Backup made before the merge: {1}."),
        (.mergeNoBackup, nb: "Ingenting nytt ble hentet inn, så prosjektet er uendret og ingen sikkerhetskopi ble beholdt.",
         en: "Nothing new came in, so the project is unchanged and no backup was kept."),
        (.mergeCountsCaption, nb: "Hva sammenslåingen hentet inn", en: "What the merge brought in"),
        (.mergeConflictsCaption, nb: "Konflikter mellom kopiene", en: "Conflicts between the copies"),
        (.mergeColKind, nb: "Slag", en: "Kind"),
        (.mergeColNew, nb: "Nye", en: "New"),
        (.mergeColMatched, nb: "Fantes fra før", en: "Already here"),
        (.mergeColFilled, nb: "Utfylt fra deres", en: "Filled in from theirs"),
        (.mergeColWhat, nb: "Hva", en: "What"),
        (.mergeColAspect, nb: "Forskjell", en: "Difference"),
        (.mergeColOurs, nb: "Vår", en: "Ours"),
        (.mergeColTheirs, nb: "Deres", en: "Theirs"),
        (.mergeColOutcome, nb: "Utfall", en: "Outcome"),
        (.mergeKeptOurs, nb: "vår beholdt", en: "ours kept"),
        (.mergeCameInAs, nb: "hentet inn som «{1}»", en: "came in as “{1}”"),
        (.mergeCountsNote, nb: "Transkripsjoner er matchet på innhold (SHA-256 av teksten), koder på id og så sti, segmenter på transkripsjon og posisjon, kodinger på segment, kode og koder.",
         en: "Transcripts are matched by content (SHA-256 of the text), codes by id and then path, segments by transcript and position, codings by segment, code and coder."),
        (.mergeNoConflicts, nb: "Kopiene var ikke uenige om noe.", en: "The copies disagreed on nothing."),
        (.mergeConflictsNote, nb: "Der kopiene er uenige, er vår versjon beholdt; rett opp for hånd om deres skal gjelde.",
         en: "Where the copies disagree, ours was kept; change it by hand where theirs should stand."),
        (.mergeModulesNotCarried, nb: "Ikke hentet inn: tabellene til {1}, som ikke kan slås sammen ennå.",
         en: "Not brought in: the tables of {1}, which cannot be merged yet."),
    ]))
}

extension MergeReport {
    /// Kind | new | already here (| filled in, when theirs filled gaps in ours), one row per kind the merge met.
    public func countTable(language: DocumentLanguage = .nb) -> Table {
        let words = LabelSet.merge.labels(for: language)
        let number = TableNumberFormat(language)
        let filled = counts.contains { $0.filled > 0 }
        let rows = counts.map { count in
            [count.kind.name(in: language), number.integer(count.new), number.integer(count.matched)]
                + (filled ? [number.integer(count.filled)] : [])
        }
        let header = [words[.mergeColKind], words[.mergeColNew], words[.mergeColMatched]] + (filled ? [words[.mergeColFilled]] : [])
        return Table(caption: words[.mergeCountsCaption], header: header, rows: rows, notes: [words[.mergeCountsNote]])
    }

    /// Kind | what | difference | ours | theirs | outcome, in the order the merge met them.
    public func conflictTable(language: DocumentLanguage = .nb) -> Table {
        let words = LabelSet.merge.labels(for: language)
        let rows = conflicts.map { conflict -> [String] in
            let outcome = switch conflict.outcome {
            case .keptOurs: words[.mergeKeptOurs]
            case let .cameInAs(name): words(.mergeCameInAs, name)
            }
            return [conflict.kind.name(in: language), conflict.what,
                    conflict.aspect.name(in: language), conflict.ours, conflict.theirs, outcome]
        }
        var table = Table(caption: words[.mergeConflictsCaption],
                          header: [words[.mergeColKind], words[.mergeColWhat], words[.mergeColAspect], words[.mergeColOurs],
                                   words[.mergeColTheirs], words[.mergeColOutcome]],
                          rows: rows, notes: [conflicts.isEmpty ? words[.mergeNoConflicts] : words[.mergeConflictsNote]])
        table.landscape = true
        return table
    }

    /// The report as a document: where it came from, the backup, the counts and the conflicts.
    public func document(language: DocumentLanguage = .nb) -> Document {
        let words = LabelSet.merge.labels(for: language)
        var blocks: [Block] = [.paragraph([.text(words(.mergeIntro, other))])]
        blocks.append(.paragraph([.text(backup.map { words(.mergeBackup, $0.lastPathComponent) } ?? words[.mergeNoBackup])]))
        if !modulesNotCarried.isEmpty { blocks.append(.paragraph([.text(words(.mergeModulesNotCarried, modulesNotCarried.joined(separator: ", ")))])) }
        blocks.append(.table(countTable(language: language)))
        blocks.append(.table(conflictTable(language: language)))
        return Document(title: words[.mergeTitle], language: language, blocks: blocks, labels: words)
    }

    /// Writes the report as a document (Word and the other document formats), or one of its tables as
    /// CSV (`csvTable`: the counts unless the conflicts are asked for).
    public func export(language: DocumentLanguage = .nb, to target: ExportTarget, csvTable: MergeReportTable = .counts) throws {
        if target.format == .csv {
            try target.write((csvTable == .counts ? countTable(language: language) : conflictTable(language: language)).textTable)
        } else {
            try target.write(document(language: language))
        }
    }
}

/// The two tables of a merge report.
public enum MergeReportTable: String, Sendable, Hashable, CaseIterable {
    case counts, conflicts
}
