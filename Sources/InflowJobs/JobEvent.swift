import InflowCore

/// Something that happened in a job, for the command line to log or show as progress.
///
/// The jobs module never writes to a terminal itself; it reports events to the observer its
/// caller passes in.
public struct JobEvent: Sendable {
    /// How much the event matters.
    public enum Level: String, Sendable {
        case debug, info, warning, error
    }

    /// The message of progress events, which carry `percent`, `items` and `source`; a
    /// terminal shows them as a bar, a log keeps one now and then.
    public static let progressMessage = "progress"

    public var level: Level
    public var message: String
    /// Structured values with dotted keys (`source`, `items.rejected`).
    public var metadata: [(String, String)]

    /// Creates an event.
    public init(_ level: Level, _ message: String, _ metadata: [(String, String)] = []) {
        self.level = level
        self.message = message
        self.metadata = metadata
    }
}

/// Receives a job's events as they happen.
public typealias JobObserver = @Sendable (JobEvent) -> Void
