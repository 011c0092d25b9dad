/// The states a job moves through.
public enum JobStatus: String, Sendable, CaseIterable {
    case queued
    case started
    case running
    case completed
    case failed
    case cancelled

    /// True once the job can no longer change.
    public var isFinal: Bool {
        self == .completed || self == .failed || self == .cancelled
    }
}

/// What a job does.
public enum JobKind: String, Sendable {
    case sync
    case backfill
    case replay
}

/// Whether a sync skips what is already loaded (`quick`) or processes everything (`full`).
public enum SyncType: String, Sendable {
    case quick
    case full
}

/// One job as the catalog keeps it.
public struct JobRecord: Sendable, Equatable {
    public var jobId: String
    public var kind: JobKind
    public var syncType: SyncType
    public var status: JobStatus
    public var sources: [SourceName]
    /// Who started the job: `cli`, or `key:<id>` for the endpoint.
    public var triggeredBy: String
    public var startedAt: Timestamp
    public var completedAt: Timestamp?
    /// The process running the job, to detect jobs left running by a dead process.
    public var pid: Int32
    /// The fencing number taken when the job started; commit checks it is still current.
    public var fence: Int64
    /// The whole percent done.
    public var progress: Int
    /// Why the job failed or was cancelled.
    public var error: String?
    /// The job's folder under `runs/`.
    public var runDir: String

    /// Creates a job record.
    public init(
        jobId: String, kind: JobKind, syncType: SyncType, status: JobStatus, sources: [SourceName],
        triggeredBy: String, startedAt: Timestamp, pid: Int32, fence: Int64, runDir: String
    ) {
        self.jobId = jobId
        self.kind = kind
        self.syncType = syncType
        self.status = status
        self.sources = sources
        self.triggeredBy = triggeredBy
        self.startedAt = startedAt
        self.pid = pid
        self.fence = fence
        self.progress = 0
        self.runDir = runDir
    }
}

/// One source's part of a job: its status, counts and errors.
public struct JobSourceRecord: Sendable, Equatable {
    public var jobId: String
    public var source: SourceName
    /// `pending`, `running`, `completed` or `failed`.
    public var status: String
    public var startedAt: Timestamp?
    public var completedAt: Timestamp?
    public var counts: ItemCounts
    /// The items found in the inputs, once extract has counted them.
    public var totalItems: Int?
    public var errors: [JobIssue]
    /// Items taken so far while the source runs, before load has classified them.
    public var itemsSeen = 0

    /// Creates a pending source record with zero counts.
    public init(jobId: String, source: SourceName) {
        self.jobId = jobId
        self.source = source
        self.status = "pending"
        self.counts = ItemCounts()
        self.errors = []
    }
}

/// How load classified a job's items.
public struct ItemCounts: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var skipped = 0
    /// Rows a full sync tombstoned because their items are gone from the inputs; not part of
    /// `processed`, since no input holds them.
    public var deleted = 0

    /// Creates zero counts.
    public init() {}

    /// Creates counts.
    public init(added: Int, updated: Int, unchanged: Int, skipped: Int) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
        self.skipped = skipped
    }

    /// Every item processed: the sum of the four counts.
    public var processed: Int {
        added + updated + unchanged + skipped
    }

    /// Adds another set of counts to this one.
    public static func += (lhs: inout ItemCounts, rhs: ItemCounts) {
        lhs.added += rhs.added
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
        lhs.skipped += rhs.skipped
        lhs.deleted += rhs.deleted
    }
}

/// A counted problem of one kind in a job, as history reports it.
public struct JobIssue: Sendable, Equatable {
    /// `extract`, `parse`, `attachment`, `sentiment`, `match`, `ledger` or `job`.
    public var kind: String
    public var message: String
    public var count: Int
    /// `info`, `warning` or `error`.
    public var severity: String

    /// Creates an issue.
    public init(kind: String, message: String, count: Int, severity: String) {
        self.kind = kind
        self.message = message
        self.count = count
        self.severity = severity
    }

    /// `{kind, message, count, severity}`.
    public var json: JSON {
        .object(JSONObject([
            ("kind", .string(kind)), ("message", .string(message)), ("count", .int(Int64(count))),
            ("severity", .string(severity)),
        ]))
    }

    /// Reads an issue back; nil when a field is missing.
    public init?(json: JSON) {
        guard let object = json.objectValue, let kind = object.string("kind"),
            let message = object.string("message"), let count = object.int("count"),
            let severity = object.string("severity")
        else { return nil }
        self.init(kind: kind, message: message, count: count, severity: severity)
    }
}
