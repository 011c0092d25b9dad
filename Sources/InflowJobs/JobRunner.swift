internal import Glibc
public import InflowCore
import InflowEnrich
import InflowLoad
import InflowReport
import InflowStore

/// Runs sync jobs: takes the workspace lock, runs extract, parse, enrich and load for each
/// source, commits, and writes the reports.
public final class JobRunner: Sendable {
    public let environment: Environment
    private let observer: JobObserver
    private let isInterrupted: @Sendable () -> Bool

    /// Creates a runner.
    ///
    /// - Parameters:
    ///   - isInterrupted: Polled at every item boundary; true stops the job as cancelled
    ///     (the command line sets it on SIGINT and SIGTERM).
    ///   - observer: Receives the job's events for logging.
    public init(environment: Environment, isInterrupted: @escaping @Sendable () -> Bool = { false },
                observer: @escaping JobObserver = { _ in })
    {
        self.environment = environment
        self.isInterrupted = isInterrupted
        self.observer = observer
    }

    /// Runs one sync to its end.
    ///
    /// - Throws: `JobError.badInput` before the job starts (unknown workspace, bad pipeline,
    ///   missing input folder), `.busy` when another job holds the workspace, `.failed` when the
    ///   job ran and failed; tables and reports are then as before the job.
    public func runSync(_ request: SyncRequest) throws -> JobOutcome {
        let workspace = try Workspace.open(request.workspace, environment: environment)
        let sources = try selectSources(request.sources, workspace: workspace)
        try workspace.checkInputs(of: sources)
        let sentiment = try environment.sentimentAnalyzer()
        let matcher = try workspace.clientMatcher(environment: environment)

        let jobId = request.queuedJobId ?? JobID.make()
        let launch = Launch(
            workspace: workspace, sources: sources, kind: .sync, syncType: request.syncType,
            triggeredBy: request.triggeredBy, wait: request.wait, jobId: jobId, queued: request.queuedJobId != nil,
            mode: .sync)
        let started = JobEvent(.info, "job started", [
            ("job", jobId), ("workspace", workspace.pipeline.workspace.value),
            ("syncType", request.syncType.rawValue),
            ("sources", sources.map(\.rawValue).joined(separator: ",")),
        ])
        return try runLocked(launch, sentiment: sentiment, matcher: matcher, started: started)
    }

    /// What `runLocked` starts: a sync or a replay.
    private struct Launch {
        let workspace: Workspace
        let sources: [SourceName]
        let kind: JobKind
        let syncType: SyncType
        let triggeredBy: String
        let wait: Bool
        let jobId: String
        /// Whether `jobId` names a job queued earlier, which must still be queued.
        let queued: Bool
        let mode: SyncRun.Mode
    }

    /// Takes the workspace lock, repairs what a crash left, records the job as running and
    /// runs it to its end.
    private func runLocked(_ launch: Launch, sentiment: SentimentAnalyzer, matcher: ClientMatcher,
                           started: JobEvent) throws -> JobOutcome
    {
        let layout = launch.workspace.layout
        try checkWritable(layout)
        let lock = try acquireLock(layout: layout, wait: launch.wait)
        defer { lock.release() }
        let catalog = try Catalog(path: layout.catalogPath)
        try recoverAfterCrash(catalog: catalog, layout: layout)

        let start = environment.now
        if launch.queued { try claimQueued(launch.jobId, catalog: catalog, layout: layout, now: start) }
        let job = JobRecord(
            jobId: launch.jobId, kind: launch.kind, syncType: launch.syncType, status: .running,
            sources: launch.sources, triggeredBy: launch.triggeredBy, startedAt: start, pid: getpid(),
            fence: try catalog.takeFence(), runDir: layout.runDir(jobId: launch.jobId, start: start))
        let estimate = DurationText.estimate(
            seconds: try Throughput.estimatedSeconds(catalog: catalog, kind: launch.kind))
        let run = SyncRun(workspace: launch.workspace, catalog: catalog, job: job, sources: launch.sources,
                          environment: environment, sentiment: sentiment, matcher: matcher,
                          isInterrupted: isInterrupted, mode: launch.mode, observer: observer)
        observer(started)
        var outcome = try run.execute()
        outcome.estimatedDuration = estimate
        return outcome
    }

