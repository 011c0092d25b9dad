/// Why the store could not read or write; every message names the path and the call that
/// failed, with the C library's own words.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    /// What kind of failure this is, for callers that react to it.
    public enum Code: String, Sendable {
        case io
        case compression
        case catalog
        case corrupt
        case busy
        case fenced
    }

    public var code: Code
    public var path: String
    public var message: String

    /// Creates an error.
    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}
