import ArgumentParser
import Foundation
import QualCode

struct TranscriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcript",
        abstract: "List transcripts, change or delete one, or edit a transcript's text without losing codings.",
        subcommands: [List.self, Set.self, Edit.self, Delete.self],
        defaultSubcommand: List.self,
        aliases: ["transcripts"]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List transcripts: name, title, participants, words, turns, segments.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let transcripts = try project.openStore().transcripts()
            try output.emit(transcripts) {
                TextTable(headers: ["name", "title", "kind", "participants", "words", "turns", "segments"],
                          rows: transcripts.map { t in
                              [t.name, t.title, t.kind.rawValue, t.participants.joined(separator: ", "), String(t.words), String(t.turns),
                               t.orphanedSegments > 0 ? "\(t.segments) (+\(t.orphanedSegments) orphaned)" : String(t.segments)]
                          })
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a transcript's title, kind, date, mode, participants or recording.",
            discussion: """
                --participant replaces the linked participants and attributes the speaker turns again, as an \
                import does: useful after importing a whole folder at once.

                --media attaches the interview's recording (mp3, m4a, wav, ogg, opus, flac, webm, mp4): in \
                the browser (qualcode serve), clicking a turn's time plays it from there. The file stays \
                where it is; the project keeps its path. --no-media detaches it.

                For example:
                  qualcode transcript set intervju-7 --participant Eva --date 2026-10-02 \\
                    --mode Teams
                  qualcode transcript set intervju-berit --media opptak/berit.m4a
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The transcript.") var transcript: String
        @Option(help: "New title.") var title: String?
        @Option(help: "interview, focus-group, email, document or notes.") var kind: TranscriptKind?
        @Option(help: "Date, YYYY-MM-DD (empty removes it).") var date: String?
        @Option(help: "How it was held (empty removes it).") var mode: String?
        @Option(name: .customLong("participant"), help: "A participant who speaks in it; repeatable; replaces the current ones.")
        var participants: [String] = []
        @Option(help: ArgumentHelp("The interview's recording, played from the turns' times in the browser.", valueName: "file"))
        var media: String?
        @Flag(help: "Detach the recording.") var noMedia = false
        @Flag(help: "Print the transcript as JSON.") var json = false

        func validate() throws {
            if media != nil && noMedia { throw ValidationError("--media and --no-media cannot be combined.") }
        }

        func run() throws {
            let store = try project.openStore()
            let id = try store.resolve.transcript(transcript)
            let recording: URL?? = noMedia ? .some(nil) : media.map { .some(URL(fileURLWithPath: $0)) }
            let update = TranscriptUpdate(title: title, kind: kind, date: date, mode: mode,
                                          participants: participants.isEmpty ? nil : try participants.map(store.resolve.participant),
                                          media: recording)
            let summary = try store.updateTranscript(id, update)
            if json { try Output.printJSON(summary); return }
            if let info = try store.media(of: id), media != nil { Output.line("Recording: \(info.path) (\(info.contentType), \(info.byteCount) bytes)") }
            if noMedia { Output.line("Recording detached") }
            Output.line("Updated \(summary.name): \(summary.title), \(summary.kind.rawValue), participants: \(summary.participants.joined(separator: ", "))")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a transcript's text; every segment is re-anchored.",
            discussion: """
                Either replace text (--find/--replace), or, without them, open the whole text in $EDITOR and \
                save. Segments before and after an edit move with the text; a segment whose text was partly \
                edited keeps what is left; a segment whose whole text was removed is kept, marked orphaned, and \
                listed. Nothing is ever silently moved onto other text. If the transcript is changed by \
                someone else while the editor is open, the edit is not saved over that change; it is kept in \
                a file beside the project instead.

                For example:
                  qualcode transcript edit eva --find "Kristiansand" --replace "[by]" --all
                  EDITOR=nano qualcode transcript edit berit
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The transcript.") var transcript: String
        @Option(parsing: .unconditional, help: "Text to find.") var find: String?
        @Option(parsing: .unconditional, help: "Replacement text (may be empty).") var replace: String?
        @Option(help: "Which occurrence of --find to replace (1-based).") var occurrence: Int?
        @Flag(help: "Replace every occurrence of --find.") var all = false
        @Flag(help: "Print the report as JSON.") var json = false

        func validate() throws {
            try refuseOptionNameAsText(find, for: "--find")
            try refuseOptionNameAsText(replace, for: "--replace")
            if (find == nil) != (replace == nil) { throw ValidationError("--find and --replace go together.") }
            if all && occurrence != nil { throw ValidationError("--all and --occurrence cannot be combined.") }
            if let occurrence, occurrence < 1 { throw ValidationError("--occurrence must be 1 or more (got \(occurrence)).") }
        }

        func run() throws {
            let store = try project.openStore()
            let id = try store.resolve.transcript(transcript)
            let report: TextEditReport
            if let find, let replace {
                report = try store.replaceText(in: id, find: find, with: replace, occurrence: occurrence, all: all)
            } else {
                let original = try store.transcript(id)
                try EditorSession.requireWritable(store)
                let edited = try EditorSession.edit(original.text, name: original.slug)
                report = try EditorSession.save(edited, record: original.slug, name: original.slug, beside: store.url) {
                    try store.replaceText(of: id, with: edited, basedOn: original.text)
                }
            }
            if json { try Output.printJSON(report); return }
            Output.line("Edited \(report.transcript): \(report.edits) edit(s); segments: \(report.unchanged) unchanged, \(report.shifted) shifted, \(report.changed.count) changed, \(report.orphaned.count) orphaned")
            for c in report.changed { Output.line("  changed  \(c.segment.shortID): \"\(c.before.truncated())\" → \"\(c.after?.truncated() ?? "")\"") }
            for o in report.orphaned { Output.line("  orphaned \(o.segment.shortID): \"\(o.before.truncated())\" (its text was removed; the segment and its codings are kept)") }
        }
    }
}

