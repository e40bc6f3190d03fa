import Foundation
import Hummingbird
import Logging

/// Runs a ``WebApp`` on an address until the process is interrupted.
public enum WebServer {
    /// Serves `app` on `host:port` (port 0: any free port). `ready` gets the address to open, with the
    /// login token where that is on (else the login page), once the server listens.
    public static func run(_ app: WebApp, host: String, port: Int, ready: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "qualcode.web")
        logger.logLevel = .warning
        let token = app.loginToken, tokenLogin = app.tokenLogin
        let application = Application(
            router: app.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "QualCode"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? port
                let shown = host.contains(":") ? "[\(host)]" : host
                ready(tokenLogin ? "http://\(shown):\(port)/?token=\(token)" : "http://\(shown):\(port)/login")
            },
            logger: logger
        )
        try await application.runService()
    }
}
