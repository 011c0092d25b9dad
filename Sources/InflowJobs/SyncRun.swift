import InflowCore
import InflowEnrich
import InflowLoad
import InflowReport
import InflowStore

/// One sync or replay job from its first stage to its commit; made and driven by `JobRunner`.
final class SyncRun {
    /// Where a job's items come from.
    enum Mode {
        /// The sources' inputs.
        case sync
        /// A past job's stage files: its extract files (`from: .parse`) or its parse files
        /// (`from: .enrich`).
        case replay(jobId: String, runDir: String, from: Stage)
        /// One month of a backfill: the sources' inputs, keeping only what is dated in it.
        case backfill(BackfillChunk)
    }

    private let mode: Mode
    private let workspace: Workspace
    private let catalog: Catalog
    private var job: JobRecord
    private let sources: [SourceName]
    private let environment: Environment
    private let observer: JobObserver
    private let matcher: ClientMatcher
    private let sentiment: SentimentAnalyzer
    private var records: [SourceName: JobSourceRecord] = [:]
    private var fingerprints: [InputFingerprint] = []
    private var stageLog = JSONObject()
    /// The completeness ledger: by source and UTC day, what came in and what became of it.
    private var ledger: [SourceName: [String: Ledger.Row]] = [:]
    /// Sources whose every input was read to its end in this job.
    private var completelyRead: Set<SourceName> = []
    private let isInterrupted: @Sendable () -> Bool
    private var currentSource = (index: 0, fraction: 0.0)
    private var lastStatusWrite = SystemClock.now()
    private var timings = JSONObject()

    init(workspace: Workspace, catalog: Catalog, job: JobRecord, sources: [SourceName],
         environment: Environment, sentiment: SentimentAnalyzer, matcher: ClientMatcher,
         isInterrupted: @escaping @Sendable () -> Bool, mode: Mode = .sync,
         observer: @escaping JobObserver)
    {
        self.mode = mode
        self.isInterrupted = isInterrupted
        self.matcher = matcher
        self.sentiment = sentiment
        self.workspace = workspace
        self.catalog = catalog
        self.job = job
        self.sources = sources
        self.environment = environment
        self.observer = observer
        for source in sources {
            records[source] = JobSourceRecord(jobId: job.jobId, source: source)
        }
        if case .backfill(let chunk) = mode {
            for (source, record) in chunk.prior { records[source] = record }
        }
    }

    private var layout: Layout { workspace.layout }

    /// Where this run's stage files and manifest go: the job's run folder, or a folder per
    /// month inside it for a backfill.
    private var runDir: String {
        if case .backfill(let chunk) = mode { return job.runDir + "/month=" + chunk.month }
        return job.runDir
    }

    private var chunk: BackfillChunk? {
        if case .backfill(let chunk) = mode { return chunk }
        return nil
    }

    private var replayOf: (jobId: String, runDir: String, from: Stage)? {
        if case .replay(let jobId, let runDir, let from) = mode { return (jobId, runDir, from) }
        return nil
    }

    /// Runs the stages and commits.
    ///
    /// - Throws: `JobError.failed` after recording why, `JobError.cancelled` after recording
    ///   that the job stopped; in both cases nothing it wrote became visible.
    func execute() throws -> JobOutcome {
        do {
            try catalog.save(job)
            for record in records.values { try catalog.save(record) }
            try ReportWriter.writeAll(layout: layout, catalog: catalog, now: environment.now)

            let threads = try ThreadIndex(catalog: catalog)
            for (index, source) in sources.enumerated() {
                currentSource = (index, 0)
                try runSource(source, threads: threads)
            }
            try checkpoint()
            FailPoint.afterStages.hit()
            let facts = try EmailFacts(catalog: catalog)
            let loaders = try timed("load") { try load(threads: threads, facts: facts) }
            checkLedger()
            try checkpoint()
            try commit(loaders, threads: threads, facts: facts)
        } catch JobError.cancelled {
            let reason = job.kind == .backfill
                ? "cancelled before it finished; the months it had finished stay loaded"
                : "cancelled before it finished; nothing it read was loaded"
            try stop(as: .cancelled, reason: reason)
        } catch {
            try stop(as: .failed, reason: String(describing: error))
        }
        return try finish()
    }

