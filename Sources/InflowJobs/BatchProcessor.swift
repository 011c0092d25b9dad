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
        /// A meeting or contact, complete: its parse-stage and enrich-stage lines, and the date
        /// that places it.
        case other(DataType, parseLine: [UInt8], enrichLine: [UInt8], date: Timestamp?)

        /// The UTC day of the record's partition date, or `undated`.
        var day: String {
            date?.dayString ?? Ledger.undated
        }

        /// The record's partition date, or nil.
        var date: Timestamp? {
            switch self {
            case .email(let email, _, _, _): email.partitionDate
            case .other(_, _, _, let date): date
            }
        }

        /// The record's data type.
        var dataType: DataType {
            switch self {
            case .email: .emails
            case .other(let dataType, _, _, _): dataType
            }
        }
    }

    /// What a batch holds: raw items to parse and enrich, or records parsed by an earlier job
    /// to enrich again (a replay from the parse stage's files).
    enum Input {
        case raw(RawItem)
        case parsed(DataType, line: [UInt8], source: SourceName)

        /// The data type the input becomes.
        var dataType: DataType {
            switch self {
            case .raw(let item): item.dataType
            case .parsed(let dataType, _, _): dataType
            }
        }

        /// The bytes the input holds, for sizing batches.
        var size: Int {
            switch self {
            case .raw(let item): item.bytes.count
            case .parsed(_, let line, _): line.count
            }
        }
    }

    /// What became of one raw item: the records in it (a calendar holds many) and the parts
    /// that could not be read.
    struct Outcome {
        var records: [Parsed] = []
        var rejects: [Reject] = []
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
    func process(_ inputs: [Input]) -> [Outcome] {
        inputs.parallelMap(workers: workers, outcome)
    }

    private func outcome(_ input: Input) -> Outcome {
        switch input {
        case .raw(let item):
            switch item.dataType {
            case .meetings: return meetings(item)
            case .contacts: return contacts(item)
            default: return email(item)
            }
        case .parsed(let dataType, let line, let source):
            return reenrich(dataType, line: line, source: source)
        }
    }

    /// Enriches a record read back from a parse-stage file.
    private func reenrich(_ dataType: DataType, line: [UInt8], source: SourceName) -> Outcome {
        var outcome = Outcome()
        do {
            let json = try JSON.parse(line)
            switch dataType {
            case .emails:
                let email = try EmailRecord(json: json)
                let enrichment = enrich(email)
                var enriched = email
                enriched.enrichment = enrichment
                let enrichLine = email.threadId == nil ? nil : enriched.json.serialized()
                outcome.records.append(.email(email, parseLine: line, enrichment: enrichment, enrichLine: enrichLine))
            case .meetings:
                var meeting = try MeetingRecord(json: json)
                meeting.enrichment = enrich(meeting)
                outcome.records.append(.other(.meetings, parseLine: line, enrichLine: meeting.json.serialized(),
                                              date: meeting.partitionDate))
            default:
                outcome.records.append(.other(dataType, parseLine: line, enrichLine: line, date: nil))
            }
        } catch {
            let origin = (try? JSON.parse(line)).flatMap { Origin(json: $0.objectValue?["origin"]) }
                ?? Origin(file: "", sha256: "")
            outcome.rejects.append(Reject(source: source, dataType: dataType, origin: origin, stage: "enrich",
                                          reason: "a parse-stage record could not be read back: \(error)"))
        }
        return outcome
    }

    private func email(_ item: RawItem) -> Outcome {
        var outcome = Outcome()
        switch EmailParser.parse(item) {
        case .failure(let failure):
            outcome.rejects.append(reject(item, failure.reason))
        case .success(let email):
            let enrichment = enrich(email)
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
            meeting.enrichment = enrich(meeting)
            outcome.records.append(.other(.meetings, parseLine: parseLine, enrichLine: meeting.json.serialized(),
                                          date: meeting.partitionDate))
        }
        return outcome
    }

    /// Contacts are not enriched: their enrich line is their parse line.
    private func contacts(_ item: RawItem) -> Outcome {
        let result = ContactParser.parse(item)
        var outcome = Outcome(rejects: result.rejects.map { reject(item, $0.reason) })
        for contact in result.contacts {
            let line = contact.json.serialized()
            outcome.records.append(.other(.contacts, parseLine: line, enrichLine: line, date: nil))
        }
        return outcome
    }

    /// Direction, client and sentiment of an email; its thread is left to the caller.
    private func enrich(_ email: EmailRecord) -> Enrichment {
        let match = matcher.matchMessage(
            from: email.from.map(Participant.init), to: email.to.map(Participant.init),
            cc: email.cc.map(Participant.init))
        var enrichment = Enrichment(direction: match.direction)
        enrichment.client = match.client
        enrichment.clientIds = match.clientIds
        enrichment.sentiment = EmailSentiment.score(email, with: sentiment)
        return enrichment
    }

    /// Direction, client and sentiment of a meeting.
    private func enrich(_ meeting: MeetingRecord) -> Enrichment {
        let match = matcher.matchMessage(
            from: meeting.organizer.map(Participant.init),
            to: meeting.attendees.map { Participant(address: $0.address, displayName: $0.name) })
        var enrichment = Enrichment(direction: match.direction)
        enrichment.client = match.client
        enrichment.clientIds = match.clientIds
        enrichment.sentiment = MeetingSentiment.text(of: meeting).map(sentiment.score)
        return enrichment
    }

    private func reject(_ item: RawItem, _ reason: String) -> Reject {
        Reject(source: item.source, dataType: item.dataType, origin: item.origin, stage: "parse", reason: reason)
    }
}
