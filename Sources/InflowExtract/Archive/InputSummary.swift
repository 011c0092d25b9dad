internal import InflowCore

/// What a source's inputs hold, counted without keeping any item: what `inflow validate`
/// shows before a sync.
public struct InputSummary: Sendable, Equatable {
    /// Archive files found.
    public var archives = 0
    /// Entries listed inside those archives, folders and links included.
    public var entries = 0
    /// Email messages (mbox messages and message files).
    public var messages = 0
    /// Calendar events: `BEGIN:VEVENT` lines in calendar items.
    public var events = 0
    /// Contact cards: `BEGIN:VCARD` lines in contacts items.
    public var cards = 0
    /// Loose files and archive entries that hold no data.
    public var ignored = 0
    /// Items rejected at extract (too large, empty).
    public var rejects = 0
    /// Files or entries that could not be read, each with the reason.
    public var failures: [String] = []

    /// Creates an empty summary.
    public init() {}

    /// Walks `folders` with `extractor` and counts what they hold.
    ///
    /// - Throws: `ExtractError.missingInput` (or `.openFailed`) when a folder cannot be listed.
    /// - Complexity: O(n) time in the inputs' size; memory holds one item at a time.
    public static func of(folders: [String], extractor: SourceExtractor = SourceExtractor())
        throws(ExtractError) -> InputSummary
    {
        var summary = InputSummary()
        for file in try InputScanner.scan(folders) {
            if case .ignored = file.kind {
                summary.ignored += 1
                continue
            }
            let result = extractor.extract(file) { summary.count($0) }
            summary.add(result)
        }
        return summary
    }

    private mutating func count(_ item: RawItem) {
        switch item.dataType {
        case .meetings: events += InputSummary.lines(startingWith: "BEGIN:VEVENT", in: item.bytes)
        case .contacts: cards += InputSummary.lines(startingWith: "BEGIN:VCARD", in: item.bytes)
        default: messages += 1
        }
    }

    private mutating func add(_ result: ExtractedFile) {
        if result.kind == .archive { archives += 1 }
        entries += result.entries
        ignored += result.ignored.count
        rejects += result.rejects.count
        failures += result.failedEntries.map { "\(result.path): \($0.entry): \($0.reason)" }
        if let failure = result.failure { failures.append(failure.description) }
    }

    /// How many lines start with `keyword`, in any letter case.
    static func lines(startingWith keyword: String, in bytes: [UInt8]) -> Int {
        let wanted = Array(keyword.utf8).map { $0 & 0xDF }
        var count = 0
        var index = 0
        while index < bytes.count {
            let rest = bytes[index...]
            if rest.count >= wanted.count,
                zip(rest, wanted).allSatisfy({ $0 & 0xDF == $1 })
            {
                count += 1
            }
            guard let newline = rest.firstIndex(of: 10) else { break }
            index = newline + 1
        }
        return count
    }
}
