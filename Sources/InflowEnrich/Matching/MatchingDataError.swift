internal import Glibc

/// A problem with one of the data files matching is built from: the Public Suffix List, the
/// free-mail list, its override file or a client list.
public struct MatchingDataError: Error, CustomStringConvertible, Equatable {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// The file does not exist.
        case missing
        /// The file exists but could not be read.
        case unreadable
        /// The file was read but its content is not what it should be.
        case malformed
    }

    /// What went wrong.
    public var code: Code
    /// The file's path.
    public var path: String
    /// What is wrong and what to do about it.
    public var message: String

    /// Creates an error about the file at `path`.
    public init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String {
        "\(path): \(message)"
    }
}

/// Reads a whole data file, so every loader reports a missing or unreadable file the same way.
enum MatchingDataFile {
    /// The bytes of the file at `path`.
    ///
    /// - Parameter remedy: What to tell the user when the file is missing, such as which package
    ///   or script provides it.
    /// - Throws: ``MatchingDataError`` with `.missing` or `.unreadable`.
    static func read(_ path: String, remedy: String) throws(MatchingDataError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            let reason = errno
            if reason == ENOENT {
                throw MatchingDataError(.missing, path: path, message: "not found; \(remedy)")
            }
            let message = "cannot open: " + String(cString: strerror(reason))
            throw MatchingDataError(.unreadable, path: path, message: message)
        }
        defer { fclose(file) }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes.append(contentsOf: chunk[..<count])
            if count < chunk.count { break }
        }
        if ferror(file) != 0 {
            throw MatchingDataError(.unreadable, path: path, message: "read failed")
        }
        return bytes
    }

    /// The lines of a UTF-8 file, without line ends (LF or CRLF) and without a leading BOM.
    static func lines(_ bytes: [UInt8]) -> [Substring] {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
    }
}
