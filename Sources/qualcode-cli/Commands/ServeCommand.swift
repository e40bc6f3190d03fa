import ArgumentParser
import Foundation
import Privacy
import QualCode
import QualCodeKit
import QualCodeWeb

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Open a project in the browser: read transcripts and code them with the mouse and keyboard.",
        discussion: """
            Prints an address with a one-time login token (http://127.0.0.1:PORT/?token=…); open it in \
            a browser on this machine. Opening it logs you in as the project's owner and the token \
            leaves the address bar. Accounts (see qualcode user) can also log in at /login. Stop the \
            server with Ctrl-C. The command line can go on writing to the project while the server \
            runs; open pages see those changes within two seconds.

            With --host beyond this machine (0.0.0.0, a network address), or --behind-proxy, only \
            accounts log in: the token is off, and the server refuses to start until the project has an owner account \
            with a password. Put a TLS reverse proxy (Caddy, nginx) in front, and pass \
            --secure-cookies, or --behind-proxy to trust its X-Forwarded-Proto and -For headers.

            When the project's pseudonym key is sealed, give its passphrase (QUALCODE_KEY_PASSPHRASE or \
            --passphrase-stdin) for the browser's privacy scan to look for the key's names and for safe \
            exports; a wrong one stops the server before it serves.

            Without a project, the one --project, QUALCODE_PROJECT or the current folder names is \
            served, else the bundled demo project (built by Scripts/demo when it is missing).

            For example:
              qualcode serve studie.qualcode
              qualcode serve --port 8080
              qualcode user add anne --role owner
              qualcode user password anne
              qualcode serve studie.qualcode --host 0.0.0.0 --port 7070
              qualcode serve studie.qualcode --host 127.0.0.1 --behind-proxy
            """
    )

    @Argument(help: ArgumentHelp("The project file.", valueName: "file")) var file: String?
    @OptionGroup var project: ProjectOptions
    @Option(help: "The port to listen on (0: any free port).") var port: Int = 7070
    @Option(help: "The address to listen on; beyond loopback, only accounts log in.") var host = "127.0.0.1"
    @Flag(help: "Mark cookies Secure (the browser reaches the server over HTTPS).") var secureCookies = false
    @Flag(help: "Trust a reverse proxy's X-Forwarded-Proto and -For; accounts only.") var behindProxy = false
    @OptionGroup var secret: PassphraseOptions

    static let loopback: Swift.Set<String> = ["127.0.0.1", "localhost", "::1"]

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (got \(port)).") }
    }

    func run() throws {
        let url = try projectURL()
        let coder = ProjectLocator.coder(explicit: project.coder)
        let store = try ProjectModules.open(at: url, coder: coder)
        // Behind a proxy, browsers from elsewhere reach a loopback address: accounts only there too.
        let local = Self.loopback.contains(host) && !behindProxy
        if !local, try !store.accounts().contains(where: { $0.role == .owner && $0.hasPassword }) {
            let what = behindProxy ? "--behind-proxy" : "--host \(host)"
            throw WordedError(description: "\(what): serving beyond this machine needs an owner account with a password; "
                + "add one with `qualcode user add NAME --role owner` and `qualcode user password NAME`.")
        }
        let app = WebApp(store: store, owner: coder, secureCookies: secureCookies, tokenLogin: local, behindProxy: behindProxy,
                         keyPassphrase: try keyPassphrase(store))
        let host = host == "localhost" ? "127.0.0.1" : host
        let port = port
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do {
                try await WebServer.run(app, host: host, port: port) { address in
                    let text = local ? "Serving \(url.lastPathComponent) as \(coder). Open in your browser:\n  \(address)\n"
                        : "Serving \(url.lastPathComponent) to accounts only. They log in at:\n  \(address)\n"
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            } catch { failure.set(error) }
            done.signal()
        }
        done.wait()
        if let error = failure.get() { throw WordedError(description: "the server stopped: \(error)") }
    }

    /// The sealed key's passphrase, checked now so a wrong one stops the server before it serves; nil
    /// when there is no key, it is in the clear, or none was given (then said once).
    private func keyPassphrase(_ store: ProjectStore) throws -> String? {
        let privacy = Privacy(store)
        guard privacy.hasKey, try privacy.keyIsSealed else { return nil }
        guard let passphrase = try secret.passphrase() else {
            Output.note("The pseudonym key is sealed and no passphrase was given (QUALCODE_KEY_PASSPHRASE): "
                        + "the browser's scan will not look for the key's names, and safe exports will be refused.")
            return nil
        }
        _ = try privacy.key(passphrase: passphrase)
        return passphrase
    }

    /// The file named here, else the project the usual options name, else the demo project.
    private func projectURL() throws -> URL {
        if let file { return URL(fileURLWithPath: file) }
        if let located = try? ProjectLocator.locate(explicit: project.project) { return located }
        let demo = URL(fileURLWithPath: ".build/demo/metodeveiledere.qualcode")
        if FileManager.default.fileExists(atPath: demo.path) { return demo }
        guard FileManager.default.isExecutableFile(atPath: "Scripts/demo") else {
            throw WordedError(description: "no project to serve: name one (qualcode serve FILE), or run this in the QualCode folder to serve the demo.")
        }
        FileHandle.standardError.write(Data("Building the demo project with Scripts/demo …\n".utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "Scripts/demo")
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: demo.path) else {
            throw WordedError(description: "Scripts/demo failed (exit \(process.terminationStatus)); run it to see why.")
        }
        return demo
    }
}

/// The server's error, handed from its task to the waiting command.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    func set(_ error: Error) { lock.withLock { self.error = error } }
    func get() -> Error? { lock.withLock { error } }
}
