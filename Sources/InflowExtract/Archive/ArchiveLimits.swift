/// Bounds that keep reading an archive safe whatever it holds: decompression bombs, huge
/// entry counts and entries that lie about their size are refused with a reason.
///
/// An archive that breaks a limit while it is read stops there; the items it delivered before
/// stay delivered, and the other inputs are still read.
public struct ArchiveLimits: Sendable, Equatable {
    /// The default most entries one archive may hold: 200 000, well above a real Takeout part.
    public static let maxEntries = 200_000

    /// The default most bytes one archive may decompress to: 64 GiB, above the largest part
    /// size Takeout offers (50 GB).
    public static let maxTotalBytes: Int64 = 64 << 30

    /// The default largest calendar, contacts or message entry: 256 MiB, the message limit.
    /// A mailbox entry has no such limit: it is split as it streams, and each message in it
    /// meets the message limit instead.
    public static let maxEntryBytes: Int64 = Int64(ExtractLimits.maxMessageBytes)

    /// The default highest compression ratio of a calendar, contacts or message entry, or of
    /// one only hashed because it is too large: 100 to 1. Calendars and vCards compress 5 to
    /// 20 to 1, while deflate cannot pass about 1032 to 1, so a limit of 1000 would never
    /// stop a zip bomb made with deflate; 100 does, after a few MiB.
    public static let maxRatio: Int64 = 100

    /// The default highest compression ratio of a mailbox entry: 200 to 1. A mailbox is
    /// streamed, never held whole, and mail of near-identical notifications compresses far
    /// better than one calendar, but real mail stays well under 100 to 1; deflate cannot go
    /// past about 1032 to 1, so a higher limit would let a deflate bomb through.
    public static let maxMailboxRatio: Int64 = 200

    /// The default size below which the ratio is not checked: 1 MiB, so that tiny entries
    /// packed in one compressed block pass.
    public static let ratioFloor: Int64 = 1 << 20

    /// How far ahead of its reading position a mailbox entry may be buffered to see where a
    /// `Content-Length` ends: 256 MiB, the message limit. A mailbox on disk looks with
    /// `pread` instead; past this distance an entry falls back to the blank-line rule.
    public static let maxLookahead = 256 << 20

    /// The most entries one archive may hold.
    public var maxEntries: Int
    /// The most bytes one archive may decompress to, entries skipped unread included.
    public var maxTotalBytes: Int64
    /// The largest non-mailbox entry that is read.
    public var maxEntryBytes: Int64
    /// The highest compression ratio of a non-mailbox entry past `ratioFloor` bytes. The
    /// compressed side counts one read block more than was read, so only a clear bomb trips.
    public var maxRatio: Int64
    /// The highest compression ratio of a mailbox entry past `ratioFloor` bytes.
    public var maxMailboxRatio: Int64
    /// The decompressed size from which ratios are checked.
    public var ratioFloor: Int64
    /// How far ahead a mailbox entry may be buffered.
    public var maxLookahead: Int

    /// Creates limits; the defaults are the documented values above.
    public init(
        maxEntries: Int = ArchiveLimits.maxEntries,
        maxTotalBytes: Int64 = ArchiveLimits.maxTotalBytes,
        maxEntryBytes: Int64 = ArchiveLimits.maxEntryBytes,
        maxRatio: Int64 = ArchiveLimits.maxRatio,
        maxMailboxRatio: Int64 = ArchiveLimits.maxMailboxRatio,
        ratioFloor: Int64 = ArchiveLimits.ratioFloor,
        maxLookahead: Int = ArchiveLimits.maxLookahead
    ) {
        self.maxEntries = maxEntries
        self.maxTotalBytes = maxTotalBytes
        self.maxEntryBytes = maxEntryBytes
        self.maxRatio = maxRatio
        self.maxMailboxRatio = maxMailboxRatio
        self.ratioFloor = ratioFloor
        self.maxLookahead = maxLookahead
    }
}
