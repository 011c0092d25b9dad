/// A stream of bytes the mailbox splitter reads: a file, or an entry inside an archive.
///
/// Reading is sequential; `peek` looks ahead without moving the position, which the splitter
/// needs to judge where a `Content-Length` ends.
protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes at the current position; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int

    /// Up to `count` bytes at `offset`, which is never before the current position; fewer
    /// near the end. Nil when the source cannot look that far ahead.
    func peek(count: Int, at offset: Int64) throws(ExtractError) -> [UInt8]?
}

extension ReadableFile: ByteSource {
    /// Reads at any offset with `pread`, so a file can always look ahead.
    func peek(count: Int, at offset: Int64) throws(ExtractError) -> [UInt8]? {
        try read(count: count, at: offset)
    }
}