    /// Checks that a job queued earlier is still queued; one cancelled while it waited is
    /// recorded as cancelled and never runs.
    private func claimQueued(_ jobId: String, catalog: Catalog, layout: Layout, now: Timestamp) throws {
        guard var record = try catalog.job(jobId), record.status == .queued else {
            throw JobError.badInput("job \(jobId) is not queued in workspace \(layout.workspace)")
        }
        guard try catalog.isCancelRequested(jobId) else { return }
        record.status = .cancelled
        record.completedAt = now
        record.error = "cancelled while queued"
        try catalog.save(record)
        throw JobError.cancelled(jobId: jobId)
    }

    /// Runs a replay: the stages from `request.from` on over a past job's stage files, then
    /// load, as a job of its own in history. The sources' inputs are not read.
    ///
    /// - Throws: `JobError.badInput` when the job is unknown or its stage files are gone
    ///   (retention keeps the newest `keepRuns` jobs' files), and as `runSync` otherwise.
    public func runReplay(_ request: ReplayRequest) throws -> JobOutcome {
        guard request.from == .parse || request.from == .enrich else {
            throw JobError.badInput("--from must be parse or enrich")
        }
        let workspace = try Workspace.open(request.workspace, environment: environment)
        let layout = workspace.layout
        guard JobID.isValid(request.jobId), FileSystem.exists(layout.catalogPath),
            let past = try Catalog(path: layout.catalogPath).job(request.jobId)
        else {
            throw JobError.badInput("no job '\(request.jobId)' in workspace \(layout.workspace)")
        }
        let needed: Stage = request.from == .parse ? .extract : .parse
        let sources = past.sources.filter { source in
            DataType.allCases.contains { type in
                FileSystem.exists(layout.stageFile(runDir: past.runDir, stage: needed, source: source, dataType: type))
            }
        }
        guard !sources.isEmpty else {
            throw JobError.badInput(
                "job \(past.jobId) has no \(needed.rawValue) files left under \(past.runDir) to replay from")
        }
        let sentiment = try environment.sentimentAnalyzer()
        let matcher = try workspace.clientMatcher(environment: environment)

        let jobId = JobID.make()
        let launch = Launch(
            workspace: workspace, sources: sources, kind: .replay, syncType: .full,
            triggeredBy: request.triggeredBy, wait: request.wait, jobId: jobId, queued: false,
            mode: .replay(jobId: past.jobId, runDir: past.runDir, from: request.from))
        let started = JobEvent(.info, "replay started", [
            ("job", jobId), ("replayOf", past.jobId), ("from", request.from.rawValue),
        ])
        return try runLocked(launch, sentiment: sentiment, matcher: matcher, started: started)
    }

