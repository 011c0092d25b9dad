/// Why a job could not start or did not finish; the command line turns each case into its exit
/// code and one line on stderr.
public enum JobError: Error, CustomStringConvertible, Equatable {
    /// Bad usage or input found before the job started (exit 2).
    case badInput(String)
    /// Another job holds the workspace (exit 3).
    case busy(workspace: String, runningJob: String?)
    /// The job ran and failed (exit 1).
    case failed(jobId: String, reason: String)
    /// The job was stopped by a signal or `cancel` (exit 130).
    case cancelled(jobId: String)

    public var description: String {
        switch self {
        case .badInput(let reason):
            return reason
        case .busy(let workspace, let job):
            let holder = job.map { "job \($0) is running" } ?? "another job holds its lock"
            return "workspace \(workspace) is busy: \(holder); try again later or pass --wait"
        case .failed(let jobId, let reason):
            return "job \(jobId) failed: \(reason)"
        case .cancelled(let jobId):
            return "job \(jobId) was cancelled"
        }
    }
}
