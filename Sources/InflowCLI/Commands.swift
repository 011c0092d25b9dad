internal import Glibc
import InflowCore
import InflowEnrich
import InflowExtract
import InflowJobs
import InflowReport
import InflowStore

/// The commands: each reads its options, does its work and returns the document to print.
enum Commands {
    /// Options every command takes.
    static let common: Set = ["data-dir", "reports-dir", "pipelines-dir", "now", "log-format", "help"]

    /// The flags (options without a value) of a command.
    static func flags(of command: String) -> Set<String> {
        switch command {
        case "run": ["help", "wait", "detach"]
        case "replay": ["help", "wait"]
        case "backfill": ["help", "detach"]
        default: ["help"]
        }
    }

    static func execute(_ arguments: Arguments, logger: Logger) throws -> JSON {
        switch arguments.command {
        case "run": return try run(arguments, logger: logger)
        case "status": return try status(arguments)
        case "history": return try history(arguments)
        case "report": return try report(arguments)
        case "sentiment": return try sentiment(arguments)
        case "match": return try match(arguments)
        case "email-stats": return try emailStats(arguments)
        case "cancel": return try cancel(arguments)
        case "validate": return try validate(arguments)
        case "replay": return try replay(arguments, logger: logger)
        case "backfill": return try backfill(arguments, logger: logger)
        default:
            throw UsageError("unknown command '\(arguments.command.debugEscaped)'; see inflow --help")
        }
    }

    private static func environment(_ arguments: Arguments) throws -> Environment {
        var fixedNow: Timestamp?
        if let text = arguments.options["now"] {
            guard let parsed = Timestamp.parseISO8601(text) else {
                throw UsageError("--now must be a date or an ISO 8601 date-time, not '\(text.debugEscaped)'")
            }
            fixedNow = parsed.timestamp
        }
        return Environment(
            dataDir: arguments.options["data-dir"] ?? "data",
            reportsDir: arguments.options["reports-dir"] ?? "reports",
            pipelinesDir: arguments.options["pipelines-dir"] ?? "pipelines", fixedNow: fixedNow,
            lexiconDir: SetupPaths.lexiconDir(), freeMailList: SetupPaths.freeMailList,
            freeMailOverrides: SetupPaths.freeMailOverrides)
    }

    private static func sourceList(_ text: String?) throws -> [SourceName]? {
        guard let text else { return nil }
        guard !text.isEmpty else { throw UsageError("--sources needs at least one source name") }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { name in
            guard let source = SourceName(rawValue: String(name)) else {
                throw UsageError("unknown source '\(name)'; sources are google, hubspot, intercom")
            }
            return source
        }
    }

    // MARK: run

    private static func run(_ arguments: Arguments, logger: Logger) throws -> JSON {
        try arguments.check(allowed: common.union(
            ["workspace", "sync-type", "sources", "wait", "detach", "job-id", "triggered-by"]))
        let syncText = arguments.options["sync-type"] ?? "quick"
        guard let syncType = SyncType(rawValue: syncText) else {
            throw UsageError("--sync-type must be quick or full, not '\(syncText.debugEscaped)'")
        }
        var request = SyncRequest(
            workspace: try arguments.required("workspace"), syncType: syncType,
            sources: try sourceList(arguments.options["sources"]),
            triggeredBy: arguments.options["triggered-by"] ?? "cli", wait: arguments.flags.contains("wait"))
        let environment = try environment(arguments)
        let runner = JobRunner(environment: environment, isInterrupted: { Signals.interrupted }) {
            logger.log($0)
        }
        if arguments.flags.contains("detach") {
            guard !arguments.flags.contains("wait") else {
                throw UsageError("--detach and --wait do not go together: a detached job always waits its turn")
            }
            return try DetachedRun.start(request, runner: runner, arguments: arguments)
        }
        if let queued = arguments.options["job-id"] {
            // The background half of `--detach`: leave the caller's session and run the job
            // queued for us.
            setsid()
            request.queuedJobId = queued
        }
        return try reportingCancellation(environment: environment, workspace: request.workspace) {
            try triggerDocument(try runner.runSync(request), environment: environment, workspace: request.workspace)
        }
    }

