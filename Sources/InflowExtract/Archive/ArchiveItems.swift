internal import InflowCore
internal import InflowDigest

/// What reading an archive gave next.
enum ArchiveEvent {
    case item(RawItem)
    case reject(Reject)
    /// An entry that is not data.
    case ignored(SkippedEntry)
    /// A data entry that could not be read; the next entries still are.
    case failed(SkippedEntry)
    /// A remark, such as a name that was not UTF-8.
    case note(String)
}

/// Walks an archive's entries in archive order and turns them into items, one at a time.
///
/// Mailbox entries are streamed through the mbox splitter; messages, calendars and contacts
/// are read whole (within the limits); everything else is ignored with a reason. Links,
/// devices and unsafe paths are never read. Memory holds one message or whole entry, a read
/// block and the splitter's buffer.
final class ArchiveItems {
    /// How many entries have been listed so far.
    private(set) var entries = 0
    private let reader: ArchiveReader
    private let extractor: MailExtractor
    private let limits: ArchiveLimits
    private var total: Int64 = 0
    private var mailbox: (splitter: MboxSplitter, stream: ArchiveEntryStream)?
    private var pending: [ArchiveEvent] = []

    /// Opens the archive at `path`.
    ///
    /// - Throws: `ExtractError.archiveFailed` when it cannot be opened.
    init(path: String, extractor: MailExtractor, limits: ArchiveLimits) throws(ExtractError) {
        reader = try ArchiveReader(path: path)
        self.extractor = extractor
        self.limits = limits
    }

    /// The next event, or nil after the last entry.
    ///
    /// - Throws: `ExtractError.archiveFailed` for a truncated or corrupt archive,
    ///   `.archiveRefused` when a limit is broken; reading stops there.
    func next() throws(ExtractError) -> ArchiveEvent? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            if let event = try nextFromMailbox() { return event }
            guard let entry = try reader.nextEntry() else { return nil }
            try take(entry)
        }
    }

    /// The mailbox entry's next message, or nil when there is no mailbox or it has ended.
    private func nextFromMailbox() throws(ExtractError) -> ArchiveEvent? {
        guard let (splitter, stream) = mailbox else { return nil }
        do {
            if let entry = try splitter.next() {
                return event(extractor.outcome(entry, file: reader.path, entry: stream.entry))
            }
        } catch {
            guard isEntryLevel(error) else { throw error }
            pending.append(.failed(SkippedEntry(entry: stream.entry, reason: error.description)))
        }
        total = stream.archiveTotal
        mailbox = nil
        return nil
    }

    /// Decides what one entry is and queues what it gives.
    private func take(_ entry: ArchiveEntry) throws(ExtractError) {
        entries += 1
        if entries > limits.maxEntries {
            let reason = "it has more than \(limits.maxEntries) entries"
            throw .archiveRefused(reader.path, reason: reason)
        }
        if let note = entry.nameNote { pending.append(.note(note)) }
        if let reason = notData(entry) {
            pending.append(.ignored(SkippedEntry(entry: entry.name, reason: reason)))
            try skip(entry.size ?? 0)
            return
        }
        guard entry.kind == .file else { return }

        let stream = ArchiveEntryStream(
            reader: reader, entry: entry.name, limits: limits, archiveTotal: total)
        do {
            try read(entry, from: stream)
        } catch {
            guard isEntryLevel(error) else { throw error }
            pending.append(.failed(SkippedEntry(entry: entry.name, reason: error.description)))
            total = stream.archiveTotal
        }
    }

    /// Classifies an entry by its name and first bytes and reads it accordingly.
    private func read(_ entry: ArchiveEntry, from stream: ArchiveEntryStream)
        throws(ExtractError)
    {
        let head = try stream.peek(count: MailSniffer.sniffLength, at: 0) ?? []
        switch SourceSniffer.kind(name: entry.name, head: head) {
        case .mailbox:
            stream.isMailbox = true
            let splitter = MboxSplitter(source: stream, name: entry.name, limits: extractor.limits)
            mailbox = (splitter, stream)
        case .message: try readWhole(entry, .emails, from: stream)
        case .calendar: try readWhole(entry, .meetings, from: stream)
        case .contacts: try readWhole(entry, .contacts, from: stream)
        case .ignored(let reason): try ignore(entry, reason, read: stream)
        case .archive:
            try ignore(entry, "an archive inside an archive; it is not opened", read: stream)
        }
    }

    private func ignore(_ entry: ArchiveEntry, _ reason: String, read stream: ArchiveEntryStream)
        throws(ExtractError)
    {
        pending.append(.ignored(SkippedEntry(entry: entry.name, reason: reason)))
        let sniffed = stream.archiveTotal - total
        total = stream.archiveTotal
        try skip(max(0, (entry.size ?? 0) - sniffed))
    }

    /// Reads an entry as one item. One whose header declares more than the limit is only
    /// hashed, as a stream, and rejected.
    private func readWhole(
        _ entry: ArchiveEntry, _ dataType: DataType, from stream: ArchiveEntryStream
    ) throws(ExtractError) {
        var origin = Origin(file: reader.path, entry: entry.name, sha256: "")
        if let size = entry.size, size > wholeLimit {
            origin.sha256 = try hash(stream)
            total = stream.archiveTotal
            let reject = extractor.reject(origin, dataType, tooLarge: size, limit: wholeLimit)
            pending.append(.reject(reject))
            return
        }
        stream.maxBytes = wholeLimit
        let bytes = try stream.readAll()
        total = stream.archiveTotal
        pending.append(event(extractor.outcome(whole: bytes, dataType, origin: origin)))
    }

    /// The SHA-256 of the rest of the stream, read in blocks.
    private func hash(_ stream: ArchiveEntryStream) throws(ExtractError) -> String {
        let hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: ArchiveReader.blockSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try stream.read(into: buffer)
            if count == 0 { return hasher.finalizeHex() }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The most bytes a message, calendar or contacts entry may hold.
    private var wholeLimit: Int64 {
        min(limits.maxEntryBytes, Int64(extractor.limits.maxMessageBytes))
    }

    /// Why an entry is not data, or nil when it is a regular file at a safe path (or a
    /// folder, which gives nothing and needs no reason).
    private func notData(_ entry: ArchiveEntry) -> String? {
        switch entry.kind {
        case .directory: return nil
        case .symbolicLink: return "a symbolic link; links are never followed"
        case .hardLink: return "a hard link; links are never followed"
        case .special(let what): return "\(what), not a file"
        case .file: break
        }
        if let reason = EntryName.unsafeReason(entry.name) { return "refused: \(reason)" }
        if entry.encrypted { return "encrypted; encrypted entries are not read" }
        return nil
    }

    /// Counts an unread entry's declared size toward the archive's total.
    private func skip(_ size: Int64) throws(ExtractError) {
        total += size
        guard total > limits.maxTotalBytes else { return }
        throw .archiveRefused(
            reader.path, reason: "it holds more than \(limits.maxTotalBytes) bytes in all")
    }

    private func event(_ outcome: MailExtractor.Outcome) -> ArchiveEvent {
        switch outcome {
        case .item(let item): .item(item)
        case .reject(let reject): .reject(reject)
        }
    }

    /// Whether an error ends only the entry: it is not a mailbox after all, or its data
    /// cannot be decoded while the archive itself is sound.
    private func isEntryLevel(_ error: ExtractError) -> Bool {
        switch error {
        case .notAMailbox, .entryFailed: !reader.broken
        default: false
        }
    }
}
