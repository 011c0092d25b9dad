/// A component (an event, a card) or a whole file that could not be read, with the line it
/// starts on and a one-line reason.
public struct ComponentReject: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line the component starts on, or nil when the whole file is refused.
    public var line: Int?
    /// What is wrong, naming the component and its line.
    public var reason: String

    /// Creates a reject.
    public init(line: Int?, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// The reason, as the reject's text.
    public var description: String {
        reason
    }
}