    /// Runs a backfill: one source, items dated in a range, newest month first. Each month is
    /// committed on its own and the workspace lock released after it, so a sync waits at most
    /// one month's work; the backfill waits for the lock instead of failing as busy, and runs
    /// at low CPU and IO priority.
    ///
    /// - Throws: `JobError.badInput` for an unconnected source, an empty range or a data type
    ///   the source does not have; otherwise as `runSync`.
    public func runBackfill(_ request: BackfillRequest) throws -> JobOutcome {
        let (workspace, sources) = try checkBackfill(request)
        let sentiment = try environment.sentimentAnalyzer()
        let matcher = try workspace.clientMatcher(environment: environment)
        let layout = workspace.layout
        ProcessPriority.lower()

        let types = Set(request.dataTypes.isEmpty ? request.source.dataTypes : request.dataTypes)
        var chunks = BackfillChunk.plan(from: request.from, to: request.to, dataTypes: types)
        let jobId = request.queuedJobId ?? JobID.make(kind: "backfill_")
        var job: JobRecord?
        var outcome: JobOutcome?
        for index in chunks.indices {
            if index > 0 { WorkspaceLock.yieldToWaiters(path: layout.lockPath) }
            let lock = try acquireLock(layout: layout, wait: true, announce: false)
            defer { lock.release() }
            let catalog = try Catalog(path: layout.catalogPath)
            try recoverAfterCrash(catalog: catalog, layout: layout)
            var current = try job ?? JobRecord(
                jobId: jobId, kind: .backfill, syncType: .full, status: .running, sources: sources,
                triggeredBy: request.triggeredBy, startedAt: environment.now, pid: getpid(), fence: 0,
                runDir: layout.runDir(jobId: jobId, start: environment.now))
            if try catalog.isCancelRequested(jobId) { throw JobError.cancelled(jobId: jobId) }
            current.fence = try catalog.takeFence()
            if let previous = outcome {
                chunks[index].prior = Dictionary(uniqueKeysWithValues: previous.sources.map { ($0.source, $0) })
            }
            observer(JobEvent(.info, "backfill month started", [
                ("job", jobId), ("month", chunks[index].month), ("source", request.source.rawValue),
            ]))
            let run = SyncRun(workspace: workspace, catalog: catalog, job: current, sources: sources,
                              environment: environment, sentiment: sentiment, matcher: matcher,
                              isInterrupted: isInterrupted, mode: .backfill(chunks[index]), observer: observer)
            outcome = try run.execute()
            job = outcome?.job
        }
        guard var result = outcome else {
            throw JobError.badInput("the backfill range holds no month")
        }
        result.estimatedDuration = DurationText.estimate(seconds: Double(chunks.count) * Throughput.defaultSeconds)
        return result
    }

    /// Checks a backfill request before anything runs.
    private func checkBackfill(_ request: BackfillRequest) throws -> (Workspace, [SourceName]) {
        let workspace = try Workspace.open(request.workspace, environment: environment)
        let sources = try selectSources([request.source], workspace: workspace)
        guard request.from < request.to else {
            throw JobError.badInput("the backfill range is empty: --from must be before --to")
        }
        let unknown = request.dataTypes.filter { !request.source.dataTypes.contains($0) }
        guard unknown.isEmpty else {
            let known = request.source.dataTypes.map(\.rawValue).joined(separator: ", ")
            throw JobError.badInput("\(request.source.rawValue) has no \(unknown[0].rawValue) (it has \(known))")
        }
        try workspace.checkInputs(of: sources)
        try checkWritable(workspace.layout)
        return (workspace, sources)
    }

    /// Checks a backfill request as `runBackfill` would and records it as a queued job, for a
    /// process started in the background to run with `queuedJobId`.
    public func queueBackfill(_ request: BackfillRequest) throws -> (job: JobRecord, busy: Bool) {
        let (workspace, sources) = try checkBackfill(request)
        _ = try environment.sentimentAnalyzer()
        _ = try workspace.clientMatcher(environment: environment)
        let layout = workspace.layout
        let catalog = try Catalog(path: layout.catalogPath)
        let busy = (try? WorkspaceLock(path: layout.lockPath, wait: false)).map { $0.release(); return false } ?? true
        let jobId = JobID.make(kind: "backfill_")
        let job = JobRecord(
            jobId: jobId, kind: .backfill, syncType: .full, status: .queued, sources: sources,
            triggeredBy: request.triggeredBy, startedAt: environment.now, pid: 0, fence: 0, runDir: "")
        try catalog.save(job)
        for source in sources { try catalog.save(JobSourceRecord(jobId: jobId, source: source)) }
        return (job, busy)
    }

    /// The items of a source already loaded in a range, as a backfill's estimate of its work.
    public func loadedItems(workspace name: String, source: SourceName, dataTypes: [DataType], from: Timestamp,
                            to: Timestamp) throws -> Int
    {
        let workspace = try Workspace.open(name, environment: environment)
        guard FileSystem.exists(workspace.layout.catalogPath) else { return 0 }
        let catalog = try Catalog(path: workspace.layout.catalogPath)
        var total = 0
        for type in dataTypes {
            let rows = try catalog.database.query(
                """
                SELECT COUNT(*) FROM items WHERE source = ?1 AND data_type = ?2 AND item_date >= ?3
                    AND item_date < ?4
                """, [.text(source.rawValue), .text(type.rawValue), .integer(from.millis), .integer(to.millis)])
            total += Int(rows.first?.first?.integer ?? 0)
        }
        return total
    }