extension TranscriptCommand {
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a transcript with its segments, codings and memos (refused while coded unless --force).",
            discussion: """
                Lists what depends on the transcript: its segments and their codings, memos on it and on its \
                segments, edited quotes and recorded quote uses, speaker turns, and meaning units, golden \
                quotes and contradiction marks of the condensation. While it has codings or memos the \
                deletion is refused unless you pass --force; a copy imported twice by mistake \
                (--allow-duplicate) goes without it. Everything goes in one transaction, recorded in the \
                event log. Its participants stay; only their link to it is removed.

                For example:
                  qualcode transcript delete intervju-eva-2 --dry-run
                  qualcode transcript delete intervju-eva-2
                  qualcode transcript delete pilotintervju --force
                """
        )
        @OptionGroup var project: ProjectOptions
        @Argument(help: "The transcript.") var transcript: String
        @OptionGroup var deletion: DeletionOptions

        func run() throws {
            let store = try project.openStore()
            try deletion.run(try store.resolve.transcript(transcript), preview: store.transcriptDeletion, delete: store.deleteTranscript)
        }
    }
}

/// Round trip through the user's editor.
enum EditorSession {
    static func edit(_ text: String, name: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let editor = environment["VISUAL"] ?? environment["EDITOR"] ?? "vi"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qualcode-\(name)-\(UUID().uuidString.prefix(8)).txt")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", file.path]
        try process.run()
        process.waitUntilExit()
        // Not a usage error: the command was right, the editor gave up (`:cq` in vi) or could not start.
        guard process.terminationReason == .exit else {
            throw WordedError(description: "the editor (\(editor)) was stopped by signal \(process.terminationStatus); nothing was changed.")
        }
        guard process.terminationStatus == 0 else {
            throw WordedError(description: "the editor (\(editor)) exited with status \(process.terminationStatus); nothing was changed.")
        }
        let data = try Data(contentsOf: file)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw WordedError(description: "the edited text is not valid UTF-8 (was it saved in another encoding?); nothing was changed.")
        }
        return text
    }

    /// A read-only project is refused before the editor opens, not after the user has typed.
    static func requireWritable(_ store: ProjectStore) throws {
        if store.isReadOnly { throw StoreError.projectReadOnly(path: store.url.path) }
    }

    /// Saves what was written in the editor through `save`; when saving fails for any reason (the record
    /// changed meanwhile, the project busy, the disk full), the text is kept in a file first and the
    /// error says where, so nothing written is lost.
    static func save<T>(_ edited: String, record: String, name: String, beside project: URL, _ save: () throws -> T) throws -> T {
        do {
            return try save()
        } catch StoreError.textUnchanged(let transcript) {
            throw StoreError.textUnchanged(transcript: transcript)
        } catch StoreError.unchanged(let kind, let name) {
            throw StoreError.unchanged(kind, name: name)
        } catch {
            let kept: URL
            do { kept = try keep(edited, name: name, beside: project) } catch let keepError {
                throw WordedError(description: "\(ErrorWording.message(for: error) ?? "\(error)") Your edit could not be kept either "
                                  + "(\(keepError.localizedDescription)); copy it from the editor if it is still open.")
            }
            if case StoreError.changedMeanwhile = error {
                throw WordedError(description: "\(record) was changed by someone else while the editor was open; your edit was not saved "
                                  + "into the project (that would undo their change) but kept in \(kept.path). Nothing was changed.")
            }
            let reason = (ErrorWording.message(for: error) ?? "\(error)").trimmingCharacters(in: .whitespaces)
            throw WordedError(description: "\(reason) Your edit was kept in \(kept.path).")
        }
    }

    /// Writes `text` to a new file beside the project (`<name>-redigering-N.txt`), or in the temporary
    /// folder when the project's folder cannot be written, and returns it.
    static func keep(_ text: String, name: String, beside project: URL) throws -> URL {
        let projectFolder = project.deletingLastPathComponent()
        let folder = FileManager.default.isWritableFile(atPath: projectFolder.path) ? projectFolder : FileManager.default.temporaryDirectory
        var n = 1
        var file = folder.appendingPathComponent("\(name)-redigering-\(n).txt")
        while FileManager.default.fileExists(atPath: file.path) {
            n += 1
            file = folder.appendingPathComponent("\(name)-redigering-\(n).txt")
        }
        try Data(text.utf8).write(to: file, options: .withoutOverwriting)
        return file
    }
}