    /// Records an error in history for every source and day whose items do not add up: an
    /// item read but neither loaded, unchanged nor rejected is a fault to see, not to hide.
    private func checkLedger() {
        for (source, days) in ledger where records[source]?.status != "failed" {
            let wrong = days.filter { !$0.value.balances }.sorted { $0.key < $1.key }
            guard let (day, row) = wrong.first else { continue }
            let message = "\(wrong.count) day(s) do not add up, first \(day): seen \(row.seen) + reloaded "
                + "\(row.reloaded) != added \(row.added) + updated \(row.updated) + unchanged \(row.unchanged) "
                + "+ rejected \(row.rejected)"
            records[source]?.errors.append(JobIssue(kind: "ledger", message: message, count: wrong.count,
                                                    severity: "error"))
            observer(JobEvent(.error, "ledger does not add up", [("source", source.rawValue), ("detail", message)]))
        }
    }

    /// Called between items and batches: stops the job when it was asked to, and records how
    /// far it got so that `status` shows live progress.
    private func checkpoint(itemBoundary: Bool = false) throws {
        if isInterrupted() { throw JobError.cancelled(jobId: job.jobId) }
        if itemBoundary { return }
        if try catalog.isCancelRequested(job.jobId) { throw JobError.cancelled(jobId: job.jobId) }
        var done = (Double(currentSource.index) + currentSource.fraction) / Double(max(1, sources.count))
        if let chunk { done = (Double(chunk.index) + done) / Double(chunk.count) }
        job.progress = min(95, Int(done * 90))
        try catalog.save(job)
        let seen = records.values.reduce(0) { $0 + $1.itemsSeen }
        observer(JobEvent(.info, JobEvent.progressMessage, [
            ("percent", "\(job.progress)"), ("items", "\(seen)"),
            ("source", sources[min(currentSource.index, sources.count - 1)].rawValue),
        ]))
        let now = SystemClock.now()
        if now.millis - lastStatusWrite.millis >= 2000 {
            lastStatusWrite = now
            try ReportWriter.writeAll(layout: layout, catalog: catalog, now: environment.now)
        }
    }

    // MARK: Sources

    private func runSource(_ source: SourceName, threads: ThreadIndex) throws {
        var record = records[source]!
        record.status = "running"
        record.startedAt = record.startedAt ?? environment.now
        try catalog.save(record)

        var (extracted, parsed) = try timed("stages.\(source.rawValue)") {
            try runStages(source, threads: threads)
        }
        fingerprints += extracted.fingerprints
        if extracted.failedFiles == 0 { completelyRead.insert(source) }
        if chunk?.isFirst == false {
            // A backfill reads its inputs once per month; their rejects count in the first.
            extracted.rejected = 0
            extracted.issues = []
        }
        account(extracted, parsed, into: &record)
        logStages(source, extracted, parsed)

        if let reason = extracted.unreadable {
            record.status = "failed"
            record.completedAt = environment.now
            record.errors.append(JobIssue(kind: "extract", message: reason, count: 1, severity: "error"))
            observer(JobEvent(.error, "source could not be read", [("source", source.rawValue),
                                                                    ("reason", reason)]))
        }
        records[source] = record
        try catalog.save(record)
    }

    /// Extract (or a replay's feed), parse and enrich of one source in one pass.
    private func runStages(_ source: SourceName, threads: ThreadIndex) throws
        -> (ExtractStep.Summary, SourcePipeline.Summary)
    {
        let processor = BatchProcessor(
            matcher: matcher, sentiment: sentiment,
            defaultTimeZone: workspace.pipeline.sources[source]?.timezone,
            workers: max(1, SystemInfo.activeProcessors))
        let pipeline = SourcePipeline(
            layout: layout, runDir: runDir, source: source, processor: processor, threads: threads)
        if let chunk {
            pipeline.keep = { dataType, date in chunk.contains(dataType, date) }
            pipeline.keepsRejects = chunk.isFirst
        }
        pipeline.onBatch = { [unowned self] seen in
            FailPoint.midBatch.hit()
            records[source]?.itemsSeen = seen
            try catalog.save(records[source]!)
            try checkpoint()
        }

        let extracted: ExtractStep.Summary
        switch mode {
        case .sync, .backfill:
            var extract = ExtractStep(layout: layout, runDir: runDir, catalog: catalog,
                                      quick: job.kind == .sync && job.syncType == .quick)
            extract.keepsRejects = chunk?.isFirst ?? true
            let inputs = workspace.pipeline.sources[source]?.inputs ?? []
            extracted = try extract.run(
                source: source, folders: inputs, progress: { currentSource.fraction = $0 }
            ) { item in
                try checkpoint(itemBoundary: true)
                try pipeline.accept(item)
            }
        case .replay(_, let runDir, let from):
            extracted = try ReplayFeed(layout: layout, runDir: runDir, from: from).run(source: source) { input in
                try checkpoint(itemBoundary: true)
                try pipeline.accept(input)
            }
        }
        return (extracted, try pipeline.finish())
    }

