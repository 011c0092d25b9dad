import InflowCore
import InflowStore

/// Removes what the pipeline's retention settings no longer keep: stage files of old jobs and
/// old table snapshots.
struct Retention {
    let layout: Layout
    let catalog: Catalog

    /// Keeps the run folders of the newest `keepRuns` jobs and the newest `keepSnapshots`
    /// snapshots of each table; the catalog keeps every job's history.
    func apply(keepRuns: Int, keepSnapshots: Int) throws {
        for job in try catalog.jobs(limit: 100_000).dropFirst(keepRuns) where FileSystem.exists(job.runDir) {
            try FileSystem.removeTree(job.runDir)
        }
        try Tables(layout: layout).prune(committed: try catalog.currentSnapshots(), keep: keepSnapshots)
    }
}
