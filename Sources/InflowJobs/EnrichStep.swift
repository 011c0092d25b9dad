import InflowCore
import InflowEnrich
import InflowStore

/// Enrich: parsed emails plus direction, thread, sentiment and client, written to the enrich
/// file.
///
/// Responses depend on every email of a thread, including those of later jobs, so they are
/// settled after enrich (see `ThreadIndex.settleResponses`) and set when load stages the rows.
/// Opens stay null: mailbox exports do not track them.
struct EnrichStep {
    let layout: Layout
    let runDir: String
    let matcher: ClientMatcher
    let threads: ThreadIndex
    let sentiment: SentimentAnalyzer

    /// Enriches every record in the source's parse file; returns how many were written.
    func run(source: SourceName, dataType: DataType, onItem: () throws -> Void) throws -> Int {
        let input = layout.stageFile(runDir: runDir, stage: .parse, source: source, dataType: dataType)
        let output = try StageOutput(layout: layout, runDir: runDir, stage: .enrich, source: source,
                                     dataType: dataType)
        let reader = try JSONLinesReader(path: input)
        while let line = try reader.next() {
            var email: EmailRecord
            do {
                email = try EmailRecord(json: line)
            } catch {
                throw StoreError(.corrupt, path: input, "line \(reader.lineNumber): \(error)")
            }
            let thread = try ThreadResolver.threadId(for: email, lookup: threads)
            email.threadId = thread
            let match = matcher.matchMessage(
                from: email.from.map(Participant.init), to: email.to.map(Participant.init),
                cc: email.cc.map(Participant.init))
            var enrichment = Enrichment(direction: match.direction)
            enrichment.client = match.client
            enrichment.clientIds = match.clientIds
            enrichment.sentiment = EmailSentiment.score(email, with: sentiment)
            email.enrichment = enrichment
            try threads.record(email, direction: match.direction)
            try output.records.write(email.json)
            try onItem()
        }
        try output.commit()
        return output.records.count
    }
}