    /// Runs a job command; a cancelled job still prints a document: its id, `cancelled`, and
    /// its history entries.
    private static func reportingCancellation(environment: Environment, workspace: String,
                                              _ body: () throws -> JSON) throws -> JSON
    {
        do {
            return try body()
        } catch JobError.cancelled(let jobId) {
            let catalog = try Catalog(path: Layout(
                dataDir: environment.dataDir, reportsDir: environment.reportsDir,
                workspace: try WorkspaceID(workspace)).catalogPath)
            let history = try HistoryDocument.build(
                catalog: catalog, query: HistoryDocument.Query(limit: HistoryDocument.maxLimit, jobId: jobId))
            return .object(JSONObject([
                ("success", .bool(false)), ("jobId", .string(jobId)), ("status", .string(JobStatus.cancelled.rawValue)),
                ("syncHistory", history.objectValue?["syncHistory"] ?? .array([])),
            ]))
        }
    }

    /// The trigger response of a finished job, with its history entries and where its
    /// outputs are.
    private static func triggerDocument(_ outcome: JobOutcome, environment: Environment, workspace: String)
        throws -> JSON
    {
        let catalog = try Catalog(path: Layout(
            dataDir: environment.dataDir, reportsDir: environment.reportsDir,
            workspace: try WorkspaceID(workspace)).catalogPath)
        let history = try HistoryDocument.build(
            catalog: catalog, query: HistoryDocument.Query(limit: HistoryDocument.maxLimit, jobId: outcome.job.jobId))
        return .object(JSONObject([
            ("success", .bool(outcome.job.status == .completed)), ("jobId", .string(outcome.job.jobId)),
            ("status", .string(outcome.job.status.rawValue)),
            ("estimatedDuration", .string(outcome.estimatedDuration)),
            ("sources", .strings(outcome.sources.map(\.source.rawValue))),
            ("syncHistory", history.objectValue?["syncHistory"] ?? .array([])),
            ("outputs", .object(JSONObject([
                ("runDir", .string(outcome.runDir)), ("tables", .string(outcome.tablesDir)),
                ("reports", .strings(outcome.reports)),
            ]))),
        ]))
    }

    // MARK: backfill

    private static func backfill(_ arguments: Arguments, logger: Logger) throws -> JSON {
        try arguments.check(allowed: common.union(
            ["workspace", "source", "from", "to", "data-types", "detach", "job-id", "triggered-by"]))
        let environment = try environment(arguments)
        let sourceText = try arguments.required("source")
        guard let source = SourceName(rawValue: sourceText) else {
            throw UsageError("unknown source '\(sourceText.debugEscaped)'; sources are google, hubspot, intercom")
        }
        let from = try date(arguments, "from", required: true)!.timestamp
        // A bare date as the end includes that whole day.
        let end = try date(arguments, "to", required: false)
        let to = end.map { $0.dateOnly ? $0.timestamp.adding(seconds: 86_400) : $0.timestamp } ?? environment.now
        var dataTypes: [DataType] = []
        if let text = arguments.options["data-types"] {
            dataTypes = try text.split(separator: ",", omittingEmptySubsequences: false).map { name in
                guard let type = DataType(rawValue: String(name)) else {
                    let known = DataType.allCases.map(\.rawValue).joined(separator: ", ")
                    throw UsageError("unknown data type '\(name)'; types are \(known)")
                }
                return type
            }
        }
        var request = BackfillRequest(
            workspace: try arguments.required("workspace"), source: source, from: from, to: to,
            dataTypes: dataTypes, triggeredBy: arguments.options["triggered-by"] ?? "cli")
        let runner = JobRunner(environment: environment, isInterrupted: { Signals.interrupted }) {
            logger.log($0)
        }
        let estimatedItems = try runner.loadedItems(
            workspace: request.workspace, source: source, dataTypes: dataTypes.isEmpty ? source.dataTypes : dataTypes,
            from: from, to: to)
        func response(_ id: String, _ status: String, _ duration: String) -> JSONObject {
            JSONObject([
                ("success", .bool(status != JobStatus.failed.rawValue)), ("backfillId", .string(id)),
                ("estimatedItems", .int(Int64(estimatedItems))), ("estimatedDuration", .string(duration)),
                ("status", .string(status)), ("source", .string(source.rawValue)),
                ("dateRange", .object(JSONObject([("from", .string(from.iso8601)), ("to", .string(to.iso8601))]))),
                ("dataTypes", .strings((dataTypes.isEmpty ? source.dataTypes : dataTypes).map(\.rawValue))),
            ])
        }
        if arguments.flags.contains("detach") {
            let queued = try DetachedRun.startBackfill(request, runner: runner, arguments: arguments)
            var document = response(queued.job.jobId, queued.busy ? "queued" : "started",
                                    DurationText.estimate(seconds: Throughput.defaultSeconds))
            document["log"] = .string(queued.log)
            return .object(document)
        }
        if let queued = arguments.options["job-id"] {
            setsid()
            request.queuedJobId = queued
        }
        return try reportingCancellation(environment: environment, workspace: request.workspace) {
            let outcome = try runner.runBackfill(request)
            let trigger = try triggerDocument(outcome, environment: environment, workspace: request.workspace)
            var document = response(outcome.job.jobId, outcome.job.status.rawValue, outcome.estimatedDuration)
            document["syncHistory"] = trigger.objectValue?["syncHistory"]
            document["outputs"] = trigger.objectValue?["outputs"]
            return .object(document)
        }
    }

