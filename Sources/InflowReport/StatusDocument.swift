public import InflowCore
public import InflowStore

/// The status document: the current (or asked-for) job with per-source progress, the most
/// recent finished jobs, and the jobs queued behind the current one (oldest first).
public enum StatusDocument {
    /// How many finished jobs `recentJobs` lists.
    public static let recentCount = 5

    /// Builds the document from the catalog.
    ///
    /// - Parameters:
    ///   - jobId: The job to show as `currentJob`; nil shows the running job, or null when idle.
    ///   - now: The clock, for estimates.
    public static func build(catalog: Catalog, jobId: String? = nil, now: Timestamp) throws -> JSON {
        var current: JobRecord?
        if let jobId {
            current = try catalog.job(jobId)
        } else {
            current = try catalog.jobs(statuses: [.running, .started], limit: 1).first
                ?? catalog.jobs(statuses: [.queued], limit: 1).first
        }
        let recent = try catalog.jobs(statuses: [.completed, .failed, .cancelled], limit: recentCount)
        let queued = try catalog.jobs(statuses: [.queued], limit: 100).filter { $0.jobId != current?.jobId }
        return .object(JSONObject([
            ("currentJob", try current.map { try currentJob($0, catalog: catalog, now: now) } ?? .null),
            ("recentJobs", .array(try recent.map { try recentJob($0, catalog: catalog) })),
            ("queuedJobs", .array(queued.reversed().map { job in
                .object(JSONObject([
                    ("jobId", .string(job.jobId)), ("status", .string(job.status.rawValue)),
                    ("queuedAt", .string(job.startedAt.iso8601)),
                ]))
            })),
        ]))
    }

    private static func currentJob(_ job: JobRecord, catalog: Catalog, now: Timestamp) throws -> JSON {
        var object = JSONObject([
            ("jobId", .string(job.jobId)), ("status", .string(job.status.rawValue)),
            ("progress", .int(Int64(job.status == .completed ? 100 : job.progress))),
            ("startedAt", .string(job.startedAt.iso8601)),
        ])
        if !job.status.isFinal {
            let estimate = try Throughput.estimatedSeconds(catalog: catalog, kind: job.kind)
            let end = job.startedAt.adding(seconds: Int64(estimate.rounded(.up)))
            object["estimatedCompletion"] = .string(max(end, now).iso8601)
        } else if let completedAt = job.completedAt {
            object["completedAt"] = .string(completedAt.iso8601)
        }
        var sources = JSONObject()
        for record in try catalog.sources(ofJob: job.jobId) {
            var source = JSONObject([
                ("status", .string(record.status)),
                ("itemsProcessed", .int(Int64(max(record.counts.processed, record.itemsSeen)))),
            ])
            if let total = record.totalItems { source["totalItems"] = .int(Int64(total)) }
            if record.status == "running", let total = record.totalItems, total > 0 {
                source["progress"] = .int(Int64(min(99, record.itemsSeen * 100 / total)))
            }
            source["lastSyncAt"] = JSON(try catalog.lastSync(of: record.source)?.iso8601)
            sources[record.source.rawValue] = .object(source)
        }
        object["sources"] = .object(sources)
        return .object(object)
    }

    private static func recentJob(_ job: JobRecord, catalog: Catalog) throws -> JSON {
        let processed = try catalog.sources(ofJob: job.jobId).reduce(0) { $0 + $1.counts.processed }
        let duration = job.completedAt.map { ($0.millis - job.startedAt.millis) / 1000 }
        return .object(JSONObject([
            ("jobId", .string(job.jobId)), ("status", .string(job.status.rawValue)),
            ("completedAt", JSON(job.completedAt?.iso8601)),
            ("duration", JSON(duration.map(DurationText.describe(seconds:)))),
            ("itemsProcessed", .int(Int64(processed))),
        ]))
    }
}
