import InflowCore
import InflowEnrich
import InflowStore

/// Parse and enrich for one source, fed raw items as extract finds them.
///
/// Items gather into batches; each batch is parsed and enriched on every core, then its
/// results are taken in input order to resolve threads and write the parse and enrich files.
/// Memory holds one batch, whatever the size of the inputs.
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
    }

    /// A batch is processed once it holds this many items…
    static let batchItems = 512
    /// …or this many bytes of raw items.
    static let batchBytes = 32 << 20

    private let processor: BatchProcessor
    private let threads: ThreadIndex
    private let parse: StageOutput
    private let enrich: StageOutput
    private var batch: [RawItem] = []
    private var batchBytes = 0
    private var summary = Summary()
    /// Called after each batch with the number of items taken so far.
    var onBatch: (Int) throws -> Void = { _ in }

    /// Opens the parse and enrich files of a source.
    init(layout: Layout, runDir: String, source: SourceName, processor: BatchProcessor,
         threads: ThreadIndex) throws
    {
        self.processor = processor
        self.threads = threads
        parse = try StageOutput(layout: layout, runDir: runDir, stage: .parse, source: source,
                                dataType: .emails)
        enrich = try StageOutput(layout: layout, runDir: runDir, stage: .enrich, source: source,
                                 dataType: .emails)
    }

    /// Takes one raw item; processes the batch when it is full.
    func accept(_ item: RawItem) throws {
        batch.append(item)
        batchBytes += item.bytes.count
        if batch.count >= SourcePipeline.batchItems || batchBytes >= SourcePipeline.batchBytes {
            try flush()
        }
    }

    /// Processes what is left and publishes the parse and enrich files.
    func finish() throws -> Summary {
        try flush()
        try parse.commit()
        try enrich.commit()
        summary.rejected = parse.rejectCount
        summary.issues = parse.issues(kind: "parse", severity: "warning")
        return summary
    }

    private func flush() throws {
        guard !batch.isEmpty else { return }
        let outcomes = processor.process(batch)
        batch.removeAll(keepingCapacity: true)
        batchBytes = 0
        for outcome in outcomes {
            switch outcome {
            case .rejected(let reject):
                try parse.reject(reject)
            case .email(var email, let parseLine, let enrichment):
                summary.parsed += 1
                summary.attachmentErrors += email.attachments.filter { $0.error != nil }.count
                try parse.records.writeLine(parseLine[...])
                email.threadId = try ThreadResolver.threadId(for: email, lookup: threads)
                email.enrichment = enrichment
                try threads.record(email, direction: enrichment.direction)
                try enrich.records.write(email.json)
                summary.enriched += 1
            }
        }
        try onBatch(summary.parsed + parse.rejectCount)
    }
}
