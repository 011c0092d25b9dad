internal import Glibc

/// Named points where a crash test can make the job die at once, as a power cut or
/// `kill -9` would: set `INFLOW_FAILPOINT` to a point's name and the process sends itself
/// SIGKILL when it gets there. Unset, each point costs one comparison.
enum FailPoint: String {
    /// After extract, parse and enrich of the first source, before load.
    case afterStages = "after-stages"
    /// After the next snapshots are built, before the catalog commit.
    case beforeCommit = "before-commit"
    /// After the catalog commit, before the table links are swapped.
    case afterCommit = "after-commit"
    /// After the first table link is swapped, before the others and the reports.
    case afterFirstLink = "after-first-link"
    /// After the job is complete, before the reports are written.
    case beforeReports = "before-reports"
    /// In the middle of the stages, after the first batch of items.
    case midBatch = "mid-batch"

    /// The point asked for by the environment, read once.
    private static let armed: String? = getenv("INFLOW_FAILPOINT").map { String(cString: $0) }

    /// Kills the process when this point is the one asked for.
    func hit() {
        if FailPoint.armed == rawValue { kill(getpid(), SIGKILL) }
    }
}