    /// Adds what the stages did to a source's counts, errors and ledger.
    private func account(_ extracted: ExtractStep.Summary, _ parsed: SourcePipeline.Summary,
                         into record: inout JobSourceRecord)
    {
        let source = record.source
        let rejected = extracted.rejected + parsed.rejected
        record.itemsSeen = parsed.parsed + parsed.rejected
        // A backfill's total is not known until its last month is done.
        record.totalItems = chunk == nil ? parsed.parsed + rejected + extracted.skippedAsLoaded : nil
        record.counts.unchanged += extracted.skippedAsLoaded
        record.counts.skipped += rejected
        record.errors += extracted.issues + parsed.issues
        if parsed.attachmentErrors > 0 {
            record.errors.append(JobIssue(kind: "attachment", message: "attachments that would not decode",
                                          count: parsed.attachmentErrors, severity: "warning"))
        }

        for (day, count) in parsed.seenByDay {
            ledger[source, default: [:]][day, default: Ledger.Row()].seen += count
        }
        var undated = ledger[source, default: [:]][Ledger.undated] ?? Ledger.Row()
        undated.seen += rejected + extracted.skippedAsLoaded
        undated.rejected += rejected
        undated.unchanged += extracted.skippedAsLoaded
        ledger[source, default: [:]][Ledger.undated] = undated
    }

    /// Logs what the stages did and keeps it for the manifest.
    private func logStages(_ source: SourceName, _ extracted: ExtractStep.Summary, _ parsed: SourcePipeline.Summary) {
        log(source, "extract, parse and enrich", [
            ("files", "\(extracted.files)"), ("files.unchanged", "\(extracted.filesUnchanged)"),
            ("files.ignored", "\(extracted.ignored)"), ("items", "\(extracted.items)"),
            ("items.alreadyLoaded", "\(extracted.skippedAsLoaded)"),
            ("items.rejected", "\(extracted.rejected + parsed.rejected)"), ("records", "\(parsed.enriched)"),
        ])
        stageLog[source.rawValue] = .object(JSONObject([
            ("files", .int(Int64(extracted.files))), ("filesUnchanged", .int(Int64(extracted.filesUnchanged))),
            ("filesIgnored", .int(Int64(extracted.ignored))), ("extracted", .int(Int64(extracted.items))),
            ("alreadyLoaded", .int(Int64(extracted.skippedAsLoaded))),
            ("extractRejected", .int(Int64(extracted.rejected))), ("parsed", .int(Int64(parsed.parsed))),
            ("parseRejected", .int(Int64(parsed.rejected))), ("enriched", .int(Int64(parsed.enriched))),
        ]))
    }

    // MARK: Load and commit

    /// Loads every data type the sources produced, each into its own table.
    private func load(threads: ThreadIndex, facts: EmailFacts) throws -> [(TableLoader, LoadPlan)] {
        let answered = try threads.settleResponses()
        let loaded = sources.filter { records[$0]?.status != "failed" }
        var plans: [(TableLoader, LoadPlan)] = []
        for dataType in DataType.allCases {
            let files = loaded.map {
                ($0, layout.stageFile(runDir: runDir, stage: .enrich, source: $0, dataType: dataType))
            }.filter { FileSystem.exists($0.1) }
            let hasRows = try catalog.itemCount(dataType) > 0
            let mayTombstone = job.kind == .sync && job.syncType == .full && hasRows
                && loaded.contains { completelyRead.contains($0) && $0.dataTypes.contains(dataType) }
            guard !files.isEmpty || dataType == .emails && !answered.isEmpty || mayTombstone else { continue }

            let loader = try TableLoader(catalog: catalog, tables: Tables(layout: layout), dataType: dataType,
                                         jobId: job.jobId, now: environment.now)
            for (_, path) in files {
                let reader = try JSONLinesReader(path: path)
                while let line = try reader.nextLine() {
                    guard var record = JSONFields(Array(line)) else {
                        throw StoreError(.corrupt, path: path, "line \(reader.lineNumber) is not a JSON object")
                    }
                    if dataType == .emails {
                        record = try applyResponse(to: record, threads: threads)
                        try facts.record(record)
                    }
                    try loader.stage(record, date: SyncRun.partitionDate(of: record, dataType))
                }
            }
            if dataType == .emails {
                try reloadAnswered(answered, into: loader, threads: threads, facts: facts)
            }
            if job.kind == .sync, job.syncType == .full {
                for source in loaded where completelyRead.contains(source) && source.dataTypes.contains(dataType) {
                    _ = try loader.tombstoneUnseen(source: source)
                }
            }
            let plan = try loader.prepare { source in
                layout.stageFile(runDir: runDir, stage: .load, source: source, dataType: dataType)
            }
            for (source, counts) in plan.counts {
                records[source]?.counts += counts
            }
            for (source, days) in try loader.ledger() {
                for (day, row) in days {
                    ledger[source, default: [:]][day, default: Ledger.Row()] += row
                }
            }
            plans.append((loader, plan))
        }
        return plans
    }

