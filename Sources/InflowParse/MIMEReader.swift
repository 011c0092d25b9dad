import Glibc
import InflowCore

/// Walks the MIME structure of one message, keeping the stack of open multipart boundaries.
///
/// Each line is matched against the innermost boundary first, then the outer ones, so a nested
/// part whose boundary extends its parent's (`a--` inside `a----`) is split the way its writer
/// meant, and a part that never closes ends where an outer delimiter appears. A delimiter line is
/// `--boundary` followed by `--` (closing), whitespace or the end of the line; the line break
/// before it belongs to it.
struct MIMEReader {
    let bytes: ArraySlice<UInt8>

    /// A delimiter line: where it starts, where the next line starts, which boundary of the
    /// stack it belongs to, and whether it closes that multipart.
    private struct Delimiter {
        var lineStart: Int
        var next: Int
        var level: Int
        var closing: Bool
    }

    /// Builds a part from its header block; a multipart part's children are read from
    /// `bodyStart` on.
    ///
    /// - Returns: The part (its body still to be cut by the caller), and where the caller should
    ///   look for the next delimiter: after the multipart's closing line, else `bodyStart`.
    func part(
        headers: HeaderBlock, bodyStart: Int, depth: Int, defaultType: String, stack: [[UInt8]],
        context: inout MIMEContext
    ) throws(EmailParseFailure) -> (part: MIMEPart, scanFrom: Int) {
        var part = MIMEPart(headers: headers, defaultType: defaultType, context: &context)
        part.body = bytes[bodyStart..<bodyStart]
        guard part.contentType.hasPrefix("multipart/") else { return (part, bodyStart) }

        guard let boundary = part.parameters["boundary"], !boundary.isEmpty else {
            context.note("\(part.contentType) without a boundary; body read as text")
            part.contentType = "text/plain"
            return (part, bodyStart)
        }
        guard depth < ParseLimits.maxNestingDepth else {
            context.note(
                "MIME nesting deeper than \(ParseLimits.maxNestingDepth) levels; deeper parts not read")
            part.contentType = "application/octet-stream"
            return (part, bodyStart)
        }
        let childType = part.contentType == "multipart/digest" ? "message/rfc822" : "text/plain"
        let stack = stack + [Array(boundary.utf8)]
        guard let children = try self.children(
            from: bodyStart, stack: stack, depth: depth + 1, childType: childType, context: &context)
        else {
            context.note("multipart boundary '\(boundary.debugEscaped)' not found; body read as text")
            part.contentType = "text/plain"
            return (part, bodyStart)
        }
        part.children = children.parts
        return (part, children.resume)
    }

    /// Reads the parts of a multipart whose boundary is the last of `stack`.
    ///
    /// - Returns: The parts and where reading resumes, or nil when no delimiter of any open
    ///   boundary follows `start`.
    private func children(
        from start: Int, stack: [[UInt8]], depth: Int, childType: String, context: inout MIMEContext
    ) throws(EmailParseFailure) -> (parts: [MIMEPart], resume: Int)? {
        guard var delimiter = nextDelimiter(from: start, stack: stack) else { return nil }
        var parts: [MIMEPart] = []
        while true {
            guard delimiter.level == stack.count - 1 else {
                noteUnclosed(stack, context: &context)
                return (parts, delimiter.lineStart)
            }
            if delimiter.closing { return (parts, delimiter.next) }
            guard context.partCount < ParseLimits.maxParts else {
                context.note("more than \(ParseLimits.maxParts) MIME parts; the rest not read")
                return (parts, bytes.endIndex)
            }
            context.partCount += 1

            let (headers, bodyStart) = try HeaderBlock.read(bytes[delimiter.next...])
            var (part, scanFrom) = try self.part(
                headers: headers, bodyStart: bodyStart, depth: depth, defaultType: childType,
                stack: stack, context: &context)
            let next = nextDelimiter(from: scanFrom, stack: stack)
            part.body = bytes[bodyStart..<bodyEnd(bodyStart, next?.lineStart ?? bytes.endIndex)]
            parts.append(part)

            guard let next else {
                noteUnclosed(stack, context: &context)
                return (parts, bytes.endIndex)
            }
            delimiter = next
        }
    }

