/// The top-level fields of one JSON object line, found without decoding their values.
///
/// Load reads millions of records only to learn a few fields and to hash the rest; scanning
/// for where each value starts and ends, and decoding just the values asked for, spares it
/// building and serialising every record again.
public struct JSONFields {
    /// One field: its key and where its value lies in `line`.
    public struct Field {
        public let key: String
        public let valueRange: Range<Int>
    }

    /// The object's bytes.
    public let line: [UInt8]
    /// The fields in order.
    public private(set) var fields: [Field] = []

    /// Scans an object; nil when `line` is not a well-formed JSON object.
    ///
    /// - Complexity: O(n) in the length of the line; no value is decoded.
    public init?(_ line: [UInt8]) {
        self.line = line
        var scanner = Scanner(bytes: line)
        scanner.skipSpace()
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        scanner.skipSpace()
        if scanner.take(UInt8(ascii: "}")) { return }
        while true {
            scanner.skipSpace()
            guard let keyRange = scanner.skipString(), let key = JSONFields.key(line, keyRange) else {
                return nil
            }
            scanner.skipSpace()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            scanner.skipSpace()
            let valueStart = scanner.index
            guard scanner.skipValue(depth: 0) else { return nil }
            fields.append(Field(key: key, valueRange: valueStart..<scanner.index))
            scanner.skipSpace()
            if scanner.take(UInt8(ascii: ",")) { continue }
            guard scanner.take(UInt8(ascii: "}")) else { return nil }
            return
        }
    }

    /// The value of `key` decoded, or nil when the key is absent.
    public subscript(key: String) -> JSON? {
        guard let field = fields.first(where: { $0.key == key }) else { return nil }
        return try? JSON.parse(line[field.valueRange])
    }

    /// The string value of `key`, or nil.
    public func string(_ key: String) -> String? {
        self[key]?.stringValue
    }

    /// The ISO 8601 timestamp under `key`, or nil.
    public func timestamp(_ key: String) -> Timestamp? {
        string(key).flatMap { Timestamp.parseISO8601($0)?.timestamp }
    }

    /// The object without the fields named in `keys`, as compact bytes; the rest is copied as
    /// it stands.
    public func removing(_ keys: Set<String>) -> [UInt8] {
        replacing([:], removing: keys)
    }

    /// The object with the values of `replacements` written in place of the old ones (keys
    /// that are absent are appended at the end) and the fields in `keys` left out.
    public func replacing(_ replacements: [String: JSON], removing keys: Set<String> = []) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(line.count + 64)
        var wrote = false
        var replaced = Set<String>()
        for field in fields where !keys.contains(field.key) {
            if wrote { out.append(UInt8(ascii: ",")) }
            wrote = true
            JSON.writeString(field.key, to: &out)
            out.append(UInt8(ascii: ":"))
            if let value = replacements[field.key] {
                value.write(to: &out)
                replaced.insert(field.key)
            } else {
                out.append(contentsOf: line[field.valueRange])
            }
        }
        for (key, value) in replacements.sorted(by: { $0.key < $1.key }) where !replaced.contains(key) {
            if wrote { out.append(UInt8(ascii: ",")) }
            wrote = true
            JSON.writeString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            value.write(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func key(_ line: [UInt8], _ range: Range<Int>) -> String? {
        let inner = line[(range.lowerBound + 1)..<(range.upperBound - 1)]
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        return (try? JSON.parse(line[range]))?.stringValue
    }

    /// A cursor that steps over JSON values without building them.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A
                || bytes[index] == 0x0D || bytes[index] == 0x09
            {
                index += 1
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// Steps over a string; returns its range with the quotes.
        mutating func skipString() -> Range<Int>? {
            let start = index
            guard take(UInt8(ascii: "\"")) else { return nil }
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""):
                    index += 1
                    return start..<index
                default: index += 1
                }
            }
            return nil
        }

        mutating func skipValue(depth: Int) -> Bool {
            guard depth < 512, index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return skipString() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                index += 1
                skipSpace()
                if take(close) { return true }
                while true {
                    skipSpace()
                    if close == UInt8(ascii: "}") {
                        guard skipString() != nil else { return false }
                        skipSpace()
                        guard take(UInt8(ascii: ":")) else { return false }
                        skipSpace()
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    if take(UInt8(ascii: ",")) { continue }
                    return take(close)
                }
            default:
                let start = index
                while index < bytes.count, !",}] \n\r\t".utf8.contains(bytes[index]) {
                    index += 1
                }
                return index > start
            }
        }
    }
}