    /// A date or date-time option; nil when absent and not required.
    private static func date(_ arguments: Arguments, _ name: String, required: Bool) throws
        -> (timestamp: Timestamp, dateOnly: Bool)?
    {
        guard let text = arguments.options[name] else {
            if required { throw UsageError("\(arguments.command) needs --\(name)") }
            return nil
        }
        guard let parsed = Timestamp.parseISO8601(text) else {
            throw UsageError("--\(name) must be a date or an ISO 8601 date-time, not '\(text.debugEscaped)'")
        }
        return parsed
    }

    // MARK: replay

    private static func replay(_ arguments: Arguments, logger: Logger) throws -> JSON {
        try arguments.check(allowed: common.union(["workspace", "job-id", "from", "wait"]))
        let fromText = try arguments.required("from")
        guard let from = Stage(rawValue: fromText), from == .parse || from == .enrich else {
            throw UsageError("--from must be parse or enrich, not '\(fromText.debugEscaped)'")
        }
        let request = ReplayRequest(
            workspace: try arguments.required("workspace"), jobId: try arguments.required("job-id"), from: from,
            wait: arguments.flags.contains("wait"))
        let environment = try environment(arguments)
        let runner = JobRunner(environment: environment, isInterrupted: { Signals.interrupted }) {
            logger.log($0)
        }
        return try reportingCancellation(environment: environment, workspace: request.workspace) {
            try triggerDocument(try runner.runReplay(request), environment: environment, workspace: request.workspace)
        }
    }

    // MARK: sentiment

    /// Scores each line of stdin (a JSON string, or plain text) and returns the scores as one
    /// array; the command line prints them one per line.
    private static func sentiment(_ arguments: Arguments) throws -> JSON {
        try arguments.check(allowed: common)
        let analyzer = try environment(arguments).sentimentAnalyzer()
        var scores: [JSON] = []
        while let line = readLine(strippingNewline: true) {
            let text = (try? JSON.parse(line))?.stringValue ?? line
            scores.append(analyzer.score(text).json)
        }
        return .array(scores)
    }

    // MARK: match

    /// Matches one address (and display name) against the workspace's clients, saying why.
    private static func match(_ arguments: Arguments) throws -> JSON {
        try arguments.check(allowed: common.union(["workspace", "name"]), positional: true)
        guard arguments.positional.count == 1, var address = arguments.positional.first else {
            throw UsageError("match needs exactly one ADDRESS")
        }
        var name = arguments.options["name"]
        // `Name <address>` as mail writes it: the name part is the display name.
        if let open = address.lastIndex(of: "<"), address.hasSuffix(">") {
            let display = String(address[..<open].drop { $0 == " " || $0 == "\"" }
                .reversed().drop { $0 == " " || $0 == "\"" }.reversed())
            if name == nil && !display.isEmpty { name = display }
            address = String(address[address.index(after: open)..<address.index(before: address.endIndex)])
        }
        let environment = try environment(arguments)
        let workspace = try Workspace.open(try arguments.required("workspace"), environment: environment)
        let matcher = try workspace.clientMatcher(environment: environment)
        return matcher.match(address: address, displayName: name).json
    }

    // MARK: status, history, report

    /// The workspace's catalog for a command that only reads: an empty one in memory when the
    /// workspace has never run, so that reading creates no files. When no job holds the
    /// workspace, what a crash left behind is repaired first (see `JobRecovery.recoverIfIdle`).
    private static func openCatalog(_ arguments: Arguments) throws -> (Catalog, Workspace, Environment) {
        let environment = try environment(arguments)
        let workspace = try Workspace.open(try arguments.required("workspace"), environment: environment)
        guard FileSystem.exists(workspace.layout.catalogPath) else {
            return (try Catalog(path: ":memory:"), workspace, environment)
        }
        let catalog = try Catalog(path: workspace.layout.catalogPath)
        try JobRecovery.recoverIfIdle(layout: workspace.layout, catalog: catalog, now: environment.now)
        return (catalog, workspace, environment)
    }

