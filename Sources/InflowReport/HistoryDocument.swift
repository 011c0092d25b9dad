public import InflowCore
public import InflowStore

/// The history document: one entry per job and source, newest first, with pagination.
public enum HistoryDocument {
    /// The page size when none is asked for.
    public static let defaultLimit = 20
    /// The largest page size a caller may ask for.
    public static let maxLimit = 100

    /// Which entries to list.
    public struct Query: Sendable, Equatable {
        public var limit: Int
        public var offset: Int
        public var source: SourceName?
        public var status: String?
        /// Only the entries of one job.
        public var jobId: String?

        /// Creates a query; `limit` must be 1...`maxLimit` and `offset` non-negative.
        public init(limit: Int = HistoryDocument.defaultLimit, offset: Int = 0, source: SourceName? = nil,
                    status: String? = nil, jobId: String? = nil)
        {
            self.limit = limit
            self.offset = offset
            self.source = source
            self.status = status
            self.jobId = jobId
        }
    }

    /// Builds the document from the catalog.
    public static func build(catalog: Catalog, query: Query) throws -> JSON {
        var entries: [JSON] = []
        var total = 0
        let jobs = try catalog.jobs(limit: 1_000_000).filter { query.jobId == nil || $0.jobId == query.jobId }
        for job in jobs {
            for record in try catalog.sources(ofJob: job.jobId) {
                let status = entryStatus(job: job, source: record)
                if let wanted = query.source, wanted != record.source { continue }
                if let wanted = query.status, wanted != status { continue }
                if total >= query.offset && entries.count < query.limit {
                    entries.append(entry(job: job, source: record, status: status))
                }
                total += 1
            }
        }
        return .object(JSONObject([
            ("syncHistory", .array(entries)),
            ("pagination", .object(JSONObject([
                ("total", .int(Int64(total))), ("limit", .int(Int64(query.limit))),
                ("offset", .int(Int64(query.offset))),
                ("hasMore", .bool(query.offset + entries.count < total)),
            ]))),
        ]))
    }

    /// A source's entry takes the job's status once the job has ended, unless the source itself
    /// failed in a job that was not cancelled.
    private static func entryStatus(job: JobRecord, source: JobSourceRecord) -> String {
        if job.status == .cancelled { return job.status.rawValue }
        if source.status == "failed" { return "failed" }
        return job.status.isFinal ? job.status.rawValue : source.status
    }

    /// One `syncHistory` entry.
    public static func entry(job: JobRecord, source: JobSourceRecord, status: String) -> JSON {
        let started = source.startedAt ?? job.startedAt
        let completed = source.completedAt ?? job.completedAt
        let duration = completed.map { DurationText.describe(seconds: ($0.millis - started.millis) / 1000) }
        return .object(JSONObject([
            ("jobId", .string(job.jobId)), ("source", .string(source.source.rawValue)),
            ("status", .string(status)), ("startedAt", .string(started.iso8601)),
            ("completedAt", JSON(completed?.iso8601)), ("duration", JSON(duration)),
            ("itemsProcessed", .int(Int64(source.counts.processed))),
            ("itemsAdded", .int(Int64(source.counts.added))),
            ("itemsUpdated", .int(Int64(source.counts.updated))),
            ("itemsUnchanged", .int(Int64(source.counts.unchanged))),
            ("itemsSkipped", .int(Int64(source.counts.skipped))),
            ("itemsDeleted", .int(Int64(source.counts.deleted))),
            ("triggeredBy", .string(job.triggeredBy)),
            ("errors", .array(source.errors.map(\.json))),
        ]))
    }
}
