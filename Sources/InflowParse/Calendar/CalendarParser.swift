public import InflowCore

/// What one calendar file gave: a meeting per readable VEVENT and a reject per unreadable one.
public struct CalendarParseResult: Sendable, Equatable {
    /// One record per readable VEVENT, in file order.
    public var meetings: [MeetingRecord]
    /// One entry per VEVENT that could not be read, or one for a file refused whole.
    public var rejects: [ComponentReject]

    /// Creates a result.
    public init(meetings: [MeetingRecord], rejects: [ComponentReject]) {
        self.meetings = meetings
        self.rejects = rejects
    }
}

/// Reads iCalendar files (RFC 5545) into `MeetingRecord`s, one per VEVENT.
///
/// The parser is pure apart from reading zone rules from the tz database it is given: bytes
/// in, records out, no clock. Times become UTC through the file's own VTIMEZONE definitions,
/// else the database's IANA zones; recurrences are kept as their RRULE text and never
/// expanded, so every event costs time proportional to its size.
public enum CalendarParser {
    /// Parses every VEVENT of one calendar file.
    ///
    /// - Parameters:
    ///   - item: The file's bytes with their origin.
    ///   - defaultTimeZone: The IANA zone floating times (no `Z`, no TZID) are read in; UTC
    ///     when nil.
    ///   - zoneDatabase: Where IANA zone rules are read from.
    /// - Returns: The meetings in file order and a reject per event that could not be read (or
    ///   one for the whole file when it is over a limit).
    public static func parse(
        _ item: RawItem, defaultTimeZone: String?, zoneDatabase: TimeZoneDatabase = .system
    ) -> CalendarParseResult {
        var builder = CalendarTreeBuilder(item.bytes)
        let root: CalendarComponent
        do {
            root = try builder.build()
        } catch {
            let reject = ComponentReject(line: nil, reason: error.reason)
            return CalendarParseResult(meetings: [], rejects: [reject])
        }

        var zones = ZoneResolver(
            definitions: root.descendants("VTIMEZONE"), database: zoneDatabase,
            defaultZone: defaultTimeZone)
        var result = CalendarParseResult(meetings: [], rejects: [])
        for event in root.descendants("VEVENT") {
            do {
                var reader = EventReader(event: event, item: item)
                result.meetings.append(try reader.record(zones: &zones))
            } catch {
                result.rejects.append(error)
            }
        }
        return result
    }
}

/// Turns one VEVENT component into a meeting record.
private struct EventReader {
    let event: CalendarComponent
    let item: RawItem
    var notes: [String] = []

    init(event: CalendarComponent, item: RawItem) {
        self.event = event
        self.item = item
        self.notes = event.skipped.map { "\($0); line skipped" }
    }

    mutating func record(zones: inout ZoneResolver) throws(ComponentReject) -> MeetingRecord {
        if let error = event.error { throw reject(error) }
        guard let uid = event.first("UID").map(\.rawText), !uid.isEmpty else {
            throw reject("VEVENT at line \(event.line) has no UID")
        }
        guard let startLine = event.first("DTSTART") else {
            throw reject("VEVENT at line \(event.line) has no DTSTART")
        }
        guard let start = zones.time(startLine, notes: &notes) else {
            let value = startLine.rawText
            throw reject("VEVENT at line \(event.line): DTSTART '\(value)' is not a date or date-time")
        }
        let attendeeLines = event.all("ATTENDEE")
        guard attendeeLines.count <= CalendarLimits.maxAttendeesPerEvent else {
            let limit = CalendarLimits.maxAttendeesPerEvent
            throw reject("VEVENT at line \(event.line) has more than \(limit) attendees")
        }

        let recurrenceId = event.first("RECURRENCE-ID").flatMap { zones.time($0, notes: &notes) }
        var record = MeetingRecord(
            uid: uid, recurrenceId: recurrenceId, source: item.source,
            origin: item.origin(start: event.start, end: event.end),
            start: start, end: end(start: start, zones: &zones))
        if case .local = CalendarValues.dateTime(startLine.value) {
            record.timezone = startLine.parameter("TZID")
        }
        record.exdates = event.all("EXDATE").flatMap { zones.times($0, notes: &notes) }
        readText(into: &record)
        readPeople(attendeeLines, into: &record)
        record.parseNotes = notes
        return record
    }

    /// DTEND, else DTSTART plus DURATION, else one day for a date and no time for an instant.
    private mutating func end(start: MeetingTime, zones: inout ZoneResolver) -> MeetingTime {
        if let line = event.first("DTEND") {
            if let end = zones.time(line, notes: &notes) { return end }
            ZoneResolver.add("DTEND '\(line.rawText)' unreadable; end derived", to: &notes)
        }
        let duration = event.first("DURATION").flatMap { CalendarValues.duration($0.value) }
        switch start {
        case .date(let day):
            return .date(day.adding(seconds: duration.map { $0 / 86_400 * 86_400 } ?? 86_400))
        case .instant(let instant):
            return .instant(instant.adding(seconds: duration ?? 0))
        }
    }

    private func readText(into record: inout MeetingRecord) {
        record.title = event.first("SUMMARY").flatMap { TextValue.nonEmpty($0.value) }
        record.description = event.first("DESCRIPTION").flatMap { TextValue.nonEmpty($0.value) }
        record.location = event.first("LOCATION").flatMap { TextValue.nonEmpty($0.value) }
        record.status = event.first("STATUS").flatMap { TextValue.nonEmpty($0.value)?.lowercased() }
        record.rrule = event.first("RRULE").flatMap { TextValue.nonEmpty($0.value) }
    }

    private func readPeople(_ attendees: [ContentLine], into record: inout MeetingRecord) {
        if let organizer = event.first("ORGANIZER"), let address = EventReader.address(organizer) {
            record.organizer = Address(name: organizer.parameter("CN"), address: address)
        }
        record.attendees = attendees.compactMap { line in
            EventReader.address(line).map {
                MeetingAttendee(
                    name: line.parameter("CN"), address: $0,
                    status: line.parameter("PARTSTAT")?.lowercased())
            }
        }
    }

    /// The calendar address without its `mailto:` scheme, or nil when it is empty.
    private static func address(_ line: ContentLine) -> String? {
        let text = line.rawText
        let address = text.lowercased().hasPrefix("mailto:") ? String(text.dropFirst(7)) : text
        return address.isEmpty ? nil : address
    }

    private func reject(_ reason: String) -> ComponentReject {
        ComponentReject(line: event.line, reason: reason)
    }
}
