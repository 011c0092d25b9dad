public import InflowCore
public import InflowStore

/// Estimates of how long a job will take, from the workspace's own past jobs.
public enum Throughput {
    /// The estimate before the workspace has finished any job: one minute.
    public static let defaultSeconds = 60.0

    /// The mean duration of the last five completed jobs of the same kind, or the default.
    public static func estimatedSeconds(catalog: Catalog, kind: JobKind) throws -> Double {
        let durations = try catalog.jobs(statuses: [.completed], limit: 20)
            .filter { $0.kind == kind }
            .prefix(5)
            .compactMap { job in job.completedAt.map { Double($0.millis - job.startedAt.millis) / 1000 } }
        guard !durations.isEmpty else { return defaultSeconds }
        return durations.reduce(0, +) / Double(durations.count)
    }
}
