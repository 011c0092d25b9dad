import Dispatch
import InflowCore
import InflowEnrich
import InflowParse

/// The pure part of parse and enrich for a batch of raw items, spread over every core.
///
/// Parsing, client matching and sentiment need nothing but the item and read-only tables, so
/// they run in parallel; what depends on earlier items (threads) is left to the caller, who
/// takes the results in input order.
struct BatchProcessor: Sendable {
    /// What became of one raw item.
    enum Outcome {
        /// A parsed email, its parse-stage line, and what enrich computed without threads.
        case email(EmailRecord, parseLine: [UInt8], enrichment: Enrichment)
        /// The item could not be parsed.
        case rejected(Reject)
    }

    let matcher: ClientMatcher
    let sentiment: SentimentAnalyzer
    /// How many workers share a batch: one per core.
    let workers: Int

    /// Processes `items`, returning one outcome per item in the same order.
    ///
    /// - Complexity: O(total item size); memory holds the batch and its results.
    func process(_ items: [RawItem]) -> [Outcome] {
        let slots = ResultSlots<Outcome>(count: items.count)
        let workers = min(self.workers, items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: items.count, by: workers) {
                slots.set(index, outcome(items[index]))
            }
        }
        return slots.values()
    }

    private func outcome(_ item: RawItem) -> Outcome {
        switch EmailParser.parse(item) {
        case .failure(let failure):
            return .rejected(Reject(source: item.source, dataType: item.dataType, origin: item.origin,
                                    stage: "parse", reason: failure.reason))
        case .success(let email):
            let match = matcher.matchMessage(
                from: email.from.map(Participant.init), to: email.to.map(Participant.init),
                cc: email.cc.map(Participant.init))
            var enrichment = Enrichment(direction: match.direction)
            enrichment.client = match.client
            enrichment.clientIds = match.clientIds
            enrichment.sentiment = EmailSentiment.score(email, with: sentiment)
            return .email(email, parseLine: email.json.serialized(), enrichment: enrichment)
        }
    }
}
