/// The data VADER scores with: word valences and the emoji descriptions that replace emoji.
///
/// The data comes from the two text files of the reference package (`vader_lexicon.txt` and
/// `emoji_utf8_lexicon.txt`), fetched at set-up and never committed. Parsing follows the
/// reference: lines split on `\n`, trimmed, split on TAB; a later duplicate word wins. Only
/// one-code-point emoji keys are kept, because the reference replaces one code point at a time
/// and can never match the longer keys.
public struct SentimentLexicon: Sendable {
    /// File name of the word list inside a lexicon folder.
    public static let wordsFileName = "vader_lexicon.txt"
    /// File name of the emoji descriptions inside a lexicon folder.
    public static let emojiFileName = "emoji_utf8_lexicon.txt"

    /// Every word, keyed by its exact bytes; ids index `valences`.
    private(set) var words = WordTable()
    private(set) var valences: [Double] = []
    /// Description bytes by the emoji's code point.
    private(set) var emoji: [UInt32: [UInt8]] = [:]

    /// Parses the contents of the two lexicon files.
    ///
    /// - Parameters:
    ///   - words: the bytes of `vader_lexicon.txt`: token, TAB, mean valence, TAB, more fields.
    ///   - emoji: the bytes of `emoji_utf8_lexicon.txt`: emoji, TAB, description.
    /// - Throws: `SentimentLexicon.Error.malformedLine` naming the file and line that does not
    ///   have two TAB-separated fields, or whose valence is not a number.
    public init(words: [UInt8], emoji: [UInt8]) throws(Error) {
        try words.withUnsafeBufferPointer { (bytes) throws(Error) in try parseWords(bytes) }
        try emoji.withUnsafeBufferPointer { (bytes) throws(Error) in try parseEmoji(bytes) }
    }

    /// The number of distinct words.
    public var wordCount: Int {
        valences.count
    }

    /// The number of emoji that the scorer replaces with their descriptions.
    public var emojiCount: Int {
        emoji.count
    }

    /// The valence of a word exactly as spelled (no case folding), or nil when it is not listed.
    public func valence(of word: String) -> Double? {
        words.id(of: word).map { valences[Int($0)] }
    }

    /// The description that replaces a one-code-point emoji, or nil when it is not listed.
    public func emojiDescription(of emoji: Unicode.Scalar) -> String? {
        self.emoji[emoji.value].map { String(decoding: $0, as: UTF8.self) }
    }

    private mutating func parseWords(_ bytes: UnsafeBufferPointer<UInt8>) throws(Error) {
        for record in try Self.records(of: bytes, file: Self.wordsFileName) {
            let field = UnsafeBufferPointer(rebasing: bytes[record.value])
            guard let value = Double(String(decoding: field, as: UTF8.self)) else {
                throw .malformedLine(file: Self.wordsFileName, line: record.line)
            }

            let id = Int(words.insert(UnsafeBufferPointer(rebasing: bytes[record.key])))
            if id == valences.count { valences.append(value) } else { valences[id] = value }
        }
    }

    private mutating func parseEmoji(_ bytes: UnsafeBufferPointer<UInt8>) throws(Error) {
        for record in try Self.records(of: bytes, file: Self.emojiFileName) {
            let (value, length) = UTF8Scan.scalar(in: bytes, at: record.key.lowerBound)
            if length == record.key.count {
                emoji[value] = Array(bytes[record.value])
            }
        }
    }

    /// The key and value ranges of every non-empty line, with 1-based line numbers.
    private static func records(of bytes: UnsafeBufferPointer<UInt8>, file: String) throws(Error)
        -> [(line: Int, key: Range<Int>, value: Range<Int>)]
    {
        var records: [(line: Int, key: Range<Int>, value: Range<Int>)] = []
        for (offset, line) in lines(of: bytes).enumerated() where !line.isEmpty {
            let (key, value) = try twoFields(bytes, line, file: file, offset + 1)
            records.append((offset + 1, key, value))
        }
        return records
    }

    /// The byte ranges between `\n` characters, the last one included even when empty.
    private static func lines(of bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            lines.append(start..<index)
            start = index + 1
        }
        lines.append(start..<bytes.count)
        return lines
    }

    /// The first two TAB-separated fields of a trimmed line; the first must not be empty.
    private static func twoFields(
        _ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, file: String, _ lineNumber: Int
    ) throws(Error) -> (Range<Int>, Range<Int>) {
        let line = UTF8Scan.trimmingWhitespace(in: bytes, line)
        let tab = UInt8(ascii: "\t")
        guard let firstTab = bytes[line].firstIndex(of: tab), firstTab > line.lowerBound else {
            throw .malformedLine(file: file, line: lineNumber)
        }

        let rest = (firstTab + 1)..<line.upperBound
        let secondEnd = bytes[rest].firstIndex(of: tab) ?? line.upperBound
        return (line.lowerBound..<firstTab, rest.lowerBound..<secondEnd)
    }
}
