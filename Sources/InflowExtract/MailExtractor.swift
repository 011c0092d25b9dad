public import InflowCore
internal import InflowDigest

/// What extract made of one mail input file.
public struct ExtractedFile: Sendable, Equatable {
    /// The file's absolute path.
    public var path: String
    /// `.mailbox` or `.message`.
    public var kind: InputKind
    /// How many raw items were delivered from it.
    public var items: Int
    /// Messages that could not be taken (too large, empty).
    public var rejects: [Reject]
    /// Why the file could not be read to its end, or nil when it was. Items delivered before
    /// the failure stay delivered.
    public var failure: ExtractError?

    /// Creates a file result with nothing delivered yet.
    public init(path: String, kind: InputKind) {
        self.path = path
        self.kind = kind
        self.items = 0
        self.rejects = []
    }
}

/// What extract made of all the inputs of one source.
public struct ExtractReport: Sendable, Equatable {
    /// The mailboxes and messages read, in path order.
    public var files: [ExtractedFile]
    /// The files that are not mail, each with its reason.
    public var ignored: [InputFile]

    /// How many raw items were delivered in all.
    public var items: Int {
        files.reduce(0) { $0 + $1.items }
    }
}

/// Turns a source's mailboxes and message files into raw email items, one at a time.
///
/// Each item's origin is the file's absolute path, no archive entry, the byte offset of the
/// mbox separator line (nil for a message file, which is one item), and the SHA-256 of the
/// item's bytes. Items are handed to a callback as they are found, so memory holds one
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

    /// Scans `folders` and extracts every mailbox and message file in path order.
    ///
    /// - Parameter deliver: Called with each item in input order; an error it throws stops
    ///   extraction and is rethrown.
    /// - Throws: `ExtractError.missingInput` (or `.openFailed`) when a folder cannot be
    ///   listed, or what `deliver` throws. Failures of single files are in the report.
    public func extract(folders: [String], deliver: (RawItem) throws -> Void) throws
        -> ExtractReport
    {
        var report = ExtractReport(files: [], ignored: [])
        for file in try InputScanner.scan(folders) {
            if case .ignored = file.kind {
                report.ignored.append(file)
            } else {
                report.files.append(try extract(file, deliver: deliver))
            }
        }
        return report
    }

    /// Extracts one mailbox or message file.
    ///
    /// - Parameter deliver: Called with each item in offset order.
    /// - Returns: The count of items, the rejects, and a failure that stopped reading.
    /// - Throws: Only what `deliver` throws.
    public func extract(_ file: InputFile, deliver: (RawItem) throws -> Void) rethrows
        -> ExtractedFile
    {
        var result = ExtractedFile(path: file.path, kind: file.kind)
        switch file.kind {
        case .mailbox: try extractMailbox(into: &result, deliver: deliver)
        case .message: try extractMessage(file, into: &result, deliver: deliver)
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
            switch entry {
            case nil:
                return
            case .message(let message)?:
                try deliver(item(message, file: result.path))
                result.items += 1
            case .oversize(let oversize)?:
                let origin = Origin(
                    file: result.path, offset: oversize.offset, sha256: oversize.sha256)
                result.rejects.append(reject(origin, tooLarge: oversize.byteCount))
            }
        }
    }

    private func extractMessage(
        _ file: InputFile, into result: inout ExtractedFile, deliver: (RawItem) throws -> Void
    ) rethrows {
        let bytes: [UInt8]
        do {
            let handle = try ReadableFile(path: file.path)
            let size = try handle.size()
            if size > Int64(limits.maxMessageBytes) {
                let whole = try FileFingerprint.of(path: file.path)
                let origin = Origin(file: file.path, sha256: whole.sha256)
                result.rejects.append(reject(origin, tooLarge: size))
                return
            }
            bytes = try handle.read(count: Int(size), at: 0)
        } catch {
            result.failure = error
            return
        }

        let origin = Origin(file: file.path, sha256: SHA256.hex(bytes))
        guard !bytes.isEmpty else {
            result.rejects.append(reject(origin, reason: "the message file is empty"))
            return
        }
        try deliver(RawItem(source: source, dataType: .emails, origin: origin, bytes: bytes))
        result.items += 1
    }

    private func item(_ message: MboxMessage, file: String) -> RawItem {
        let origin = Origin(file: file, offset: message.offset, sha256: SHA256.hex(message.bytes))
        return RawItem(
            source: source, dataType: .emails, origin: origin,
            envelopeSender: message.envelopeSender, envelopeDate: message.envelopeDate,
            bytes: message.bytes)
    }

    private func reject(_ origin: Origin, tooLarge size: Int64) -> Reject {
        reject(
            origin,
            reason: "the message has \(size) bytes, more than the limit of "
                + "\(limits.maxMessageBytes) bytes per message")
    }

    private func reject(_ origin: Origin, reason: String) -> Reject {
        Reject(source: source, dataType: .emails, origin: origin, stage: "extract", reason: reason)
    }
}
