internal import InflowDigest

/// The bytes of the message being split, kept in memory up to a limit and only hashed past it.
///
/// Once a message outgrows the limit, the bytes held so far and all later bytes go through a
/// streaming SHA-256 instead, and only the last two bytes are kept back: they may be the line
/// ending that the next separator claims. For the same reason the limit is checked with
/// two bytes of slack while appending, and exactly when the message ends.
struct MessageBody {
    private let limit: Int
    private var bytes: [UInt8] = []
    private var hasher: SHA256?
    private var count: Int64 = 0

    /// Creates an empty body that keeps at most `limit` bytes in memory.
    init(limit: Int) {
        self.limit = limit
    }

    /// Adds bytes at the end.
    ///
    /// - Complexity: O(n) in the bytes added; memory stays within the limit plus two bytes.
    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard !chunk.isEmpty else { return }
        count += Int64(chunk.count)
        if hasher == nil {
            if bytes.count + chunk.count <= limit + 2 {
                bytes.append(contentsOf: chunk)
                return
            }
            hasher = SHA256()
        }
        hashKeepingTail(chunk)
    }

    /// What a finished message turned out to be.
    enum Outcome {
        /// A message within the limit, with its bytes.
        case bytes([UInt8])
        /// A message over the limit: its size and SHA-256.
        case hashed(count: Int64, sha256: String)
    }

    /// True when the held message ends with an empty line: at the end of a file, that line
    /// is the one a writer puts after every message, and belongs to no message.
    var endsWithBlankLine: Bool {
        guard hasher == nil else { return false }
        return bytes.count >= 2 && bytes.last == UInt8(ascii: "\n")
            && (bytes[bytes.count - 2] == UInt8(ascii: "\n")
                || bytes.count >= 3 && bytes[bytes.count - 2] == UInt8(ascii: "\r")
                    && bytes[bytes.count - 3] == UInt8(ascii: "\n"))
    }

    /// Ends the message.
    ///
    /// - Parameter dropLineEnding: Whether the last line ending belongs to the next separator
    ///   (LF or CRLF), rather than to the message.
    mutating func finish(dropLineEnding: Bool) -> Outcome {
        if dropLineEnding, bytes.last == UInt8(ascii: "\n") {
            let ending = bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: "\r") ? 2 : 1
            bytes.removeLast(ending)
            count -= Int64(ending)
        }
        guard let hasher else {
            if bytes.count <= limit { return .bytes(bytes) }
            return .hashed(count: count, sha256: SHA256.hex(bytes))
        }
        hasher.update(bytes[...])
        return .hashed(count: count, sha256: hasher.finalizeHex())
    }

    /// Hashes everything but the last two bytes of what is held plus `chunk`, and keeps those.
    private mutating func hashKeepingTail(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard let hasher else { return }
        if chunk.count >= 2 {
            hasher.update(bytes[...])
            let head = UnsafeBufferPointer(rebasing: chunk[..<(chunk.count - 2)])
            hasher.update(UnsafeRawBufferPointer(head))
            bytes = Array(chunk[(chunk.count - 2)...])
        } else {
            bytes.append(contentsOf: chunk)
            let keep = min(2, bytes.count)
            hasher.update(bytes[..<(bytes.count - keep)])
            bytes = Array(bytes[(bytes.count - keep)...])
        }
    }
}
