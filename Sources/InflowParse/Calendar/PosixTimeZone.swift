import InflowCore

/// A POSIX TZ rule such as `EST5EDT,M3.2.0,M11.1.0` or `<+0330>-3:30`, as found in the footer
/// of a TZif file, which gives the offset for instants past the file's transition table.
struct PosixTimeZone {
    /// The standard offset from UTC in seconds, east positive (POSIX writes it west positive).
    var standardOffset: Int
    /// The daylight rule, or nil for a zone without daylight saving time.
    var daylight: Daylight?

    /// When daylight saving time applies and its offset.
    struct Daylight {
        var offset: Int
        var start: Transition
        var end: Transition
    }

    /// A yearly change: a day rule and the local time of day it happens at, in seconds.
    struct Transition {
        var day: DayRule
        var time: Int64
    }

    /// The three POSIX day forms.
    enum DayRule {
        /// `Jn`: day 1...365, February 29 never counted.
        case julian(Int)
        /// `n`: day 0...365 counting February 29.
        case zeroBased(Int)
        /// `Mm.w.d`: weekday `d` of week `w` (5 = last) of month `m`.
        case monthWeek(month: Int, week: Int, weekday: Int)
    }

    /// The offset in force at `utc`.
    func offset(atUTC utc: Int64) -> Int {
        guard let daylight else { return standardOffset }
        let year = CivilCalendar.year(ofSeconds: utc + Int64(standardOffset))
        let start = daylight.start.localSeconds(year: year) - Int64(standardOffset)
        let end = daylight.end.localSeconds(year: year) - Int64(daylight.offset)
        let inDaylight = start < end ? (start <= utc && utc < end) : !(end <= utc && utc < start)
        return inDaylight ? daylight.offset : standardOffset
    }
}

extension PosixTimeZone.Transition {
    /// The local wall time of this change in `year`, as seconds since 1970 as if it were UTC.
    func localSeconds(year: Int) -> Int64 {
        let january1 = Timestamp.daysFromCivil(year: year, month: 1, day: 1)
        let leap = Timestamp.daysIn(month: 2, year: year) == 29
        let days: Int64
        switch day {
        case .julian(let n):
            days = january1 + Int64(n - 1) + (leap && n >= 60 ? 1 : 0)
        case .zeroBased(let n):
            days = january1 + Int64(n)
        case .monthWeek(let month, let week, let weekday):
            let ordinal = week == 5 ? -1 : week
            let day = CivilCalendar.day(ordinal: ordinal, weekday: weekday, month: month, year: year)
            days = Timestamp.daysFromCivil(year: year, month: month, day: day ?? 1)
        }
        return days * 86_400 + time
    }
}

extension PosixTimeZone {
    /// Parses a POSIX TZ string; nil when it is malformed. A daylight zone without rules gets
    /// the United States rules, as POSIX implementations do.
    init?(_ text: String) {
        var scanner = PosixScanner(bytes: Array(text.utf8))
        guard scanner.name(), let standard = scanner.time() else { return nil }
        standardOffset = -Int(standard)
        guard scanner.name() else {
            guard scanner.atEnd else { return nil }
            daylight = nil
            return
        }

        let offset = scanner.peekIsTime ? scanner.time().map { -Int($0) } : standardOffset + 3600
        guard let offset else { return nil }
        if scanner.atEnd {
            let start = Transition(day: .monthWeek(month: 3, week: 2, weekday: 0), time: 7200)
            let end = Transition(day: .monthWeek(month: 11, week: 1, weekday: 0), time: 7200)
            daylight = Daylight(offset: offset, start: start, end: end)
            return
        }
        guard scanner.consume(","), let start = scanner.transition(), scanner.consume(","),
            let end = scanner.transition(), scanner.atEnd
        else { return nil }
        daylight = Daylight(offset: offset, start: start, end: end)
    }
}

/// A cursor over a POSIX TZ string.
private struct PosixScanner {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool {
        index == bytes.count
    }

    var peekIsTime: Bool {
        index < bytes.count && (ASCII.isDigit(bytes[index]) || bytes[index] == ASCII.plus
            || bytes[index] == ASCII.minus)
    }

    mutating func consume(_ char: Character) -> Bool {
        guard index < bytes.count, bytes[index] == char.asciiValue else { return false }
        index += 1
        return true
    }

    /// Skips a zone abbreviation, plain letters or `<...>`; false when there is none.
    mutating func name() -> Bool {
        if consume("<") {
            guard let close = bytes[index...].firstIndex(of: ASCII.greater) else { return false }
            index = close + 1
            return true
        }
        let start = index
        while index < bytes.count, ASCII.isLetter(bytes[index]) {
            index += 1
        }
        return index - start >= 3
    }

    /// Reads `[+-]hh[:mm[:ss]]` as signed seconds.
    mutating func time() -> Int64? {
        let sign: Int64 = consume("-") ? -1 : 1
        if sign == 1 { _ = consume("+") }
        guard let hours = number(maxDigits: 3) else { return nil }
        var seconds = hours * 3600
        if consume(":") {
            guard let minutes = number(maxDigits: 2) else { return nil }
            seconds += minutes * 60
            if consume(":") {
                guard let secs = number(maxDigits: 2) else { return nil }
                seconds += secs
            }
        }
        return sign * seconds
    }

    /// Reads a day rule and an optional `/time` (default 02:00).
    mutating func transition() -> PosixTimeZone.Transition? {
        let day: PosixTimeZone.DayRule
        if consume("M") {
            guard let month = number(maxDigits: 2), (1...12).contains(month), consume("."),
                let week = number(maxDigits: 1), (1...5).contains(week), consume("."),
                let weekday = number(maxDigits: 1), weekday <= 6
            else { return nil }
            day = .monthWeek(month: Int(month), week: Int(week), weekday: Int(weekday))
        } else if consume("J") {
            guard let n = number(maxDigits: 3), (1...365).contains(n) else { return nil }
            day = .julian(Int(n))
        } else {
            guard let n = number(maxDigits: 3), n <= 365 else { return nil }
            day = .zeroBased(Int(n))
        }
        guard consume("/") else { return .init(day: day, time: 7200) }
        guard let time = time() else { return nil }
        return .init(day: day, time: time)
    }

    mutating func number(maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        let start = index
        while index < bytes.count, index - start < maxDigits, ASCII.isDigit(bytes[index]) {
            value = value * 10 + Int64(bytes[index] - 0x30)
            index += 1
        }
        return index > start ? value : nil
    }
}
