public import InflowCore

/// What a caller asks of a backfill: one source, a date range, and optionally data types.
public struct BackfillRequest: Sendable {
    public var workspace: String
    public var source: SourceName
    /// The start of the range, inclusive.
    public var from: Timestamp
    /// The end of the range, exclusive (a bare date given as the end is the next midnight, so
    /// that its whole day is in).
    public var to: Timestamp
    /// The data types to load; empty means all of the source's.
    public var dataTypes: [DataType]
    public var triggeredBy: String
    /// The id of a backfill queued earlier (by `queueBackfill`) that this request runs; nil
    /// starts a new one.
    public var queuedJobId: String?

    /// Creates a request.
    public init(workspace: String, source: SourceName, from: Timestamp, to: Timestamp, dataTypes: [DataType] = [],
                triggeredBy: String = "cli")
    {
        self.workspace = workspace
        self.source = source
        self.from = from
        self.to = to
        self.dataTypes = dataTypes
        self.triggeredBy = triggeredBy
    }
}

/// One month of a backfill, the unit it commits and releases the workspace after.
struct BackfillChunk {
    /// `YYYY-MM`.
    let month: String
    /// The first instant kept, inclusive.
    let from: Timestamp
    /// The end, exclusive.
    let to: Timestamp
    let dataTypes: Set<DataType>
    /// The first chunk run (the newest month), which keeps the rejects.
    let isFirst: Bool
    /// The last chunk run (the oldest month), which ends the job.
    let isLast: Bool
    /// The sources' counts so far, carried from chunk to chunk.
    var prior: [SourceName: JobSourceRecord] = [:]
    /// This chunk's place among the backfill's, for progress.
    var index = 0
    var count = 1

    /// Whether a record of `dataType` dated `date` belongs to this chunk; undated records
    /// belong to no backfill.
    func contains(_ dataType: DataType, _ date: Timestamp?) -> Bool {
        guard let date, dataTypes.contains(dataType) else { return false }
        return date >= from && date < to
    }

    /// The months of `[from, to)`, newest first, each clamped to the range.
    static func plan(from: Timestamp, to: Timestamp, dataTypes: Set<DataType>) -> [BackfillChunk] {
        var chunks: [BackfillChunk] = []
        var end = to
        while end > from {
            let last = end.adding(seconds: -1).civil
            let monthStart = Timestamp(year: last.year, month: last.month, day: 1)!
            let start = max(monthStart, from)
            chunks.append(BackfillChunk(
                month: monthStart.monthString, from: start, to: end, dataTypes: dataTypes,
                isFirst: chunks.isEmpty, isLast: false))
            end = start
        }
        guard !chunks.isEmpty else { return [] }
        let last = chunks.removeLast()
        chunks.append(BackfillChunk(month: last.month, from: last.from, to: last.to, dataTypes: dataTypes,
                                    isFirst: last.isFirst, isLast: true))
        for index in chunks.indices {
            chunks[index].index = index
            chunks[index].count = chunks.count
        }
        return chunks
    }
}
