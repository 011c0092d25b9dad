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
    /// - Parameter wait: Block until the lock is free instead of failing at once.
    /// - Throws: `StoreError` with code `busy` when another process holds the lock and `wait`
    ///   is false; `io` when the lock file cannot be opened.
    public init(path: String, wait: Bool) throws {
        try FileSystem.makeDirectories(Path.directory(of: path))
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystem.failure("open", path) }
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

    /// Releases the lock (`flock` with `LOCK_UN`); also done when the object goes away.
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}
