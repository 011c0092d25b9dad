internal import InflowDigest

/// A file's size and SHA-256: what quick syncs compare to skip inputs that have not changed.
public struct FileFingerprint: Sendable, Hashable {
    /// The size in bytes.
    public var size: Int64
    /// The lowercase hex SHA-256 of the whole file.
    public var sha256: String

    /// Creates a fingerprint from known values.
    public init(size: Int64, sha256: String) {
        self.size = size
        self.sha256 = sha256
    }

    /// Reads a file in 1 MiB chunks and hashes it.
    ///
    /// - Throws: `ExtractError.openFailed` or `.readFailed` naming the file.
    /// - Complexity: O(n) time in the file size, O(1) memory.
    public static func of(path: String) throws(ExtractError) -> FileFingerprint {
        let file = try ReadableFile(path: path)
        let hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { buffer.deallocate() }

        var size: Int64 = 0
        while true {
            let count = try file.read(into: buffer)
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            size += Int64(count)
        }
        return FileFingerprint(size: size, sha256: hasher.finalizeHex())
    }
}
