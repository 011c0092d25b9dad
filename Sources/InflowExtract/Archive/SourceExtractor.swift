public import InflowCore

/// Turns every input of a source into raw items: emails from mailboxes and message files,
/// meetings from calendars, contacts from vCard files, loose or inside Takeout archives.
///
/// One call walks the source's folders (see `InputScanner.scan` for the order), and
/// hands each item to a callback with its data type as soon as it is read, so memory holds
/// one item at a time. Calendars and vCard files are one item each; parse splits them into
/// events and cards.
public struct SourceExtractor: Sendable {
    /// The per-item limits (a message, a calendar file, a vCard file).
    public var mail: MailExtractor
    /// The safety limits applied to each archive.
    public var archiveLimits: ArchiveLimits

    /// Creates an extractor for `source`.
    public init(
        source: SourceName = .google, limits: ExtractLimits = ExtractLimits(),
        archiveLimits: ArchiveLimits = ArchiveLimits()
    ) {
        mail = MailExtractor(source: source, limits: limits)
        self.archiveLimits = archiveLimits
    }

    /// Scans `folders` and extracts every input in order.
    ///
    /// - Parameter deliver: Called with each item in input order; an error it throws stops
    ///   extraction and is rethrown.
    /// - Returns: Per input file: items by data type, rejects, ignored entries with reasons,
    ///   and the failure that stopped it; plus the files that hold no data.
    /// - Throws: `ExtractError.missingInput` (or `.openFailed`) when a folder cannot be
    ///   listed, or what `deliver` throws. Failures of single files are in the report.
    public func extract(folders: [String], deliver: (RawItem) throws -> Void) throws
        -> ExtractReport
    {
        try mail.extract(
            InputScanner.scan(folders), archiveLimits: archiveLimits, deliver: deliver)
    }

    /// Extracts one input file of any kind.
    ///
    /// - Throws: Only what `deliver` throws.
    public func extract(_ file: InputFile, deliver: (RawItem) throws -> Void) rethrows
        -> ExtractedFile
    {
        try mail.extract(file, archiveLimits: archiveLimits, deliver: deliver)
    }
}
