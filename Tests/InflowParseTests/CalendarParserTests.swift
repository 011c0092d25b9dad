import InflowCore
import InflowParse
import Testing

/// Builds calendar items from fixture text.
enum CalendarFixture {
    /// A raw calendar item holding `bytes`.
    static func item(_ bytes: [UInt8]) -> RawItem {
        RawItem(
            source: .google, dataType: .meetings,
            origin: Origin(file: "fixture.ics", offset: 0, sha256: "abc123"), bytes: bytes)
    }

    /// Parses LF-separated `text`, stored with CRLF line ends.
    static func parse(_ text: String, defaultTimeZone: String? = nil) -> CalendarParseResult {
        CalendarParser.parse(item(Fixture.crlf(text)), defaultTimeZone: defaultTimeZone)
    }

    /// `body` wrapped in a VCALENDAR and parsed; requires exactly one meeting.
    static func meeting(_ body: String, defaultTimeZone: String? = nil) throws -> MeetingRecord {
        let text = "BEGIN:VCALENDAR\nVERSION:2.0\n\(body)\nEND:VCALENDAR\n"
        let result = parse(text, defaultTimeZone: defaultTimeZone)
        #expect(result.rejects.isEmpty, "\(result.rejects)")
        return try #require(result.meetings.count == 1 ? result.meetings.first : nil)
    }

    /// A VEVENT with the given UID, DTSTART line and extra lines.
    static func event(_ start: String, _ extra: String = "", uid: String = "e1@example.com") -> String {
        "BEGIN:VEVENT\nUID:\(uid)\n\(start)\(extra.isEmpty ? "" : "\n" + extra)\nEND:VEVENT"
    }
}

