/// The bounds the email parser enforces, so that one hostile or broken message costs bounded
/// time and memory.
///
/// Header limits and the decoded text limit reject the message with a failure naming the limit.
/// The nesting and part limits do not: the parser stops walking at the limit, keeps what it has
/// read, and records a note in `parseNotes`, because everything before the limit is still a
/// faithful reading of the message.
public enum ParseLimits {
    /// The most header fields one header block (message or part) may have.
    public static let maxHeaderFields = 1000

    /// The most bytes one header field may have, folded lines included.
    public static let maxHeaderFieldBytes = 1 << 20

    /// The deepest multipart nesting that is walked; deeper parts are kept as opaque leaves.
    public static let maxNestingDepth = 32

    /// The most bytes the text body may have once decoded to UTF-8.
    public static let maxDecodedTextBytes = 32 << 20

    /// The most MIME parts walked in one message; later parts are ignored.
    public static let maxParts = 10_000
}

/// Why an item could not be read as an email: one line a user can act on.
public struct EmailParseFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the item, in one line.
    public var reason: String

    /// Creates a failure with its reason.
    public init(reason: String) {
        self.reason = reason
    }

    /// The reason, as the failure's text.
    public var description: String {
        reason
    }
}
