/// Bounds that keep extract's memory in check whatever the inputs hold.
public struct ExtractLimits: Sendable, Equatable {
    /// The default largest message kept in memory: 256 MiB.
    public static let maxMessageBytes = 256 << 20

    /// The largest message, in bytes, that extract loads; a larger one becomes an oversize
    /// reject and is never held in memory beyond this size.
    public var maxMessageBytes: Int

    /// Creates limits; the default is the documented 256 MiB per message.
    public init(maxMessageBytes: Int = ExtractLimits.maxMessageBytes) {
        self.maxMessageBytes = maxMessageBytes
    }
}
