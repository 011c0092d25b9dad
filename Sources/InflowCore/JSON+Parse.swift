extension JSON {
    /// Why a text is not JSON, with the byte offset where reading stopped.
    public struct SyntaxError: Error, CustomStringConvertible, Equatable {
        /// What was expected or found.
        public var reason: String
        /// The byte offset in the text.
        public var offset: Int

        /// Creates an error at a byte offset.
        public init(reason: String, offset: Int) {
            self.reason = reason
            self.offset = offset
        }

        public var description: String {
            "invalid JSON at byte \(offset): \(reason)"
        }
    }

    /// Parses one JSON value from UTF-8 bytes; whitespace may surround it, nothing else.
    ///
    /// - Parameter rejectingDuplicateKeys: Treat a key repeated in one object as an error
    ///   (for files people write, where a repeated key is a mistake); otherwise the last wins.
    /// - Throws: `JSON.SyntaxError` naming the offset of the first fault.
    /// - Complexity: O(n) in the length of the text; nesting is limited to 512 levels.
    public static func parse<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, rejectingDuplicateKeys: Bool = false
    ) throws(SyntaxError) -> JSON {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { buffer throws(SyntaxError) in
            var reader = JSONReader(bytes: buffer)
            reader.rejectDuplicateKeys = rejectingDuplicateKeys
            reader.skipSpace()
            let value = try reader.readValue(depth: 0)
            reader.skipSpace()
            guard reader.index == buffer.count else { throw reader.fail("trailing characters") }
            return value
        }
    }

    /// Parses one JSON value from a string.
    public static func parse(_ text: String) throws(SyntaxError) -> JSON {
        try parse(Array(text.utf8))
    }
}

/// A cursor over UTF-8 bytes that reads JSON values by recursive descent.
private struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var rejectDuplicateKeys = false

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func fail(_ reason: String) -> JSON.SyntaxError {
        JSON.SyntaxError(reason: reason, offset: index)
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func readValue(depth: Int) throws(JSON.SyntaxError) -> JSON {
        guard depth < 512 else { throw fail("nesting deeper than 512 levels") }
        guard index < bytes.count else { throw fail("unexpected end of text") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        default: return try readNumber()
        }
    }

    mutating func expectWord(_ word: StaticString) throws(JSON.SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of text") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw fail("unexpected character")
        }
        index += count
    }

    mutating func readObject(depth: Int) throws(JSON.SyntaxError) -> JSON {
        index += 1
        var pairs: [(String, JSON)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject())
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw fail("expected a string key")
            }
            let keyOffset = index
            let key = try readString()
            if rejectDuplicateKeys, pairs.contains(where: { $0.0 == key }) {
                throw JSON.SyntaxError(reason: "the key '\(key)' appears twice", offset: keyOffset)
            }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw fail("expected ':'")
            }
            index += 1
            skipSpace()
            pairs.append((key, try readValue(depth: depth + 1)))
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of text") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(JSONObject(pairs))
            } else {
                throw fail("expected ',' or '}'")
            }
        }
    }

    mutating func readArray(depth: Int) throws(JSON.SyntaxError) -> JSON {
        index += 1
        var values: [JSON] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        while true {
            skipSpace()
            values.append(try readValue(depth: depth + 1))
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of text") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(values)
            } else {
                throw fail("expected ',' or ']'")
            }
        }
    }

    mutating func readString() throws(JSON.SyntaxError) -> String {
        index += 1
        let start = index

        // Fast path: no escapes between the quotes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return try decodeUTF8(slice)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in string") }
            index += 1
        }

        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return try out.withUnsafeBufferPointer { buffer throws(JSON.SyntaxError) in
                    try decodeUTF8(buffer)
                }
            case UInt8(ascii: "\\"):
                index += 1
                try readEscape(into: &out)
            case 0..<0x20:
                throw fail("control character in string")
            default:
                out.append(byte)
                index += 1
            }
        }
        throw fail("unterminated string")
    }

    func decodeUTF8(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSON.SyntaxError) -> String {
        guard let text = String(validating: buffer, as: UTF8.self) else {
            throw fail("string is not valid UTF-8")
        }
        return text
    }

    mutating func readEscape(into out: inout [UInt8]) throws(JSON.SyntaxError) {
        guard index < bytes.count else { throw fail("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                let mark = index
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                {
                    index += 2
                    let low = try readHex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = mark
                        scalar = 0xFFFD
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(scalar) {
                scalar = 0xFFFD
            }
            out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            throw fail("unknown escape")
        }
    }

    mutating func readHex4() throws(JSON.SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: throw fail("bad hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    mutating func readNumber() throws(JSON.SyntaxError) -> JSON {
        let start = index
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        guard index > digitsStart else { throw fail("unexpected character") }
        if bytes[digitsStart] == 48, index - digitsStart > 1 { throw fail("leading zero") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            let fraction = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            guard index > fraction else { throw fail("digits expected after '.'") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            let exponent = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            guard index > exponent else { throw fail("digits expected in exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let value = Int64(text) { return .int(value) }
        guard let value = Double(text) else { throw fail("number out of range") }
        return .double(value)
    }
}
