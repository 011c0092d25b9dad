/// An RFC 4180 CSV reader over bytes: quoted fields, doubled quotes inside them, embedded line
/// breaks, LF, CRLF or CR line ends, and a leading UTF-8 byte-order mark.
///
/// It reads one record at a time, so a large export never has to be held as rows. Fields are
/// decoded as UTF-8 (invalid bytes become U+FFFD). Blank lines are skipped.
public struct CSVReader: Sendable {
    /// A CSV syntax error and the line it was found on.
    public struct SyntaxError: Error, CustomStringConvertible, Equatable {
        /// What is wrong.
        public var reason: String
        /// The 1-based line where the offending field starts.
        public var line: Int

        /// Creates an error for the field starting on `line`.
        public init(reason: String, line: Int) {
            self.reason = reason
            self.line = line
        }

        /// `line N: reason`.
        public var description: String {
            "line \(line): \(reason)"
        }
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private let bytes: [UInt8]
    private let separator: UInt8
    private var index: Int
    private var line = 1

    /// Creates a reader over the whole input.
    ///
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - separator: The field separator, a comma unless told otherwise.
    public init(bytes: [UInt8], separator: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.separator = separator
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The 1-based line where the record last returned by ``nextRecord()`` starts.
    public private(set) var recordLine = 0

    /// Reads the next record.
    ///
    /// - Returns: The record's fields, or nil at the end of the input.
    /// - Throws: ``SyntaxError`` for a quoted field that never ends or text after its closing
    ///   quote.
    public mutating func nextRecord() throws(SyntaxError) -> [String]? {
        skipBlankLines()
        guard index < bytes.count else { return nil }
        recordLine = line

        var fields: [String] = []
        while true {
            if index < bytes.count, bytes[index] == Self.quote {
                fields.append(String(decoding: try quotedField(), as: UTF8.self))
            } else {
                fields.append(String(decoding: unquotedField(), as: UTF8.self))
            }
            guard index < bytes.count, bytes[index] == separator else { break }
            index += 1
        }
        consumeLineEnd()
        return fields
    }

    /// Reads every record of `bytes`.
    ///
    /// - Throws: ``SyntaxError`` as ``nextRecord()`` does.
    public static func records(
        _ bytes: [UInt8], separator: UInt8 = UInt8(ascii: ",")
    ) throws(SyntaxError) -> [[String]] {
        var reader = CSVReader(bytes: bytes, separator: separator)
        var records: [[String]] = []
        while let record = try reader.nextRecord() {
            records.append(record)
        }
        return records
    }

    /// Reads a field up to the next separator or line end.
    private mutating func unquotedField() -> ArraySlice<UInt8> {
        let start = index
        while index < bytes.count, !isFieldEnd(bytes[index]) {
            index += 1
        }
        return bytes[start..<index]
    }

    /// Reads a quoted field, its opening quote at `index`, and leaves `index` after the closing
    /// quote.
    private mutating func quotedField() throws(SyntaxError) -> [UInt8] {
        let startLine = line
        var field: [UInt8] = []
        index += 1
        while true {
            guard index < bytes.count else {
                throw SyntaxError(reason: "quoted field is not closed", line: startLine)
            }
            let byte = bytes[index]
            index += 1
            if byte == Self.quote {
                guard index < bytes.count, bytes[index] == Self.quote else { break }
                index += 1
            } else if byte == Self.lineFeed
                || (byte == Self.carriageReturn && bytes.get(index) != Self.lineFeed)
            {
                line += 1
            }
            field.append(byte)
        }

        guard index == bytes.count || isFieldEnd(bytes[index]) else {
            throw SyntaxError(reason: "text after the closing quote of a field", line: line)
        }
        return field
    }

    /// Whether a byte ends an unquoted field.
    private func isFieldEnd(_ byte: UInt8) -> Bool {
        byte == separator || byte == Self.lineFeed || byte == Self.carriageReturn
    }

    /// Steps over one LF, CRLF or CR.
    private mutating func consumeLineEnd() {
        guard index < bytes.count else { return }
        if bytes[index] == Self.carriageReturn { index += 1 }
        if index < bytes.count, bytes[index] == Self.lineFeed { index += 1 }
        line += 1
    }

    /// Steps over lines that hold nothing at all.
    private mutating func skipBlankLines() {
        while index < bytes.count,
            bytes[index] == Self.lineFeed || bytes[index] == Self.carriageReturn
        {
            consumeLineEnd()
        }
    }
}

extension [UInt8] {
    /// The byte at `index`, or nil past the end.
    fileprivate func get(_ index: Int) -> UInt8? {
        index < count ? self[index] : nil
    }
}
