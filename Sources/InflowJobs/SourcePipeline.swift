import InflowCore
import InflowEnrich
import InflowStore

/// Parse and enrich for one source, fed raw items as extract finds them.
///
/// Items gather into batches; each batch is parsed and enriched on every core, then its
/// results are taken in input order to resolve email threads and write the parse and enrich
/// files of each data type. Memory holds one batch, whatever the size of the inputs.
///
/// Responses depend on every email of a thread, including those of later jobs, so they are
/// settled after enrich (see `ThreadIndex.settleResponses`) and set when load stages the rows.
/// Opens stay null: mailbox exports do not track them.
final class SourcePipeline {
    /// What parse and enrich did for one source.
    struct Summary {
        var parsed = 0
        var rejected = 0
        var attachmentErrors = 0
        var enriched = 0
        /// The rejects by reason, for history.
        var issues: [JobIssue] = []
        /// Records parsed by the UTC day that places them (their partition date).
        var seenByDay: [String: Int] = [:]
    }

    /// A batch is processed once it holds this many items…
    static let batchItems = 256
    /// …or this many bytes of raw items.
    static let batchBytes = 32 << 20

    private let layout: Layout
    private let runDir: String
    private let source: SourceName
    private let processor: BatchProcessor
    private let threads: ThreadIndex
    private var outputs: [DataType: (parse: StageOutput, enrich: StageOutput)] = [:]
    private var batch: [BatchProcessor.Input] = []
    private var batchBytes = 0
    private var summary = Summary()
    private var taken = 0
    /// Called after each batch with the number of items taken so far.
    var onBatch: (Int) throws -> Void = { _ in }
    /// Which records to keep, by data type and partition date; a backfill keeps one month.
    var keep: (DataType, Timestamp?) -> Bool = { _, _ in true }
    /// Whether rejects are written; a backfill reads its inputs once per month and keeps them
    /// once.
    var keepsRejects = true

    /// Prepares the pipeline; stage files are opened as their data types appear.
    init(layout: Layout, runDir: String, source: SourceName, processor: BatchProcessor, threads: ThreadIndex) {
        self.layout = layout
        self.runDir = runDir
        self.source = source
        self.processor = processor
        self.threads = threads
    }

    /// Takes one raw item; processes the batch when it is full.
    func accept(_ item: RawItem) throws {
        try accept(.raw(item))
    }

    /// Takes one input, raw or parsed; processes the batch when it is full.
    func accept(_ input: BatchProcessor.Input) throws {
        batch.append(input)
        batchBytes += input.size
        if batch.count >= SourcePipeline.batchItems || batchBytes >= SourcePipeline.batchBytes {
            try flush()
        }
    }

    /// Processes what is left and publishes the parse and enrich files.
    func finish() throws -> Summary {
        try flush()
        var issues: [JobIssue] = []
        for dataType in outputs.keys.sorted() {
            let files = outputs[dataType]!
            try files.parse.commit()
            try files.enrich.commit()
            summary.rejected += files.parse.rejectCount
            issues += files.parse.issues(kind: "parse", severity: "warning")
        }
        summary.issues = issues
        return summary
    }

    private func files(_ dataType: DataType) throws -> (parse: StageOutput, enrich: StageOutput) {
        if let open = outputs[dataType] { return open }
        let opened = (
            try StageOutput(layout: layout, runDir: runDir, stage: .parse, source: source, dataType: dataType),
            try StageOutput(layout: layout, runDir: runDir, stage: .enrich, source: source, dataType: dataType)
        )
        outputs[dataType] = opened
        return opened
    }

    private func flush() throws {
        guard !batch.isEmpty else { return }
        let items = batch
        let outcomes = processor.process(items)
        batch.removeAll(keepingCapacity: true)
        batchBytes = 0
        for (item, outcome) in zip(items, outcomes) {
            let output = try files(item.dataType)
            for reject in outcome.rejects where keepsRejects {
                try output.parse.reject(reject)
            }
            for record in outcome.records {
                try write(record)
            }
        }
        taken += items.count
        try onBatch(taken)
    }

    private func write(_ record: BatchProcessor.Parsed) throws {
        guard keep(record.dataType, record.date) else { return }
        summary.parsed += 1
        summary.seenByDay[record.day, default: 0] += 1
        summary.enriched += 1
        switch record {
        case .email(var email, let parseLine, let enrichment, let enrichLine):
            summary.attachmentErrors += email.attachments.filter { $0.error != nil }.count
            let output = try files(.emails)
            try output.parse.records.writeLine(parseLine[...])
            email.threadId = try ThreadResolver.threadId(for: email, lookup: threads)
            email.enrichment = enrichment
            try threads.record(email, direction: enrichment.direction)
            if let enrichLine {
                try output.enrich.records.writeLine(enrichLine[...])
            } else {
                try output.enrich.records.write(email.json)
            }
        case .other(let dataType, let parseLine, let enrichLine, _):
            let output = try files(dataType)
            try output.parse.records.writeLine(parseLine[...])
            try output.enrich.records.writeLine(enrichLine[...])
        }
    }
}
