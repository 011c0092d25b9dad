public import InflowCore
public import InflowStore

/// What a caller asks of a sync.
public struct SyncRequest: Sendable {
    public var workspace: String
    public var syncType: SyncType
    /// The sources to sync; nil means every connected source.
    public var sources: [SourceName]?
    /// `cli`, or `key:<id>` for the endpoint.
    public var triggeredBy: String
    /// Wait for a running job to finish instead of failing as busy.
    public var wait: Bool
    /// The id of a job queued earlier (by `queueSync`) that this request runs; nil starts a
    /// new one.
    public var queuedJobId: String?

    /// Creates a request.
    public init(workspace: String, syncType: SyncType = .quick, sources: [SourceName]? = nil,
                triggeredBy: String = "cli", wait: Bool = false)
    {
        self.workspace = workspace
        self.syncType = syncType
        self.sources = sources
        self.triggeredBy = triggeredBy
        self.wait = wait
    }
}

/// What a finished job leaves: its record, its sources' records, and where its files are.
public struct JobOutcome: Sendable {
    public var job: JobRecord
    public var sources: [JobSourceRecord]
    /// The job's run folder with its manifest and stage files.
    public var runDir: String
    /// The tables folder.
    public var tablesDir: String
    /// The report files written.
    public var reports: [String]
    /// The estimate given when the job started.
    public var estimatedDuration: String
}

/// What a caller asks of a replay: rerun the later stages of a past job from its stage files.
public struct ReplayRequest: Sendable {
    public var workspace: String
    /// The past job whose stage files are read.
    public var jobId: String
    /// The first stage to run again: `parse` (from the extract files) or `enrich` (from the
    /// parse files).
    public var from: Stage
    public var triggeredBy: String
    public var wait: Bool

    /// Creates a request.
    public init(workspace: String, jobId: String, from: Stage, triggeredBy: String = "cli", wait: Bool = false) {
        self.workspace = workspace
        self.jobId = jobId
        self.from = from
        self.triggeredBy = triggeredBy
        self.wait = wait
    }
}
