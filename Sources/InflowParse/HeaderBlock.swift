/// One header field: its name and its unfolded raw value.
struct HeaderField: Sendable {
    /// The name lowercased, for case-insensitive lookup.
    var key: String
    /// The value with line breaks of folding removed and leading whitespace trimmed; still raw
    /// bytes, so that structured parsers see quotes and encoded words before decoding.
    var value: [UInt8]
}

/// The header fields of a message or a MIME part, in order.
struct HeaderBlock: Sendable {
    var fields: [HeaderField] = []

    /// The value of the first field named `key` (lowercase), or nil.
    func first(_ key: String) -> [UInt8]? {
        fields.first { $0.key == key }?.value
    }

    /// The values of every field named `key` (lowercase), in order.
    func all(_ key: String) -> [[UInt8]] {
        fields.filter { $0.key == key }.map(\.value)
    }
}

extension HeaderBlock {
    /// Reads the header block at the start of `bytes`.
    ///
    /// The block ends at the first empty line (which is consumed) or at the first line that is
    /// neither a header field nor a folded continuation (which starts the body), so that a broken
    /// part whose headers run straight into base64 still yields its body. Lines may end in CRLF,
    /// LF or a mix. With `skippingEnvelope`, a `From ` mbox separator line on top is skipped.
    ///
    /// - Returns: The fields and the index where the body starts.
    /// - Throws: `EmailParseFailure` when a block has more fields, or a field more bytes, than
    ///   `ParseLimits` allows.
    /// - Complexity: O(n) in the size of the header block.
    static func read(
        _ bytes: ArraySlice<UInt8>, skippingEnvelope: Bool = false
    ) throws(EmailParseFailure) -> (block: HeaderBlock, bodyStart: Int) {
        var block = HeaderBlock()
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let newline = bytes[lineStart...].firstIndex(of: ASCII.lf)
            let next = newline.map { $0 + 1 } ?? bytes.endIndex
            var end = newline ?? bytes.endIndex
            while end > lineStart, bytes[end - 1] == ASCII.cr { end -= 1 }
            let line = bytes[lineStart..<end]

            if line.isEmpty { return (block, next) }
            if line.first == ASCII.space || line.first == ASCII.tab, !block.fields.isEmpty {
                try block.appendContinuation(line)
            } else if let field = HeaderBlock.field(line) {
                try block.append(field)
            } else if skippingEnvelope, lineStart == bytes.startIndex, line.starts(with: "From ".utf8) {
                lineStart = next
                continue
            } else {
                return (block, lineStart)
            }
            lineStart = next
        }
        return (block, bytes.endIndex)
    }

    /// Parses `name: value`; nil when the line is not a header field.
    private static func field(_ line: ArraySlice<UInt8>) -> HeaderField? {
        guard let colon = line.firstIndex(of: ASCII.colon) else { return nil }
        var nameEnd = colon
        while nameEnd > line.startIndex, ASCII.isBlank(line[nameEnd - 1]) {
            nameEnd -= 1
        }
        let name = line[line.startIndex..<nameEnd]
        guard !name.isEmpty, name.allSatisfy({ $0 > 32 && $0 < 127 }) else { return nil }

        var valueStart = colon + 1
        while valueStart < line.endIndex, ASCII.isBlank(line[valueStart]) {
            valueStart += 1
        }
        return HeaderField(key: ASCII.lowercasedString(name), value: Array(line[valueStart...]))
    }

    private mutating func append(_ field: HeaderField) throws(EmailParseFailure) {
        guard fields.count < ParseLimits.maxHeaderFields else {
            throw EmailParseFailure(
                reason: "a header block has more than \(ParseLimits.maxHeaderFields) fields")
        }
        try HeaderBlock.checkSize(field)
        fields.append(field)
    }

    private mutating func appendContinuation(_ line: ArraySlice<UInt8>) throws(EmailParseFailure) {
        fields[fields.count - 1].value.append(contentsOf: line)
        try HeaderBlock.checkSize(fields[fields.count - 1])
    }

    private static func checkSize(_ field: HeaderField) throws(EmailParseFailure) {
        guard field.value.count <= ParseLimits.maxHeaderFieldBytes else {
            throw EmailParseFailure(
                reason: "the header field '\(field.key)' is longer than "
                    + "\(ParseLimits.maxHeaderFieldBytes) bytes")
        }
    }
}
