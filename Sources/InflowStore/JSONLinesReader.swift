internal import CZstd
internal import Glibc
public import InflowCore

/// Reads a zstd-compressed JSON Lines file line by line.
///
/// The file is decompressed in fixed-size chunks, so memory holds one chunk and the longest
/// line, whatever the file's size. Several concatenated zstd frames read as one stream.
public final class JSONLinesReader {
    /// The file being read.
    public let path: String

    private let descriptor: Int32
    private let stream: OpaquePointer
    private var input: [UInt8]
    private var inputStart = 0
    private var inputEnd = 0
    private var decoded: [UInt8] = []
    private var lineStart = 0
    private var endOfFile = false
    /// The 1-based number of the last line returned, for error messages.
    public private(set) var lineNumber = 0

    /// Opens `path` (`open`, `ZSTD_createDStream`).
    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystem.failure("open", path) }
        guard let stream = ZSTD_createDStream() else {
            close(descriptor)
            throw StoreError(.compression, path: path, "ZSTD_createDStream failed")
        }
        self.stream = stream
        ZSTD_initDStream(stream)
        input = [UInt8](repeating: 0, count: ZSTD_DStreamInSize())
    }

    deinit {
        ZSTD_freeDStream(stream)
        close(descriptor)
    }

    /// The next line without its newline, or nil at the end of the file.
    ///
    /// - Throws: `StoreError` when the file cannot be read or is not valid zstd.
    public func nextLine() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = decoded[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = decoded[lineStart..<newline]
                lineStart = newline + 1
                lineNumber += 1
                return line
            }
            if endOfFile {
                guard lineStart < decoded.count else { return nil }
                let line = decoded[lineStart...]
                lineStart = decoded.count
                lineNumber += 1
                return line
            }
            if lineStart > 0 {
                decoded.removeSubrange(0..<lineStart)
                lineStart = 0
            }
            try decompressChunk()
        }
    }

    /// The next line parsed as JSON, or nil at the end of the file.
    ///
    /// - Throws: `StoreError` with code `corrupt` naming the line when it is not JSON.
    public func next() throws -> JSON? {
        guard let line = try nextLine() else { return nil }
        do {
            return try JSON.parse(line)
        } catch {
            throw StoreError(.corrupt, path: path, "line \(lineNumber): \(error.description)")
        }
    }

    /// Calls `body` with every line's JSON value, in order.
    public func forEach(_ body: (JSON) throws -> Void) throws {
        while let value = try next() {
            try body(value)
        }
    }

    private func decompressChunk() throws {
        if inputStart == inputEnd {
            let count = input.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw FileSystem.failure("read", path) }
            if count == 0 {
                endOfFile = true
                return
            }
            inputStart = 0
            inputEnd = count
        }
        let capacity = ZSTD_DStreamOutSize()
        let oldCount = decoded.count
        decoded.append(contentsOf: repeatElement(0, count: capacity))
        let (consumed, produced, code) = input.withUnsafeBytes { source in
            decoded.withUnsafeMutableBytes { target in
                var inBuffer = ZSTD_inBuffer(
                    src: source.baseAddress! + inputStart, size: inputEnd - inputStart, pos: 0)
                var outBuffer = ZSTD_outBuffer(
                    dst: target.baseAddress! + oldCount, size: capacity, pos: 0)
                let code = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                return (inBuffer.pos, outBuffer.pos, code)
            }
        }
        decoded.removeSubrange((oldCount + produced)...)
        inputStart += consumed
        if ZSTD_isError(code) != 0 {
            let name = String(cString: ZSTD_getErrorName(code))
            throw StoreError(.compression, path: path, "ZSTD_decompressStream failed: \(name)")
        }
    }
}
