import InflowCore

/// The rules of one time zone: what UTC offset applies at any instant.
///
/// The three sources a calendar file can point at are kept apart because each is evaluated its
/// own way: a fixed offset, a file's VTIMEZONE definition, and a TZif file from the system's
/// tz database (with its POSIX rule for instants past the table).
enum ZoneRules {
    case fixed(Int)
    case observances(VTimeZoneRules)
    case table(TZifZone)
    case posix(PosixTimeZone)

    /// The offset from UTC in seconds (east positive) in force at `utc` seconds since 1970.
    func offset(atUTC utc: Int64) -> Int {
        switch self {
        case .fixed(let offset): offset
        case .observances(let rules): rules.offset(atUTC: utc)
        case .table(let zone): zone.offset(atUTC: utc)
        case .posix(let rule): rule.offset(atUTC: utc)
        }
    }

    /// The UTC instant of a wall-clock time, given as seconds since 1970 as if it were UTC.
    ///
    /// A time that occurs twice (when clocks go back) is the first occurrence, and a time that
    /// does not occur (when clocks go forward) is read with the offset before the gap, as
    /// RFC 5545 asks for both.
    func utc(fromLocal local: Int64) -> Int64 {
        let before = offset(atUTC: local - 86_400)
        let after = offset(atUTC: local + 86_400)
        let valid = [before, after].filter { offset(atUTC: local - Int64($0)) == $0 }
        guard let earliest = valid.map({ local - Int64($0) }).min() else {
            return local - Int64(before)
        }
        return earliest
    }
}

/// Calendar arithmetic the zone rules share, on days since 1970-01-01.
enum CivilCalendar {
    /// The weekday of a day count: 0 for Sunday through 6 for Saturday.
    static func weekday(ofDays days: Int64) -> Int {
        Int(((days + 4) % 7 + 7) % 7)
    }

    /// The day of the month of the `ordinal`-th `weekday` in a month: 1 for the first, -1 for
    /// the last; nil when the month has no such day.
    static func day(ordinal: Int, weekday: Int, month: Int, year: Int) -> Int? {
        let length = Timestamp.daysIn(month: month, year: year)
        if ordinal > 0 {
            let first = self.weekday(ofDays: Timestamp.daysFromCivil(year: year, month: month, day: 1))
            let day = 1 + (weekday - first + 7) % 7 + (ordinal - 1) * 7
            return day <= length ? day : nil
        }
        let lastDays = Timestamp.daysFromCivil(year: year, month: month, day: length)
        let day = length - (self.weekday(ofDays: lastDays) - weekday + 7) % 7 + (ordinal + 1) * 7
        return day >= 1 ? day : nil
    }

    /// The civil year of an instant in seconds since 1970.
    static func year(ofSeconds seconds: Int64) -> Int {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return Timestamp.civilFromDays(days).year
    }

    /// Seconds since 1970 of a civil date and a time of day in seconds.
    static func seconds(year: Int, month: Int, day: Int, time: Int64) -> Int64 {
        Timestamp.daysFromCivil(year: year, month: month, day: day) * 86_400 + time
    }
}
