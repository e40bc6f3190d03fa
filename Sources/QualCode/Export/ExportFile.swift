import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way an export reaches a path. Every export writer (the renderers, ``ExportTarget``, the
/// wide data set's two files) goes through ``write(_:to:)-(Data,_)``, and what it does depends on
/// what the path is:
///
/// - **A regular file, or nothing yet**: the bytes go to a temporary file in the same folder, which
///   is then renamed over the path. The file appears complete or not at all; a failed write leaves
///   the earlier file as it was and no temporary file behind. An existing file keeps its permissions.
/// - **A symbolic link**: the file it points to (through a chain of links) is written that way, and
///   the link stays a link. A link to a file that does not exist yet creates that file, when its
///   folder exists.
/// - **A character device or a named pipe** (`/dev/null`, a terminal, a FIFO): the bytes are written
///   through, as `cat > path` would, and the device or pipe stays what it is. A pipe that no program
///   reads from is refused at once rather than waited on.
/// - **A folder, a socket or a block device**: refused; nothing is written.
///
/// For example:
/// ```swift
/// try ExportFile.write(csv, to: URL(fileURLWithPath: "kodebok.csv"))
/// ```
public enum ExportFile {
    /// What an export's path is, once symbolic links are followed.
    public enum Kind: Sendable, Hashable {
        /// A regular file, replaced in one step.
        case file
        /// Nothing yet: a new file, created in one step.
        case newFile
        /// A character device or named pipe, written through.
        case stream
    }

    /// Writes `data` to `url` as the path's ``Kind`` calls for.
    ///
    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` naming `url` as given: for a folder, a
    ///   socket or a block device, a folder that does not exist, a pipe without a reader, or a write
    ///   that fails (a full disk, «No space left on device» on `/dev/full`). A file is then left as it
    ///   was, with no temporary file beside it.
    public static func write(_ data: Data, to url: URL) throws {
        let target = try resolve(url)
        switch target.kind {
        case .file, .newFile: try replace(target.path, with: data, mode: target.mode, as: url)
        case .stream: try writeThrough(target.path, data, as: url)
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// What `url` is for an export, checked without writing anything.
    ///
    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` for a folder, a socket, a block device, a
    ///   path whose folder does not exist, or a loop of symbolic links.
    @discardableResult
    public static func check(_ url: URL) throws -> Kind {
        try resolve(url).kind
    }

    // MARK: - Undoing a write

    /// What was at an export's path before it was written, to put back when a later step fails (the
    /// wide data set's dictionary, recording a quote export's uses).
    ///
    /// A regular file's bytes are kept and written back; a path that had nothing gets its new file
    /// removed (the file a symbolic link points to, never the link). Bytes sent to a device or a pipe
    /// cannot be taken back: ``restore()`` leaves those alone.
    public struct Snapshot: Sendable {
        private let url: URL
        private let earlier: Earlier

        private enum Earlier: Sendable {
            case contents(Data)
            case nothing(path: String)
            case untouchable
        }

        /// Looks at `url` before a write. A device or a pipe is never read.
        public init(of url: URL) {
            self.url = url
            guard let target = try? ExportFile.resolve(url) else {
                earlier = .untouchable
                return
            }
            switch target.kind {
            case .file:
                // A file that cannot be read cannot be put back; leave it to the write to fail or not.
                if let data = try? Data(contentsOf: URL(fileURLWithPath: target.path)) { earlier = .contents(data) } else { earlier = .untouchable }
            case .newFile: earlier = .nothing(path: target.path)
            case .stream: earlier = .untouchable
            }
        }

        /// Puts the path back as it was; best effort, as it runs while another error is reported.
        public func restore() {
            switch earlier {
            case let .contents(data): try? ExportFile.write(data, to: url)
            case let .nothing(path):
                var status = stat()
                if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG { unlink(path) }
            case .untouchable: break
            }
        }
    }

    // MARK: - Resolving the path

    private struct Target {
        var path: String
        var kind: Kind
        /// The permissions of the file replaced; nil for a new file.
        var mode: mode_t?
    }

    /// Follows symbolic links from `url` to what an export would write, and refuses what it must not.
    private static func resolve(_ url: URL) throws -> Target {
        func refuse(_ reason: String) -> ExportError { .cannotWrite(path: url.path, reason: reason) }
        var path = url.path
        // The kernel's own limit on a chain of links (Linux's MAXSYMLINKS).
        for _ in 0..<40 {
            var status = stat()
            guard lstat(path, &status) == 0 else {
                let code = errno
                guard code == ENOENT else { throw refuse(reason(code)) }
                let folder = folderOf(path)
                var folderStatus = stat()
                guard stat(folder, &folderStatus) == 0, folderStatus.st_mode & S_IFMT == S_IFDIR else {
                    throw refuse("the folder \(folder) does not exist")
                }
                return Target(path: path, kind: .newFile, mode: nil)
            }
            if status.st_mode & S_IFMT == S_IFLNK {
                // What the kernel finds at the end of the chain. That also covers links whose text is
                // no path (/dev/stdout → /proc/self/fd/1 → «pipe:[4711]»): such an end is opened
                // through the link.
                var end = stat()
                guard stat(path, &end) == 0 else {
                    let code = errno
                    if code == ELOOP { break }
                    guard code == ENOENT, let link = readLink(path) else { throw refuse(reason(code)) }
                    // A link to nothing yet: follow its text to the path to create.
                    path = link.hasPrefix("/") ? link : folderOf(path) + "/" + link
                    continue
                }
                // A file is replaced where it is, so the temporary file must be beside it.
                if end.st_mode & S_IFMT == S_IFREG {
                    guard let real = realPath(path) else { throw refuse(reason(errno)) }
                    path = real
                }
                status = end
            }
            switch status.st_mode & S_IFMT {
            case S_IFREG: return Target(path: path, kind: .file, mode: status.st_mode & 0o7777)
            case S_IFCHR, S_IFIFO: return Target(path: path, kind: .stream, mode: nil)
            case S_IFDIR: throw refuse("it is a folder")
            case S_IFSOCK: throw refuse("it is a socket, not a file")
            case S_IFBLK: throw refuse("it is a block device (a disk), not a file")
            default: throw refuse("it is not a file")
            }
        }
        throw refuse("its symbolic links form a loop or a chain too long to follow")
    }

    private static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    // MARK: - Writing

    /// Writes a temporary file beside `path` and renames it over `path`.
    private static func replace(_ path: String, with data: Data, mode: mode_t?, as url: URL) throws {
        func failure(_ code: Int32) -> ExportError { .cannotWrite(path: url.path, reason: reason(code)) }
        let folder = folderOf(path)
        var temporary = ""
        var descriptor: Int32 = -1
        for _ in 0..<8 {
            temporary = folder + "/.qualcode-export-" + String(UInt64.random(in: .min ... .max), radix: 36)
            // A new file gets 0666 less the umask, as any program's would.
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode ?? 0o666)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw failure(errno) }
        var failed: Int32?
        if let mode {
            // The file replaced keeps its permissions (and, for root, its owner).
            var status = stat()
            if stat(path, &status) == 0 { _ = fchown(descriptor, status.st_uid, status.st_gid) }
            if fchmod(descriptor, mode) != 0 { failed = errno }
        }
        if failed == nil { failed = writeAll(descriptor, data) }
        if failed == nil, fsync(descriptor) != 0 { failed = errno }
        if close(descriptor) != 0, failed == nil { failed = errno }
        if failed == nil, rename(temporary, path) != 0 { failed = errno }
        if let failed {
            unlink(temporary)
            throw failure(failed)
        }
    }

    /// Writes to a character device or a named pipe as it is: no temporary file, no truncation.
    private static func writeThrough(_ path: String, _ data: Data, as url: URL) throws {
        func failure(_ reason: String) -> ExportError { .cannotWrite(path: url.path, reason: reason) }
        // Opening a pipe for writing waits for a reader; without blocking, no reader is ENXIO.
        // `path` may be a link (/dev/stdout): opened through it, then checked for what it opened.
        let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            var status = stat()
            if code == ENXIO, stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFIFO {
                throw failure("it is a named pipe that no program is reading from")
            }
            throw failure(reason(code))
        }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, [S_IFCHR, S_IFIFO].contains(opened.st_mode & S_IFMT) else {
            close(descriptor)
            throw failure("it was replaced by something other than a device or a pipe while being opened")
        }
        var failed: Int32?
        let flags = fcntl(descriptor, F_GETFL)
        if flags < 0 || fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) != 0 { failed = errno }
        if failed == nil { failed = withoutSIGPIPE { writeAll(descriptor, data) } }
        if close(descriptor) != 0, failed == nil, errno != EINTR { failed = errno }
        if let failed {
            throw failure(failed == EPIPE ? "the program reading from it stopped reading" : reason(failed))
        }
    }

    /// Writes every byte, or returns the error number of the write that failed.
    private static func writeAll(_ descriptor: Int32, _ data: Data) -> Int32? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if written == 0 { return EIO }
                offset += written
            }
            return nil
        }
    }

    /// Runs `body` with SIGPIPE blocked on this thread, so a reader that goes away makes the write
    /// fail with EPIPE instead of ending the whole process; a SIGPIPE raised meanwhile is taken off.
    private static func withoutSIGPIPE(_ body: () -> Int32?) -> Int32? {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        let result = body()
        if result == EPIPE, sigismember(&previous, SIGPIPE) == 0 {
            var pending = sigset_t()
            if sigpending(&pending) == 0, sigismember(&pending, SIGPIPE) == 1 {
                var noWait = timespec()
                _ = sigtimedwait(&pipeSignal, nil, &noWait)
            }
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        return result
    }
}

/// The C library's `write(2)`, which `ExportFile.write` would hide inside the type.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
    Musl.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}