    /// Emails of earlier jobs whose thread got its first reply in this job are loaded again
    /// with the response; they count as updated.
    private func reloadAnswered(_ keys: [String], into loader: TableLoader, threads: ThreadIndex,
                                facts: EmailFacts) throws
    {
        try TableRows(layout: layout, catalog: catalog).forEach(of: .emails, keys: Set(keys)) { row in
            guard let fields = JSONFields(JSON.object(row).serialized()) else { return }
            let record = try applyResponse(to: fields, threads: threads)
            try facts.record(record)
            let date = SyncRun.partitionDate(of: record, .emails)
            if let source = record.string("source").flatMap(SourceName.init(rawValue:)) {
                ledger[source, default: [:]][date?.dayString ?? Ledger.undated, default: Ledger.Row()].reloaded += 1
            }
            try loader.stage(record, date: date)
        }
    }

    /// The date that picks a record's partition: an email's Date header (else its envelope
    /// date), a meeting's start; nil (first seen) for the rest.
    static func partitionDate(of record: JSONFields, _ dataType: DataType) -> Timestamp? {
        switch dataType {
        case .emails: record.timestamp("date") ?? record.timestamp("envelopeDate")
        case .meetings: record.timestamp("start")
        default: nil
        }
    }

    /// The email with `responded` and `responseSeconds` set from the settled responses, when
    /// it is an inbound email with a date.
    private func applyResponse(to record: JSONFields, threads: ThreadIndex) throws -> JSONFields {
        guard let key = record.string("id"), let response = try threads.response(of: key) else { return record }
        let line = record.replacing([
            "responded": .bool(response.responded), "responseSeconds": JSON(response.seconds),
        ])
        return JSONFields(line) ?? record
    }

    private func commit(_ loaders: [(TableLoader, LoadPlan)], threads: ThreadIndex, facts: EmailFacts)
        throws
    {
        let now = environment.now
        let failed = records.values.contains { $0.status == "failed" }
        let more = chunk.map { !$0.isLast } ?? false
        job.status = failed ? .failed : more ? .running : .completed
        job.completedAt = more && !failed ? nil : now
        job.progress = more ? min(95, (chunk!.index + 1) * 90 / chunk!.count) : 100
        if failed { job.error = "a source could not be read" }
        try FileSystem.syncAll(under: layout.workspaceDir)
        FailPoint.beforeCommit.hit()
        try catalog.database.transaction {
            try catalog.checkFence(job.fence, jobId: job.jobId)
            for (loader, plan) in loaders {
                try loader.commit(plan)
            }
            try threads.commit()
            try facts.commit(emailStage: loaders.first { $0.0.dataType == .emails }?.0.stageTable)
            for print in fingerprints where job.kind == .sync && records[print.source]?.status != "failed" {
                try catalog.recordFingerprint(source: print.source, path: print.path, size: print.size,
                                              sha256: print.sha256, jobId: job.jobId)
            }
            for source in sources where job.kind == .sync && records[source]?.status != "failed" {
                try catalog.keepFingerprints(
                    source: source, paths: fingerprints.filter { $0.source == source }.map(\.path))
            }
            for source in sources {
                guard var record = records[source] else { continue }
                if record.status != "failed" { record.status = more ? "running" : "completed" }
                record.completedAt = more ? nil : record.completedAt ?? now
                records[source] = record
                try catalog.save(record)
            }
            try catalog.save(job)
        }
        FailPoint.afterCommit.hit()
        let tables = Tables(layout: layout)
        for (loader, plan) in loaders {
            if let snapshot = plan.snapshot {
                try tables.publish(loader.dataType, snapshot: snapshot)
                FailPoint.afterFirstLink.hit()
            }
        }
    }

