public import InflowCore
internal import InflowDigest

/// An archive entry that gave no items, with the reason.
public struct SkippedEntry: Sendable, Equatable {
    /// The entry's name inside the archive.
    public var entry: String
    /// Why it gave no items: what it was taken for, or what went wrong.
    public var reason: String

    /// Creates a skipped-entry record.
    public init(entry: String, reason: String) {
        self.entry = entry
        self.reason = reason
    }
}

/// What extract made of one input file: a mailbox, a message, a calendar, contacts, or an
/// archive of them.
public struct ExtractedFile: Sendable, Equatable {
    /// The file's absolute path.
    public var path: String
    /// What the file was read as.
    public var kind: InputKind
    /// How many raw items were delivered from it.
    public var items: Int
    /// How many raw items were delivered from it, by data type.
    public var itemsByType: [DataType: Int]
    /// Items that could not be taken (too large, empty).
    public var rejects: [Reject]
    /// For an archive: how many entries it listed, folders and links included.
    public var entries: Int
    /// For an archive: entries that are not data (index pages, settings, photos, links,
    /// unsafe paths), each with the reason.
    public var ignored: [SkippedEntry]
    /// For an archive: data entries that could not be read (encrypted, not a mailbox after
    /// all), each with the reason; the other entries were still read.
    public var failedEntries: [SkippedEntry]
    /// Remarks that did not stop anything, such as entry names that were not UTF-8.
    public var notes: [String]
    /// Why the file could not be read to its end, or nil when it was. Items delivered before
    /// the failure stay delivered.
    public var failure: ExtractError?

    /// Creates a file result with nothing delivered yet.
    public init(path: String, kind: InputKind) {
        self.path = path
        self.kind = kind
        self.items = 0
        self.itemsByType = [:]
        self.rejects = []
        self.entries = 0
        self.ignored = []
        self.failedEntries = []
        self.notes = []
    }

    /// Counts one delivered item.
    mutating func count(_ dataType: DataType) {
        items += 1
        itemsByType[dataType, default: 0] += 1
    }
}

/// What extract made of all the inputs of one source.
public struct ExtractReport: Sendable, Equatable {
    /// The inputs read, in input order.
    public var files: [ExtractedFile]
    /// The files that are not mail, each with its reason.
    public var ignored: [InputFile]

    /// How many raw items were delivered in all.
    public var items: Int {
        files.reduce(0) { $0 + $1.items }
    }
}

/// Turns a source's mailboxes and message files into raw email items, one at a time; given
/// one calendar, contacts or archive input, it reads that too (`SourceExtractor` walks a
/// source's folders for every kind).
///
/// Each item's origin is the file's absolute path, the archive entry (nil for a loose file),
/// the byte offset of the mbox separator line (nil for an item that is a whole file or
/// entry), and the SHA-256 of the item's bytes. Items are handed to a callback as they are found, so memory holds one
/// message at a time whatever the size of the mailbox.
public struct MailExtractor: Sendable {
    /// The source the items belong to.
    public var source: SourceName
    /// The per-message size limit.
    public var limits: ExtractLimits

    /// Creates an extractor for `source`'s emails.
    public init(source: SourceName = .google, limits: ExtractLimits = ExtractLimits()) {
        self.source = source
        self.limits = limits
    }

    /// Extracts listed files in order; ignored ones go to the report as they are.
    func extract(
        _ files: [InputFile], archiveLimits: ArchiveLimits, deliver: (RawItem) throws -> Void
    ) rethrows -> ExtractReport {
        var report = ExtractReport(files: [], ignored: [])
        for file in files {
            if case .ignored = file.kind {
                report.ignored.append(file)
            } else {
                report.files.append(
                    try extract(file, archiveLimits: archiveLimits, deliver: deliver))
            }
        }
        return report
    }

    /// Extracts one input file of any kind: a mailbox, a message, a calendar, contacts, or
    /// an archive holding them.
    ///
    /// - Parameters:
    ///   - archiveLimits: The safety limits for an archive.
    ///   - deliver: Called with each item in input order.
    /// - Returns: The count of items, the rejects, ignored entries, and a failure that
    ///   stopped reading.
    /// - Throws: Only what `deliver` throws.
    public func extract(
        _ file: InputFile, archiveLimits: ArchiveLimits = ArchiveLimits(),
        deliver: (RawItem) throws -> Void
    ) rethrows -> ExtractedFile {
        var result = ExtractedFile(path: file.path, kind: file.kind)
        switch file.kind {
        case .mailbox: try extractMailbox(into: &result, deliver: deliver)
        case .message: try extractWhole(file, as: .emails, into: &result, deliver: deliver)
        case .calendar: try extractWhole(file, as: .meetings, into: &result, deliver: deliver)
        case .contacts: try extractWhole(file, as: .contacts, into: &result, deliver: deliver)
        case .archive:
            try extractArchive(into: &result, limits: archiveLimits, deliver: deliver)
        case .ignored: break
        }
        return result
    }

