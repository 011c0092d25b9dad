import InflowCore

/// Finds the rules behind a TZID for one calendar file and turns its times into UTC.
///
/// A TZID defined by a VTIMEZONE in the file is evaluated from that definition, wherever in the
/// file it appears; any other TZID is looked up as an IANA name in the tz database. Zones are
/// loaded once per file. A TZID found nowhere is read as UTC, with a note on the event.
struct ZoneResolver {
    private var defined: [String: ZoneRules] = [:]
    private var loaded: [String: ZoneRules?] = [:]
    private let database: TimeZoneDatabase
    /// The zone floating times are read in, and its name for notes.
    private var floating: (name: String, rules: ZoneRules?)

    /// Collects the file's VTIMEZONE definitions and resolves the default zone.
    init(definitions: [CalendarComponent], database: TimeZoneDatabase, defaultZone: String?) {
        self.database = database
        for component in definitions {
            guard let tzid = component.first("TZID").map(\.rawText), defined[tzid] == nil,
                let rules = VTimeZoneRules(component: component)
            else { continue }
            defined[tzid] = .observances(rules)
        }
        floating = (defaultZone ?? "UTC", .fixed(0))
        if let defaultZone { floating.rules = rules(for: defaultZone) }
    }

    /// The rules for a TZID, or nil when neither the file nor the database knows it.
    mutating func rules(for tzid: String) -> ZoneRules? {
        if let rules = defined[tzid] { return rules }
        if let cached = loaded[tzid] { return cached }
        let rules = database.zone(named: tzid)
        loaded[tzid] = rules
        return rules
    }

    /// The meeting time of a DTSTART-like property: a date, or an instant in UTC.
    ///
    /// - Parameter notes: Receives a note when the time is floating or its zone is unknown.
    /// - Returns: nil when the value is not a date or date-time.
    mutating func time(_ line: ContentLine, notes: inout [String]) -> MeetingTime? {
        guard let value = CalendarValues.dateTime(line.value) else { return nil }
        return time(value, tzid: line.parameter("TZID"), property: line.name, notes: &notes)
    }

    /// Every time in a comma-separated list (EXDATE), skipping unreadable ones with a note.
    mutating func times(_ line: ContentLine, notes: inout [String]) -> [MeetingTime] {
        TextValue.split(line.value, on: ASCII.comma).compactMap { part in
            guard let value = CalendarValues.dateTime(part) else {
                let text = String(decoding: part, as: UTF8.self)
                ZoneResolver.add("\(line.name) value '\(text)' unreadable; skipped", to: &notes)
                return nil
            }
            return time(value, tzid: line.parameter("TZID"), property: line.name, notes: &notes)
        }
    }

    private mutating func time(
        _ value: DateTimeValue, tzid: String?, property: String, notes: inout [String]
    ) -> MeetingTime {
        switch value {
        case .date(let seconds):
            return .date(Timestamp(seconds: seconds))
        case .utc(let seconds):
            return .instant(Timestamp(seconds: seconds))
        case .local(let local):
            guard let tzid else { return floatingTime(local, property: property, notes: &notes) }
            guard let rules = rules(for: tzid) else {
                ZoneResolver.add("time zone '\(tzid)' is unknown; \(property) read as UTC", to: &notes)
                return .instant(Timestamp(seconds: local))
            }
            return .instant(Timestamp(seconds: rules.utc(fromLocal: local)))
        }
    }

    private func floatingTime(_ local: Int64, property: String, notes: inout [String]) -> MeetingTime {
        guard let rules = floating.rules else {
            let name = floating.name
            let note = "default time zone '\(name)' is unknown; floating \(property) read as UTC"
            ZoneResolver.add(note, to: &notes)
            return .instant(Timestamp(seconds: local))
        }
        ZoneResolver.add("\(property) has no time zone; read in \(floating.name)", to: &notes)
        return .instant(Timestamp(seconds: rules.utc(fromLocal: local)))
    }

    /// Appends a note unless the same note is already there.
    static func add(_ note: String, to notes: inout [String]) {
        if !notes.contains(note) { notes.append(note) }
    }
}

extension VTimeZoneRules {
    /// Reads the STANDARD and DAYLIGHT blocks of a VTIMEZONE; nil when none is usable.
    init?(component: CalendarComponent) {
        self.init(observances: component.children.compactMap(VTimeZoneRules.observance))
    }

    private static func observance(_ block: CalendarComponent) -> Observance? {
        guard block.name == "STANDARD" || block.name == "DAYLIGHT",
            let to = block.first("TZOFFSETTO").flatMap({ CalendarValues.utcOffset($0.value) }),
            let start = block.first("DTSTART").flatMap({ CalendarValues.dateTime($0.value) })
        else { return nil }
        let from = block.first("TZOFFSETFROM").flatMap { CalendarValues.utcOffset($0.value) } ?? to
        let rule = block.first("RRULE").flatMap { YearlyRule($0.rawText) }
        let rdates = block.all("RDATE").flatMap { line in
            TextValue.split(line.value, on: ASCII.comma).compactMap { part -> Int64? in
                switch CalendarValues.dateTime(part) {
                case .utc(let seconds): seconds
                case .local(let seconds), .date(let seconds): seconds - Int64(from)
                case nil: nil
                }
            }
        }
        return Observance(
            onsetLocal: start.seconds, offsetFrom: from, offsetTo: to, rule: rule, rdates: rdates)
    }
}

extension DateTimeValue {
    /// The seconds the value holds, whatever its kind.
    var seconds: Int64 {
        switch self {
        case .date(let seconds), .local(let seconds), .utc(let seconds): seconds
        }
    }
}
