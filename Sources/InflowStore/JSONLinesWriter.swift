internal import CZstd
public import InflowCore

/// Writes JSON objects one per line into a zstd-compressed file, published atomically.
///
/// Lines are compressed as they come with a streaming context, so memory stays at the size of
/// the compression window whatever the number of lines. Nothing is visible at `path` until
/// `commit()`; a writer dropped without it leaves no file behind.
public final class JSONLinesWriter {
    /// The path the file will have once committed.
    public var path: String { file.path }
    /// How many lines were written.
    public private(set) var count = 0

    private let file: AtomicFile
    private let stream: OpaquePointer
    private var pending: [UInt8] = []
    private var output: [UInt8]

    /// The zstd level: level 3 is zstd's default balance of speed and size.
    public static let compressionLevel: Int32 = 3
    /// The level for files of raw input bytes (the extract stage): the bytes are kept only for
    /// replay and audit, compress less well than records, and are the largest files a job
    /// writes, so speed matters more there than size.
    public static let rawCompressionLevel: Int32 = 1
    private static let flushThreshold = 1 << 17

    /// Opens a new file for `path` (`ZSTD_createCCtx`, `ZSTD_CCtx_setParameter`).
    ///
    /// - Parameters:
    ///   - level: The zstd compression level.
    ///   - background: Compress on a worker thread of libzstd's own, so the caller's
    ///   thread goes on producing lines while the previous ones are compressed; worth it for
    ///   a large file, not for the many small ones of a table partition, where starting the
    ///   thread costs more than it saves. The output does not depend on timing or on this
    ///   choice being the same: the same lines with the same setting give the same bytes.
    public init(path: String, background: Bool = true, level: Int32 = JSONLinesWriter.compressionLevel)
        throws
    {
        file = try AtomicFile(path: path)
        guard let stream = ZSTD_createCCtx() else {
            throw StoreError(.compression, path: path, "ZSTD_createCCtx failed")
        }
        self.stream = stream
        output = [UInt8](repeating: 0, count: ZSTD_CStreamOutSize())
        try check(ZSTD_CCtx_setParameter(stream, ZSTD_c_compressionLevel, level),
                  "ZSTD_CCtx_setParameter")
        // A libzstd built without threads refuses this and compresses on the caller's thread.
        if background, ZSTD_isError(ZSTD_CCtx_setParameter(stream, ZSTD_c_nbWorkers, JSONLinesWriter.workers)) == 0 {
            // Small jobs keep the worker's buffers to a few MiB per file instead of tens.
            _ = ZSTD_CCtx_setParameter(stream, ZSTD_c_jobSize, JSONLinesWriter.jobSize)
        }
        pending.reserveCapacity(JSONLinesWriter.flushThreshold * 2)
    }

    /// libzstd's own compression threads per file.
    public static let workers: Int32 = 1
    /// The input each background compression job takes, in bytes.
    public static let jobSize: Int32 = 1 << 20

    deinit {
        ZSTD_freeCCtx(stream)
    }

    /// Appends one value as a line.
    public func write(_ value: JSON) throws {
        value.write(to: &pending)
        pending.append(UInt8(ascii: "\n"))
        count += 1
        if pending.count >= JSONLinesWriter.flushThreshold { try compressPending() }
    }

    /// Appends one already serialised line (without its newline).
    public func writeLine(_ line: ArraySlice<UInt8>) throws {
        pending.append(contentsOf: line)
        pending.append(UInt8(ascii: "\n"))
        count += 1
        if pending.count >= JSONLinesWriter.flushThreshold { try compressPending() }
    }

    /// Ends the zstd frame, flushes and publishes the file (`ZSTD_compressStream2` with
    /// `ZSTD_e_end`).
    public func commit() throws {
        try compressPending()
        while true {
            let (remaining, written) = try output.withUnsafeMutableBytes { raw in
                var out = ZSTD_outBuffer(dst: raw.baseAddress, size: raw.count, pos: 0)
                var empty = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
                let left = try check(ZSTD_compressStream2(stream, &out, &empty, ZSTD_e_end),
                                     "ZSTD_compressStream2")
                return (left, out.pos)
            }
            try file.write(output[..<written])
            if remaining == 0 { break }
        }
        try file.publish(durable: false)
    }

    /// Drops everything written; no file appears.
    public func discard() {
        file.discard()
    }

    private func compressPending() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { source in
            var input = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            while input.pos < input.size {
                let written = try output.withUnsafeMutableBytes { raw in
                    var out = ZSTD_outBuffer(dst: raw.baseAddress, size: raw.count, pos: 0)
                    try check(ZSTD_compressStream2(stream, &out, &input, ZSTD_e_continue),
                              "ZSTD_compressStream2")
                    return out.pos
                }
                try file.write(output[..<written])
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    @discardableResult
    private func check(_ code: Int, _ call: String) throws -> Int {
        if ZSTD_isError(code) != 0 {
            let name = String(cString: ZSTD_getErrorName(code))
            throw StoreError(.compression, path: file.path, "\(call) failed: \(name)")
        }
        return code
    }
}
