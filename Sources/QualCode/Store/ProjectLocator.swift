import Foundation

/// Finds which project file a command works on, and who is working.
public enum ProjectLocator {
    /// `--project FILE`, else `QUALCODE_PROJECT`, else the only `*.qualcode` file in `directory`.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                              directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> URL {
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let fromEnvironment = environment["QUALCODE_PROJECT"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let projects = entries.filter { $0.hasSuffix(".qualcode") }.sorted()
        switch projects.count {
        case 1: return directory.appendingPathComponent(projects[0])
        case 0: throw StoreError.noProjectSelected(reason: "there is no *.qualcode file in \(directory.path)")
        default: throw StoreError.noProjectSelected(reason: "\(directory.path) holds several projects (\(projects.joined(separator: ", ")))")
        }
    }

    /// `--coder`, else `QUALCODE_CODER`, else the operating-system user.
    public static func coder(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for candidate in [explicit, environment["QUALCODE_CODER"], environment["USER"], environment["LOGNAME"]] {
            if let c = candidate?.trimmingCharacters(in: .whitespaces), !c.isEmpty { return c }
        }
        return NSUserName().isEmpty ? "unknown" : NSUserName()
    }
}
