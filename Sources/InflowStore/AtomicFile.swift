import InflowCore
internal import Glibc

/// A file written under a temporary name and published by rename, so that readers see either
/// the previous file or the complete new one, never a part.
public final class AtomicFile {
    /// The path the file will have once published.
    public let path: String
    /// The temporary path written until then.
    public let temporaryPath: String
    private var descriptor: Int32

    /// Opens a temporary file beside `path`, creating missing folders.
    public init(path: String) throws {
        let folder = Path.directory(of: path)
        try FileSystem.makeDirectories(folder)
        self.path = path
        self.temporaryPath = folder + "/." + Path.basename(path) + ".tmp-\(FileSystem.processID)"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystem.failure("open", temporaryPath) }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends bytes (`write`, retried until all are written).
    public func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let count = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw FileSystem.failure("write", temporaryPath) }
                offset += count
            }
        }
    }

    /// Renames the file into place.
    ///
    /// - Parameter durable: Flush the file and its folder first (`fsync`), so the file survives
    ///   a crash on its own. A job that publishes many files passes false and flushes the whole
    ///   file system once before it commits (`FileSystem.syncAll`), which costs one flush
    ///   instead of two per file.
    public func publish(durable: Bool = true) throws {
        if durable, fsync(descriptor) != 0 { throw FileSystem.failure("fsync", temporaryPath) }
        close(descriptor)
        descriptor = -1
        try FileSystem.rename(temporaryPath, to: path)
        if durable { FileSystem.syncDirectory(Path.directory(of: path)) }
    }

    /// Drops the temporary file without publishing it.
    public func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }
}
