import InflowCore
internal import CLinuxShim
internal import Glibc

/// The file system calls the store needs, each turning `errno` into a `StoreError` that names
/// the path and the call.
public enum FileSystem {
    /// The error for the current `errno` after `call` failed on `path`.
    static func failure(_ call: String, _ path: String) -> StoreError {
        let reason = String(cString: strerror(errno))
        return StoreError(.io, path: path, "\(call) failed: \(reason)")
    }

    /// True when something exists at `path` (a link is not followed).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// True when `path` is a directory (links followed).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The size of the file at `path` in bytes (`stat`).
    public static func size(_ path: String) throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw failure("stat", path) }
        return Int64(info.st_size)
    }

    /// Creates `path` and its missing parents (`mkdir`).
    public static func makeDirectories(_ path: String) throws {
        if isDirectory(path) { return }
        let parent = Path.directory(of: path)
        if parent != path, parent != "." { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw failure("mkdir", path) }
    }

    /// The names in a directory, sorted by bytes, without `.` and `..` (`opendir`, `readdir`).
    public static func list(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw failure("opendir", path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Renames `from` to `to`, replacing `to` atomically (`rename`).
    public static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw failure("rename", from) }
    }

    /// Creates a symbolic link at `path` pointing at `target` (`symlink`).
    public static func symlink(_ target: String, at path: String) throws {
        guard Glibc.symlink(target, path) == 0 else { throw failure("symlink", path) }
    }

    /// The target of the symbolic link at `path`, or nil when it is not a link (`readlink`).
    public static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Creates a hard link at `path` to `existing` (`link`).
    public static func hardLink(_ existing: String, at path: String) throws {
        guard link(existing, path) == 0 else { throw failure("link", path) }
    }

    /// Removes a file or an empty directory; a missing path is not an error.
    public static func remove(_ path: String) throws {
        if unlink(path) == 0 || errno == ENOENT { return }
        if errno == EISDIR || errno == EPERM, rmdir(path) == 0 { return }
        throw failure("unlink", path)
    }

    /// Removes a directory tree; links are removed, never followed.
    public static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in try list(path) {
                try removeTree(path + "/" + name)
            }
            guard rmdir(path) == 0 else { throw failure("rmdir", path) }
        } else {
            try remove(path)
        }
    }

    /// Reads a whole small file (a pipeline definition, a report).
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", path) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure("read", path) }
            if count == 0 { return out }
            out.append(contentsOf: chunk[..<count])
        }
    }

    /// Writes a small file atomically: a temporary file beside it, flushed, then renamed.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let file = try AtomicFile(path: path)
        do {
            try file.write(bytes[...])
            try file.publish()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Flushes every file written on the file system that holds `path` (`syncfs`): one call
    /// that makes all the files a job published durable before its commit.
    public static func syncAll(under path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", path) }
        defer { close(fd) }
        guard inflow_syncfs(fd) == 0 else { throw failure("syncfs", path) }
    }

    /// Flushes a directory's entries to disk so that a rename inside it survives a crash.
    public static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// The current process id, for temporary file names.
    public static var processID: Int32 {
        getpid()
    }
}
