internal import Glibc

/// An open file descriptor for reading, closed when the value goes away.
///
/// Every system call extract makes on a file goes through here, so that `EINTR` is retried in
/// one place and each failure becomes an `ExtractError` naming the file.
final class ReadableFile {
    /// The path the file was opened with, for error messages.
    let path: String
    private let descriptor: Int32

    /// Opens `path` read-only (`open` with `O_RDONLY | O_CLOEXEC`).
    ///
    /// - Throws: `ExtractError.openFailed` with the `errno` of `open`.
    init(path: String) throws(ExtractError) {
        self.path = path
        var result: Int32
        repeat {
            result = open(path, O_RDONLY | O_CLOEXEC)
        } while result < 0 && errno == EINTR
        guard result >= 0 else { throw .openFailed(path, errno: errno) }
        descriptor = result
    }

    deinit {
        close(descriptor)
    }

    /// The file's size in bytes (`fstat`).
    func size() throws(ExtractError) -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .readFailed(path, errno: errno) }
        return Int64(info.st_size)
    }

    /// Reads up to `buffer.count` bytes at the current position (`read`).
    ///
    /// - Returns: The number of bytes read; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        var count: Int
        repeat {
            count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw .readFailed(path, errno: errno) }
        return count
    }

    /// Reads up to `count` bytes at `offset` without moving the position (`pread`).
    ///
    /// - Returns: The bytes read; fewer than `count` near the end of the file.
    func read(count: Int, at offset: Int64) throws(ExtractError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                let position = off_t(offset) + off_t(filled)
                return pread(descriptor, buffer.baseAddress! + filled, count - filled, position)
            }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw .readFailed(path, errno: errno) }
            if got == 0 { break }
            filled += got
        }
        return Array(bytes[..<filled])
    }
}
