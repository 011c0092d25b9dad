internal import Glibc

/// Splits a mailbox file into messages, reading it as a stream in fixed-size chunks.
///
/// The rules, which decide every count and offset:
/// - A UTF-8 byte-order mark at the start of the file is skipped, and blank lines before the
///   first separator are allowed; any other first line makes the file not a mailbox.
/// - A candidate separator is a line `From <sender> [date]` (see `MboxSeparator`).
/// - A candidate starts a message at the start of the file, after a blank line, or where the
///   current message's `Content-Length` ends exactly on it (older clients wrote no blank
///   line). A `Content-Length` that ends on a candidate or at the end of the file decides the
///   message's extent on its own: candidates inside it are body text.
/// - A `Content-Length` that ends anywhere else is stale. Such a mailbox was written by a
///   client that put no blank line before separators, so in that message every candidate
///   starts a new message.
/// - A line of one or more `>` before `From ` loses one `>` (mboxrd escaping).
/// - The line ending before a separator belongs to the separator: a message keeps all its
///   bytes except that one line ending (LF or CRLF). The last message keeps all its bytes.
///
/// - Complexity: O(n) time in the file size; memory is one read buffer (chunk size plus
///   64 KiB) plus the message being built, which never exceeds
///   `ExtractLimits.maxMessageBytes`.
public final class MboxSplitter {
    /// Lines longer than this are handled in pieces; separators and headers are shorter.
    private static let maxLine = 64 << 10

    /// Where the current message may end.
    private enum LengthRule {
        /// No usable `Content-Length` yet: a candidate after a blank line starts a message.
        case blankLine
        /// The `Content-Length` ends on the separator at this offset (or at the file's end).
        case exact(Int64)
        /// The `Content-Length` is stale: any candidate starts a message.
        case anyCandidate
    }

    /// The message being built.
    private struct Current {
        var offset: Int64
        var separator: MboxSeparator
        var body: MessageBody
        var inHeaders = true
        var contentLength: Int64?
        var rule = LengthRule.blankLine
        var previousBlank = false
        var skippingSeparator: Bool
    }

    /// A line, or a piece of a line longer than `maxLine`, as a range of the buffer.
    private struct Line {
        var start: Int
        var end: Int
        /// True when the piece continues a line begun in an earlier piece.
        var continued: Bool
        /// True when the piece ends with a line feed.
        var complete: Bool
    }

    private let source: any ByteSource
    private let name: String
    private let limits: ExtractLimits
    private let chunkSize: Int
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var start = 0
    private var end = 0
    private var bufferOffset: Int64 = 0
    private var atEnd = false
    private var midLine = false
    private var runStart = 0
    private var current: Current?
    private var begun = false
    private var finished = false

    /// Opens a mailbox for splitting.
    ///
    /// - Parameters:
    ///   - path: The mailbox file.
    ///   - limits: The largest message to load; larger ones come out as `.oversize`.
    ///   - chunkSize: How many bytes each `read` asks for.
    /// - Throws: `ExtractError.openFailed` when the file cannot be opened.
    public convenience init(
        path: String, limits: ExtractLimits = ExtractLimits(), chunkSize: Int = 1 << 20
    ) throws(ExtractError) {
        self.init(source: try ReadableFile(path: path), name: path, limits: limits,
                  chunkSize: chunkSize)
    }

    /// Splits any byte stream: a file or an archive entry.
    ///
    /// - Parameters:
    ///   - source: Where the bytes come from, read front to back.
    ///   - name: How errors name the mailbox (a path, or an archive entry).
    ///   - limits: The largest message to load; larger ones come out as `.oversize`.
    ///   - chunkSize: How many bytes each read asks for.
    init(source: any ByteSource, name: String, limits: ExtractLimits, chunkSize: Int = 1 << 20) {
        self.source = source
        self.name = name
        self.limits = limits
        self.chunkSize = max(chunkSize, 16)
        buffer = .allocate(capacity: self.chunkSize + MboxSplitter.maxLine)
    }

    deinit {
        buffer.deallocate()
    }

    /// The next message, or nil at the end of the file.
    ///
    /// After an error the splitter is finished and returns nil.
    ///
    /// - Throws: `ExtractError.notAMailbox` when the first non-empty line is not a separator,
    ///   `ExtractError.readFailed` when reading fails.
    public func next() throws(ExtractError) -> MboxEntry? {
        guard !finished else { return nil }
        do {
            return try step()
        } catch {
            finished = true
            throw error
        }
    }