@Suite("Calendar parser")
struct CalendarParserTests {
    @Test func utcEventWithTextFields() throws {
        let meeting = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART:20220228T164500Z",
            """
            DTEND:20220228T173000Z
            SUMMARY:Weekly sync\\, Example Corp
            DESCRIPTION:Agenda:\\n1\\; budget\\nPath C:\\\\temp
            LOCATION:Room 2
            STATUS:CONFIRMED
            """))
        #expect(meeting.id == "e1@example.com")
        #expect(meeting.start == .instant(Timestamp(seconds: 1_646_066_700)))
        #expect(meeting.start.text == "2022-02-28T16:45:00Z")
        #expect(meeting.end.text == "2022-02-28T17:30:00Z")
        #expect(meeting.allDay == false)
        #expect(meeting.timezone == nil)
        #expect(meeting.title == "Weekly sync, Example Corp")
        #expect(meeting.description == "Agenda:\n1; budget\nPath C:\\temp")
        #expect(meeting.location == "Room 2")
        #expect(meeting.status == "confirmed")
        #expect(meeting.parseNotes.isEmpty)
        #expect(meeting.partitionDate?.iso8601 == "2022-02-28T16:45:00Z")
    }

    @Test func foldedLineRejoinsACharacterSplitAcrossLines() throws {
        let head = Array("BEGIN:VEVENT\r\nUID:fold@example.com\r\nDTSTART:20240101T100000Z\r\n".utf8)
        // "Café ☕ planning": é is C3 A9 and ☕ is E2 98 95; both are cut between fold lines.
        let summary: [UInt8] = Array("SUMMARY:Caf".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xA9]
            + Array(" ".utf8) + [0xE2, 0x98, 0x0D, 0x0A, 0x09, 0x95] + Array(" planning\r\n".utf8)
        let tail = Array("END:VEVENT\r\n".utf8)
        let result = CalendarParser.parse(
            CalendarFixture.item(head + summary + tail), defaultTimeZone: nil)
        #expect(result.meetings.first?.title == "Café ☕ planning")
    }

    @Test func quotedParameterValuesKeepColonsAndCommas() throws {
        let meeting = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART:20240101T100000Z",
            """
            ORGANIZER;CN="Ruiz, Ana: Lead":MAILTO:Ana@Example.com
            ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Bo Chen;
             X-NUM-GUESTS=0:mailto:Bo@Example.ORG
            ATTENDEE;PARTSTAT=DECLINED:mailto:cy@example.net
            ATTENDEE;PARTSTAT=NEEDS-ACTION;CN="Di":mailto:di@example.net
            ATTENDEE;PARTSTAT=TENTATIVE:mailto:
            """))
        #expect(meeting.organizer == Address(name: "Ruiz, Ana: Lead", address: "ana@example.com"))
        #expect(meeting.attendees == [
            MeetingAttendee(name: "Bo Chen", address: "bo@example.org", status: "accepted"),
            MeetingAttendee(name: nil, address: "cy@example.net", status: "declined"),
            MeetingAttendee(name: "Di", address: "di@example.net", status: "needs-action"),
        ])
    }

    @Test func allDayEventWithoutEndLastsOneDay() throws {
        let meeting = try CalendarFixture.meeting(CalendarFixture.event("DTSTART;VALUE=DATE:20240229"))
        #expect(meeting.allDay)
        #expect(meeting.start.text == "2024-02-29")
        #expect(meeting.end.text == "2024-03-01")
        #expect(meeting.timezone == nil)
        #expect(meeting.partitionDate?.iso8601 == "2024-02-29T00:00:00Z")
    }

    @Test func durationGivesTheEnd() throws {
        let meeting = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART:20240101T230000Z", "DURATION:PT1H30M"))
        #expect(meeting.end.text == "2024-01-02T00:30:00Z")
        let days = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART;VALUE=DATE:20240101", "DURATION:P3D"))
        #expect(days.end.text == "2024-01-04")
    }

    @Test func floatingTimeIsReadInTheDefaultZoneAndNoted() throws {
        let body = CalendarFixture.event("DTSTART:20240601T100000", "DTEND:20240601T110000")
        let berlin = try CalendarFixture.meeting(body, defaultTimeZone: "Europe/Berlin")
        #expect(berlin.start.text == "2024-06-01T08:00:00Z")
        #expect(berlin.end.text == "2024-06-01T09:00:00Z")
        #expect(berlin.timezone == nil)
        #expect(berlin.parseNotes == [
            "DTSTART has no time zone; read in Europe/Berlin",
            "DTEND has no time zone; read in Europe/Berlin",
        ])
        let utc = try CalendarFixture.meeting(body)
        #expect(utc.start.text == "2024-06-01T10:00:00Z")
        #expect(utc.parseNotes.first == "DTSTART has no time zone; read in UTC")
    }

    @Test func zoneIsOnlyReportedForLocalTimes() throws {
        let utc = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART;TZID=America/New_York:20240601T100000Z"))
        #expect(utc.start.text == "2024-06-01T10:00:00Z")
        #expect(utc.timezone == nil)
        let date = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART;TZID=America/New_York;VALUE=DATE:20240601"))
        #expect(date.timezone == nil)
    }

    @Test func unknownZoneIsReadAsUTCWithANote() throws {
        let meeting = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART;TZID=Mars/Olympus_Mons:20240601T100000"))
        #expect(meeting.start.text == "2024-06-01T10:00:00Z")
        #expect(meeting.timezone == "Mars/Olympus_Mons")
        #expect(meeting.parseNotes == ["time zone 'Mars/Olympus_Mons' is unknown; DTSTART read as UTC"])
    }

    @Test func recurrenceIsKeptAsDataWithOverridesKeyedByRecurrenceId() throws {
        let master = CalendarFixture.event(
            "DTSTART;TZID=America/New_York:20240305T090000",
            """
            DTEND;TZID=America/New_York:20240305T093000
            RRULE:FREQ=WEEKLY;WKST=SU;BYDAY=TU
            EXDATE;TZID=America/New_York:20240312T090000,20240319T090000
            EXDATE;TZID=America/New_York:20240402T090000
            """, uid: "series@example.com")
        let moved = CalendarFixture.event(
            "DTSTART;TZID=America/New_York:20240326T140000",
            "RECURRENCE-ID;TZID=America/New_York:20240326T090000\nSTATUS:CANCELLED",
            uid: "series@example.com")
        let result = CalendarFixture.parse("BEGIN:VCALENDAR\n\(master)\n\(moved)\nEND:VCALENDAR\n")
        #expect(result.rejects.isEmpty)
        #expect(result.meetings.count == 2)
        let series = try #require(result.meetings.first)
        #expect(series.id == "series@example.com")
        #expect(series.rrule == "FREQ=WEEKLY;WKST=SU;BYDAY=TU")
        // March 5 is before the DST change on March 10 (EST, UTC-5); the rest are after (EDT).
        #expect(series.start.text == "2024-03-05T14:00:00Z")
        #expect(series.timezone == "America/New_York")
        #expect(series.exdates.map(\.text) == [
            "2024-03-12T13:00:00Z", "2024-03-19T13:00:00Z", "2024-04-02T13:00:00Z",
        ])
        let override = try #require(result.meetings.last)
        #expect(override.id == "series@example.com#2024-03-26T13:00:00Z")
        #expect(override.recurrenceId?.text == "2024-03-26T13:00:00Z")
        #expect(override.status == "cancelled")
        #expect(override.start.text == "2024-03-26T18:00:00Z")
    }

    @Test func allDayExdatesAreDates() throws {
        let meeting = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART;VALUE=DATE:20240101",
            "RRULE:FREQ=DAILY;COUNT=5\nEXDATE;VALUE=DATE:20240102,20240104"))
        #expect(meeting.exdates.map(\.text) == ["2024-01-02", "2024-01-04"])
    }

    @Test func eventsWithoutUIDOrStartAreRejectedWithTheirLine() {
        let text = """
            BEGIN:VCALENDAR
            BEGIN:VEVENT
            DTSTART:20240101T100000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:no-start
            END:VEVENT
            BEGIN:VEVENT
            UID:bad-start
            DTSTART:2024-01-01
            END:VEVENT
            BEGIN:VEVENT
            UID:ok
            DTSTART:20240101T100000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:open
            DTSTART:20240101T100000Z
            """
        let result = CalendarFixture.parse(text)
        #expect(result.meetings.map(\.uid) == ["ok"])
        #expect(result.rejects.map(\.line) == [2, 5, 8, 16])
        #expect(result.rejects.map(\.reason) == [
            "VEVENT at line 2 has no UID",
            "VEVENT at line 5 has no DTSTART",
            "VEVENT at line 8: DTSTART '2024-01-01' is not a date or date-time",
            "VEVENT at line 16: it is never closed by END:VEVENT",
        ])
    }

    @Test func eventFragmentsWithoutACalendarAndNestedAlarmsAreRead() throws {
        let text = """
            BEGIN:VEVENT
            UID:fragment
            DTSTART:20240101T100000Z
            BEGIN:VALARM
            ACTION:DISPLAY
            DESCRIPTION:not the event's
            END:VALARM
            END:VEVENT
            """
        let result = CalendarFixture.parse(text)
        let meeting = try #require(result.meetings.first)
        #expect(meeting.description == nil)
        #expect(meeting.origin.offset == 0)
        #expect(meeting.origin.sha256.count == 64)
    }

    @Test func eachEventCarriesItsOwnOffsetAndHash() throws {
        let first = CalendarFixture.event("DTSTART:20240101T100000Z", uid: "a")
        let second = CalendarFixture.event("DTSTART:20240101T100000Z", uid: "b")
        let result = CalendarFixture.parse("BEGIN:VCALENDAR\n\(first)\n\(second)\nEND:VCALENDAR\n")
        let offsets = result.meetings.map(\.origin.offset)
        // "BEGIN:VCALENDAR\r\n" is 17 bytes; each event is 4 lines of 14+7+26+12 bytes.
        #expect(offsets == [17, 17 + 59])
        #expect(result.meetings[0].origin.sha256 != result.meetings[1].origin.sha256)
    }

    @Test func tooManyAttendeesRejectsTheEvent() {
        let attendees = (0...CalendarLimits.maxAttendeesPerEvent).map {
            "ATTENDEE:mailto:p\($0)@example.com"
        }
        let event = CalendarFixture.event(
            "DTSTART:20240101T100000Z", attendees.joined(separator: "\n"))
        let result = CalendarFixture.parse(event)
        #expect(result.meetings.isEmpty)
        #expect(result.rejects.first?.reason == "VEVENT at line 1 has more than 5000 attendees")
    }

    @Test func overlongLineRejectsTheEvent() {
        let long = "DESCRIPTION:" + String(repeating: "x", count: CalendarLimits.maxLineBytes)
        let result = CalendarFixture.parse(CalendarFixture.event("DTSTART:20240101T100000Z", long))
        #expect(result.meetings.isEmpty)
        #expect(result.rejects.first?.reason == "VEVENT at line 1: line 4 is longer than 1048576 bytes")
    }

    @Test func deepNestingAndGarbageDoNotCrash() {
        let nested = String(repeating: "BEGIN:X\n", count: 5000) + "BEGIN:VEVENT\nUID:deep\n"
        let garbage: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        #expect(CalendarFixture.parse(nested).meetings.isEmpty)
        #expect(CalendarParser.parse(CalendarFixture.item(garbage), defaultTimeZone: nil).meetings.isEmpty)
        #expect(CalendarParser.parse(CalendarFixture.item([]), defaultTimeZone: nil) ==
            CalendarParseResult(meetings: [], rejects: []))
    }

    @Test func recordRoundTripsThroughJSON() throws {
        var meeting = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART;TZID=America/New_York:20240305T090000",
            "RECURRENCE-ID;VALUE=DATE:20240305\nORGANIZER;CN=Ana:mailto:ana@example.com\n"
                + "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bo@example.org\nEXDATE:20240312T140000Z"))
        meeting.parseNotes = ["a note"]
        let json = meeting.json
        let keys = json.objectValue?.keys ?? []
        #expect(keys.prefix(6) == ["id", "type", "source", "origin", "uid", "recurrenceId"])
        #expect(json.objectValue?.string("type") == "meeting")
        #expect(json.objectValue?.string("id") == "e1@example.com#2024-03-05")
        #expect(try MeetingRecord(json: json) == meeting)
    }
}

