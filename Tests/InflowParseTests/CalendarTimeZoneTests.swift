import InflowCore
import InflowParse
import Testing

@Suite("Calendar time zones")
struct CalendarTimeZoneTests {
    /// A Windows-named zone as Exchange writes it: US Pacific rules starting in 1601.
    static let pacific = """
        BEGIN:VTIMEZONE
        TZID:Pacific Standard Time
        BEGIN:STANDARD
        DTSTART:16010101T020000
        TZOFFSETFROM:-0700
        TZOFFSETTO:-0800
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:16010101T020000
        TZOFFSETFROM:-0800
        TZOFFSETTO:-0700
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3
        END:DAYLIGHT
        END:VTIMEZONE
        """

    // 2024: DST starts Sunday March 10 at 02:00 PST (10:00Z) and ends Sunday November 3 at
    // 02:00 PDT (09:00Z). PST is UTC-8, PDT UTC-7.
    @Test(arguments: [
        ("20240115T090000", "2024-01-15T17:00:00Z"),
        ("20240310T013000", "2024-03-10T09:30:00Z"),
        ("20240310T033000", "2024-03-10T10:30:00Z"),
        ("20240715T090000", "2024-07-15T16:00:00Z"),
        ("20241103T030000", "2024-11-03T11:00:00Z"),
    ])
    func windowsZoneFromTheFilesOwnDefinition(local: String, utc: String) throws {
        let event = CalendarFixture.event("DTSTART;TZID=Pacific Standard Time:\(local)")
        let meeting = try CalendarFixture.meeting(CalendarTimeZoneTests.pacific + "\n" + event)
        #expect(meeting.start.text == utc)
        #expect(meeting.timezone == "Pacific Standard Time")
        #expect(meeting.parseNotes.isEmpty)
    }

    @Test func definitionAfterTheEventStillApplies() throws {
        let event = CalendarFixture.event("DTSTART;TZID=Pacific Standard Time:20240715T090000")
        let meeting = try CalendarFixture.meeting(event + "\n" + CalendarTimeZoneTests.pacific)
        #expect(meeting.start.text == "2024-07-15T16:00:00Z")
    }

    // America/New_York from the system tz database. 2024: EST (UTC-5) until Sunday March 10,
    // 02:00 local; EDT (UTC-4) until Sunday November 3, 02:00 local. 02:30 on March 10 does
    // not exist and takes the offset before the gap (07:30Z = 03:30 EDT); 01:30 on November 3
    // happens twice and is the first, EDT one (05:30Z). 2045 is past the table and uses the
    // file's POSIX rule, with the same US dates (March 12 and November 5, 2045).
    @Test(arguments: [
        ("20240309T120000", "2024-03-09T17:00:00Z"),
        ("20240310T013000", "2024-03-10T06:30:00Z"),
        ("20240310T023000", "2024-03-10T07:30:00Z"),
        ("20240310T030000", "2024-03-10T07:00:00Z"),
        ("20240310T120000", "2024-03-10T16:00:00Z"),
        ("20241103T013000", "2024-11-03T05:30:00Z"),
        ("20241103T020000", "2024-11-03T07:00:00Z"),
        ("19700615T120000", "1970-06-15T16:00:00Z"),
        ("20450311T120000", "2045-03-11T17:00:00Z"),
        ("20450312T120000", "2045-03-12T16:00:00Z"),
        ("20451106T120000", "2045-11-06T17:00:00Z"),
    ])
    func ianaZoneFromTheSystemDatabase(local: String, utc: String) throws {
        let meeting = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART;TZID=America/New_York:\(local)"))
        #expect(meeting.start.text == utc)
        #expect(meeting.parseNotes.isEmpty)
    }

    // Sydney is on the southern rule: AEDT (UTC+11) from the first Sunday of October to the
    // first Sunday of April, AEST (UTC+10) between.
    @Test(arguments: [
        ("20240115T120000", "2024-01-15T01:00:00Z"),
        ("20240715T120000", "2024-07-15T02:00:00Z"),
        ("20450115T120000", "2045-01-15T01:00:00Z"),
        ("20450715T120000", "2045-07-15T02:00:00Z"),
    ])
    func southernHemisphereZone(local: String, utc: String) throws {
        let meeting = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART;TZID=Australia/Sydney:\(local)"))
        #expect(meeting.start.text == utc)
    }

    @Test(arguments: ["../../etc/passwd", "/etc/passwd", "America", "America//New_York", ""])
    func zoneNamesOutsideTheDatabaseAreUnknown(tzid: String) throws {
        let meeting = try CalendarFixture.meeting(CalendarFixture.event(
            "DTSTART;TZID=\"\(tzid)\":20240601T100000"))
        #expect(meeting.start.text == "2024-06-01T10:00:00Z")
        #expect(meeting.parseNotes.count == 1)
    }

    @Test func missingDatabaseLeavesOnlyFileDefinitions() throws {
        let text = "BEGIN:VCALENDAR\n\(CalendarTimeZoneTests.pacific)\n"
            + CalendarFixture.event("DTSTART;TZID=Pacific Standard Time:20240715T090000")
            + "\n" + CalendarFixture.event("DTSTART;TZID=Europe/Paris:20240715T090000", uid: "p")
            + "\nEND:VCALENDAR\n"
        let result = CalendarParser.parse(
            CalendarFixture.item(Fixture.crlf(text)), defaultTimeZone: nil,
            zoneDatabase: TimeZoneDatabase(directory: "/nonexistent"))
        #expect(result.meetings.map(\.start.text) == ["2024-07-15T16:00:00Z", "2024-07-15T09:00:00Z"])
    }
}