    /// Checks a sync request as `runSync` would and records it as a queued job, for a process
    /// started in the background to run with `queuedJobId`.
    ///
    /// - Returns: The queued job, whether another job holds the workspace now (the new one
    ///   then waits its turn), and the duration estimate.
    /// - Throws: `JobError.badInput` for the same faults `runSync` refuses before it starts.
    public func queueSync(_ request: SyncRequest) throws -> (job: JobRecord, busy: Bool, estimate: String) {
        let workspace = try Workspace.open(request.workspace, environment: environment)
        let sources = try selectSources(request.sources, workspace: workspace)
        try workspace.checkInputs(of: sources)
        _ = try environment.sentimentAnalyzer()
        _ = try workspace.clientMatcher(environment: environment)
        let layout = workspace.layout
        try checkWritable(layout)

        let catalog = try Catalog(path: layout.catalogPath)
        let busy: Bool
        if let probe = try? WorkspaceLock(path: layout.lockPath, wait: false) {
            probe.release()
            busy = false
        } else {
            busy = true
        }
        let jobId = JobID.make()
        let job = JobRecord(
            jobId: jobId, kind: .sync, syncType: request.syncType, status: .queued, sources: sources,
            triggeredBy: request.triggeredBy, startedAt: environment.now, pid: 0, fence: 0, runDir: "")
        try catalog.save(job)
        for source in sources { try catalog.save(JobSourceRecord(jobId: jobId, source: source)) }
        let estimate = DurationText.estimate(seconds: try Throughput.estimatedSeconds(catalog: catalog, kind: .sync))
        return (job, busy, estimate)
    }

    /// Records the process that will run a queued job, so that a job whose process died before
    /// it started can be told apart from one still waiting.
    public func assign(_ jobId: String, to pid: Int32, workspace name: String) throws {
        let workspace = try Workspace.open(name, environment: environment)
        let catalog = try Catalog(path: workspace.layout.catalogPath)
        guard var job = try catalog.job(jobId) else { return }
        job.pid = pid
        try catalog.save(job)
    }

    private func selectSources(_ asked: [SourceName]?, workspace: Workspace) throws -> [SourceName] {
        let connected = workspace.pipeline.connectedSources
        guard let asked else {
            guard !connected.isEmpty else {
                throw JobError.badInput("\(workspace.pipelineFile): no source is connected")
            }
            return connected
        }
        for source in asked where !connected.contains(source) {
            throw JobError.badInput(
                "source '\(source.rawValue)' is not connected in \(workspace.pipelineFile)")
        }
        return Array(Set(asked)).sorted()
    }

    /// Creates the data and reports folders up front, so that a path that cannot be used is a
    /// one-line error before any job exists.
    private func checkWritable(_ layout: Layout) throws {
        for folder in [layout.workspaceDir, layout.workspaceReportsDir] {
            do {
                try FileSystem.makeDirectories(folder)
            } catch {
                throw JobError.badInput("cannot use \(folder): \(error)")
            }
        }
    }

    private func acquireLock(layout: Layout, wait: Bool, announce: Bool = true) throws -> WorkspaceLock {
        do {
            return try WorkspaceLock(path: layout.lockPath, wait: wait, announce: announce)
        } catch let error as StoreError where error.code == .busy {
            let running = try? Catalog(path: layout.catalogPath)
                .jobs(statuses: [.running, .started], limit: 1).first?.jobId
            throw JobError.busy(workspace: layout.workspace.value, runningJob: running)
        }
    }

    /// Marks jobs left running by a dead process as failed, and puts the table links back in
    /// line with the catalog. Holding the lock proves no other process is running a job.
    private func recoverAfterCrash(catalog: Catalog, layout: Layout) throws {
        for job in try JobRecovery.markAbandoned(catalog: catalog, now: environment.now) {
            observer(JobEvent(.warning, "marked an abandoned job failed", [("job", job)]))
        }
        try Tables(layout: layout).recover(committed: try catalog.currentSnapshots())
    }
}