    private func noteUnclosed(_ stack: [[UInt8]], context: inout MIMEContext) {
        let boundary = String(decoding: stack[stack.count - 1], as: UTF8.self)
        context.note("multipart boundary '\(boundary.debugEscaped)' has no closing delimiter")
    }

    /// `end` moved back over the CRLF or LF that precedes a delimiter line.
    private func bodyEnd(_ start: Int, _ end: Int) -> Int {
        var end = max(start, end)
        if end > start, bytes[end - 1] == ASCII.lf { end -= 1 }
        if end > start, bytes[end - 1] == ASCII.cr { end -= 1 }
        return end
    }

    /// The first delimiter line of any open boundary at or after `start` (a line start).
    ///
    /// - Complexity: O(n) with one `memchr` per line.
    private func nextDelimiter(from start: Int, stack: [[UInt8]]) -> Delimiter? {
        bytes.withUnsafeBufferPointer { buffer in
            let base = bytes.startIndex
            var lineStart = start - base
            while lineStart < buffer.count {
                let lineEnd = MIMEReader.lineEnd(buffer, from: lineStart)
                if buffer[lineStart] == ASCII.minus,
                    let (level, closing) = MIMEReader.match(buffer, lineStart, lineEnd, stack)
                {
                    return Delimiter(
                        lineStart: base + lineStart, next: base + min(lineEnd + 1, buffer.count),
                        level: level, closing: closing)
                }
                lineStart = lineEnd + 1
            }
            return nil
        }
    }

    private static func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = buffer.baseAddress,
            let found = memchr(base + start, Int32(ASCII.lf), buffer.count - start)
        else { return buffer.count }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// Which boundary of the stack, innermost first, the line delimits, and whether it closes.
    private static func match(
        _ buffer: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ lineEnd: Int, _ stack: [[UInt8]]
    ) -> (level: Int, closing: Bool)? {
        guard lineEnd - lineStart >= 2, buffer[lineStart + 1] == ASCII.minus else { return nil }
        for level in stack.indices.reversed() {
            let boundary = stack[level]
            let after = lineStart + 2 + boundary.count
            guard after <= lineEnd,
                boundary.withUnsafeBufferPointer({ wanted in
                    memcmp(buffer.baseAddress! + lineStart + 2, wanted.baseAddress!, wanted.count) == 0
                })
            else { continue }
            if after == lineEnd { return (level, false) }
            let next = buffer[after]
            if next == ASCII.minus, after + 1 < lineEnd, buffer[after + 1] == ASCII.minus {
                return (level, true)
            }
            if next == ASCII.space || next == ASCII.tab || next == ASCII.cr { return (level, false) }
        }
        return nil
    }
}

extension MIMEPart {
    /// A part's header-derived fields, with no body or children yet.
    init(headers: HeaderBlock, defaultType: String, context: inout MIMEContext) {
        let type = HeaderParameters(
            headers.first("content-type") ?? [], decoder: &context.decoder, notes: &context.notes)
        let disposition = HeaderParameters(
            headers.first("content-disposition") ?? [], decoder: &context.decoder,
            notes: &context.notes)
        self.headers = headers
        self.body = []
        self.children = []
        self.parameters = type.parameters
        self.disposition = disposition.value
        self.filename = disposition["filename"] ?? type["name"]
        self.transferEncoding = ASCII.lowercasedString(headers.first("content-transfer-encoding") ?? [])
        self.contentType = MIMEPart.mediaType(type.value, default: defaultType)
    }

    private static func mediaType(_ value: String, default defaultType: String) -> String {
        if value.isEmpty { return defaultType }
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return "text/plain" }
        return value
    }
}
