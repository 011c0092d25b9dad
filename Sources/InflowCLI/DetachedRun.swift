import FoundationEssentials
internal import Glibc
import InflowCore
import InflowJobs
import InflowStore

/// `run --detach` and `backfill --detach`: record the job as queued, start this program again
/// in the background to run it, and return at once with the trigger response.
enum DetachedRun {
    /// Queues the job and starts the background process.
    ///
    /// The process waits for the workspace lock, so a detached job queues behind a running
    /// one; it runs in a session of its own, so closing the terminal does not stop it, and
    /// its logs go to `data/<workspace>/logs/<jobId>.log`.
    static func start(_ request: SyncRequest, runner: JobRunner, arguments: Arguments) throws -> JSON {
        let queued = try runner.queueSync(request)
        var words = ["run", "--sync-type", request.syncType.rawValue, "--wait"]
        if let sources = request.sources { words += ["--sources", sources.map(\.rawValue).joined(separator: ",")] }
        let log = try launch(queued.job, words: words, runner: runner, workspace: request.workspace,
                             arguments: arguments)
        return .object(JSONObject([
            ("success", .bool(true)), ("jobId", .string(queued.job.jobId)),
            ("status", .string(queued.busy ? JobStatus.queued.rawValue : JobStatus.started.rawValue)),
            ("estimatedDuration", .string(queued.estimate)),
            ("sources", .strings(queued.job.sources.map(\.rawValue))), ("log", .string(log)),
        ]))
    }

    /// Queues a backfill and starts the background process for it.
    static func startBackfill(_ request: BackfillRequest, runner: JobRunner, arguments: Arguments) throws
        -> (job: JobRecord, busy: Bool, log: String)
    {
        let queued = try runner.queueBackfill(request)
        var words = ["backfill", "--source", request.source.rawValue, "--from", request.from.iso8601,
                     "--to", request.to.iso8601]
        if !request.dataTypes.isEmpty {
            words += ["--data-types", request.dataTypes.map(\.rawValue).joined(separator: ",")]
        }
        let log = try launch(queued.job, words: words, runner: runner, workspace: request.workspace,
                             arguments: arguments)
        return (queued.job, queued.busy, log)
    }

    /// Starts the background process for a queued job with the command's `words`, the
    /// folders of this one and the job's id; returns the log path.
    private static func launch(_ job: JobRecord, words: [String], runner: JobRunner, workspace: String,
                               arguments: Arguments) throws -> String
    {
        let environment = runner.environment
        let log = environment.dataDir + "/" + workspace + "/logs/" + job.jobId + ".log"
        try FileSystem.makeDirectories(Path.directory(of: log))
        var all = words + [
            "--workspace", workspace, "--job-id", job.jobId, "--triggered-by", job.triggeredBy,
            "--log-format", "json", "--data-dir", environment.dataDir, "--reports-dir", environment.reportsDir,
            "--pipelines-dir", environment.pipelinesDir,
        ]
        if let now = arguments.options["now"] { all += ["--now", now] }
        let pid = try spawn(all, log: log)
        try runner.assign(job.jobId, to: pid, workspace: workspace)
        return log
    }

    /// Starts this executable with `words` (`posix_spawn`), stdin from /dev/null and stdout and
    /// stderr appended to `log`.
    private static func spawn(_ words: [String], log: String) throws -> Int32 {
        guard let executable = FileSystem.readLink("/proc/self/exe") else {
            throw UsageError("cannot find the inflow executable to start in the background")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv = ([executable] + words).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard code == 0 else {
            throw UsageError("could not start the background job: \(String(cString: strerror(code)))")
        }
        return pid
    }
}