    /// Reads lines until a message is complete or the file ends.
    private func step() throws(ExtractError) -> MboxEntry? {
        if !begun {
            try skipByteOrderMark()
            begun = true
        }
        while let line = try nextLine() {
            if let entry = try take(line) { return entry }
        }
        finished = true
        guard current != nil else { return nil }
        flushRun(to: end)
        // A writer that ends every message with a blank line ends the file with one too; the
        // last message is the same bytes as when another message follows it.
        return finishMessage(dropLineEnding: current?.body.endsWithBlankLine ?? false)
    }

    /// Handles one line; returns the finished message when the line starts the next one.
    private func take(_ line: Line) throws(ExtractError) -> MboxEntry? {
        let bytes = UnsafeBufferPointer(rebasing: buffer[line.start..<line.end])
        guard current != nil else {
            try startFirstMessage(line, bytes)
            return nil
        }
        if line.continued {
            if current!.skippingSeparator {
                runStart = line.end
                current!.skippingSeparator = !line.complete
            }
            current!.previousBlank = false
            return nil
        }

        if MboxSeparator.isCandidate(bytes), startsMessage(at: offset(of: line.start)) {
            flushRun(to: line.start)
            let entry = finishMessage(dropLineEnding: true)
            begin(line, bytes)
            return entry
        }
        unescape(line, bytes)
        if current!.inHeaders { try readHeader(line, bytes) }
        current!.previousBlank = MboxSplitter.isBlankLine(bytes)
        return nil
    }

    /// Whether a candidate separator at `offset` ends the current message.
    private func startsMessage(at offset: Int64) -> Bool {
        switch current!.rule {
        case .blankLine: current!.previousBlank
        case .exact(let separator): offset == separator
        case .anyCandidate: true
        }
    }

    /// Accepts blank lines before the first separator and requires the separator itself.
    private func startFirstMessage(_ line: Line, _ bytes: UnsafeBufferPointer<UInt8>)
        throws(ExtractError)
    {
        if !line.continued, MboxSeparator.isCandidate(bytes) {
            begin(line, bytes)
            return
        }
        let blank = bytes.allSatisfy {
            $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 13 || $0 == 10
        }
        guard blank, !line.continued else { throw .notAMailbox(name) }
    }

    /// Starts a message at a separator line.
    private func begin(_ line: Line, _ bytes: UnsafeBufferPointer<UInt8>) {
        let content = bytes.prefix { $0 != 10 && $0 != 13 }
        let separator = MboxSeparator.parse(content) ?? MboxSeparator(sender: "", date: nil)
        current = Current(
            offset: offset(of: line.start), separator: separator,
            body: MessageBody(limit: limits.maxMessageBytes), skippingSeparator: !line.complete)
        runStart = line.end
    }

    /// Ends the current message and returns it.
    private func finishMessage(dropLineEnding: Bool) -> MboxEntry {
        var message = current!
        current = nil
        let sender = message.separator.sender
        let date = message.separator.date
        switch message.body.finish(dropLineEnding: dropLineEnding) {
        case .bytes(let bytes):
            return .message(
                MboxMessage(
                    offset: message.offset, envelopeSender: sender, envelopeDate: date,
                    bytes: bytes))
        case .hashed(let count, let sha256):
            return .oversize(
                OversizeMessage(
                    offset: message.offset, envelopeSender: sender, envelopeDate: date,
                    byteCount: count, sha256: sha256))
        }
    }

    /// Drops one `>` from a `>From ` line by ending the run before it.
    private func unescape(_ line: Line, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.first == UInt8(ascii: ">") else { return }
        let rest = bytes.drop { $0 == UInt8(ascii: ">") }
        guard rest.starts(with: MboxSeparator.prefix) else { return }
        flushRun(to: line.start)
        runStart = line.start + 1
    }

    /// Notes `Content-Length` while in the header block, and judges it where the block ends.
    private func readHeader(_ line: Line, _ bytes: UnsafeBufferPointer<UInt8>)
        throws(ExtractError)
    {
        if MboxSplitter.isBlankLine(bytes) {
            current!.inHeaders = false
            if let length = current!.contentLength {
                current!.rule = try rule(bodyStart: offset(of: line.end), length: length)
            }
            return
        }
        if current!.contentLength == nil {
            current!.contentLength = ContentLength.parse(bytes)
        }
    }

