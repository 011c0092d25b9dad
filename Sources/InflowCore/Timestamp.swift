/// An instant in UTC with millisecond precision, written as ISO 8601 with `Z`.
///
/// Inflow keeps its own small type rather than Foundation's `Date` so that formatting and
/// parsing are exact, allocation-light and identical on every machine.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millis: Int64

    /// Creates a timestamp from milliseconds since the Unix epoch.
    public init(millis: Int64) {
        self.millis = millis
    }

    /// Creates a timestamp from whole seconds since the Unix epoch.
    public init(seconds: Int64) {
        self.millis = seconds * 1000
    }

    /// Creates a timestamp from a civil UTC date and time; nil when a field is out of range.
    public init?(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        millisecond: Int = 0, offsetSeconds: Int = 0
    ) {
        guard (1...12).contains(month), (1...Timestamp.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (0...999).contains(millisecond)
        else { return nil }
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
            - Int64(offsetSeconds)
        self.millis = seconds * 1000 + Int64(millisecond)
    }

    /// Whole seconds since the Unix epoch, rounded down.
    public var seconds: Int64 {
        millis >= 0 ? millis / 1000 : (millis - 999) / 1000
    }

    /// The civil UTC fields of this instant.
    public var civil: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let secs = seconds
        let days = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
        let rest = Int(secs - days * 86_400)
        let (year, month, day) = Timestamp.civilFromDays(days)
        return (year, month, day, rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// ISO 8601 in UTC: `2026-01-05T09:00:00Z`, with `.mmm` only when milliseconds are set.
    public var iso8601: String {
        let c = civil
        var text = Timestamp.pad(c.year, 4) + "-" + Timestamp.pad(c.month, 2) + "-"
        text += Timestamp.pad(c.day, 2) + "T" + Timestamp.pad(c.hour, 2) + ":"
        text += Timestamp.pad(c.minute, 2) + ":" + Timestamp.pad(c.second, 2)
        let fraction = Int(millis - seconds * 1000)
        if fraction != 0 { text += "." + Timestamp.pad(fraction, 3) }
        return text + "Z"
    }

    /// The UTC calendar day, `YYYY-MM-DD`.
    public var dayString: String {
        let c = civil
        return Timestamp.pad(c.year, 4) + "-" + Timestamp.pad(c.month, 2) + "-" + Timestamp.pad(c.day, 2)
    }

    /// The UTC month, `YYYY-MM`, which names a table partition.
    public var monthString: String {
        let c = civil
        return Timestamp.pad(c.year, 4) + "-" + Timestamp.pad(c.month, 2)
    }

    /// The start of this instant's UTC day.
    public var startOfDay: Timestamp {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return Timestamp(seconds: day * 86_400)
    }

    /// This instant moved by a number of seconds.
    public func adding(seconds delta: Int64) -> Timestamp {
        Timestamp(millis: millis + delta * 1000)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millis < rhs.millis
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a count of days since 1970-01-01.
    public static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Timestamp {
    /// Parses an ISO 8601 date (`2026-01-05`, midnight UTC) or date-time (`2026-01-05T09:00:00Z`,
    /// `2026-01-05T09:00:00.250+02:00`, `2026-01-05 09:00`); a date-time without a zone is UTC.
    ///
    /// - Returns: The instant, and whether only a date was given (a bare date as the end of a
    ///   range includes that whole day); nil when the text is not such a date.
    public static func parseISO8601(_ text: String) -> (timestamp: Timestamp, dateOnly: Bool)? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + width] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }
        func expect(_ char: Character) -> Bool {
            guard index < bytes.count, bytes[index] == char.asciiValue else { return false }
            index += 1
            return true
        }

        guard let year = number(4), expect("-"), let month = number(2), expect("-"),
            let day = number(2)
        else { return nil }
        if index == bytes.count {
            guard let stamp = Timestamp(year: year, month: month, day: day) else { return nil }
            return (stamp, true)
        }
        guard expect("T") || expect(" "), let hour = number(2), expect(":"), let minute = number(2)
        else { return nil }
        var second = 0
        var millisecond = 0
        if expect(":") {
            guard let value = number(2) else { return nil }
            second = value
            if expect(".") {
                let start = index
                while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
                let digits = String(decoding: bytes[start..<min(index, start + 3)], as: UTF8.self)
                millisecond = Int(digits.padding(toLength: 3))!
            }
        }
        var offset = 0
        if expect("Z") || expect("z") || index == bytes.count {
            offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2) else { return nil }
            _ = expect(":")
            guard let minutes = number(2) else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count,
            let stamp = Timestamp(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                millisecond: millisecond, offsetSeconds: offset)
        else { return nil }
        return (stamp, false)
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: "0", count: length - count)
    }
}
