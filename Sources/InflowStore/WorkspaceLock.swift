internal import Glibc
import InflowCore

/// The OS file lock one loader holds on a workspace for a job's whole life.
///
/// The kernel releases a `flock` when its process dies, so a crashed job never leaves the
/// workspace locked; the catalog's fencing number covers the rest.
public final class WorkspaceLock {
    private var descriptor: Int32

    /// Takes the lock on `path` (`open`, `flock`).
    ///
    /// - Parameters:
    ///   - wait: Block until the lock is free instead of failing at once.
    ///   - announce: While blocked, leave a marker that says a job is waiting, so that a
    ///     backfill between two months lets it in first (`flock` itself is not fair).
    /// - Throws: `StoreError` with code `busy` when another process holds the lock and `wait`
    ///   is false; `io` when the lock file cannot be opened.
    public init(path: String, wait: Bool, announce: Bool = false) throws {
        try FileSystem.makeDirectories(Path.directory(of: path))
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystem.failure("open", path) }
        let marker = path + ".waiting-\(getpid())"
        if wait && announce, flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            _ = try? FileSystem.writeAtomically([], to: marker)
        }
        defer { if wait && announce { try? FileSystem.remove(marker) } }
        while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let busy = errno == EWOULDBLOCK
            close(descriptor)
            descriptor = -1
            if busy { throw StoreError(.busy, path: path, "the workspace is locked by another job") }
            throw FileSystem.failure("flock", path)
        }
    }

    deinit {
        release()
    }

    /// Blocks while another process announced that it waits for the lock on `path`, up to
    /// `limit` seconds; markers of processes that are gone are removed. A backfill calls this
    /// between months, after releasing the lock.
    public static func yieldToWaiters(path: String, limit: Int = 3600) {
        let folder = Path.directory(of: path)
        let prefix = Path.basename(path) + ".waiting-"
        for _ in 0..<(limit * 20) {
            let waiting = ((try? FileSystem.list(folder)) ?? []).filter { name in
                guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)) else { return false }
                if kill(pid, 0) != 0 && errno == ESRCH {
                    try? FileSystem.remove(folder + "/" + name)
                    return false
                }
                return true
            }
            if waiting.isEmpty { return }
            var pause = timespec(tv_sec: 0, tv_nsec: 50_000_000)
            nanosleep(&pause, nil)
        }
    }

    /// Releases the lock (`flock` with `LOCK_UN`); also done when the object goes away.
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}
