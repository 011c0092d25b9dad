import Glibc

/// Splits a multipart body on its boundary delimiter lines.
enum BoundarySplitter {
    /// The parts between delimiter lines, and whether any delimiter and the closing one were
    /// seen.
    struct Split {
        var parts: [ArraySlice<UInt8>] = []
        var found = false
        var closed = false
    }

    /// Finds the delimiter lines of `boundary` in `body` and returns the parts between them.
    ///
    /// A line is a delimiter only when what follows `--boundary` is `--` (closing), whitespace,
    /// or the end of the line, so a boundary that is a prefix of an inner one never matches the
    /// inner's lines. The line break before a delimiter belongs to it. The preamble and epilogue
    /// are dropped; without a closing delimiter the last part runs to the end of the body.
    ///
    /// - Complexity: O(n), one `memchr` per line.
    static func split(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> Split {
        var split = Split()
        let base = body.startIndex
        body.withUnsafeBufferPointer { buffer in
            var partStart: Int?
            var lineStart = 0
            while lineStart < buffer.count {
                let lineEnd = nextLineBreak(buffer, from: lineStart)
                if let kind = delimiter(buffer, lineStart: lineStart, lineEnd: lineEnd, boundary: boundary) {
                    split.found = true
                    if let start = partStart {
                        let end = trimmedBreak(buffer, start: start, end: lineStart)
                        split.parts.append(body[(base + start)..<(base + end)])
                    }
                    if kind == .closing {
                        split.closed = true
                        return
                    }
                    partStart = min(lineEnd + 1, buffer.count)
                }
                lineStart = lineEnd + 1
            }
            if let start = partStart {
                split.parts.append(body[(base + start)...])
            }
        }
        return split
    }

    private enum Kind {
        case separator
        case closing
    }

    private static func nextLineBreak(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = buffer.baseAddress,
            let found = memchr(base + start, Int32(ASCII.lf), buffer.count - start)
        else { return buffer.count }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    private static func delimiter(
        _ buffer: UnsafeBufferPointer<UInt8>, lineStart: Int, lineEnd: Int, boundary: [UInt8]
    ) -> Kind? {
        let after = lineStart + 2 + boundary.count
        guard after <= lineEnd, buffer[lineStart] == ASCII.minus, buffer[lineStart + 1] == ASCII.minus
        else { return nil }
        let matches = boundary.withUnsafeBufferPointer { wanted in
            memcmp(buffer.baseAddress! + lineStart + 2, wanted.baseAddress!, wanted.count) == 0
        }
        guard matches else { return nil }
        if after == lineEnd { return .separator }
        let next = buffer[after]
        if next == ASCII.minus, after + 1 < lineEnd, buffer[after + 1] == ASCII.minus { return .closing }
        if next == ASCII.space || next == ASCII.tab || next == ASCII.cr { return .separator }
        return nil
    }

    /// `end` moved back over the CRLF or LF that precedes a delimiter line.
    private static func trimmedBreak(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int {
        var end = end
        if end > start, buffer[end - 1] == ASCII.lf { end -= 1 }
        if end > start, buffer[end - 1] == ASCII.cr { end -= 1 }
        return end
    }
}