    private static func status(_ arguments: Arguments) throws -> JSON {
        try arguments.check(allowed: common.union(["workspace", "job-id"]))
        let (catalog, _, environment) = try openCatalog(arguments)
        if let jobId = arguments.options["job-id"] {
            guard JobID.isValid(jobId), try catalog.job(jobId) != nil else {
                throw UsageError("no job '\(jobId.debugEscaped)' in this workspace")
            }
        }
        return try StatusDocument.build(catalog: catalog, jobId: arguments.options["job-id"], now: environment.now)
    }

    private static func history(_ arguments: Arguments) throws -> JSON {
        try arguments.check(allowed: common.union(["workspace", "limit", "offset", "source", "status"]))
        let (catalog, _, _) = try openCatalog(arguments)
        let limit = try arguments.integer("limit", default: HistoryDocument.defaultLimit,
                                          range: 1...HistoryDocument.maxLimit)
        let offset = try arguments.integer("offset", default: 0, range: 0...Int(Int32.max))
        let source = try sourceList(arguments.options["source"])?.first
        let status = arguments.options["status"]
        let statuses = JobStatus.allCases.map(\.rawValue) + ["pending"]
        if let status, !statuses.contains(status) {
            throw UsageError("--status must be one of \(statuses.joined(separator: ", "))")
        }
        return try HistoryDocument.build(
            catalog: catalog,
            query: HistoryDocument.Query(limit: limit, offset: offset, source: source, status: status))
    }

    /// What each connected source's inputs hold, read without running a job.
    private static func validate(_ arguments: Arguments) throws -> JSON {
        try arguments.check(allowed: common.union(["workspace"]))
        let environment = try environment(arguments)
        let workspace = try Workspace.open(try arguments.required("workspace"), environment: environment)
        try workspace.checkInputs(of: workspace.pipeline.connectedSources)
        _ = try environment.sentimentAnalyzer()
        _ = try workspace.clientMatcher(environment: environment)
        var sources = JSONObject()
        for source in workspace.pipeline.connectedSources {
            let inputs = workspace.pipeline.sources[source]?.inputs ?? []
            let summary = try InputSummary.of(folders: inputs, extractor: SourceExtractor(source: source))
            sources[source.rawValue] = .object(JSONObject([
                ("inputs", .strings(inputs)), ("archives", .int(Int64(summary.archives))),
                ("entries", .int(Int64(summary.entries))), ("messages", .int(Int64(summary.messages))),
                ("events", .int(Int64(summary.events))), ("cards", .int(Int64(summary.cards))),
                ("ignored", .int(Int64(summary.ignored))), ("rejects", .int(Int64(summary.rejects))),
                ("failures", .strings(summary.failures)),
            ]))
        }
        return .object(JSONObject([
            ("workspace", .string(workspace.pipeline.workspace.value)), ("sources", .object(sources)),
        ]))
    }

    /// How long `cancel` waits for the job to reach an item boundary and stop.
    static let cancelWaitSeconds = 600

    /// Asks a running job to stop and waits until it has, then prints its status.
    private static func cancel(_ arguments: Arguments) throws -> JSON {
        try arguments.check(allowed: common.union(["workspace", "job-id"]))
        let (catalog, _, environment) = try openCatalog(arguments)
        let jobId = try arguments.required("job-id")
        guard JobID.isValid(jobId), let job = try catalog.job(jobId) else {
            throw UsageError("no job '\(jobId.debugEscaped)' in this workspace")
        }
        if !job.status.isFinal {
            try catalog.requestCancel(jobId)
            for _ in 0..<(cancelWaitSeconds * 10) {
                if try catalog.job(jobId)?.status.isFinal == true { break }
                SystemClock.sleep(milliseconds: 100)
            }
        }
        return try StatusDocument.build(catalog: catalog, jobId: jobId, now: environment.now)
    }

    private static func emailStats(_ arguments: Arguments) throws -> JSON {
        try arguments.check(allowed: common.union(["workspace", "window-days"]))
        let (catalog, _, environment) = try openCatalog(arguments)
        let days = try arguments.integer("window-days", default: EmailStatsDocument.defaultWindowDays,
                                         range: 1...EmailStatsDocument.maxWindowDays)
        return try EmailStatsDocument.window(catalog: catalog, windowDays: days, now: environment.now)
    }

    private static func report(_ arguments: Arguments) throws -> JSON {
        try arguments.check(allowed: common.union(["workspace"]))
        let (catalog, workspace, environment) = try openCatalog(arguments)
        let paths = try ReportWriter.writeAll(layout: workspace.layout, catalog: catalog, now: environment.now)
        return .object(JSONObject([("written", .strings(paths))]))
    }
}
