import InflowCore

/// Reads RFC 5322 dates, obsolete forms included, into UTC.
///
/// Tokens are classified by form rather than position, so a missing day-of-week, comments,
/// folding and asctime order (`Mon Jan  5 09:00:00 2026`) all read. Named zones follow RFC 5322:
/// the US zones have their offsets, military letters and unknown names count as +0000. A value
/// holding `;` (a `Received:` line) is read after its last `;`.
enum DateParser {
    /// The instant the value names, or nil when no day, month, year and time can be found or
    /// they are out of range.
    static func parse(_ value: [UInt8]) -> Timestamp? {
        var fields = Fields()
        for token in tokens(value) {
            fields.take(token)
        }
        return fields.timestamp
    }

    /// The value split on whitespace and commas, comments removed.
    private static func tokens(_ value: [UInt8]) -> [ArraySlice<UInt8>] {
        var start = value.startIndex
        if let semicolon = value.lastIndex(of: ASCII.semicolon) { start = semicolon + 1 }
        var plain: [UInt8] = []
        var depth = 0
        for byte in value[start...] {
            if byte == ASCII.openParen { depth += 1 }
            if depth == 0 { plain.append(byte) } else { plain.append(ASCII.space) }
            if byte == ASCII.closeParen, depth > 0 { depth -= 1 }
        }
        return plain.split { ASCII.isWhitespace($0) || $0 == ASCII.comma }
    }

    private struct Fields {
        var numbers: [ArraySlice<UInt8>] = []
        var month: Int?
        var time: (hour: Int, minute: Int, second: Int)?
        var offset: Int?

        mutating func take(_ token: ArraySlice<UInt8>) {
            guard let first = token.first else { return }
            if token.contains(ASCII.colon), time == nil {
                takeTime(token)
            } else if first == ASCII.plus || first == ASCII.minus, token.count > 1 {
                offset = offset ?? DateParser.numericZone(token)
            } else if token.allSatisfy(ASCII.isDigit) {
                numbers.append(token)
            } else if month == nil, let named = DateParser.month(token) {
                month = named
            } else if time != nil, offset == nil, ASCII.isLetter(first) {
                offset = DateParser.namedZone(token)
            }
        }

        /// `hh:mm[:ss]`, possibly with a numeric zone glued on.
        private mutating func takeTime(_ token: ArraySlice<UInt8>) {
            var clock = token
            if let sign = token.firstIndex(where: { $0 == ASCII.plus || $0 == ASCII.minus }) {
                clock = token[..<sign]
                offset = DateParser.numericZone(token[sign...])
            }
            let parts = clock.split(separator: ASCII.colon).map(DateParser.number)
            guard parts.count >= 2, parts.count <= 3, let hour = parts[0], let minute = parts[1]
            else { return }
            let second = parts.count == 3 ? parts[2] : 0
            guard let second else { return }
            time = (hour, minute, second)
        }

        /// The instant, or nil when a field is missing or out of range (years 1 to 9999).
        var timestamp: Timestamp? {
            guard let month, let time, let date = dayAndYear(), (1...9999).contains(date.year)
            else { return nil }
            return Timestamp(
                year: date.year, month: month, day: date.day, hour: time.hour, minute: time.minute,
                second: time.second, offsetSeconds: offset ?? 0)
        }

        /// Day and year from the bare numbers: a number of three or more digits is the year,
        /// otherwise the first number is the day and the second the year.
        private func dayAndYear() -> (day: Int, year: Int)? {
            guard numbers.count >= 2 else { return nil }
            let yearIndex = numbers.firstIndex { $0.count >= 3 } ?? 1
            let dayIndex = yearIndex == 0 ? 1 : 0
            guard let day = DateParser.number(numbers[dayIndex]),
                let year = DateParser.number(numbers[yearIndex])
            else { return nil }
            switch numbers[yearIndex].count {
            case 1, 2: return (day, year < 50 ? 2000 + year : 1900 + year)
            case 3: return (day, 1900 + year)
            default: return (day, year)
            }
        }
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(ASCII.isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `+hhmm`, `-hhmm`, `+hh:mm` or `+hh` as seconds east of UTC.
    private static func numericZone(_ token: ArraySlice<UInt8>) -> Int? {
        let sign = token.first == ASCII.minus ? -1 : 1
        let digits = token.dropFirst().filter { $0 != ASCII.colon }
        guard digits.count == 4 || digits.count == 2, let value = number(digits[...]) else {
            return nil
        }
        let (hours, minutes) = digits.count == 4 ? (value / 100, value % 100) : (value, 0)
        guard minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    private static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    private static func month(_ token: ArraySlice<UInt8>) -> Int? {
        guard token.count >= 3, token.allSatisfy(ASCII.isLetter) else { return nil }
        let prefix = ASCII.lowercasedString(token.prefix(3))
        return months.firstIndex(of: prefix).map { $0 + 1 }
    }

    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
        "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    ]

    /// A zone name's offset: the RFC 5322 US zones (also as the prefix of `EST5EDT`), a numeric
    /// zone glued to `GMT`/`UTC`, else +0000 (military letters and unknown names).
    private static func namedZone(_ token: ArraySlice<UInt8>) -> Int {
        if let sign = token.firstIndex(where: { $0 == ASCII.plus || $0 == ASCII.minus }),
            let offset = numericZone(token[sign...])
        {
            return offset
        }
        let letters = ASCII.lowercasedString(token.prefix { ASCII.isLetter($0) })
        let hours = zones[letters] ?? zones[String(letters.prefix(3))] ?? 0
        return hours * 3600
    }
}
