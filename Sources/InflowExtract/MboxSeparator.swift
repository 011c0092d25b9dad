public import InflowCore

/// A mailbox separator line: `From `, a sender token, and optionally a date.
///
/// The sender token must contain `@`, or be `-` (Thunderbird) or `MAILER-DAEMON`, so that a
/// body line such as `From time to time` is never taken for a separator. The date may be in
/// asctime form (`Mon Jan  5 09:00:00 2026`) or Gmail Takeout form
/// (`Mon Jan 05 09:00:00 +0000 2026`), either followed by extra text; an unreadable date leaves
/// the line a separator with no date.
public struct MboxSeparator: Sendable, Equatable {
    /// The sender token as written.
    public var sender: String
    /// The envelope date in UTC, or nil when the line has none or it is unreadable.
    public var date: Timestamp?

    /// Reads a separator line.
    ///
    /// - Parameter line: The line without its line ending.
    /// - Returns: The separator, or nil when the line is not one.
    public static func parse<Line: Collection<UInt8>>(_ line: Line) -> MboxSeparator? {
        guard line.starts(with: prefix) else { return nil }
        let words = Array(line.dropFirst(prefix.count)).split(whereSeparator: isBlank)[...]
        guard let token = words.first, isSenderToken(token) else { return nil }
        let sender = String(decoding: token, as: UTF8.self)
        return MboxSeparator(sender: sender, date: EnvelopeDate.parse(words.dropFirst()))
    }

    /// True when `line` starts with `From ` followed by a sender token.
    static func isCandidate(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.starts(with: prefix) else { return false }
        var start = prefix.count
        while start < line.count, isBlank(line[start]) { start += 1 }
        var end = start
        while end < line.count, !isBlank(line[end]), line[end] != 10, line[end] != 13 { end += 1 }
        return isSenderToken(UnsafeBufferPointer(rebasing: line[start..<end]))
    }

    static let prefix = Array("From ".utf8)
    private static let daemon = Array("MAILER-DAEMON".utf8)

    private static func isSenderToken<Word: Collection<UInt8>>(_ word: Word) -> Bool {
        if word.contains(UInt8(ascii: "@")) { return true }
        return word.elementsEqual([UInt8(ascii: "-")]) || word.elementsEqual(daemon)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}

/// The date of an mbox separator line, in asctime or Gmail Takeout form.
enum EnvelopeDate {
    private static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ].map { Array($0.utf8) }

    /// Reads `[weekday] month day time [zone] year [extra text]` from the words after the
    /// sender token; nil when a field is missing or out of range.
    static func parse(_ words: ArraySlice<ArraySlice<UInt8>>) -> Timestamp? {
        var rest = words
        if let first = rest.first, month(first) == nil { rest = rest.dropFirst() }
        guard let monthWord = rest.popFirst(), let month = month(monthWord),
            let dayWord = rest.popFirst(), let day = number(dayWord), dayWord.count <= 2,
            let timeWord = rest.popFirst(), let time = clock(timeWord)
        else { return nil }

        var offset = 0
        if let zoneWord = rest.first, let zone = zoneOffset(zoneWord) {
            offset = zone
            rest = rest.dropFirst()
        }
        guard let yearWord = rest.first, yearWord.count == 4, let year = number(yearWord) else {
            return nil
        }
        return Timestamp(
            year: year, month: month, day: day, hour: time.hour, minute: time.minute,
            second: time.second, offsetSeconds: offset)
    }

    private static func month(_ word: ArraySlice<UInt8>) -> Int? {
        guard word.count == 3 else { return nil }
        let lower = word.map { $0 | 0x20 }
        return months.firstIndex(of: lower).map { $0 + 1 }
    }

    private static func number(_ word: ArraySlice<UInt8>) -> Int? {
        guard !word.isEmpty, word.count <= 9 else { return nil }
        var value = 0
        for byte in word {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// `HH:MM` or `HH:MM:SS`.
    private static func clock(_ word: ArraySlice<UInt8>) -> (hour: Int, minute: Int, second: Int)? {
        let parts = word.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
            let hour = number(parts[0]), let minute = number(parts[1])
        else { return nil }
        let second = parts.count == 3 ? number(parts[2]) : 0
        return second.map { (hour, minute, $0) }
    }

    /// A numeric zone `+hhmm` / `-hhmm` in seconds east of UTC.
    private static func zoneOffset(_ word: ArraySlice<UInt8>) -> Int? {
        guard word.count == 5, let sign = word.first,
            sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            let digits = number(word.dropFirst()), digits % 100 < 60
        else { return nil }
        let seconds = digits / 100 * 3600 + digits % 100 * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }
}