    private func stop(as status: JobStatus, reason: String) throws -> Never {
        job.status = status
        job.error = reason
        job.completedAt = environment.now
        try catalog.save(job)
        for source in sources {
            guard var record = records[source], record.status != "completed" else { continue }
            record.status = "failed"
            record.completedAt = environment.now
            record.errors.append(JobIssue(kind: "job", message: reason, count: 1,
                                          severity: status == .cancelled ? "warning" : "error"))
            try catalog.save(record)
            records[source] = record
        }
        try? writeManifest()
        _ = try? ReportWriter.writeAll(layout: layout, catalog: catalog, now: environment.now)
        if status == .cancelled {
            observer(JobEvent(.warning, "job cancelled", [("job", job.jobId)]))
            throw JobError.cancelled(jobId: job.jobId)
        }
        observer(JobEvent(.error, "job failed", [("job", job.jobId), ("reason", reason)]))
        throw JobError.failed(jobId: job.jobId, reason: reason)
    }

    private func finish() throws -> JobOutcome {
        FailPoint.beforeReports.hit()
        try writeManifest()
        let reports = try ReportWriter.writeAll(layout: layout, catalog: catalog, now: environment.now)
        if job.status == .completed, chunk.map({ $0.isLast }) ?? true {
            try Retention(layout: layout, catalog: catalog).apply(
                keepRuns: workspace.pipeline.keepRuns, keepSnapshots: workspace.pipeline.keepSnapshots)
        }
        let total = records.values.reduce(ItemCounts()) { var sum = $0; sum += $1.counts; return sum }
        let message = job.status == .running ? "backfill month done" : "job \(job.status.rawValue)"
        let level: JobEvent.Level = job.status == .completed || job.status == .running ? .info : .error
        observer(JobEvent(level, message, [
            ("job", job.jobId), ("items.processed", "\(total.processed)"), ("items.added", "\(total.added)"),
            ("items.updated", "\(total.updated)"), ("items.unchanged", "\(total.unchanged)"),
            ("items.skipped", "\(total.skipped)"),
        ]))
        return JobOutcome(job: job, sources: sources.compactMap { records[$0] }, runDir: job.runDir,
                          tablesDir: layout.tablesDir, reports: reports, estimatedDuration: "")
    }

    // MARK: Helpers

    private func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = SystemClock.now()
        let result = try body()
        timings[name] = .int(SystemClock.now().millis - start.millis)
        return result
    }

    private func log(_ source: SourceName, _ stage: String, _ metadata: [(String, String)]) {
        observer(JobEvent(.info, "\(stage) done", [("source", source.rawValue)] + metadata))
    }

    private func writeManifest() throws {
        var sourcesJSON = JSONObject()
        for source in sources {
            guard let record = records[source] else { continue }
            sourcesJSON[source.rawValue] = .object(JSONObject([
                ("status", .string(record.status)),
                ("itemsProcessed", .int(Int64(record.counts.processed))),
                ("itemsAdded", .int(Int64(record.counts.added))),
                ("itemsUpdated", .int(Int64(record.counts.updated))),
                ("itemsUnchanged", .int(Int64(record.counts.unchanged))),
                ("itemsSkipped", .int(Int64(record.counts.skipped))),
                ("errors", .array(record.errors.map(\.json))),
            ]))
        }
        let manifest = JSON.object(JSONObject([
            ("jobId", .string(job.jobId)), ("workspace", .string(layout.workspace.value)),
            ("replayOf", replayOf.map { JSON.string($0.jobId) } ?? .null),
            ("kind", .string(job.kind.rawValue)), ("syncType", .string(job.syncType.rawValue)),
            ("status", .string(job.status.rawValue)), ("triggeredBy", .string(job.triggeredBy)),
            ("startedAt", .string(job.startedAt.iso8601)), ("completedAt", JSON(job.completedAt?.iso8601)),
            ("fence", .int(job.fence)), ("error", JSON(job.error)),
            ("params", .object(JSONObject([
                ("sources", .strings(sources.map(\.rawValue))), ("pipeline", .string(workspace.pipelineFile)),
                ("replayFrom", replayOf.map { JSON.string($0.from.rawValue) } ?? .null),
            ]))),
            ("stages", .object(stageLog)), ("sources", .object(sourcesJSON)),
            ("ledger", .object(JSONObject(ledger.keys.sorted().map { source in
                let days = ledger[source]!
                return (source.rawValue, JSON.object(JSONObject(days.keys.sorted().map { ($0, days[$0]!.json) })))
            }))),
            ("timingsMs", .object(timings)),
        ]))
        try FileSystem.writeAtomically(Array((manifest.prettyText() + "\n").utf8),
                                       to: runDir + "/manifest.json")
    }
}