/// Deterministic byte mutations of a valid input, for checking that broken input never
/// crashes or hangs a parser.
enum Mutations {
    /// `count` copies of `bytes`, each with a few bytes replaced, dropped or duplicated at
    /// positions drawn from a fixed linear congruential sequence.
    static func of(_ bytes: [UInt8], count: Int) -> [[UInt8]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let interesting: [UInt8] = Array(":;=,\"\\\r\n \t0Z-+T".utf8) + [0xC3, 0xFF, 0x00]
        return (0..<count).map { _ in
            var copy = bytes
            for _ in 0...next(4) where !copy.isEmpty {
                let at = next(copy.count)
                switch next(3) {
                case 0: copy[at] = interesting[next(interesting.count)]
                case 1: copy.remove(at: at)
                default: copy.insert(contentsOf: copy[at..<min(copy.count, at + next(40))], at: at)
                }
            }
            return copy
        }
    }
}

@Suite("Calendar parser on broken input")
struct CalendarMutationTests {
    @Test func mutatedCalendarsNeverCrash() throws {
        let text = "BEGIN:VCALENDAR\n" + CalendarTimeZoneTests.pacific + "\n"
            + CalendarFixture.event(
                "DTSTART;TZID=Pacific Standard Time:20240310T023000",
                """
                DTEND;TZID=America/New_York:20240310T033000
                DURATION:P1DT2H
                RRULE:FREQ=WEEKLY;BYDAY=-1SU
                EXDATE;VALUE=DATE:20240317,20240324
                RECURRENCE-ID;TZID=Europe/Berlin:20240310T023000
                ORGANIZER;CN="A, B":mailto:a@example.com
                ATTENDEE;PARTSTAT=ACCEPTED;CN=C:mailto:c@example.com
                SUMMARY:Café \\, x
                """)
            + "\nEND:VCALENDAR\n"
        var read = 0
        for input in Mutations.of(Fixture.crlf(text), count: 3000) {
            let result = CalendarParser.parse(CalendarFixture.item(input), defaultTimeZone: "Asia/Tokyo")
            read += result.meetings.count + result.rejects.count
        }
        #expect(read > 2000)
    }
}
