public import InflowCore

/// One message found in a mailbox, with what its separator line said.
public struct MboxMessage: Sendable, Equatable {
    /// The byte offset of the message's `From ` separator line in the file.
    public var offset: Int64
    /// The sender token of the separator line.
    public var envelopeSender: String
    /// The separator line's date, or nil when it had none or it was unreadable.
    public var envelopeDate: Timestamp?
    /// The message without its separator line, with mboxrd `>From ` escaping undone and the
    /// line ending that precedes the next separator removed.
    public var bytes: [UInt8]

    /// Creates a message.
    public init(offset: Int64, envelopeSender: String, envelopeDate: Timestamp?, bytes: [UInt8]) {
        self.offset = offset
        self.envelopeSender = envelopeSender
        self.envelopeDate = envelopeDate
        self.bytes = bytes
    }
}

/// A message larger than `ExtractLimits.maxMessageBytes`: where it is, how big, and its hash,
/// but not its bytes.
public struct OversizeMessage: Sendable, Equatable {
    /// The byte offset of the message's `From ` separator line in the file.
    public var offset: Int64
    /// The sender token of the separator line.
    public var envelopeSender: String
    /// The separator line's date, when readable.
    public var envelopeDate: Timestamp?
    /// The size of the message in bytes, counted as for `MboxMessage.bytes`.
    public var byteCount: Int64
    /// The SHA-256 of the message's bytes, computed while streaming past them.
    public var sha256: String

    /// Creates an oversize report.
    public init(
        offset: Int64, envelopeSender: String, envelopeDate: Timestamp?, byteCount: Int64,
        sha256: String
    ) {
        self.offset = offset
        self.envelopeSender = envelopeSender
        self.envelopeDate = envelopeDate
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}

/// What the splitter yields: a message, or a message too large to load.
public enum MboxEntry: Sendable, Equatable {
    /// A message within the size limit, with its bytes.
    case message(MboxMessage)
    /// A message over the size limit, without its bytes.
    case oversize(OversizeMessage)

    /// The byte offset of the entry's separator line.
    public var offset: Int64 {
        switch self {
        case .message(let message): message.offset
        case .oversize(let oversize): oversize.offset
        }
    }
}
