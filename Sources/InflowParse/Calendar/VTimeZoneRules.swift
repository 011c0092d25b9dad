import InflowCore

/// A zone as a calendar file defines it in a VTIMEZONE: STANDARD and DAYLIGHT observances,
/// each starting at a DTSTART and repeating yearly by an RRULE or on RDATEs.
///
/// This is what lets Exchange's Windows zone names (`W. Europe Standard Time`) work: the file
/// carries its own rules, so no name table is needed.
struct VTimeZoneRules {
    /// One STANDARD or DAYLIGHT block.
    struct Observance {
        /// The first onset as a wall-clock time in the offset before it.
        var onsetLocal: Int64
        var offsetFrom: Int
        var offsetTo: Int
        var rule: YearlyRule?
        /// Further onsets from RDATE, in UTC.
        var rdates: [Int64]
    }

    /// Onsets that happen once (each block's DTSTART and RDATEs), in UTC, ascending.
    private var onsets: [(utc: Int64, offset: Int)]
    /// The blocks that repeat yearly, at most `CalendarLimits.maxYearlyRulesPerZone`.
    private var yearly: [Observance]
    /// The offset before the first onset: what the earliest block changes from.
    private var initialOffset: Int

    /// Indexes the blocks of one VTIMEZONE; nil when there are none.
    init?(observances: [Observance]) {
        guard let earliest = observances.min(by: { $0.firstOnset < $1.firstOnset }) else {
            return nil
        }
        initialOffset = earliest.offsetFrom
        let repeating = observances.filter { $0.rule != nil }
        yearly = Array(repeating.prefix(CalendarLimits.maxYearlyRulesPerZone))
        onsets = observances.flatMap { observance in
            ([observance.firstOnset] + observance.rdates).map { ($0, observance.offsetTo) }
        }
        onsets.sort { $0.utc < $1.utc }
    }

    /// The offset in force at `utc`: that of the latest onset at or before it, or, before every
    /// onset, the offset the earliest block changes from.
    ///
    /// - Complexity: O(log n) in the one-time onsets plus O(1) per yearly block.
    func offset(atUTC utc: Int64) -> Int {
        var best = latestOnset(notAfter: utc)
        for observance in yearly {
            guard let onset = observance.ruleOnset(notAfter: utc), onset > (best?.utc ?? .min)
            else { continue }
            best = (onset, observance.offsetTo)
        }
        return best?.offset ?? initialOffset
    }

    /// The latest one-time onset at or before `utc`, by binary search.
    private func latestOnset(notAfter utc: Int64) -> (utc: Int64, offset: Int)? {
        var low = 0
        var high = onsets.count
        while low < high {
            let middle = (low + high) / 2
            if onsets[middle].utc <= utc { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? onsets[low - 1] : nil
    }
}

/// The part of an RRULE a zone observance uses: yearly, in some months, on an ordinal weekday
/// or a month day, until a date or for a count.
struct YearlyRule {
    var months: [Int]
    var weekdays: [(ordinal: Int, weekday: Int)]
    var monthDays: [Int]
    var untilUTC: Int64?
    var count: Int?

    /// Reads `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` and the like; nil for any other frequency.
    init?(_ text: String) {
        var parts: [String: String] = [:]
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            parts[pair[0].uppercased()] = String(pair[1])
        }
        guard parts["FREQ"]?.uppercased() == "YEARLY" else { return nil }
        months = YearlyRule.integers(parts["BYMONTH"]).filter { (1...12).contains($0) }
        weekdays = (parts["BYDAY"] ?? "").split(separator: ",").compactMap(YearlyRule.weekday)
        monthDays = YearlyRule.integers(parts["BYMONTHDAY"]).filter { $0 != 0 && abs($0) <= 31 }
        untilUTC = parts["UNTIL"].flatMap { CalendarValues.dateTime(Array($0.utf8)) }.map {
            switch $0 {
            case .date(let seconds): seconds + 86_399
            case .local(let seconds), .utc(let seconds): seconds
            }
        }
        count = parts["COUNT"].flatMap { Int($0) }.map { min($0, 10_000) }
    }

    private static func integers(_ text: String?) -> [Int] {
        (text ?? "").split(separator: ",").compactMap { Int($0) }
    }

    /// Reads `-1SU`, `2MO` or `SU` (ordinal 0) into an ordinal and a weekday, Sunday 0.
    private static func weekday(_ text: Substring) -> (ordinal: Int, weekday: Int)? {
        let names = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
        guard text.count >= 2, let weekday = names.firstIndex(of: text.suffix(2).uppercased())
        else { return nil }
        let prefix = text.dropLast(2)
        let ordinal = prefix.isEmpty ? 0 : Int(prefix)
        guard let ordinal, abs(ordinal) <= 5 else { return nil }
        return (ordinal, weekday)
    }

    /// The days of `month` in `year` this rule picks; `startDay` is DTSTART's day of the month,
    /// used when the rule names no day.
    func days(month: Int, year: Int, startDay: Int) -> [Int] {
        let length = Timestamp.daysIn(month: month, year: year)
        let byMonthDay = monthDays.map { $0 > 0 ? $0 : length + 1 + $0 }.filter {
            $0 >= 1 && $0 <= length
        }
        guard !weekdays.isEmpty else {
            return byMonthDay.isEmpty ? [min(startDay, length)] : byMonthDay
        }
        return weekdays.compactMap { entry in
            if entry.ordinal != 0 {
                return CivilCalendar.day(
                    ordinal: entry.ordinal, weekday: entry.weekday, month: month, year: year)
            }
            let candidates = byMonthDay.isEmpty ? Array(1...length) : byMonthDay
            return candidates.first {
                let days = Timestamp.daysFromCivil(year: year, month: month, day: $0)
                return CivilCalendar.weekday(ofDays: days) == entry.weekday
            }
        }
    }
}

extension VTimeZoneRules.Observance {
    /// The first onset in UTC.
    var firstOnset: Int64 {
        onsetLocal - Int64(offsetFrom)
    }

    /// The latest onset the yearly rule gives at or before `utc`, looking back a few years;
    /// nil when there is no rule or no such onset.
    func ruleOnset(notAfter utc: Int64) -> Int64? {
        guard let rule, firstOnset <= utc else { return nil }
        let first = firstOnset
        let start = Timestamp(millis: onsetLocal * 1000).civil
        var lastYear = CivilCalendar.year(ofSeconds: utc)
        if let until = rule.untilUTC {
            lastYear = min(lastYear, CivilCalendar.year(ofSeconds: until))
        }
        if let count = rule.count { lastYear = min(lastYear, start.year + max(count, 1) - 1) }
        let months = rule.months.isEmpty ? [start.month] : rule.months
        let time = Int64(start.hour * 3600 + start.minute * 60 + start.second)

        for year in stride(from: lastYear, through: max(start.year, lastYear - 2), by: -1) {
            let onsets = months.flatMap { month in
                rule.days(month: month, year: year, startDay: start.day).map {
                    CivilCalendar.seconds(year: year, month: month, day: $0, time: time)
                        - Int64(offsetFrom)
                }
            }
            let valid = onsets.filter { $0 >= first && $0 <= utc && $0 <= (rule.untilUTC ?? .max) }
            if let latest = valid.max() { return latest }
        }
        return nil
    }
}
