import InflowCore

/// An iCalendar DATE or DATE-TIME value before any zone is applied.
enum DateTimeValue: Equatable {
    /// A date without a time, as its midnight UTC in seconds since 1970.
    case date(Int64)
    /// A wall-clock time without `Z`, as seconds since 1970 as if it were UTC.
    case local(Int64)
    /// A time with `Z`, in seconds since 1970.
    case utc(Int64)
}

/// Readers for the iCalendar value types the calendar parser needs.
enum CalendarValues {
    /// Reads `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ`; nil when malformed.
    static func dateTime<Bytes: BidirectionalCollection<UInt8>>(_ raw: Bytes) -> DateTimeValue? {
        let bytes = Array(ASCII.trimmed(raw))
        guard bytes.count >= 8, let year = digits(bytes, 0, 4), let month = digits(bytes, 4, 2),
            let day = digits(bytes, 6, 2)
        else { return nil }
        if bytes.count == 8 {
            let stamp = Timestamp(year: year, month: month, day: day)
            return stamp.map { .date($0.seconds) }
        }

        let isUTC = bytes.count == 16 && (bytes[15] | 0x20) == 0x7A
        guard bytes.count == 15 || isUTC, (bytes[8] | 0x20) == 0x74,
            let hour = digits(bytes, 9, 2), let minute = digits(bytes, 11, 2),
            let second = digits(bytes, 13, 2),
            let stamp = Timestamp(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return isUTC ? .utc(stamp.seconds) : .local(stamp.seconds)
    }

    /// Reads a UTC offset `+HHMM`, `-HHMM` or `+HHMMSS` as seconds east of UTC.
    static func utcOffset<Bytes: BidirectionalCollection<UInt8>>(_ raw: Bytes) -> Int? {
        let bytes = Array(ASCII.trimmed(raw))
        guard bytes.count == 5 || bytes.count == 7,
            bytes[0] == ASCII.plus || bytes[0] == ASCII.minus,
            let hours = digits(bytes, 1, 2), let minutes = digits(bytes, 3, 2), minutes < 60
        else { return nil }
        let seconds = bytes.count == 7 ? digits(bytes, 5, 2) : 0
        guard let seconds else { return nil }
        let total = hours * 3600 + minutes * 60 + seconds
        return bytes[0] == ASCII.minus ? -total : total
    }

    /// Reads a DURATION such as `PT1H30M`, `P1D`, `-PT15M` or `P2W` as seconds, capped at
    /// about 2,000 years so that no date arithmetic on it can overflow; nil when malformed.
    static func duration<Bytes: BidirectionalCollection<UInt8>>(_ raw: Bytes) -> Int64? {
        var bytes = Array(ASCII.trimmed(raw))[...]
        let negative = bytes.first == ASCII.minus
        if bytes.first == ASCII.minus || bytes.first == ASCII.plus { bytes = bytes.dropFirst() }
        guard bytes.popFirst().map({ $0 | 0x20 }) == 0x70, !bytes.isEmpty else { return nil }

        var total: Int64 = 0
        var number: Int64?
        for byte in bytes {
            if ASCII.isDigit(byte) {
                number = min((number ?? 0) * 10 + Int64(byte - 0x30), maxDurationSeconds)
                continue
            }
            if byte | 0x20 == 0x74, number == nil { continue }
            guard let value = number, let unit = durationUnit(byte) else { return nil }
            total = min(total + value * unit, maxDurationSeconds)
            number = nil
        }
        guard number == nil else { return nil }
        return negative ? -total : total
    }

    private static let maxDurationSeconds: Int64 = 1 << 36

    private static func durationUnit(_ byte: UInt8) -> Int64? {
        switch byte | 0x20 {
        case 0x77: 7 * 86_400
        case 0x64: 86_400
        case 0x68: 3600
        case 0x6D: 60
        case 0x73: 1
        default: nil
        }
    }

    /// The decimal number in `bytes[start..<start + count]`, or nil when any byte is not a digit.
    static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard ASCII.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
