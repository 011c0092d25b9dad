import InflowCore
import InflowEnrich
import InflowParse

/// The pure part of parse and enrich for a batch of raw items, spread over every core.
///
/// Parsing, client matching and sentiment need nothing but the item and read-only tables, so
/// they run in parallel; what depends on earlier items (email threads) is left to the caller,
/// who takes the results in input order.
struct BatchProcessor: Sendable {
    /// One record parsed from an item.
    enum Parsed {
        /// An email with its parse-stage line and what enrich computed without threads; the
        /// caller resolves the thread and writes the enriched line. When the export named the
        /// thread (Gmail), the enriched line is ready too.
        case email(EmailRecord, parseLine: [UInt8], enrichment: Enrichment, enrichLine: [UInt8]?)
        /// A meeting or contact, complete: its parse-stage and enrich-stage lines.
        case other(DataType, parseLine: [UInt8], enrichLine: [UInt8])
    }

    /// What became of one raw item: the records in it (a calendar holds many) and the parts
    /// that could not be read.
    struct Outcome {
        var records: [Parsed] = []
        var rejects: [Reject] = []
        var attachmentErrors = 0
    }

    let matcher: ClientMatcher
    let sentiment: SentimentAnalyzer
    /// The IANA zone of the source's zone-less times, or nil for UTC.
    let defaultTimeZone: String?
    /// How many workers share a batch: one per core.
    let workers: Int

    /// Processes `items`, returning one outcome per item in the same order.
    ///
    /// - Complexity: O(total item size); memory holds the batch and its results.
    func process(_ items: [RawItem]) -> [Outcome] {
        items.parallelMap(workers: workers, outcome)
    }

    private func outcome(_ item: RawItem) -> Outcome {
        switch item.dataType {
        case .meetings: return meetings(item)
        case .contacts: return contacts(item)
        default: return email(item)
        }
    }

    private func email(_ item: RawItem) -> Outcome {
        var outcome = Outcome()
        switch EmailParser.parse(item) {
        case .failure(let failure):
            outcome.rejects.append(reject(item, failure.reason))
        case .success(let email):
            let match = matcher.matchMessage(
                from: email.from.map(Participant.init), to: email.to.map(Participant.init),
                cc: email.cc.map(Participant.init))
            var enrichment = Enrichment(direction: match.direction)
            enrichment.client = match.client
            enrichment.clientIds = match.clientIds
            enrichment.sentiment = EmailSentiment.score(email, with: sentiment)
            outcome.attachmentErrors = email.attachments.filter { $0.error != nil }.count
            let parseLine = email.json.serialized()
            var enriched = email
            enriched.enrichment = enrichment
            let enrichLine = email.threadId == nil ? nil : enriched.json.serialized()
            outcome.records.append(
                .email(email, parseLine: parseLine, enrichment: enrichment, enrichLine: enrichLine))
        }
        return outcome
    }

    /// Meetings are enriched like email: the organizer as the sender and the attendees as the
    /// recipients decide direction and client; title and description are scored.
    private func meetings(_ item: RawItem) -> Outcome {
        let result = CalendarParser.parse(item, defaultTimeZone: defaultTimeZone)
        var outcome = Outcome(rejects: result.rejects.map { reject(item, $0.reason) })
        for var meeting in result.meetings {
            let parseLine = meeting.json.serialized()
            let match = matcher.matchMessage(
                from: meeting.organizer.map(Participant.init),
                to: meeting.attendees.map { Participant(address: $0.address, displayName: $0.name) })
            var enrichment = Enrichment(direction: match.direction)
            enrichment.client = match.client
            enrichment.clientIds = match.clientIds
            enrichment.sentiment = MeetingSentiment.text(of: meeting).map(sentiment.score)
            meeting.enrichment = enrichment
            outcome.records.append(.other(.meetings, parseLine: parseLine, enrichLine: meeting.json.serialized()))
        }
        return outcome
    }

    /// Contacts are not enriched: their enrich line is their parse line.
    private func contacts(_ item: RawItem) -> Outcome {
        let result = ContactParser.parse(item)
        var outcome = Outcome(rejects: result.rejects.map { reject(item, $0.reason) })
        for contact in result.contacts {
            let line = contact.json.serialized()
            outcome.records.append(.other(.contacts, parseLine: line, enrichLine: line))
        }
        return outcome
    }

    private func reject(_ item: RawItem, _ reason: String) -> Reject {
        Reject(source: item.source, dataType: item.dataType, origin: item.origin, stage: "parse", reason: reason)
    }
}