    private func extractMailbox(into result: inout ExtractedFile, deliver: (RawItem) throws -> Void)
        rethrows
    {
        let splitter: MboxSplitter
        do {
            splitter = try MboxSplitter(path: result.path, limits: limits)
        } catch {
            result.failure = error
            return
        }
        while true {
            let entry: MboxEntry?
            do {
                entry = try splitter.next()
            } catch {
                result.failure = error
                return
            }
            switch entry.map({ outcome($0, file: result.path, entry: nil) }) {
            case nil: return
            case .item(let item)?:
                try deliver(item)
                result.count(item.dataType)
            case .reject(let reject)?: result.rejects.append(reject)
            }
        }
    }

    /// Reads a whole file as one item of `dataType`; a file over the message limit is
    /// hashed and rejected instead.
    private func extractWhole(
        _ file: InputFile, as dataType: DataType, into result: inout ExtractedFile,
        deliver: (RawItem) throws -> Void
    ) rethrows {
        let bytes: [UInt8]
        do {
            let handle = try ReadableFile(path: file.path)
            let size = try handle.size()
            if size > Int64(limits.maxMessageBytes) {
                let whole = try FileFingerprint.of(path: file.path)
                let origin = Origin(file: file.path, sha256: whole.sha256)
                result.rejects.append(reject(origin, dataType, tooLarge: size))
                return
            }
            bytes = try handle.read(count: Int(size), at: 0)
        } catch {
            result.failure = error
            return
        }

        switch outcome(whole: bytes, dataType, origin: Origin(file: file.path, sha256: "")) {
        case .item(let item):
            try deliver(item)
            result.count(dataType)
        case .reject(let reject): result.rejects.append(reject)
        }
    }

    /// What a container gave: an item, or a reject with the reason.
    enum Outcome {
        case item(RawItem)
        case reject(Reject)
    }

    /// An mbox message as an item, or an oversize one as a reject.
    func outcome(_ entry: MboxEntry, file: String, entry name: String?) -> Outcome {
        switch entry {
        case .message(let message):
            let origin = Origin(
                file: file, entry: name, offset: message.offset,
                sha256: SHA256.hex(message.bytes))
            return .item(
                RawItem(
                    source: source, dataType: .emails, origin: origin,
                    envelopeSender: message.envelopeSender, envelopeDate: message.envelopeDate,
                    bytes: message.bytes))
        case .oversize(let oversize):
            let origin = Origin(
                file: file, entry: name, offset: oversize.offset, sha256: oversize.sha256)
            return .reject(reject(origin, .emails, tooLarge: oversize.byteCount))
        }
    }

    /// A whole file or entry as one item, with its SHA-256 filled into `origin`; an empty one
    /// is a reject.
    func outcome(whole bytes: [UInt8], _ dataType: DataType, origin: Origin) -> Outcome {
        var origin = origin
        origin.sha256 = SHA256.hex(bytes)
        guard !bytes.isEmpty else {
            let reason = "the \(MailExtractor.noun(dataType)) file is empty"
            return .reject(reject(origin, dataType, reason: reason))
        }
        return .item(RawItem(source: source, dataType: dataType, origin: origin, bytes: bytes))
    }

    /// A reject for an item of `size` bytes over `limit` (the message limit by default).
    func reject(_ origin: Origin, _ dataType: DataType, tooLarge size: Int64, limit: Int64? = nil)
        -> Reject
    {
        let noun = MailExtractor.noun(dataType)
        return reject(
            origin, dataType,
            reason: "the \(noun) has \(size) bytes, more than the limit of "
                + "\(limit ?? Int64(limits.maxMessageBytes)) bytes per \(noun)")
    }

    /// What one item of `dataType` is called in reasons.
    private static func noun(_ dataType: DataType) -> String {
        switch dataType {
        case .meetings: "calendar"
        case .contacts: "address book"
        default: "message"
        }
    }

    func reject(_ origin: Origin, _ dataType: DataType, reason: String) -> Reject {
        Reject(source: source, dataType: dataType, origin: origin, stage: "extract", reason: reason)
    }
}
