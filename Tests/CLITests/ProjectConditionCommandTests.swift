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
        #expect(!FileManager.default.fileExists(atPath: project + "-wal") && !FileManager.default.fileExists(atPath: project + "-shm"))
    }
}
