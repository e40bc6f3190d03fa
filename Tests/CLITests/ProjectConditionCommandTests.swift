import Foundation
import Testing

/// A project on a read-only disk (a USB stick, a shared folder): reading commands work and leave nothing
/// behind; a change is refused in one line that says why.
@Suite struct ProjectConditionCommandTests {
    @Test func readingWorksAndChangingIsRefusedOnAReadOnlyProject() throws {
        try #require(getuid() == 0, "a read-only bind mount needs root (file modes do not stop root)")
        let cli = try CLIRunner()
        defer { cli.remove() }
        try cli.write("intervju-siv.txt", "Intervjuer: Hva er viktig?\n\nSiv: Å bli trodd på, «helt ærlig».\n")
        for arguments in [["init", "studie.qualcode"], ["import", "intervju-siv.txt"], ["code", "siv", "--quote", "bli trodd på", "--code", "Tillit"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let view = cli.directory.appendingPathComponent("lesevisning")
        try FileManager.default.createDirectory(at: view, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/sh")
        mount.arguments = ["-c", "mount --bind '\(cli.directory.path)' '\(view.path)' && mount -o remount,ro,bind '\(view.path)'"]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0)
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [view.path]
            try? umount.run()
            umount.waitUntilExit()
        }
        let project = view.appendingPathComponent("studie.qualcode").path
        let codes = try cli.run("codes", "--project", project)
        #expect(codes.status == 0 && codes.stdout.contains("Tillit"), "\(codes.stderr)")
        let show = try cli.run("show", "siv", "--project", project)
        #expect(show.stdout.hasPrefix("1  Intervjuer: Hva er viktig?\n2  Siv:"), "\(show.stdout)")
        let memo = try cli.run("memo", "add", "--on", "project", "Kan ikke lagres.", "--project", project)
        #expect(memo.status != 0)
        #expect(memo.stderr == "Error: the project is read-only (its file or folder cannot be written): it can be read, not changed. Nothing was changed.\n",
                "\(memo.stderr)")
        // The editor does not open on a read-only project: nothing typed is lost afterwards.
        try cli.write("editor.sh", "#!/bin/sh\ntouch '\(cli.directory.path)/editor-opened'\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.directory.appendingPathComponent("editor.sh").path)
        var editing = cli
        editing.environment["EDITOR"] = cli.directory.appendingPathComponent("editor.sh").path
        editing.environment["VISUAL"] = nil
        let edit = try editing.run("transcript", "edit", "siv", "--project", project)
        #expect(edit.status != 0 && edit.stderr.contains("read-only"), "\(edit.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("editor-opened").path))
        #expect(!FileManager.default.fileExists(atPath: project + "-wal") && !FileManager.default.fileExists(atPath: project + "-shm"))
    }
}

/// Whatever stops an edit made in $EDITOR from being saved, what was written there is kept in a file.
@Suite struct EditorSaveFailureTests {
    @Test func aMemoTooLongToSaveIsKeptBesideTheProject() throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        #expect(try cli.run("init", "studie.qualcode").status == 0)
        let added = try cli.run("memo", "add", "--on", "project", "Kort notat.")
        #expect(added.status == 0, "\(added.stderr)")
        let id = try #require(added.stdout.split(separator: " ").first { $0.count == 8 && $0.allSatisfy(\.isHexDigit) }.map(String.init), "\(added.stdout)")
        // The "editor" writes more than a memo may hold.
        try cli.write("editor.sh", "#!/bin/sh\nhead -c 1000001 /dev/zero | tr '\\\\0' 'x' > \"$1\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.directory.appendingPathComponent("editor.sh").path)
        var editing = cli
        editing.environment["EDITOR"] = cli.directory.appendingPathComponent("editor.sh").path
        editing.environment["VISUAL"] = nil
        let edit = try editing.run("memo", "edit", id)
        #expect(edit.status != 0)
        let kept = cli.directory.appendingPathComponent("memo-\(id)-redigering-1.txt")
        #expect(edit.stderr.hasSuffix("Your edit was kept in \(kept.path).\n"), "\(edit.stderr)")
        #expect(edit.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: kept).count == 1_000_001)
        #expect(try cli.run("memo", "show", id).stdout.contains("Kort notat."))
    }
}