    /// Decides whether a body of `length` bytes from `bodyStart` ends on a separator.
    ///
    /// A source that cannot look that far ahead leaves the blank-line rule in force.
    private func rule(bodyStart: Int64, length: Int64) throws(ExtractError) -> LengthRule {
        let target = bodyStart + length
        let wanted = 1024
        guard let window = try peek(count: wanted, at: target - 1) else { return .blankLine }
        guard !window.isEmpty else { return .anyCandidate }
        let atEndOfSource = window.count < wanted
        if window.count == 1 { return .exact(target) }

        let atLineStart = window.first == 10
        var rest = window.dropFirst()
        if atLineStart, MboxSplitter.isCandidateLine(rest) { return .exact(target) }
        if rest.first == 13 { rest = rest.dropFirst() }
        guard rest.first == 10 else { return .anyCandidate }
        rest = rest.dropFirst()
        let separator = target + Int64(window.count - 1 - rest.count)
        if rest.isEmpty && atEndOfSource || MboxSplitter.isCandidateLine(rest) {
            return .exact(separator)
        }
        return .anyCandidate
    }

    /// Up to `count` bytes at `offset`: what the buffer already holds, then the source's
    /// look-ahead. Nil when the source cannot look that far.
    private func peek(count: Int, at offset: Int64) throws(ExtractError) -> [UInt8]? {
        let bufferEnd = bufferOffset + Int64(end)
        var bytes: [UInt8] = []
        if offset < bufferEnd {
            let from = Int(offset - bufferOffset)
            bytes.append(contentsOf: buffer[from..<min(end, from + count)])
        }
        guard bytes.count < count, !atEnd else { return bytes }
        let next = max(offset, bufferEnd)
        guard let more = try source.peek(count: count - bytes.count, at: next) else { return nil }
        return bytes + more
    }

    private static func isCandidateLine(_ bytes: ArraySlice<UInt8>) -> Bool {
        let line = Array(bytes.prefix { $0 != 10 })
        return line.withUnsafeBufferPointer { MboxSeparator.isCandidate($0) }
    }

    private static func isBlankLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 1 && bytes[0] == 10
            || (bytes.count == 2 && bytes[0] == 13 && bytes[1] == 10)
    }

    private func offset(of index: Int) -> Int64 {
        bufferOffset + Int64(index)
    }

    /// Moves the consumed bytes `runStart..<index` into the current message.
    private func flushRun(to index: Int) {
        guard current != nil, index > runStart else { return }
        current!.body.append(UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
        runStart = index
    }
}

extension MboxSplitter {
    /// Reads the first chunk and steps over a UTF-8 byte-order mark.
    private func skipByteOrderMark() throws(ExtractError) {
        try refill()
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        if end >= 3, UnsafeBufferPointer(rebasing: buffer[0..<3]).elementsEqual(mark) {
            start = 3
        }
    }

    /// The next line, or a piece of an over-long one; nil at the end of the file.
    private func nextLine() throws(ExtractError) -> Line? {
        while true {
            let available = end - start
            if available > 0,
                let found = memchr(buffer.baseAddress! + start, 10, available)
            {
                let stop = buffer.baseAddress!.distance(
                    to: found.assumingMemoryBound(to: UInt8.self)) + 1
                return cut(until: stop, complete: true)
            }
            if atEnd {
                return available > 0 ? cut(until: end, complete: false) : nil
            }
            if available >= MboxSplitter.maxLine {
                let line = cut(until: end, complete: false)
                midLine = true
                return line
            }
            try refill()
        }
    }

    private func cut(until stop: Int, complete: Bool) -> Line {
        let line = Line(start: start, end: stop, continued: midLine, complete: complete)
        midLine = false
        start = stop
        return line
    }

    /// Moves the unread bytes to the front of the buffer and reads more behind them.
    private func refill() throws(ExtractError) {
        flushRun(to: start)
        let unread = end - start
        if start > 0 {
            buffer.baseAddress!.update(from: buffer.baseAddress! + start, count: unread)
            bufferOffset += Int64(start)
            runStart -= start
            start = 0
            end = unread
        }
        let space = UnsafeMutableRawBufferPointer(
            UnsafeMutableBufferPointer(rebasing: buffer[end..<min(buffer.count, end + chunkSize)]))
        let count = try source.read(into: space)
        end += count
        atEnd = count == 0
    }
}

/// Reads a `Content-Length:` header line.
enum ContentLength {
    private static let name = Array("content-length:".utf8)

    /// The header's value, or nil when the line is another header or the value is not a
    /// whole number.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard line.count > name.count,
            zip(line, name).allSatisfy({ $0 | 0x20 == $1 || $0 == $1 })
        else { return nil }
        var value: Int64 = 0
        var digits = 0
        for byte in line.dropFirst(name.count) {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 15 {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
            } else if digits == 0, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                continue
            } else {
                break
            }
        }
        return digits > 0 ? value : nil
    }
}
