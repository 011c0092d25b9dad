internal import Glibc
public import InflowCore
public import InflowStore

/// Finds jobs that a process left `running` when it died.
public enum JobRecovery {
    /// Marks every unfinished job failed, with the reason in the job and in each of its
    /// unfinished sources' errors. Call only while holding the workspace lock, which proves
    /// that no live process is running them.
    ///
    /// - Returns: The ids of the jobs marked.
    @discardableResult
    public static func markAbandoned(catalog: Catalog, now: Timestamp) throws -> [String] {
        var marked: [String] = []
        for var stale in try catalog.jobs(statuses: [.running, .started]) {
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
        for var waiting in try catalog.jobs(statuses: [.queued]) where waiting.pid > 0
            && kill(waiting.pid, 0) != 0 && errno == ESRCH
        {
            waiting.status = .failed
            waiting.completedAt = now
            waiting.error = "the background process for it (pid \(waiting.pid)) ended before the job started"
            try catalog.save(waiting)
            marked.append(waiting.jobId)
        }
        return marked
    }

    /// Marks abandoned jobs failed when no process holds the workspace lock; does nothing
    /// while a job runs. Lets read-only commands show the truth about a crashed job.
    public static func markAbandonedIfIdle(layout: Layout, catalog: Catalog, now: Timestamp) throws {
        guard let lock = try? WorkspaceLock(path: layout.lockPath, wait: false) else { return }
        defer { lock.release() }
        try markAbandoned(catalog: catalog, now: now)
    }
}
