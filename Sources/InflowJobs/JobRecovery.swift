internal import Glibc
public import InflowCore
public import InflowStore

/// Finds jobs that a process left `running` when it died.
public enum JobRecovery {
    /// Marks every unfinished job whose process is gone failed, with the reason in the job and
    /// in each of its unfinished sources' errors. Call only while holding the workspace lock:
    /// then the only job that can be `running` with a live process is a backfill between two
    /// of its months, which is left alone.
    ///
    /// - Returns: The ids of the jobs marked.
    @discardableResult
    public static func markAbandoned(catalog: Catalog, now: Timestamp) throws -> [String] {
        var marked: [String] = []
        for var stale in try catalog.jobs(statuses: [.running, .started]) where !isAlive(stale.pid) {
            let reason = "the process running it (pid \(stale.pid)) ended before the job finished; "
                + "found at \(now.iso8601); nothing it read was loaded"
            stale.status = .failed
            stale.completedAt = now
            stale.error = reason
            try catalog.save(stale)
            for var source in try catalog.sources(ofJob: stale.jobId) where source.status != "completed" {
                source.status = "failed"
                source.completedAt = now
                source.errors.append(JobIssue(kind: "job", message: reason, count: 1, severity: "error"))
                try catalog.save(source)
            }
            marked.append(stale.jobId)
        }
        for var waiting in try catalog.jobs(statuses: [.queued]) where waiting.pid > 0 && !isAlive(waiting.pid) {
            let reason = "the background process for it (pid \(waiting.pid)) ended before the job started"
            waiting.status = .failed
            waiting.completedAt = now
            waiting.error = reason
            try catalog.save(waiting)
            for var source in try catalog.sources(ofJob: waiting.jobId) {
                source.status = "failed"
                source.completedAt = now
                source.errors.append(JobIssue(kind: "job", message: reason, count: 1, severity: "error"))
                try catalog.save(source)
            }
            marked.append(waiting.jobId)
        }
        return marked
    }

    /// Whether a process with this id exists (`kill` with signal 0). A recycled id can make a
    /// dead job look alive until the id is free again; it is never the other way round.
    private static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno != ESRCH)
    }

    /// When no process holds the workspace lock, marks abandoned jobs failed and puts the
    /// table links back in line with the catalog; does nothing while a job runs. Lets
    /// read-only commands show the truth after a crash, and repairs tables a crash left
    /// between two link swaps without waiting for the next job.
    public static func recoverIfIdle(layout: Layout, catalog: Catalog, now: Timestamp) throws {
        guard let lock = try? WorkspaceLock(path: layout.lockPath, wait: false) else { return }
        defer { lock.release() }
        try markAbandoned(catalog: catalog, now: now)
        try Tables(layout: layout).recover(committed: try catalog.currentSnapshots())
    }
}
